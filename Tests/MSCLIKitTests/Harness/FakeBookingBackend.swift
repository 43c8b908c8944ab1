import BookingService
import Foundation
import SearchClient

@testable import MSCLIKit

/// A BookingBackend that answers only what a test sets (`on…` handlers, one per method of the protocol) and fails the test on
/// any other call (``unmocked(_:)``), so a command test states every call it expects of the booking service.
/// A method added to the protocol is a compile error here until it gets its handler.
struct FakeBookingBackend: BookingBackend {
    var onCandidates: (@Sendable (IdentifierKind, String, Int) async throws -> [Candidate])?
    var onTheatersNamed: (@Sendable (String, Int) async throws -> [Theater])?
    var onMoviesTitled: (@Sendable (String, Int) async throws -> [Movie])?
    var onBookingsNumbered: (@Sendable (String, Int) async throws -> [Booking])?
    var onTheaters: (@Sendable (Int, Int, String?) async throws -> [Theater])?
    var onTheater: (@Sendable (UUID) async throws -> Theater)?
    var onCreateTheater: (@Sendable (TheaterInput) async throws -> Theater)?
    var onUpdateTheater: (@Sendable (UUID, [String: SearchJSON]) async throws -> Theater)?
    var onDeleteTheater: (@Sendable (UUID) async throws -> Void)?
    var onInitializeSeats: (@Sendable (UUID, SeatLayout, Bool) async throws -> [Seat])?
    var onSeats: (@Sendable (UUID) async throws -> [Seat])?
    var onMovies: (@Sendable (Int, Int, String?, String?) async throws -> [Movie])?
    var onMovie: (@Sendable (UUID) async throws -> Movie)?
    var onCreateMovie: (@Sendable (MovieInput) async throws -> Movie)?
    var onUpdateMovie: (@Sendable (UUID, [String: SearchJSON]) async throws -> Movie)?
    var onDeleteMovie: (@Sendable (UUID) async throws -> Void)?
    var onShowings: (@Sendable (ShowingQuery, Int, Int) async throws -> [Showing])?
    var onShowing: (@Sendable (UUID) async throws -> Showing)?
    var onCreateShowing: (@Sendable (ShowingInput) async throws -> Showing)?
    var onUpdateShowing: (@Sendable (UUID, [String: SearchJSON]) async throws -> Showing)?
    var onSetShowingPrices: (@Sendable (UUID, [String: Decimal]) async throws -> Showing)?
    var onDeleteShowing: (@Sendable (UUID) async throws -> Void)?
    var onSeatMap: (@Sendable (UUID) async throws -> [SeatMapEntry])?
    var onHold: (@Sendable (UUID, UUID, UUID?) async throws -> SeatHold)?
    var onRelease: (@Sendable (UUID, UUID, UUID?) async throws -> SeatHold)?
    var onCreateBooking: (@Sendable (BookingInput, UUID?) async throws -> Booking)?
    var onBookings: (@Sendable (UUID?, Int, Int) async throws -> [Booking])?
    var onBooking: (@Sendable (UUID) async throws -> Booking)?
    var onCancelBooking: (@Sendable (UUID) async throws -> Booking)?
    var onSearch: (@Sendable (String, [String], Int, Int) async throws -> SearchAnswer)?
    var onSearchStatus: (@Sendable () async throws -> SearchStatus)?

    func candidates(_ kind: IdentifierKind, matching text: String, limit: Int) async throws -> [Candidate] {
        guard let onCandidates else { throw unmocked("candidates(_:matching:limit:)") }
        return try await onCandidates(kind, text, limit)
    }

    func theaters(named name: String, limit: Int) async throws -> [Theater] {
        guard let onTheatersNamed else { throw unmocked("theaters(named:limit:)") }
        return try await onTheatersNamed(name, limit)
    }

    func movies(titled title: String, limit: Int) async throws -> [Movie] {
        guard let onMoviesTitled else { throw unmocked("movies(titled:limit:)") }
        return try await onMoviesTitled(title, limit)
    }

    func bookings(numbered number: String, limit: Int) async throws -> [Booking] {
        guard let onBookingsNumbered else { throw unmocked("bookings(numbered:limit:)") }
        return try await onBookingsNumbered(number, limit)
    }

    func theaters(limit: Int, offset: Int, city: String?) async throws -> [Theater] {
        guard let onTheaters else { throw unmocked("theaters(limit:offset:city:)") }
        return try await onTheaters(limit, offset, city)
    }

    func theater(_ id: UUID) async throws -> Theater {
        guard let onTheater else { throw unmocked("theater(_:)") }
        return try await onTheater(id)
    }

    func createTheater(_ input: TheaterInput) async throws -> Theater {
        guard let onCreateTheater else { throw unmocked("createTheater(_:)") }
        return try await onCreateTheater(input)
    }

    func updateTheater(_ id: UUID, _ changes: [String: SearchJSON]) async throws -> Theater {
        guard let onUpdateTheater else { throw unmocked("updateTheater(_:_:)") }
        return try await onUpdateTheater(id, changes)
    }

