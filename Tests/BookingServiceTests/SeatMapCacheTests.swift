import BookingService
import Foundation
import PostgresNIO
import PostgresPipeline
import ServiceCore
import Testing
import TestSupport

/// A showing's seat map is kept in memory per showing (``UserListCache``) but never served stale: a hold, a booking, a
/// release, a hold's expiry or a catalogue change made anywhere, even by SQL that bypasses the service, shows on the
/// next request.
@Suite struct SeatMapCacheTests {
    @Test func everyChangeShowsOnTheNextRequestEvenWhenMadeBySQL() async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            let c = try await api.catalogue(rows: 2, perRow: 2, admin: admin)
            let user = try await api.session(.user)
            let other = try await api.session(.user)
            let showing = UUID(uuidString: c.showingID)!
            let path = "/booking/booking_seats/\(c.showingID)/map"
            @Sendable func map() async throws -> [String: [String: Any]] {
                let reply = try await api.call(.get, path, as: user)
                #expect(reply.status == 200, "\(reply.text)")
                return Dictionary(uniqueKeysWithValues: reply.list.map { (($0["seat"] as! [String: Any])["seat_number"] as! String, $0) })
            }
            @Sendable func states() async throws -> [String: String] { try await map().mapValues { $0["state"] as! String } }
            @Sendable func sql(_ query: PostgresQuery) async throws { try await api.pg.query(query, logger: TestDatabase.logger) }

            #expect(try await states() == ["A1": "free", "A2": "free", "B1": "free", "B2": "free"])
            // The same map again (from memory): the same bytes.
            let first = try await api.call(.get, path, as: user).text
            #expect(try await api.call(.get, path, as: other).text == first)

            // Through the service: a hold, a booking, a cancellation.
            let hold = try await api.call(.post, "/booking/booking_seats/lock", body: ["showing_id": c.showingID, "seat_id": c.seats["A1"]!], as: user)
            #expect(hold.status == 201, "\(hold.text)")
            #expect(try await map()["A1"]?["held_by"] as? String == user.id.uuidString.lowercased())
            let booked = try await api.call(.post, "/booking/bookings/", body: ["showing_id": c.showingID, "seats_ids": [c.seats["B2"]!]], as: other)
            #expect(booked.status == 201, "\(booked.text)")
            #expect(try await states() == ["A1": "held", "A2": "free", "B1": "free", "B2": "booked"])
            let cancelled = try await api.call(.post, "/booking/bookings/\(booked.id!)/cancel", as: other)
            #expect(cancelled.status == 200, "\(cancelled.text)")
            #expect(try await states()["B2"] == "free")

            // Behind the service's back: a hold released, a hold given to someone else, a seat sold.
            try await sql("DELETE FROM seat_holds WHERE showing_id = \(showing)")
            #expect(try await states()["A1"] == "free")
            try await sql(
                "INSERT INTO seat_holds (showing_id, seat_id, user_id, expires_at) VALUES (\(showing), \(UUID(uuidString: c.seats["A2"]!)!), \(other.id), now() + interval '1 hour')")
            #expect(try await map()["A2"]?["held_by"] as? String == other.id.uuidString.lowercased())
            try await sql("UPDATE seat_holds SET user_id = \(user.id) WHERE showing_id = \(showing)")
            #expect(try await map()["A2"]?["held_by"] as? String == user.id.uuidString.lowercased())
            let sold = try await api.call(.post, "/booking/bookings/", body: ["showing_id": c.showingID, "seats_ids": [c.seats["B1"]!]], as: other)
            #expect(sold.status == 201, "\(sold.text)")
            try await sql("UPDATE booking_seats SET released_at = now() WHERE seat_id = \(UUID(uuidString: c.seats["B1"]!)!)")
            #expect(try await states()["B1"] == "free")

            // The catalogue: a price, a seat's number, a new seat of the theater.
            try await sql("UPDATE showing_prices SET price = 42 WHERE showing_id = \(showing)")
            #expect(try await map()["A1"]?["price"] as? Double == 42)
            try await sql("UPDATE seats SET seat_number = 'Z9' WHERE id = \(UUID(uuidString: c.seats["B2"]!)!)")
            #expect(try await map()["Z9"]?["state"] as? String == "free")
            try await sql(
                "INSERT INTO seats (theater_id, seat_number, \"row\", \"column\", seat_type) VALUES (\(UUID(uuidString: c.theaterID)!), 'C1', 'C', '1', 'regular')")
            #expect(try await map()["C1"]?["state"] as? String == "free")
            #expect(try await map().count == 5)

