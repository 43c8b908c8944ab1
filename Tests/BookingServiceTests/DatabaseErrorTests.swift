import Foundation
import Hummingbird
import PostgresNIO
import ServiceCore
import Testing
import TestSupport

/// Database errors the client or an outage caused are never 500s: a value the database refuses is a 422 (or 413),
/// a connection killed or a statement cancelled mid-query a 503 with Retry-After; no answer names SQL, a table,
/// the driver or a Swift type.
@Suite struct DatabaseErrorTests {
    /// Words no error body may carry.
    static let internals = [
        "SQL", "sql", "Postgres", "PSQL", "postgres", "varchar", "character varying", "tsvector", "theaters", "showings", "movies_search",
        "relation", "constraint", "byte sequence", "SQLSTATE", "Error", "127.0.0.1", "Swift",
    ]

    static func expectClean(_ reply: Reply, sourceLocation: SourceLocation = #_sourceLocation) {
        for word in internals {
            #expect(!reply.text.contains(word), "the answer mentions \(word): \(reply.text)", sourceLocation: sourceLocation)
        }
    }

    @Test func aNulCharacterIs422() async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            let reply = try await api.call(
                .post, "/booking/theaters/", body: #"{"name": "Screen\u0000One", "location": "Mall", "address": "1 Road", "city": "Pune"}"#,
                as: admin)
            #expect(reply.status == 422, "\(reply.status) \(reply.text)")
            Self.expectClean(reply)
            #expect(try await api.call(.get, "/booking/theaters/", as: admin).list.isEmpty)
        }
    }

    @Test func aNumberOutOfItsColumnsRangeIs422() async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            let c = try await api.catalogue(admin: admin)
            let start = Date().addingTimeInterval(3 * 86_400)
            let reply = try await api.call(
                .post, "/booking/showings/",
                body: [
                    "movie_id": c.movieID, "theater_id": c.theaterID, "show_start_datetime": api.iso(start),
                    "show_end_datetime": api.iso(start.addingTimeInterval(7200)), "available_seats": 3_000_000_000,
                ], as: admin)
            #expect(reply.status == 422, "\(reply.status) \(reply.text)")
            Self.expectClean(reply)
        }
    }

    /// A description within the 1 MB body whose search vector is past PostgreSQL's 1 MB (54000 "string is too long
    /// for tsvector"): lower-casing makes it longer.
    @Test func aTextTooLargeToIndexIs413() async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            let reply = try await api.call(
                .post, "/booking/movies/", body: ["title": "Long", "duration_minutes": 100, "description": TestInputs.expandingWords(22_000)], as: admin)
            #expect([413, 422].contains(reply.status), "\(reply.status) \(reply.text)")
            Self.expectClean(reply)
        }
    }

    /// The service's statement waits on a row the test locked; the test then kills (57P01) or cancels (57014) it.
    func withServiceStatementKilled(by function: String, _ check: @escaping @Sendable (Reply) async throws -> Void) async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            let created = try await api.call(
                .post, "/booking/theaters/", body: ["name": "Locked", "location": "L", "address": "A", "city": "C"], as: admin)
            let id = try #require(created.id.flatMap(UUID.init(uuidString:)))
            let logger = TestDatabase.logger
            let reply: Reply = try await api.pg.withTransaction(logger: logger) { conn in
                try await conn.query("SELECT id FROM theaters WHERE id = \(id) FOR UPDATE", logger: logger)
                let pending = Task { try await api.call(.patch, "/booking/theaters/\(id)", body: ["name": "Renamed"], as: admin) }
                var killed = 0
                for _ in 0..<200 where killed == 0 {
                    try await Task.sleep(for: .milliseconds(10))
                    for try await count in try await api.pg.query(
                        """
                        SELECT count(\(unescaped: function)(pid))::int FROM pg_stat_activity
                        WHERE datname = current_database() AND wait_event_type = 'Lock'
                        """, logger: logger
                    ).decode(Int.self) {
                        killed = count
                    }
                }
                #expect(killed == 1)
                return try await pending.value
            }
            try await check(reply)
            Self.expectClean(reply)
            // the service carries on: the pool replaces the connection, the gate stayed open (the server is up)
            let after = try await api.call(.patch, "/booking/theaters/\(id)", body: ["name": "Renamed"], as: admin)
            #expect(after.status == 200, "\(after.status) \(after.text)")
            #expect(try await api.call(.get, "/ready", as: nil).status == 200)
        }
    }

    @Test func aConnectionTerminatedMidQueryIs503WithRetryAfter() async throws {
        try await withServiceStatementKilled(by: "pg_terminate_backend") { reply in
            #expect(reply.status == 503, "\(reply.status) \(reply.text)")
            #expect(reply.headers[.retryAfter] == "1")
            #expect(reply.detail == "The database is unavailable; try again shortly")
        }
    }

    @Test func aCancelledStatementIs503WithRetryAfter() async throws {
        try await withServiceStatementKilled(by: "pg_cancel_backend") { reply in
            #expect(reply.status == 503, "\(reply.status) \(reply.text)")
            #expect(Int(reply.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(reply.detail == "The database did not answer in time; try again shortly")
        }
    }
}

/// Thousands of bookings refused by the database (a seat already sold: a unique violation while the statement runs)
/// leave every connection of the pool serving: none is lost to a failed statement (PooledQueries.swift says how
/// PostgresNIO's pool-level calls lost one in a few hundred).
@Suite struct RefusedWritesKeepThePoolTests {
    @Test func thousandsOfConflictsLoseNoConnection() async throws {
        try await BookingHarness.run(configure: {
            ($0.database.maximumConnections, $0.database.minimumConnections) = (2, 2)
            $0.databaseTimeout = .seconds(3)
        }) { api in
            let admin = try await api.session(.admin)
            let c = try await api.catalogue(admin: admin)
            let seat = try #require(c.seats["A1"])
            let first = try await api.call(.post, "/booking/bookings/", body: ["showing_id": c.showingID, "seats_ids": [seat]], as: try await api.session(.user))
            #expect(first.status == 201, "\(first.text)")
            let attempts = 3000
            let statuses = try await withThrowingTaskGroup(of: [Int: Int].self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let user = try await api.session(.user)
                        var statuses: [Int: Int] = [:]
                        for _ in 0..<(attempts / 8) {
                            let reply = try await api.call(.post, "/booking/bookings/", body: ["showing_id": c.showingID, "seats_ids": [seat]], as: user)
                            statuses[reply.status, default: 0] += 1
                            if reply.status == 503 { break }  // the pool is gone: no use going on
                        }
                        return statuses
                    }
                }
                return try await group.reduce(into: [:]) { $0.merge($1, uniquingKeysWith: +) }
            }
            #expect(statuses == [409: attempts / 8 * 8], "\(statuses)")
            // Both connections at once, each answering in time.
            let clock = ContinuousClock.now
            let lists = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<2 { group.addTask { try await api.call(.get, "/booking/bookings/", as: admin).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(lists == [200, 200], "\(lists)")
            #expect(clock.duration(to: .now) < .seconds(2), "the lists took \(clock.duration(to: .now))")
        }
    }
}
