import Foundation
import HTTPTypes
import Hummingbird
import ServiceCore
import Testing
import TestSupport

/// Theaters, movies, showings and seats: the seed's routes (both spellings), admin-only writes, typed PATCH, paging
/// and the delete rules.
@Suite struct CatalogueTests {
    @Test func seedRoutesAnswerWithAndWithoutTrailingSlash() async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            let c = try await api.catalogue(admin: admin)
            let root = try await api.call(.get, "/", as: nil)
            #expect(root.json["message"] as? String == "Welcome to Booking Service")
            for path in ["/booking/movies", "/booking/movies/", "/booking/theaters", "/booking/theaters/", "/booking/showings", "/booking/showings/"] {
                let reply = try await api.call(.get, path, as: admin)
                #expect(reply.status == 200 && reply.list.count == 1, "\(path): \(reply.status) \(reply.text)")
            }
            let pair = try await api.call(.get, "/booking/showings/\(c.theaterID)/\(c.movieID)", as: admin)
            #expect(pair.list.count == 1)
            let showing = pair.list[0]
            #expect((showing["movie"] as? [String: Any])?["id"] as? String == c.movieID)
            #expect((showing["theater"] as? [String: Any])?["city"] as? String == "Pune")
            #expect((showing["prices"] as? [String: Any])?["regular"] as? Double == 100)
            #expect(try await api.call(.get, "/booking/seats/\(c.theaterID)", as: admin).list.count == 12)
            #expect(try await api.call(.get, "/booking/movies/", as: nil).detail == "Not authorised")
            #expect(try await api.call(.put, "/booking/movies/", as: admin).status == 405)
            #expect(try await api.call(.get, "/booking/nothing", as: admin).status == 404)
        }
    }

    @Test func writesNeedTheAdminRole() async throws {
        try await BookingHarness.run { api in
            let user = try await api.session(.user)
            let reply = try await api.call(
                .post, "/booking/theaters/", body: ["name": "X", "location": "L", "address": "A", "city": "C"], as: user)
            #expect(reply.status == 403)
            let admin = try await api.session(.admin)
            let c = try await api.catalogue(admin: admin)
            #expect(try await api.call(.patch, "/booking/movies/\(c.movieID)", body: ["title": "New"], as: user).status == 403)
            #expect(try await api.call(.delete, "/booking/seats/\(c.seats["A1"]!)", as: user).status == 403)
            #expect(try await api.call(.get, "/booking/movies/\(c.movieID)", as: user).status == 200)
        }
    }

    @Test func patchChecksEveryFieldAndStoresNothingOnError() async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            let c = try await api.catalogue(admin: admin)
            let bad = try await api.call(
                .patch, "/booking/movies/\(c.movieID)", body: ["title": "Changed", "rating": "high", "colour": "red", "is_imax": 1],
                as: admin)
            #expect(bad.status == 422)
            let issues = (bad.json["detail"] as? [[String: Any]]) ?? []
            let fields = Set(issues.compactMap { ($0["loc"] as? [String])?.last })
            #expect(fields == ["rating", "colour", "is_imax"])
            #expect(try await api.call(.get, "/booking/movies/\(c.movieID)", as: admin).json["title"] as? String != "Changed")
            let good = try await api.call(
                .patch, "/booking/movies/\(c.movieID)", body: ["title": "Changed", "rating": 8.5, "cast": ["A", "B"], "release_date": "2024-02-29"],
                as: admin)
            #expect(good.status == 200, "\(good.text)")
            #expect(good.json["title"] as? String == "Changed" && good.json["rating"] as? Double == 8.5)
            #expect(good.json["release_date"] as? String == "2024-02-29")
            #expect(try await api.call(.patch, "/booking/movies/\(c.movieID)", body: ["release_date": "2023-02-29"], as: admin).status == 422)
            #expect(try await api.call(.patch, "/booking/movies/\(c.movieID)", body: "[1]", as: admin).status == 422)
            #expect(try await api.call(.patch, "/booking/movies/\(c.movieID)", body: "{}", as: admin).status == 422)
            #expect(try await api.call(.patch, "/booking/theaters/\(c.theaterID)", body: ["name": ""], as: admin).status == 422)
            let unknown = try await api.call(.patch, "/booking/theaters/\(UUID())", body: ["city": "Goa"], as: admin)
            #expect(unknown.status == 404 && unknown.detail == "Theater not found")
            let ends = try await api.call(
                .patch, "/booking/showings/\(c.showingID)", body: ["show_end_datetime": "2000-01-01T00:00:00"], as: admin)
            #expect(ends.status == 400 && ends.detail == "Show start datetime must be before show end datetime")
        }
    }

    @Test func showingRulesInTheSeedOrder() async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            let c = try await api.catalogue(admin: admin)
            func create(_ body: [String: Any]) async throws -> Reply {
                var full: [String: Any] = [
                    "movie_id": c.movieID, "theater_id": c.theaterID, "show_start_datetime": "2030-11-15T19:00:00",
                    "show_end_datetime": "2030-11-15T21:00:00",
                ]
                full.merge(body) { $1 }
                return try await api.call(.post, "/booking/showings", body: full, as: admin)
            }
            #expect(try await create(["show_end_datetime": "2030-11-15T18:00:00"]).detail == "Show start datetime must be before show end datetime")
            #expect(try await create(["available_seats": 0]).detail == "Available seats must be greater than 0")
            #expect(try await create(["movie_id": UUID().uuidString]).status == 404)
            #expect(try await create(["theater_id": UUID().uuidString]).detail == "Theater not found")
            #expect(try await create(["show_start_datetime": "not a time"]).status == 422)
            #expect(try await create(["prices": ["gold": 5]]).status == 422)
            let first = try await create(["prices": ["premium": 250.5]])
            #expect(first.status == 201, "\(first.text)")
            #expect(first.json["available_seats"] as? Int == 12)
            #expect(first.json["show_start_datetime"] as? String == "2030-11-15T19:00:00.000Z")
            #expect((first.json["prices"] as? [String: Any])?["premium"] as? Double == 250.5)
            // The same instant spelt with an offset is the same slot.
            let duplicate = try await create(["show_start_datetime": "2030-11-16T00:30:00+05:30"])
            #expect(duplicate.status == 409 && duplicate.detail == "A showing already exists for this movie and theater at this time")
        }
    }

    @Test func listsPageAndFilter() async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            for i in 0..<5 {
                try await api.call(.post, "/booking/movies/", body: ["title": "M\(i)", "duration_minutes": 90, "language": i % 2 == 0 ? "Hindi" : "Tamil"], as: admin)
            }
            let page = try await api.call(.get, "/booking/movies/?limit=2&offset=1", as: admin)
            #expect(page.list.map { $0["title"] as? String } == ["M1", "M2"])
            #expect(page.headers[HTTPField.Name("Link")!]?.contains("offset=3") == true)
            #expect(try await api.call(.get, "/booking/movies/?language=tamil", as: admin).list.count == 2)
            #expect(try await api.call(.get, "/booking/movies/?limit=0", as: admin).status == 422)
            #expect(try await api.call(.get, "/booking/movies/?limit=5000", as: admin).status == 422)
            let c = try await api.catalogue(admin: admin)
            let tomorrow = Date().addingTimeInterval(86_400).formatted(Date.ISO8601FormatStyle().year().month().day())
            #expect(try await api.call(.get, "/booking/showings/?movie_id=\(c.movieID)&date=\(tomorrow)", as: admin).list.count == 1)
            #expect(try await api.call(.get, "/booking/showings/?theater_id=\(UUID())", as: admin).list.isEmpty)
            #expect(try await api.call(.get, "/booking/showings/?date=2020-13-01", as: admin).status == 422)
            let user = try await api.session(.user)
            #expect(try await api.call(.get, "/booking/showings/?include_expired=true", as: user).status == 403)
        }
    }

    @Test func deletesRefuseWhatIsStillInUse() async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            let c = try await api.catalogue(admin: admin)
            let user = try await api.session(.user)
            let booking = try await api.call(
                .post, "/booking/bookings/", body: ["showing_id": c.showingID, "seats_ids": [c.seats["A1"]!]], as: user)
            #expect(booking.status == 201, "\(booking.text)")
            let theater = try await api.call(.delete, "/booking/theaters/\(c.theaterID)", as: admin)
            #expect(theater.status == 409 && theater.detail?.contains("showings") == true)
            #expect(try await api.call(.delete, "/booking/movies/\(c.movieID)", as: admin).status == 409)
            #expect(try await api.call(.delete, "/booking/showings/\(c.showingID)", as: admin).status == 409)
            let seat = try await api.call(.delete, "/booking/seats/\(c.seats["A1"]!)", as: admin)
            #expect(seat.status == 409 && seat.detail == "Seat has bookings and cannot be deleted")
            #expect(try await api.call(.delete, "/booking/seats/\(c.seats["A2"]!)", as: admin).status == 204)
            #expect(try await api.call(.delete, "/booking/seats/\(c.seats["A2"]!)", as: admin).status == 404)
            let again = try await api.call(.post, "/booking/seats/\(c.theaterID)/initialize", as: admin)
            #expect(again.status == 409)
            // A theater without showings goes, with its seats.
            let empty = try await api.call(
                .post, "/booking/theaters/", body: ["name": "E", "location": "L", "address": "A", "city": "C"], as: admin)
            let emptyID = try #require(empty.id)
            #expect(try await api.call(.post, "/booking/seats/\(emptyID)/initialize?rows=2&seats_per_row=2", as: admin).status == 201)
            #expect(try await api.call(.delete, "/booking/theaters/\(emptyID)", as: admin).status == 204)
            #expect(try await api.call(.get, "/booking/theaters/\(emptyID)", as: admin).status == 404)
        }
    }

    @Test func seatGridsAreLaidOutWithTypes() async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            let theater = try await api.call(
                .post, "/booking/theaters", body: ["name": "G", "location": "L", "address": "A", "city": "C"], as: admin)
            let id = try #require(theater.id)
            #expect(try await api.call(.post, "/booking/seats/\(id)/initialize?rows=0", as: admin).status == 422)
            #expect(try await api.call(.post, "/booking/seats/\(id)/initialize?rows=3&premium_rows=Z", as: admin).status == 422)
            #expect(try await api.call(.post, "/booking/seats/\(UUID())/initialize", as: admin).status == 404)
            #expect(try await api.call(.get, "/booking/seats/\(UUID())", as: admin).status == 404)
            #expect(try await api.call(.get, "/booking/seats/\(id)", as: admin).list.isEmpty)
            let seats = try await api.call(.post, "/booking/seats/\(id)/initialize?rows=28&seats_per_row=2&recliner_rows=AB", as: admin)
            #expect(seats.status == 201)
            let numbers = seats.list.map { $0["seat_number"] as! String }
            #expect(numbers.first == "A1" && numbers.contains("AB2") && numbers.count == 56)
            #expect(seats.list.first { $0["seat_number"] as? String == "AB1" }?["seat_type"] as? String == "recliner")
            let listed = try await api.call(.get, "/booking/seats/\(id)/", as: admin).list.map { $0["seat_number"] as! String }
            #expect(listed.prefix(3) == ["A1", "A2", "B1"] && listed.last == "AB2")
        }
    }
}