            // Each showing has its own map; a missing one is still a 404, twice.
            let missing = "/booking/booking_seats/\(UUID().uuidString.lowercased())/map"
            #expect(try await api.call(.get, missing, as: user).status == 404)
            #expect(try await api.call(.get, missing, as: user).status == 404)
            // A showing deleted after its map was kept: 404 too.
            try await sql("DELETE FROM booking_seats WHERE showing_id = \(showing)")
            try await sql("DELETE FROM bookings WHERE showing_id = \(showing)")
            try await sql("DELETE FROM showings WHERE id = \(showing)")
            #expect(try await api.call(.get, path, as: user).status == 404)
        }
    }

    /// A hold that expires changes no row, yet the next map shows the seat free.
    @Test func anExpiredHoldShowsFree() async throws {
        try await BookingHarness.run(configure: { $0.holdDuration = .seconds(1) }) { api in
            let admin = try await api.session(.admin)
            let c = try await api.catalogue(rows: 1, perRow: 2, admin: admin)
            let user = try await api.session(.user)
            let path = "/booking/booking_seats/\(c.showingID)/map"
            @Sendable func state(_ seat: String) async throws -> String? {
                try await api.call(.get, path, as: user).list.first { ($0["seat"] as? [String: Any])?["seat_number"] as? String == seat }?["state"] as? String
            }
            let hold = try await api.call(.post, "/booking/booking_seats/lock", body: ["showing_id": c.showingID, "seat_id": c.seats["A1"]!], as: user)
            #expect(hold.status == 201, "\(hold.text)")
            #expect(try await state("A1") == "held")
            #expect(try await state("A1") == "held")
            try await Task.sleep(for: .milliseconds(1500))
            #expect(try await state("A1") == "free")
        }
    }

    /// With the cache off the answers are the same bytes; the fingerprint read alone (through PostgresNIO or libpq's
    /// pipeline) is the one read with the map, and a change moves it.
    @Test func theCacheChangesNoByte() async throws {
        try await BookingHarness.run(configure: { $0.seatMapCacheEntries = 0 }) { api in
            let admin = try await api.session(.admin)
            let c = try await api.catalogue(admin: admin)
            let user = try await api.session(.user)
            #expect(try await api.call(.post, "/booking/bookings/", body: ["showing_id": c.showingID, "seats_ids": [c.seats["A1"]!]], as: user).status == 201)
            #expect(
                try await api.call(.post, "/booking/booking_seats/lock", body: ["showing_id": c.showingID, "seat_id": c.seats["A2"]!], as: user).status
                    == 201)
            let uncached = try await api.call(.get, "/booking/booking_seats/\(c.showingID)/map", as: user)
            let showing = UUID(uuidString: c.showingID)!
            let store = BookingStore(client: api.pg, accounts: UncheckedAccounts(), logger: TestDatabase.logger)
            let (map, read) = try await store.seatMapWithFingerprint(showing: showing)
            #expect(String(decoding: map.jsonBytes(), as: UTF8.self) == uncached.text)
            let fingerprint = try #require(read)
            #expect(fingerprint.rows == 3)  // the showing, one seat sold, one held
            #expect(try await store.seatMapFingerprint(showing: showing) == fingerprint)
            let pool = try #require(
                PipelinePool.make(api.db, connections: 1, waitLimit: .seconds(10), purpose: "the test", logger: TestDatabase.logger))
            let pipelined = BookingStore(client: api.pg, accounts: UncheckedAccounts(), logger: TestDatabase.logger, pipeline: pool)
            #expect(try await pipelined.seatMapFingerprint(showing: showing) == fingerprint)
            try await api.pg.query("UPDATE showing_prices SET price = price + 1 WHERE showing_id = \(showing)", logger: TestDatabase.logger)
            #expect(try await store.seatMapFingerprint(showing: showing) != fingerprint)
            #expect(try await pipelined.seatMapFingerprint(showing: showing) == store.seatMapFingerprint(showing: showing))
            await pool.shutdown()
        }
    }
}
