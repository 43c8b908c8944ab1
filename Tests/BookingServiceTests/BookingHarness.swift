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
    static let secret = "test-secret-0123456789-0123456789-0123456789"

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
            let tokens = try await TokenService(secret: secret, lifetime: 3600)
            try await app.test(.router) { client in
                try await PostgresClient.withClient(db, logger: TestDatabase.logger) { pg in
                    try await body(BookingAPI(client: client, tokens: tokens, pg: pg))
                }
            }
        }
    }
}

struct Reply: Sendable {
    var status: Int
    var headers: HTTPFields
    var text: String

    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:] }
    var list: [[String: Any]] { (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]) ?? [] }
    var detail: String? { json["detail"] as? String }
    var id: String? { json["id"] as? String }
}

struct Session: Sendable {
    var id: UUID
    var token: String
}

struct BookingAPI: Sendable {
    let client: any TestClientProtocol
    let tokens: TokenService
    let pg: PostgresClient

    func session(_ role: Role) async throws -> Session {
        let id = UUID()
        let issued = try await tokens.issue(userID: id, email: "\(id.uuidString.prefix(8))@example.com", role: role)
        return Session(id: id, token: issued.token)
    }

    @discardableResult
    func call(_ method: HTTPRequest.Method, _ path: String, body: Any? = nil, as session: Session?) async throws -> Reply {
        var headers: HTTPFields = [:]
        if let session { headers[.cookie] = "access_token=\(session.token)" }
        var buffer: ByteBuffer?
        if let body {
            headers[.contentType] = "application/json"
            if let text = body as? String {
                buffer = ByteBuffer(string: text)
            } else {
                buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
            }
        }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: buffer)
        return Reply(status: Int(response.status.code), headers: response.headers, text: String(buffer: response.body))
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
