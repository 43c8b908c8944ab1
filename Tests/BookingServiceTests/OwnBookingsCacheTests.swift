import BookingService
import Foundation
import PostgresNIO
import PostgresPipeline
import ServiceCore
import Testing
import TestSupport

/// A user's own bookings list is kept in memory (``UserListCache``) but never served stale: a change made anywhere,
/// even by SQL that bypasses the service, shows on the next request.
@Suite struct OwnBookingsCacheTests {
    @Test func everyChangeShowsOnTheNextRequestEvenWhenMadeBySQL() async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            let c = try await api.catalogue(admin: admin)
            let user = try await api.session(.user)
            let first = try await api.call(.post, "/booking/bookings/", body: ["showing_id": c.showingID, "seats_ids": [c.seats["A1"]!, c.seats["A2"]!]], as: user)
            #expect(first.status == 201, "\(first.text)")
            let bookingID = try #require(first.id)

            let listed = try await api.call(.get, "/booking/bookings/", as: user)
            #expect(listed.list.count == 1 && listed.list.first?["id"] as? String == bookingID, "\(listed.text)")
            // The same page again (from memory): the same bytes.
            #expect(try await api.call(.get, "/booking/bookings/", as: user).text == listed.text)

            @Sendable func page(_ path: String = "/booking/bookings/") async throws -> [[String: Any]] { try await api.call(.get, path, as: user).list }
            @Sendable func movieTitle(_ booking: [String: Any]?) -> String? {
                ((booking?["showing"] as? [String: Any])?["movie"] as? [String: Any])?["title"] as? String
            }

            // The booking's own row, changed behind the service's back.
            try await api.pg.query("UPDATE bookings SET total_price = 7 WHERE id = \(UUID(uuidString: bookingID)!)", logger: TestDatabase.logger)
            #expect(try await page().first?["total_price"] as? Double == 7)
            // A booked seat's row.
            try await api.pg.query("UPDATE booking_seats SET price = 3 WHERE booking_id = \(UUID(uuidString: bookingID)!)", logger: TestDatabase.logger)
            #expect((try await page().first?["booking_seats"] as? [[String: Any]])?.map { $0["price"] as? Double } == [3, 3])
            // The catalogue rows the list shows: a movie's title, a seat's number.
            try await api.pg.query("UPDATE movies SET title = 'Renamed by SQL' WHERE id = \(UUID(uuidString: c.movieID)!)", logger: TestDatabase.logger)
            #expect(movieTitle(try await page().first) == "Renamed by SQL")
            try await api.pg.query("UPDATE seats SET seat_number = 'Z9' WHERE id = \(UUID(uuidString: c.seats["A1"]!)!)", logger: TestDatabase.logger)
            #expect((try await page().first?["booking_seats"] as? [[String: Any]])?.contains { $0["seat_number"] as? String == "Z9" } == true)

            // Through the service: a second booking comes first; pages of one are kept apart.
            let second = try await api.call(.post, "/booking/bookings/", body: ["showing_id": c.showingID, "seats_ids": [c.seats["B1"]!]], as: user)
            #expect(second.status == 201, "\(second.text)")
            #expect(try await page().map { $0["id"] as? String } == [second.id, bookingID])
            #expect(try await page("/booking/bookings/?limit=1").map { $0["id"] as? String } == [second.id])
            #expect(try await page("/booking/bookings/?limit=1&offset=1").map { $0["id"] as? String } == [bookingID])
            let cancelled = try await api.call(.post, "/booking/bookings/\(second.id!)/cancel", as: user)
            #expect(cancelled.status == 200, "\(cancelled.text)")
            #expect(try await page("/booking/bookings/?limit=1").first?["status"] as? String == "cancelled")
            // A deleted booking (its seats go with it) leaves the page.
            try await api.pg.query("DELETE FROM booking_seats WHERE booking_id = \(UUID(uuidString: second.id!)!)", logger: TestDatabase.logger)
            try await api.pg.query("DELETE FROM bookings WHERE id = \(UUID(uuidString: second.id!)!)", logger: TestDatabase.logger)
            #expect(try await page().map { $0["id"] as? String } == [bookingID])

            // An admin naming the user reads the same page; another user sees nothing of it.
            let named = try await api.call(.get, "/booking/bookings/?user_id=\(user.id.uuidString.lowercased())", as: admin)
            #expect(named.list.map { $0["id"] as? String } == [bookingID], "\(named.text)")
            #expect(try await api.call(.get, "/booking/bookings/", as: try await api.session(.user)).list.isEmpty)
        }
    }

    /// With the cache off the answers are the same bytes.
    @Test func theCacheChangesNoByte() async throws {
        try await BookingHarness.run(configure: { $0.userListCacheEntries = 0 }) { api in
            let admin = try await api.session(.admin)
            let c = try await api.catalogue(admin: admin)
            let user = try await api.session(.user)
            #expect(try await api.call(.post, "/booking/bookings/", body: ["showing_id": c.showingID, "seats_ids": [c.seats["A1"]!]], as: user).status == 201)
            #expect(try await api.call(.post, "/booking/bookings/", body: ["showing_id": c.showingID, "seats_ids": [c.seats["A2"]!]], as: user).status == 201)
            let uncached = try await api.call(.get, "/booking/bookings/?limit=1", as: user)
            let owner = user.id
            let store = BookingStore(client: api.pg, accounts: UncheckedAccounts(), logger: TestDatabase.logger)
            let (bookings, fingerprint) = try await store.ownBookings(of: owner, limit: 1, offset: 0)
            #expect(String(decoding: bookings.jsonBytes(), as: UTF8.self) == uncached.text)
            #expect(uncached.header("Link")?.contains("offset=1") == true)
            // The fingerprint read alone is the one read with the page, and a change moves it.
            #expect(try await store.bookingsFingerprint(of: owner, limit: 1, offset: 0) == fingerprint)
            #expect(fingerprint.rows == 1)
            // Through libpq's pipeline (the service's way), the same fingerprint.
            let pool = try #require(
                PipelinePool.make(api.db, connections: 1, waitLimit: .seconds(10), purpose: "the test", logger: TestDatabase.logger))
            let pipelined = BookingStore(client: api.pg, accounts: UncheckedAccounts(), logger: TestDatabase.logger, pipeline: pool)
            #expect(try await pipelined.bookingsFingerprint(of: owner, limit: 1, offset: 0) == fingerprint)
            try await api.pg.query("UPDATE movies SET title = title || '!' WHERE id = \(UUID(uuidString: c.movieID)!)", logger: TestDatabase.logger)
            #expect(try await store.bookingsFingerprint(of: owner, limit: 1, offset: 0) != fingerprint)
            #expect(try await pipelined.bookingsFingerprint(of: owner, limit: 1, offset: 0) == store.bookingsFingerprint(of: owner, limit: 1, offset: 0))
            await pool.shutdown()
        }
    }
}
