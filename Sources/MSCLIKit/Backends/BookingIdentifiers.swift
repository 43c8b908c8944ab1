import BookingService
import Foundation

/// The booking service's human identifiers: a theater's name, a movie's title, a booking's number. Over HTTP they
/// are filters of the list routes (`?name=`, `?title=`, `?booking_number=`), in maintenance mode the same
/// ``BookingStore`` list filters; either way a booking number finds only what the caller may see.
extension BookingBackend {
    public func candidates(_ kind: IdentifierKind, matching text: String, limit: Int) async throws -> [Candidate] {
        switch kind {
        case .theater:
            return try await theaters(named: text, limit: limit).map { Candidate(id: $0.id, cells: [$0.name, $0.city, $0.address]) }
        case .movie:
            return try await movies(titled: text, limit: limit).map {
                Candidate(id: $0.id, cells: [$0.title, BookingText.text($0.releaseDate), BookingText.text($0.language)])
            }
        case .booking:
            return try await bookings(numbered: text, limit: limit).map {
                Candidate(id: $0.id, cells: [$0.bookingNumber, $0.showing.movie.title, $0.status.rawValue])
            }
        default:
            throw CLIError("the booking service keeps no \(kind.plural)", status: .failure)
        }
    }
}

extension HTTPBookingBackend {
    func theaters(named name: String, limit: Int) async throws -> [Theater] {
        try await get([Theater].self, "/booking/theaters", query: page(limit, 0) + [("name", name)])
    }

    func movies(titled title: String, limit: Int) async throws -> [Movie] {
        try await get([Movie].self, "/booking/movies", query: page(limit, 0) + [("title", title)])
    }

    func bookings(numbered number: String, limit: Int) async throws -> [Booking] {
        try await get([Booking].self, "/booking/bookings", query: page(limit, 0) + [("booking_number", number)])
    }
}

extension MaintenanceBookingBackend {
    func theaters(named name: String, limit: Int) async throws -> [Theater] {
        try await store.theaters(limit: limit, offset: 0, name: name)
    }

    func movies(titled title: String, limit: Int) async throws -> [Movie] {
        try await store.movies(limit: limit, offset: 0, title: title)
    }

    func bookings(numbered number: String, limit: Int) async throws -> [Booking] {
        try await store.bookings(of: nil, limit: limit, offset: 0, number: number)
    }
}
