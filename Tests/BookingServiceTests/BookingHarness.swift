import BookingService
import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import SearchClient
import ServiceCore
import Testing
import TestSupport

/// Builds the real booking service in process on a fresh database (migrated at start-up). Sessions are minted with
/// the shared secret, as the auth service would issue them.
enum BookingHarness {
    static let secret = InProcessSessions.secret

    static func run(
        configure: @Sendable (inout BookingConfiguration) -> Void = { _ in }, _ body: @Sendable @escaping (BookingAPI) async throws -> Void
    ) async throws {
        try await TestDatabase.with { db in
            var config = BookingConfiguration(database: db, tokenSecret: secret)
            config.migrateOnStart = true
            config.port = 0
            config.listCacheSeconds = 0
            configure(&config)
            let app = try await BookingService.buildApplication(config, logger: TestDatabase.logger)
            let sessions = try await SessionMinter()
            try await app.test(.router) { client in
                try await PostgresClient.withClient(db, logger: TestDatabase.logger) { pg in
                    try await body(BookingAPI(client: client, sessions: sessions, pg: pg, db: db))
                }
            }
        }
    }
}

struct BookingAPI: Sendable {
    let client: any TestClientProtocol
    let sessions: SessionMinter
    let pg: PostgresClient
    let db: DatabaseSettings

    func session(_ role: Role) async throws -> Session {
        try await sessions.session(role)
    }

    @discardableResult
    func call(_ method: HTTPRequest.Method, _ path: String, body: Any? = nil, as session: Session?) async throws -> Reply {
        try await client.call(method, path, body: body, token: session?.token)
    }

    /// A theater with a seat grid, a movie and a showing tomorrow, made by an admin; returns their ids.
    func catalogue(rows: Int = 3, perRow: Int = 4, premiumRows: String? = nil, admin: Session) async throws -> Catalogue {
        let theater = try await call(
            .post, "/booking/theaters/",
            body: ["name": "Screen \(UUID().uuidString.prefix(4))", "location": "Mall", "description": "d", "address": "1 Road", "city": "Pune"],
            as: admin)
        #expect(theater.status == 201, "\(theater.text)")
        let theaterID = try #require(theater.id)
        var path = "/booking/seats/\(theaterID)/initialize?rows=\(rows)&seats_per_row=\(perRow)"
        if let premiumRows { path += "&premium_rows=\(premiumRows)" }
        let seats = try await call(.post, path, as: admin)
        #expect(seats.status == 201, "\(seats.text)")
        let movie = try await call(
            .post, "/booking/movies/", body: ["title": "Film \(UUID().uuidString.prefix(4))", "duration_minutes": 120], as: admin)
        #expect(movie.status == 201, "\(movie.text)")
        let movieID = try #require(movie.id)
        let start = Date().addingTimeInterval(86_400)
        let showing = try await call(
            .post, "/booking/showings/",
            body: [
                "movie_id": movieID, "theater_id": theaterID, "show_start_datetime": iso(start),
                "show_end_datetime": iso(start.addingTimeInterval(7200)),
            ], as: admin)
        #expect(showing.status == 201, "\(showing.text)")
        let seatIDs = Dictionary(uniqueKeysWithValues: seats.list.map { ($0["seat_number"] as! String, $0["id"] as! String) })
        return Catalogue(theaterID: theaterID, movieID: movieID, showingID: try #require(showing.id), seats: seatIDs)
    }

    func iso(_ date: Date) -> String { date.formatted(Date.ISO8601FormatStyle()) }
}

struct Catalogue: Sendable {
    var theaterID: String
    var movieID: String
    var showingID: String
    /// Seat number (A1) to id.
    var seats: [String: String]
}
