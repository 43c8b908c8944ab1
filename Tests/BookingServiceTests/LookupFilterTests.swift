import Foundation
import HTTPTypes
import Hummingbird
import ServiceCore
import Testing

/// The filters clients resolve human identifiers with (`mscli theaters get "PVR Forum"`, `mscli book get BK-…`):
/// whole names and titles in any case, booking numbers within what the caller may see.
@Suite struct LookupFilterTests {
    @Test func theatersByNameAndMoviesByTitleInAnyCase() async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            let user = try await api.session(.user)
            var ids: [String] = []
            for (name, city) in [("Lookup Twin", "Pune"), ("Lookup Twin", "Goa"), ("Lookup Twin Plus", "Pune")] {
                let made = try await api.call(
                    .post, "/booking/theaters", body: ["name": name, "location": "L", "address": "A", "city": city], as: admin)
                ids.append(try #require(made.id, "\(made.text)"))
            }
            let twins = try await api.call(.get, "/booking/theaters?name=lookup%20twin", as: user)
            #expect(twins.status == 200 && Set(twins.list.compactMap { $0["id"] as? String }) == Set(ids.prefix(2)), "\(twins.text)")
            let inGoa = try await api.call(.get, "/booking/theaters?name=LOOKUP%20TWIN&city=goa", as: user)
            #expect(inGoa.list.compactMap { $0["id"] as? String } == [ids[1]])
            #expect(try await api.call(.get, "/booking/theaters?name=Lookup", as: user).list.isEmpty, "a part of a name is not the name")

            let movie = try await api.call(.post, "/booking/movies", body: ["title": "The Lookup", "duration_minutes": 90], as: admin)
            let found = try await api.call(.get, "/booking/movies?title=the%20LOOKUP", as: user)
            #expect(found.list.compactMap { $0["id"] as? String } == [try #require(movie.id)])
            #expect(try await api.call(.get, "/booking/movies?title=Lookup", as: user).list.isEmpty)
            let control = try await api.call(.get, "/booking/movies?title=a%07b", as: user)
            #expect(control.status == 422, "\(control.text)")
        }
    }

    @Test func aBookingNumberFindsOnlyWhatTheCallerMaySee() async throws {
        try await BookingHarness.run { api in
            let admin = try await api.session(.admin)
            let alice = try await api.session(.user)
            let bob = try await api.session(.user)
            let c = try await api.catalogue(admin: admin)
            let booked = try await api.call(.post, "/booking/bookings", body: ["showing_id": c.showingID, "seats_ids": [c.seats["A1"]!]], as: alice)
            let id = try #require(booked.id, "\(booked.text)")
            let number = try #require(booked.json["booking_number"] as? String)
            for (who, session) in [("owner", alice), ("admin", admin)] {
                let reply = try await api.call(.get, "/booking/bookings?booking_number=\(number.lowercased())", as: session)
                #expect(reply.status == 200 && reply.list.compactMap { $0["id"] as? String } == [id], "\(who): \(reply.text)")
            }
            let stranger = try await api.call(.get, "/booking/bookings?booking_number=\(number)", as: bob)
            #expect(stranger.status == 200 && stranger.list.isEmpty, "\(stranger.text)")
            #expect(try await api.call(.get, "/booking/bookings?booking_number=BK-NOPE", as: admin).list.isEmpty)
        }
    }
}
