import Foundation
import HTTPTypes
import Hummingbird
import ServiceCore
import Testing

/// Bad input from outside never traps the process or earns a 500: each case here once did (issue 12).
@Suite struct BadInputTests {
    /// `rows=-1` built `0..<-1` and trapped; 703 and 1000 ran past the two-letter labels. Every one is now a 422
    /// naming the parameter, and the service keeps answering.
    @Test(arguments: ["rows=-1", "rows=0", "rows=53", "rows=703", "rows=1000", "rows=-9223372036854775808", "seats_per_row=-5",
                      "seats_per_row=101", "rows=15&premium_rows=ZZ", "rows=15&vip_rows=%00"])
    func aSeatGridOutOfRangeIsA422NotATrap(query: String) async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            let c = try await api.catalogue(admin: admin)
            let reply = try await api.call(.post, "/booking/seats/\(c.theaterID)/initialize?\(query)", as: admin)
            #expect(reply.status == 422, "\(query): \(reply.status) \(reply.text)")
            #expect((reply.json["detail"] as? [[String: Any]])?.first?["loc"] as? [String] != nil, "\(reply.text)")
            #expect(try await api.call(.get, "/booking/seats/\(c.theaterID)", as: admin).status == 200)
        }
    }

    /// U+0000 (PostgreSQL refuses it: SQLSTATE 22021) and other control characters in any text field or query value
    /// are 422s naming the field; nothing is stored.
    @Test func controlCharactersAreRefusedWhereverTextArrives() async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            let c = try await api.catalogue(admin: admin)
            let theaters: [[String: Any]] = [
                ["name": "A\u{0}B", "location": "L", "address": "A", "city": "C"],
                ["name": "Name", "location": "L\u{7}", "address": "A", "city": "C"],
                ["name": "Name", "location": "L", "address": "A", "city": "Pune\u{1B}[31m"],
                ["name": "Name\nTwo", "location": "L", "address": "A", "city": "C"],
            ]
            for body in theaters {
                let reply = try await api.call(.post, "/booking/theaters/", body: body, as: admin)
                #expect(reply.status == 422, "\(body): \(reply.text)")
                #expect(reply.text.contains("control characters"), "\(reply.text)")
            }
            // A description may hold line breaks, never a NUL.
            let multiline = try await api.call(
                .post, "/booking/theaters/", body: ["name": "N", "location": "L", "address": "A", "city": "C", "description": "one\ntwo"], as: admin)
            #expect(multiline.status == 201, "\(multiline.text)")
            let movie = try await api.call(.post, "/booking/movies/", body: ["title": "T", "duration_minutes": 90, "cast": ["Ok", "Bad\u{0}"]], as: admin)
            #expect(movie.status == 422 && movie.text.contains("cast"), "\(movie.text)")
            let patch = try await api.call(.patch, "/booking/movies/\(c.movieID)", body: ["director": "x\u{0}y"], as: admin)
            #expect(patch.status == 422, "\(patch.text)")
            for query in ["/booking/theaters/?city=Pu%00ne", "/booking/movies/?genre=%07", "/booking/showings/?date=2030-01-01&tz=UTC%00",
                          "/booking/search/?query=dark%00knight", "/booking/movies/?anything=%00"] {
                let reply = try await api.call(.get, query, as: admin)
                #expect(reply.status == 422, "\(query): \(reply.status) \(reply.text)")
            }
            #expect(try await api.call(.get, "/booking/theaters/", as: admin).list.count == 2, "only the two good theaters")
        }
    }

    /// Every text field has a stated maximum: a megabyte body is a 413, a long field a 422 naming it (a theater name of
    /// 1 MB was stored; a description of many distinct words overflowed the search vector with a 500).
    @Test func textHasLimits() async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            let megabyte = String(repeating: "x", count: 1 << 20)
            let huge = try await api.call(.post, "/booking/theaters/", body: ["name": megabyte, "location": "L", "address": "A", "city": "C"], as: admin)
            #expect(huge.status == 413, "\(huge.status)")
            let long = try await api.call(
                .post, "/booking/theaters/", body: ["name": String(repeating: "n", count: 201), "location": "L", "address": "A", "city": "C"],
                as: admin)
            #expect(long.status == 422 && long.text.contains("at most 200"), "\(long.text)")
            let words = (0..<60_000).map { "w\($0)" }.joined(separator: " ")
            let wordy = try await api.call(.post, "/booking/movies/", body: ["title": "T", "duration_minutes": 90, "description": words], as: admin)
            #expect(wordy.status == 422 || wordy.status == 413, "\(wordy.status) \(wordy.text.prefix(200))")
            let atLimit = try await api.call(
                .post, "/booking/theaters/", body: ["name": String(repeating: "é", count: 200), "location": "L", "address": "A", "city": "C"],
                as: admin)
            #expect(atLimit.status == 201, "200 characters (400 UTF-8 bytes) fit: \(atLimit.text)")
        }
    }

    /// Values the document forbids are refused, not accepted: a boolean that is not one, an unknown time zone, a time
    /// in another shape.
    @Test func documentedShapesAreEnforced() async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            let c = try await api.catalogue(admin: admin)
            for query in ["include_expired=banana", "date=2030-01-01&tz=Mars/Base", "tz=Nowhere", "date=2030-02-30", "date=0999-01-01"] {
                let reply = try await api.call(.get, "/booking/showings/?\(query)", as: admin)
                #expect(reply.status == 422, "\(query): \(reply.text)")
            }
            for time in ["2030-11-15T19:00:00 ", "15/11/2030 19:00", "2030-11-15T25:00", "2030-11-15T19:00+19:00"] {
                let reply = try await api.call(
                    .post, "/booking/showings/",
                    body: ["movie_id": c.movieID, "theater_id": c.theaterID, "show_start_datetime": time, "show_end_datetime": "2030-11-15T23:00"],
                    as: admin)
                #expect(reply.status == 422, "\(time): \(reply.text)")
            }
            for (day, time) in ["T19:00", " 19:00:00", "T19:00:00.5+05:30", "T19:00Z"].enumerated() {
                let date = "2030-12-1\(day)"
                let reply = try await api.call(
                    .post, "/booking/showings/",
                    body: ["movie_id": c.movieID, "theater_id": c.theaterID, "show_start_datetime": date + time, "show_end_datetime": date + "T23:30"],
                    as: admin)
                #expect(reply.status == 201, "\(time): \(reply.text)")
            }
            // A parameter-free route is a resource of its own: GET /booking/booking_seats/lock is a 405, not a bad UUID.
            let lock = try await api.call(.get, "/booking/booking_seats/lock", as: admin)
            #expect(lock.status == 405 && lock.headers[.allow] == "POST", "\(lock.status) \(lock.headers)")
        }
    }

    /// JSON numbers in a PATCH follow ``JSONValue``'s one rule: a whole number is an integer however it is written
    /// (`2.0`, `1e3`, `9007199254740993.0` read exactly), anything else is not.
    @Test(arguments: [
        ("2.0", 200), ("1e3", 200), ("2", 200), ("2.5", 422), ("9007199254740993.0", 422), ("-0", 422), ("1e300", 422),
        ("\"90\"", 422),
    ])
    func integerFieldsTakeWholeNumbersHoweverWritten(_ number: String, _ status: Int) async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            let c = try await api.catalogue(admin: admin)
            let reply = try await api.call(.patch, "/booking/movies/\(c.movieID)", body: #"{"duration_minutes": \#(number)}"#, as: admin)
            #expect(reply.status == status, "\(number): \(reply.text)")
            if status == 200 {
                let written = try JSONValue.decode(Array(number.utf8))
                #expect(reply.json["duration_minutes"] as? Int == written.intValue, "\(reply.text)")
            } else {
                #expect(reply.text.contains("duration_minutes"), "\(reply.text)")
            }
        }
    }
}
