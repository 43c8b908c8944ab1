import BookingService
import Foundation
import SearchClient

@testable import MSCLIKit

/// A BookingBackend that answers only what a test sets (`on…` handlers, one per method of the protocol) and fails the test on
/// any other call (``answer(_:_:function:)``), so a command test states every call it expects of the booking service.
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

    func candidates(_ kind: IdentifierKind, matching text: String, limit: Int) async throws -> [Candidate] { try await answer(onCandidates, kind, text, limit) }
    func theaters(named name: String, limit: Int) async throws -> [Theater] { try await answer(onTheatersNamed, name, limit) }
    func movies(titled title: String, limit: Int) async throws -> [Movie] { try await answer(onMoviesTitled, title, limit) }
    func bookings(numbered number: String, limit: Int) async throws -> [Booking] { try await answer(onBookingsNumbered, number, limit) }
    func theaters(limit: Int, offset: Int, city: String?) async throws -> [Theater] { try await answer(onTheaters, limit, offset, city) }
    func theater(_ id: UUID) async throws -> Theater { try await answer(onTheater, id) }
    func createTheater(_ input: TheaterInput) async throws -> Theater { try await answer(onCreateTheater, input) }
    func updateTheater(_ id: UUID, _ changes: [String: SearchJSON]) async throws -> Theater { try await answer(onUpdateTheater, id, changes) }
    func deleteTheater(_ id: UUID) async throws { try await answer(onDeleteTheater, id) }
    func initializeSeats(theater: UUID, layout: SeatLayout, replace: Bool) async throws -> [Seat] { try await answer(onInitializeSeats, theater, layout, replace) }
    func seats(theater: UUID) async throws -> [Seat] { try await answer(onSeats, theater) }
    func movies(limit: Int, offset: Int, genre: String?, language: String?) async throws -> [Movie] { try await answer(onMovies, limit, offset, genre, language) }
    func movie(_ id: UUID) async throws -> Movie { try await answer(onMovie, id) }
    func createMovie(_ input: MovieInput) async throws -> Movie { try await answer(onCreateMovie, input) }
    func updateMovie(_ id: UUID, _ changes: [String: SearchJSON]) async throws -> Movie { try await answer(onUpdateMovie, id, changes) }
    func deleteMovie(_ id: UUID) async throws { try await answer(onDeleteMovie, id) }
    func showings(_ query: ShowingQuery, limit: Int, offset: Int) async throws -> [Showing] { try await answer(onShowings, query, limit, offset) }
    func showing(_ id: UUID) async throws -> Showing { try await answer(onShowing, id) }
    func createShowing(_ input: ShowingInput) async throws -> Showing { try await answer(onCreateShowing, input) }
    func updateShowing(_ id: UUID, _ changes: [String: SearchJSON]) async throws -> Showing { try await answer(onUpdateShowing, id, changes) }
    func setShowingPrices(_ id: UUID, _ prices: [String: Decimal]) async throws -> Showing { try await answer(onSetShowingPrices, id, prices) }
    func deleteShowing(_ id: UUID) async throws { try await answer(onDeleteShowing, id) }
    func seatMap(showing: UUID) async throws -> [SeatMapEntry] { try await answer(onSeatMap, showing) }
    func hold(showing: UUID, seat: UUID, user: UUID?) async throws -> SeatHold { try await answer(onHold, showing, seat, user) }
    func release(showing: UUID, seat: UUID, user: UUID?) async throws -> SeatHold { try await answer(onRelease, showing, seat, user) }
    func createBooking(_ input: BookingInput, user: UUID?) async throws -> Booking { try await answer(onCreateBooking, input, user) }
    func bookings(of user: UUID?, limit: Int, offset: Int) async throws -> [Booking] { try await answer(onBookings, user, limit, offset) }
    func booking(_ id: UUID) async throws -> Booking { try await answer(onBooking, id) }
    func cancelBooking(_ id: UUID) async throws -> Booking { try await answer(onCancelBooking, id) }
    func search(query: String, indices: [String], limit: Int, offset: Int) async throws -> SearchAnswer { try await answer(onSearch, query, indices, limit, offset) }
    func searchStatus() async throws -> SearchStatus { try await answer(onSearchStatus) }
}
