import BookingService
import Foundation
import Hummingbird
import PostgresNIO
import ServiceCore
import Testing
import TestSupport

/// Search: documents follow the database through the outbox (also across a search-engine outage), callers see only
/// their own bookings, and without an engine the same search runs on PostgreSQL.
@Suite struct SearchTests {
    /// Polls `body` until it returns true or `seconds` pass.
    static func eventually(_ seconds: Double = 15, _ body: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await body() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await body()
    }

    static func titles(_ reply: Reply) -> [String] {
        ((reply.json["results"] as? [[String: Any]]) ?? []).compactMap { $0["title"] as? String }
    }

    @Test func postgresFallbackSearchesTheSameFields() async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            for (title, genre) in [("The Dark Knight", "Action"), ("Dark Waters", "Drama"), ("Lagaan", "Sports")] {
                try await api.call(.post, "/booking/movies/", body: ["title": title, "duration_minutes": 100, "genre": genre], as: admin)
            }
            let reply = try await api.call(.get, "/booking/search/?query=dark", as: admin)
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.json["engine"] as? String == "postgresql")
            #expect(Set(Self.titles(reply)) == ["The Dark Knight", "Dark Waters"])
            #expect(reply.json["indices_searched"] as? [String] == ["movies", "theaters", "showings", "bookings"])
            let first = (reply.json["results"] as? [[String: Any]])?.first
            #expect(first?["_index"] as? String == "movies" && first?["_id"] != nil && first?["_score"] != nil)
            let paged = try await api.call(.get, "/booking/search/?query=dark&limit=1&offset=1&indices=movies", as: admin)
            #expect(paged.json["total"] as? Int == 2 && paged.json["total_results"] as? Int == 1)
            #expect(try await api.call(.get, "/booking/search/?query=dark&indices=films", as: admin).status == 422)
            #expect(try await api.call(.get, "/booking/search/", as: admin).status == 422)
            #expect(try await api.call(.get, "/booking/search/?query=knigh", as: admin).json["total"] as? Int == 1)
        }
    }

    @Test func postgresFallbackShowsOnlyYourBookings() async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            let c = try await api.catalogue(admin: admin)
            let alice = try await api.session(.user)
            let bob = try await api.session(.user)
            let booking = try await api.call(.post, "/booking/bookings/", body: ["showing_id": c.showingID, "seats_ids": [c.seats["A1"]!]], as: alice)
            let number = try #require(booking.json["booking_number"] as? String)
            let own = try await api.call(.get, "/booking/search/?query=\(number)&indices=bookings", as: alice)
            #expect(((own.json["results"] as? [[String: Any]]) ?? []).first?["booking_number"] as? String == number)
            #expect(try await api.call(.get, "/booking/search/?query=\(number)&indices=bookings", as: bob).json["total"] as? Int == 0)
            #expect(try await api.call(.get, "/booking/search/?query=\(number)&indices=bookings", as: admin).json["total"] as? Int ?? 0 >= 1)
        }
    }

    @Test func outboxFeedsTheSearchEngineAndSurvivesAnOutage() async throws {
        let engine = SearchEngineProcess()
        try await engine.start()
        try await BookingHarness.run(configure: {
            $0.searchURL = engine.url
            $0.indexerInterval = .milliseconds(50)
        }) { api in
            let admin = try await api.session(.admin)
            let created = try await api.call(.post, "/booking/movies/", body: ["title": "Interstellar", "duration_minutes": 169], as: admin)
            #expect(created.status == 201)
            #expect(try await Self.eventually { Self.titles(try await api.call(.get, "/booking/search/?query=interstelar", as: admin)) == ["Interstellar"] })
            let renamed = try await api.call(.patch, "/booking/movies/\(created.id!)", body: ["title": "Interstellar (IMAX)"], as: admin)
            #expect(renamed.status == 200)
            #expect(try await Self.eventually { Self.titles(try await api.call(.get, "/booking/search/?query=imax", as: admin)) == ["Interstellar (IMAX)"] })

            // The engine goes away: writes still succeed, events wait in the outbox, search says it is unavailable.
            await engine.stop()
            let during = try await api.call(.post, "/booking/movies/", body: ["title": "Written While Down", "duration_minutes": 90], as: admin)
            #expect(during.status == 201)
            #expect(try await api.call(.get, "/booking/search/?query=written", as: admin).status == 503)
            let status = try await api.call(.get, "/booking/search/status", as: admin)
            #expect(status.json["pending_events"] as? Int ?? 0 >= 1 && status.json["engine_error"] != nil, "\(status.text)")

            // It comes back (empty: the test engine keeps nothing on disk); the indexer recreates the indices and
            // drains what was written meanwhile.
            try await engine.start()
            #expect(try await Self.eventually(30) {
                Self.titles(try await api.call(.get, "/booking/search/?query=written&indices=movies", as: admin)) == ["Written While Down"]
            })
            // The indexer marks the events done right after the bulk request that made the document visible.
            var lastStatus = ""
            #expect(try await Self.eventually {
                let after = try await api.call(.get, "/booking/search/status", as: admin)
                lastStatus = after.text
                let movies = (after.json["indices"] as? [[String: Any]])?.first { $0["index"] as? String == "movies" }
                return after.json["pending_events"] as? Int == 0
                    && (movies?["physical_indices"] as? [String])?.first?.hasPrefix("movies_") == true
            }, "\(lastStatus)")
        }
        await engine.stop()
    }

    @Test func engineSearchShowsOnlyYourBookings() async throws {
        let engine = SearchEngineProcess()
        try await engine.start()
        try await BookingHarness.run(configure: {
            $0.searchURL = engine.url
            $0.indexerInterval = .milliseconds(50)
        }) { api in
            let admin = try await api.session(.admin)
            let c = try await api.catalogue(admin: admin)
            let alice = try await api.session(.user)
            let bob = try await api.session(.user)
            let booking = try await api.call(.post, "/booking/bookings/", body: ["showing_id": c.showingID, "seats_ids": [c.seats["A1"]!]], as: alice)
            let number = try #require(booking.json["booking_number"] as? String)
            #expect(try await Self.eventually {
                try await api.call(.get, "/booking/search/?query=\(number)&indices=bookings", as: admin).json["total"] as? Int == 1
            })
            let own = try await api.call(.get, "/booking/search/?query=\(number)&indices=bookings", as: alice)
            #expect(own.json["total"] as? Int == 1 && own.json["engine"] as? String == "search")
            // The route writes its answer itself: the same bytes and type JSONResponse (Foundation's encoder) wrote.
            let decoded = try JSONDecoder().decode(SearchAnswer.self, from: Data(own.text.utf8))
            #expect(Array(own.text.utf8) == Array(try JSONCoding.encoder.encode(decoded)), "\(own.text)")
            #expect(own.headers[.contentType] == "application/json; charset=utf-8")
            #expect(try await api.call(.get, "/booking/search/?query=\(number)&indices=bookings", as: bob).json["total"] as? Int == 0)
            // Movies and theaters are not filtered by owner.
            #expect(try await Self.eventually {
                try await api.call(.get, "/booking/search/?query=Film", as: bob).json["total"] as? Int == 1
            })
            // Documents of every index, passed from the engine's answer to ours without being decoded: still the
            // bytes Foundation's encoder writes for what they decode to.
            let wide = try await api.call(.get, "/booking/search/?query=Film%20Screen%20Pune%20\(number)&limit=20", as: admin)
            let results = try #require(wide.json["results"] as? [[String: Any]])
            #expect(Set(results.compactMap { $0["_index"] as? String }).count >= 2, "\(wide.text)")
            let wideDecoded = try JSONDecoder().decode(SearchAnswer.self, from: Data(wide.text.utf8))
            #expect(Array(wide.text.utf8) == Array(try JSONCoding.encoder.encode(wideDecoded)), "\(wide.text)")
        }
        await engine.stop()
    }
}
