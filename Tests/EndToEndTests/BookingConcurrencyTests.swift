import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PostgresNIO
import ServiceCore
import Testing
import TestSupport

/// No seat is ever sold twice for one showing, whatever the concurrency: 240 booking attempts for overlapping seats,
/// all in flight at once, spread over two running `booking-service` processes on one database.
@Suite(.tags(.endToEnd, .heavy)) struct BookingConcurrencyTests {

    struct Attempt: Sendable {
        var user: Int
        var seats: [String]
        var instance: Int
    }

    struct Outcome: Sendable {
        var attempt: Attempt
        var status: Int
        var body: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:] }
        var text: String
    }

    @Test func twoInstancesNeverSellASeatTwice() async throws {
        try await EndToEnd.run { e2e in
            let db = e2e.db
            let (first, firstURL) = try await e2e.startBookingService(databaseURL: e2e.databaseURL)
            let (second, secondURL) = try await e2e.startBookingService(databaseURL: e2e.databaseURL)
            // Enough connections for every attempt to be in flight at once (the default is 8 per host).
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 150
            configuration.timeout.connect = .seconds(10)
            let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            do {
                try await run(db: db, urls: [firstURL, secondURL], http: http)
                try await http.shutdown()
            } catch {
                try? await http.shutdown()
                await first.stop()
                await second.stop()
                throw error
            }
            await first.stop()
            await second.stop()
        }
    }

    private func run(db: DatabaseSettings, urls: [String], http: HTTPClient) async throws {
        let tokens = try await TokenService(secret: EndToEnd.secret, lifetime: 3600)
        let admin = try await tokens.issue(userID: UUID(), email: "admin@example.com", role: .admin).token
        func call(_ url: String, _ method: HTTPMethod, _ path: String, _ body: [String: Any]?, token: String) async throws -> (Int, String) {
            var request = HTTPClientRequest(url: url + path)
            request.method = method
            request.headers.add(name: "Cookie", value: "access_token=\(token)")
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
            }
            let response = try await http.execute(request, timeout: .seconds(60))
            let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
            return (Int(response.status.code), text)
        }
        func object(_ text: String) -> [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:] }

        let (_, theaterText) = try await call(
            urls[0], .POST, "/booking/theaters/", ["name": "Race", "location": "L", "address": "A", "city": "C"], token: admin)
        let theaterID = try #require(object(theaterText)["id"] as? String)
        let (_, seatsText) = try await call(urls[0], .POST, "/booking/seats/\(theaterID)/initialize?rows=4&seats_per_row=5", nil, token: admin)
        let seats = try #require(try JSONSerialization.jsonObject(with: Data(seatsText.utf8)) as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(seats.count == 20)
        let (_, movieText) = try await call(urls[1], .POST, "/booking/movies/", ["title": "Race", "duration_minutes": 100], token: admin)
        let movieID = try #require(object(movieText)["id"] as? String)
        let start = Date().addingTimeInterval(86_400)
        let (showingStatus, showingText) = try await call(
            urls[1], .POST, "/booking/showings/",
            [
                "movie_id": movieID, "theater_id": theaterID, "show_start_datetime": start.formatted(Date.ISO8601FormatStyle()),
                "show_end_datetime": start.addingTimeInterval(7200).formatted(Date.ISO8601FormatStyle()),
            ], token: admin)
        #expect(showingStatus == 201, "\(showingText)")
        let showingID = try #require(object(showingText)["id"] as? String)

        var users: [String] = []
        for i in 0..<40 {
            users.append(try await tokens.issue(userID: UUID(), email: "u\(i)@example.com", role: .user).token)
        }
        var generator = SystemRandomNumberGenerator()
        let attempts = (0..<240).map { n in
            Attempt(user: n % users.count, seats: Array(seats.shuffled(using: &generator).prefix(Int.random(in: 1...3))), instance: n % 2)
        }
        let sessions = users
        let outcomes = try await withThrowingTaskGroup(of: Outcome.self) { group in
            for attempt in attempts {
                group.addTask {
                    let (status, text) = try await call(
                        urls[attempt.instance], .POST, "/booking/bookings/", ["showing_id": showingID, "seats_ids": attempt.seats],
                        token: sessions[attempt.user])
                    return Outcome(attempt: attempt, status: status, text: text)
                }
            }
            var all: [Outcome] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }

        #expect(outcomes.count == 240)
        let statuses = Dictionary(grouping: outcomes, by: \.status).mapValues(\.count)
        #expect(Set(statuses.keys).isSubset(of: [201, 409]), "unexpected statuses \(statuses)")
        let won = outcomes.filter { $0.status == 201 }
        print("booking race: \(outcomes.count) attempts on 2 instances -> \(statuses.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))")
        #expect(!won.isEmpty)
        for loss in outcomes where loss.status == 409 {
            #expect((loss.body["unavailable_seats"] as? [String])?.isEmpty == false, "\(loss.text)")
        }
        // Every successful booking is complete and its seats are its own.
        var soldInResponses: [String: String] = [:]
        for win in won {
            let booked = ((win.body["booking_seats"] as? [[String: Any]]) ?? []).compactMap { $0["seat_id"] as? String }
            #expect(Set(booked) == Set(win.attempt.seats), "\(win.text)")
            for seat in booked {
                #expect(soldInResponses[seat] == nil, "seat \(seat) reported sold twice")
                soldInResponses[seat] = win.body["id"] as? String
            }
        }
        // And the database agrees: each seat at most once, no booking without its seats.
        let soldCount = soldInResponses.count
        try await PostgresClient.withClient(db, logger: TestDatabase.logger) { pg in
            var duplicates = 0
            for try await n in try await pg.query(
                """
                SELECT count(*)::int FROM (SELECT seat_id FROM booking_seats WHERE showing_id = \(UUID(uuidString: showingID)!)
                AND released_at IS NULL GROUP BY seat_id HAVING count(*) > 1) d
                """, logger: TestDatabase.logger
            ).decode(Int.self) { duplicates = n }
            #expect(duplicates == 0)
            var bookings = 0
            var incomplete = 0
            var sold = 0
            for try await (b, i, s) in try await pg.query(
                """
                SELECT (SELECT count(*) FROM bookings)::int,
                       (SELECT count(*) FROM bookings b WHERE NOT EXISTS (SELECT 1 FROM booking_seats bs WHERE bs.booking_id = b.id))::int,
                       (SELECT count(*) FROM booking_seats)::int
                """, logger: TestDatabase.logger
            ).decode((Int, Int, Int).self) {
                (bookings, incomplete, sold) = (b, i, s)
            }
            #expect(bookings == won.count && incomplete == 0 && sold == soldCount)
            #expect(sold <= 20)
        }
    }
}