    func deleteTheater(_ id: UUID) async throws {
        guard let onDeleteTheater else { throw unmocked("deleteTheater(_:)") }
        try await onDeleteTheater(id)
    }

    func initializeSeats(theater: UUID, layout: SeatLayout, replace: Bool) async throws -> [Seat] {
        guard let onInitializeSeats else { throw unmocked("initializeSeats(theater:layout:replace:)") }
        return try await onInitializeSeats(theater, layout, replace)
    }

    func seats(theater: UUID) async throws -> [Seat] {
        guard let onSeats else { throw unmocked("seats(theater:)") }
        return try await onSeats(theater)
    }

    func movies(limit: Int, offset: Int, genre: String?, language: String?) async throws -> [Movie] {
        guard let onMovies else { throw unmocked("movies(limit:offset:genre:language:)") }
        return try await onMovies(limit, offset, genre, language)
    }

    func movie(_ id: UUID) async throws -> Movie {
        guard let onMovie else { throw unmocked("movie(_:)") }
        return try await onMovie(id)
    }

    func createMovie(_ input: MovieInput) async throws -> Movie {
        guard let onCreateMovie else { throw unmocked("createMovie(_:)") }
        return try await onCreateMovie(input)
    }

    func updateMovie(_ id: UUID, _ changes: [String: SearchJSON]) async throws -> Movie {
        guard let onUpdateMovie else { throw unmocked("updateMovie(_:_:)") }
        return try await onUpdateMovie(id, changes)
    }

    func deleteMovie(_ id: UUID) async throws {
        guard let onDeleteMovie else { throw unmocked("deleteMovie(_:)") }
        try await onDeleteMovie(id)
    }

    func showings(_ query: ShowingQuery, limit: Int, offset: Int) async throws -> [Showing] {
        guard let onShowings else { throw unmocked("showings(_:limit:offset:)") }
        return try await onShowings(query, limit, offset)
    }

    func showing(_ id: UUID) async throws -> Showing {
        guard let onShowing else { throw unmocked("showing(_:)") }
        return try await onShowing(id)
    }

    func createShowing(_ input: ShowingInput) async throws -> Showing {
        guard let onCreateShowing else { throw unmocked("createShowing(_:)") }
        return try await onCreateShowing(input)
    }

    func updateShowing(_ id: UUID, _ changes: [String: SearchJSON]) async throws -> Showing {
        guard let onUpdateShowing else { throw unmocked("updateShowing(_:_:)") }
        return try await onUpdateShowing(id, changes)
    }

    func setShowingPrices(_ id: UUID, _ prices: [String: Decimal]) async throws -> Showing {
        guard let onSetShowingPrices else { throw unmocked("setShowingPrices(_:_:)") }
        return try await onSetShowingPrices(id, prices)
    }

    func deleteShowing(_ id: UUID) async throws {
        guard let onDeleteShowing else { throw unmocked("deleteShowing(_:)") }
        try await onDeleteShowing(id)
    }

    func seatMap(showing: UUID) async throws -> [SeatMapEntry] {
        guard let onSeatMap else { throw unmocked("seatMap(showing:)") }
        return try await onSeatMap(showing)
    }

    func hold(showing: UUID, seat: UUID, user: UUID?) async throws -> SeatHold {
        guard let onHold else { throw unmocked("hold(showing:seat:user:)") }
        return try await onHold(showing, seat, user)
    }

    func release(showing: UUID, seat: UUID, user: UUID?) async throws -> SeatHold {
        guard let onRelease else { throw unmocked("release(showing:seat:user:)") }
        return try await onRelease(showing, seat, user)
    }

    func createBooking(_ input: BookingInput, user: UUID?) async throws -> Booking {
        guard let onCreateBooking else { throw unmocked("createBooking(_:user:)") }
        return try await onCreateBooking(input, user)
    }

    func bookings(of user: UUID?, limit: Int, offset: Int) async throws -> [Booking] {
        guard let onBookings else { throw unmocked("bookings(of:limit:offset:)") }
        return try await onBookings(user, limit, offset)
    }

    func booking(_ id: UUID) async throws -> Booking {
        guard let onBooking else { throw unmocked("booking(_:)") }
        return try await onBooking(id)
    }

    func cancelBooking(_ id: UUID) async throws -> Booking {
        guard let onCancelBooking else { throw unmocked("cancelBooking(_:)") }
        return try await onCancelBooking(id)
    }

    func search(query: String, indices: [String], limit: Int, offset: Int) async throws -> SearchAnswer {
        guard let onSearch else { throw unmocked("search(query:indices:limit:offset:)") }
        return try await onSearch(query, indices, limit, offset)
    }

    func searchStatus() async throws -> SearchStatus {
        guard let onSearchStatus else { throw unmocked("searchStatus()") }
        return try await onSearchStatus()
    }
}
