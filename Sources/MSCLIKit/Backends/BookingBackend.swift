import ArgumentParser
import AsyncHTTPClient
import BookingService
import Foundation
import Logging
import NIOHTTP1
import PostgresNIO
import SearchClient
import ServiceCore

/// What the booking commands do, whichever way they reach the booking service. Over HTTP the service applies its
/// rules as the signed-in user; in maintenance mode mscli calls the same ``BookingStore`` rules directly, as an admin.
///
/// Operations on a user's behalf (holds, bookings) take `user`: nil over HTTP (the session decides), the `--user-id`
/// of the command in maintenance mode, where there is no session.
public protocol BookingBackend: IdentifierLookup {
    /// What people name (see BookingIdentifiers.swift): theaters by name, movies by title, bookings by number.
    func theaters(named name: String, limit: Int) async throws -> [Theater]
    func movies(titled title: String, limit: Int) async throws -> [Movie]
    func bookings(numbered number: String, limit: Int) async throws -> [Booking]

    func theaters(limit: Int, offset: Int, city: String?) async throws -> [Theater]
    func theater(_ id: UUID) async throws -> Theater
    func createTheater(_ input: TheaterInput) async throws -> Theater
    /// Changes only the fields in `changes` (the PATCH body).
    func updateTheater(_ id: UUID, _ changes: [String: JSONValue]) async throws -> Theater
    func deleteTheater(_ id: UUID) async throws
    /// `replace`: delete the theater's grid first (refused while a showing of it holds or has sold seats).
    func initializeSeats(theater: UUID, layout: SeatLayout, replace: Bool) async throws -> [Seat]
    func seats(theater: UUID) async throws -> [Seat]

    func movies(limit: Int, offset: Int, genre: String?, language: String?) async throws -> [Movie]
    func movie(_ id: UUID) async throws -> Movie
    func createMovie(_ input: MovieInput) async throws -> Movie
    func updateMovie(_ id: UUID, _ changes: [String: JSONValue]) async throws -> Movie
    func deleteMovie(_ id: UUID) async throws

    func showings(_ filter: ShowingFilter, limit: Int, offset: Int) async throws -> [Showing]
    func showing(_ id: UUID) async throws -> Showing
    func createShowing(_ input: ShowingInput) async throws -> Showing
    func updateShowing(_ id: UUID, _ changes: [String: JSONValue]) async throws -> Showing
    /// New prices for the seat types named (refused once the showing started, or while seats of it are held).
    func setShowingPrices(_ id: UUID, _ prices: [String: Decimal]) async throws -> Showing
    func deleteShowing(_ id: UUID) async throws

    func seatMap(showing: UUID) async throws -> [SeatMapEntry]
    func hold(showing: UUID, seat: UUID, user: UUID?) async throws -> SeatHold
    func release(showing: UUID, seat: UUID, user: UUID?) async throws -> SeatHold
    func createBooking(_ input: BookingInput, user: UUID?) async throws -> Booking
    /// `user` nil: the caller's own bookings over HTTP (everyone's for an admin), everyone's in maintenance mode.
    func bookings(of user: UUID?, limit: Int, offset: Int) async throws -> [Booking]
    func booking(_ id: UUID) async throws -> Booking
    func cancelBooking(_ id: UUID) async throws -> Booking

    func search(query: String, indices: [String], limit: Int, offset: Int) async throws -> SearchAnswer
    func searchStatus() async throws -> SearchStatus
}

/// Runs `body` with the backend the settings select, and closes what it opened.
///
/// - Parameter searchURL: maintenance mode: the search engine to search and count in (`--search-url`, else
///   `ELASTICSEARCH_URL` or `SEARCH_URL`); without one, search runs on PostgreSQL as the service then does.
func withBookingBackend<T: Sendable>(
    _ context: CommandContext, searchURL: String? = nil, _ body: @Sendable (any BookingBackend) async throws -> T
) async throws -> T {
    if let override = context.backends.booking { return try await body(override) }
    if context.settings.maintenance {
        let settings = try context.databaseSettings(for: .booking)
        // Read before anything opens: an out-of-range value is refused as the service refuses it (exit 64).
        let holdDuration = try BookingConfiguration.holdDuration(EnvironmentReader(context.settings.environment))
        let engineURL = try SearchURLOption.resolve(searchURL, context)
        return try await SearchURLOption.withEngine(engineURL, context) { engine in
            try await context.withDatabase(.booking, settings) { client in
                // Fail with "run mscli migrate up booking" rather than with a missing table halfway through.
                try await Migrator(client: client, set: BookingMigrations.set, logger: context.logger).requireCurrent()
                let store = BookingStore(
                    client: client, accounts: MaintenanceAccounts(context: context), logger: context.logger,
                    holdDuration: holdDuration ?? BookingConfiguration.defaultHoldDuration)
                let search = BookingSearch(engine: engine, client: client, logger: context.logger)
                return try await body(MaintenanceBookingBackend(store: store, search: search))
            }
        }
    }
    let token = try context.sessionToken(required: true)
    return try await body(HTTPBookingBackend(http: ServiceHTTPClient(baseURL: context.settings.bookingURL, token: token, on: context)))
}

/// The signed-in user as the session token says (its payload, unverified: only to tell "held by you" apart).
struct SessionIdentity: Sendable {
    var userID: UUID
    var role: Role

    init?(token: String) {
        guard let claims = AccessTokenClaims.unverified(token), let id = claims.userID else { return nil }
        userID = id
        role = claims.role
    }
}

extension CommandContext {
    /// Who "you" are for the booking commands: the signed-in user over HTTP, nil in maintenance mode.
    func sessionIdentity() -> SessionIdentity? {
        guard !settings.maintenance, let token = try? sessionToken(required: false) else { return nil }
        return SessionIdentity(token: token)
    }
}

struct HTTPBookingBackend: BookingBackend {
    let http: ServiceHTTPClient

    static func path(_ id: UUID) -> String { id.lowercasedString }

    /// A request whose 401 says how to get a session (the service only says the token is missing or invalid).
    func send(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], json: (any Encodable & Sendable)? = nil
    ) async throws -> ServiceHTTPClient.Reply {
        do {
            return try await http.send(method, path, query: query, json: json)
        } catch let error as APIError where error.status == .unauthorized {
            throw ServiceHTTPClient.sessionRefused(by: "booking", error)
        }
    }

    func get<T: Decodable>(_ type: T.Type, _ path: String, query: [(String, String)] = []) async throws -> T {
        try http.decode(T.self, from: try await send(.GET, path, query: query))
    }

    func page(_ limit: Int, _ offset: Int) -> [(String, String)] { [("limit", "\(limit)"), ("offset", "\(offset)")] }

    func theaters(limit: Int, offset: Int, city: String?) async throws -> [Theater] {
        try await get([Theater].self, "/booking/theaters", query: page(limit, offset) + (city.map { [("city", $0)] } ?? []))
    }

    func theater(_ id: UUID) async throws -> Theater {
        try await get(Theater.self, "/booking/theaters/\(Self.path(id))")
    }

    func createTheater(_ input: TheaterInput) async throws -> Theater {
        try http.decode(Theater.self, from: try await send(.POST, "/booking/theaters", json: input))
    }

    func updateTheater(_ id: UUID, _ changes: [String: JSONValue]) async throws -> Theater {
        try http.decode(Theater.self, from: try await send(.PATCH, "/booking/theaters/\(Self.path(id))", json: changes))
    }

    func deleteTheater(_ id: UUID) async throws {
        _ = try await send(.DELETE, "/booking/theaters/\(Self.path(id))")
    }

    func initializeSeats(theater: UUID, layout: SeatLayout, replace: Bool) async throws -> [Seat] {
        var query = [("rows", "\(layout.rows)"), ("seats_per_row", "\(layout.seatsPerRow)")]
        if replace { query.append(("replace", "true")) }
        for type in [SeatType.premium, .vip, .recliner] {
            let rows = layout.rowTypes.filter { $0.value == type }.keys.sorted()
            if !rows.isEmpty { query.append(("\(type.rawValue)_rows", rows.joined(separator: ","))) }
        }
        return try http.decode([Seat].self, from: try await send(.POST, "/booking/seats/\(Self.path(theater))/initialize", query: query))
    }

    func seats(theater: UUID) async throws -> [Seat] {
        // The route answers [] for an unknown theater; a typo should not look like an empty theater.
        _ = try await self.theater(theater)
        return try await get([Seat].self, "/booking/seats/\(Self.path(theater))")
    }

    func movies(limit: Int, offset: Int, genre: String?, language: String?) async throws -> [Movie] {
        var query = page(limit, offset)
        if let genre { query.append(("genre", genre)) }
        if let language { query.append(("language", language)) }
        return try await get([Movie].self, "/booking/movies", query: query)
    }

    func movie(_ id: UUID) async throws -> Movie {
        try await get(Movie.self, "/booking/movies/\(Self.path(id))")
    }

    func createMovie(_ input: MovieInput) async throws -> Movie {
        try http.decode(Movie.self, from: try await send(.POST, "/booking/movies", json: input))
    }

    func updateMovie(_ id: UUID, _ changes: [String: JSONValue]) async throws -> Movie {
        try http.decode(Movie.self, from: try await send(.PATCH, "/booking/movies/\(Self.path(id))", json: changes))
    }

    func deleteMovie(_ id: UUID) async throws {
        _ = try await send(.DELETE, "/booking/movies/\(Self.path(id))")
    }

    func showings(_ filter: ShowingFilter, limit: Int, offset: Int) async throws -> [Showing] {
        var query = page(limit, offset)
        if let id = filter.movieID { query.append(("movie_id", Self.path(id))) }
        if let id = filter.theaterID { query.append(("theater_id", Self.path(id))) }
        if let date = filter.date { query.append(("date", date)) }
        if let zone = filter.timeZone, filter.date != nil { query.append(("tz", zone)) }
        if filter.includeExpired { query.append(("include_expired", "true")) }
        return try await get([Showing].self, "/booking/showings", query: query)
    }

    func showing(_ id: UUID) async throws -> Showing {
        try await get(Showing.self, "/booking/showings/\(Self.path(id))")
    }

    func createShowing(_ input: ShowingInput) async throws -> Showing {
        try http.decode(Showing.self, from: try await send(.POST, "/booking/showings", json: input))
    }

    func updateShowing(_ id: UUID, _ changes: [String: JSONValue]) async throws -> Showing {
        try http.decode(Showing.self, from: try await send(.PATCH, "/booking/showings/\(Self.path(id))", json: changes))
    }

    func setShowingPrices(_ id: UUID, _ prices: [String: Decimal]) async throws -> Showing {
        try http.decode(Showing.self, from: try await send(.PUT, "/booking/prices/\(Self.path(id))", json: ShowingPricesInput(prices: prices)))
    }

    func deleteShowing(_ id: UUID) async throws {
        _ = try await send(.DELETE, "/booking/showings/\(Self.path(id))")
    }

    func seatMap(showing: UUID) async throws -> [SeatMapEntry] {
        try await get([SeatMapEntry].self, "/booking/booking_seats/\(Self.path(showing))/map")
    }

    func hold(showing: UUID, seat: UUID, user: UUID?) async throws -> SeatHold {
        try http.decode(
            SeatHold.self,
            from: try await send(.POST, "/booking/booking_seats/lock", json: HoldInput(seatID: seat, showingID: showing, lockSeat: true)))
    }

    func release(showing: UUID, seat: UUID, user: UUID?) async throws -> SeatHold {
        try http.decode(
            SeatHold.self,
            from: try await send(.POST, "/booking/booking_seats/lock", json: HoldInput(seatID: seat, showingID: showing, lockSeat: false)))
    }

    func createBooking(_ input: BookingInput, user: UUID?) async throws -> Booking {
        try http.decode(Booking.self, from: try await send(.POST, "/booking/bookings", json: input))
    }

    func bookings(of user: UUID?, limit: Int, offset: Int) async throws -> [Booking] {
        try await get([Booking].self, "/booking/bookings", query: page(limit, offset) + (user.map { [("user_id", Self.path($0))] } ?? []))
    }

    func booking(_ id: UUID) async throws -> Booking {
        try await get(Booking.self, "/booking/bookings/\(Self.path(id))")
    }

    func cancelBooking(_ id: UUID) async throws -> Booking {
        try http.decode(Booking.self, from: try await send(.POST, "/booking/bookings/\(Self.path(id))/cancel"))
    }

    func search(query: String, indices: [String], limit: Int, offset: Int) async throws -> SearchAnswer {
        try await get(
            SearchAnswer.self, "/booking/search", query: [("query", query)] + indices.map { ("indices", $0) } + page(limit, offset))
    }

    func searchStatus() async throws -> SearchStatus {
        try await get(SearchStatus.self, "/booking/search/status")
    }
}

/// Maintenance mode: the booking library against the booking database, acting as an admin. Holds and bookings are
/// made for the `--user-id` the command names.
struct MaintenanceBookingBackend: BookingBackend {
    let store: BookingStore
    let search: BookingSearch

    /// The operator: an admin who is nobody in particular (the nil UUID owns no booking).
    static let operatorActor = BookingActor(userID: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), isAdmin: true)

    func required(_ user: UUID?) throws -> UUID {
        guard let user else { throw CLIError.usage("maintenance mode has no signed-in user: pass --user-id UUID") }
        return user
    }

    func theaters(limit: Int, offset: Int, city: String?) async throws -> [Theater] {
        try await store.theaters(limit: limit, offset: offset, city: city)
    }

    func theater(_ id: UUID) async throws -> Theater { try await store.theater(id) }

    func createTheater(_ input: TheaterInput) async throws -> Theater { try await store.createTheater(input) }

    func updateTheater(_ id: UUID, _ changes: [String: JSONValue]) async throws -> Theater {
        try await store.updateTheater(id, try FieldSpec.theater.changes(changes))
    }

    func deleteTheater(_ id: UUID) async throws { try await store.deleteTheater(id) }

    func initializeSeats(theater: UUID, layout: SeatLayout, replace: Bool) async throws -> [Seat] {
        try await store.initializeSeats(theater: theater, layout: layout, replace: replace)
    }

    func setShowingPrices(_ id: UUID, _ prices: [String: Decimal]) async throws -> Showing {
        try await store.setShowingPrices(id, prices)
    }

    func seats(theater: UUID) async throws -> [Seat] {
        // The route answers [] for an unknown theater; here a typo should not look like an empty theater.
        _ = try await store.theater(theater)
        return try await store.seats(theater: theater)
    }

    func movies(limit: Int, offset: Int, genre: String?, language: String?) async throws -> [Movie] {
        try await store.movies(limit: limit, offset: offset, genre: genre, language: language)
    }

    func movie(_ id: UUID) async throws -> Movie { try await store.movie(id) }

    func createMovie(_ input: MovieInput) async throws -> Movie { try await store.createMovie(input) }

    func updateMovie(_ id: UUID, _ changes: [String: JSONValue]) async throws -> Movie {
        try await store.updateMovie(id, try FieldSpec.movie.changes(changes))
    }

    func deleteMovie(_ id: UUID) async throws { try await store.deleteMovie(id) }

    func showings(_ filter: ShowingFilter, limit: Int, offset: Int) async throws -> [Showing] {
        try await store.showings(filter, limit: limit, offset: offset)
    }

    func showing(_ id: UUID) async throws -> Showing { try await store.showing(id) }

    func createShowing(_ input: ShowingInput) async throws -> Showing { try await store.createShowing(input) }

    func updateShowing(_ id: UUID, _ changes: [String: JSONValue]) async throws -> Showing {
        try await store.updateShowing(id, try FieldSpec.showing.changes(changes))
    }

    func deleteShowing(_ id: UUID) async throws { try await store.deleteShowing(id) }

    func seatMap(showing: UUID) async throws -> [SeatMapEntry] { try await store.seatMap(showing: showing) }

    func hold(showing: UUID, seat: UUID, user: UUID?) async throws -> SeatHold {
        try await store.hold(HoldInput(seatID: seat, showingID: showing, lockSeat: true), by: try required(user))
    }

    func release(showing: UUID, seat: UUID, user: UUID?) async throws -> SeatHold {
        try await store.hold(HoldInput(seatID: seat, showingID: showing, lockSeat: false), by: try required(user))
    }

    func createBooking(_ input: BookingInput, user: UUID?) async throws -> Booking {
        do {
            return try await store.createBooking(input, by: try required(user))
        } catch let error as SeatsUnavailable {
            throw APIError.conflict(error.detail)
        }
    }

    func bookings(of user: UUID?, limit: Int, offset: Int) async throws -> [Booking] {
        try await store.bookings(of: user, limit: limit, offset: offset)
    }

    func booking(_ id: UUID) async throws -> Booking { try await store.booking(id, for: Self.operatorActor) }

    func cancelBooking(_ id: UUID) async throws -> Booking { try await store.cancelBooking(id, by: Self.operatorActor) }

    func search(query: String, indices: [String], limit: Int, offset: Int) async throws -> SearchAnswer {
        try await search.search(query: query, indices: indices, limit: limit, offset: offset, actor: Self.operatorActor)
    }

    func searchStatus() async throws -> SearchStatus { try await search.status() }
}

// MARK: - Command-line pieces the booking commands share

/// A UUID on the command line; anything else is a usage error naming the argument.
struct UUIDArgument: ExpressibleByArgument, Sendable, Equatable {
    let value: UUID

    init(_ value: UUID) { self.value = value }

    init?(argument: String) {
        guard let id = UUID(uuidString: argument) else { return nil }
        value = id
    }

    var defaultValueDescription: String { value.lowercasedString }
}

/// `--limit` and `--offset` of a list (the service's page bounds).
struct PageOptions: ParsableArguments {
    @Option(help: "Items per page (1-1000).") var limit = 100
    @Option(help: "Items to skip.") var offset = 0

    func validate() throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be from 1 to 1000") }
        guard offset >= 0 else { throw ValidationError("--offset must not be negative") }
    }

    /// After a full page of a table, tells on stderr how to get the next one (and says so when there was nothing).
    func hint(_ count: Int, _ context: CommandContext) {
        guard context.settings.output == .table else { return }
        if count == 0 { context.message(offset == 0 ? "nothing found" : "nothing from offset \(offset)") }
        if count == limit { context.message("showing \(count) from offset \(offset); next page: --offset \(offset + count)") }
    }
}

/// `--tz`: the time zone times are shown in (and `--date` is read in).
struct TimeZoneOption: ParsableArguments {
    @Option(name: .customLong("tz"), help: "Time zone to show times in, an IANA name such as Asia/Kolkata (default UTC).")
    var name: String?

    func validate() throws {
        if let name, TimeZone(identifier: name) == nil {
            throw ValidationError("unknown time zone \(name); use an IANA name such as Asia/Kolkata or UTC")
        }
    }

    var zone: TimeZone { name.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")! }
    var label: String { name ?? "UTC" }

    /// `2030-11-15 19:00` in this zone.
    func local(_ date: Date) -> String { BookingText.local(date, zone) }
}

/// `--user-id` of the commands that act for a user (holds, bookings): required in maintenance mode, where there is no
/// session; refused over HTTP, where the session says who you are.
struct ActingUser: ParsableArguments {
    @Option(
        name: .customLong("user-id"),
        help: "Maintenance mode only (required there): the user to act for, by id or e-mail address. Over HTTP you act as the signed-in user.")
    var userID: Reference?

    /// The user to act for; an e-mail address is looked up in the auth database (so the user must exist).
    func resolve(_ context: CommandContext) async throws -> UUID? {
        if context.settings.maintenance {
            guard let userID else {
                throw CLIError.usage("maintenance mode has no signed-in user: pass --user-id ID or e-mail address (the user to act for)")
            }
            return try await context.userID(userID)
        }
        if userID != nil {
            throw CLIError.usage("--user-id is for maintenance mode; over HTTP you act as the signed-in user (`mscli auth login`)")
        }
        return nil
    }
}

enum BookingText {
    static func id(_ id: UUID) -> String { id.lowercasedString }

    /// Money with two decimals: `180.00`.
    static func money(_ amount: Decimal) -> String {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        let parts = "\(rounded)".split(separator: ".", maxSplits: 1)
        let whole = parts.first.map(String.init) ?? "0"
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return whole + "." + fraction.padding(toLength: 2, withPad: "0", startingAt: 0)
    }

    static func money(_ amount: Decimal?) -> String { amount.map { money($0) } ?? "-" }

    static func local(_ date: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    static func text(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "-" }
        return value
    }

    /// A comma-separated list on the command line: `H,I` or `"A, B"`.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Row labels as a short list: `A-E` for a run, `H, I` otherwise.
    static func rows(_ labels: [String]) -> String {
        let all = (0..<SeatLayout.maximumRows).map(SeatLayout.rowLabel)
        let positions = labels.compactMap { all.firstIndex(of: $0) }
        guard positions.count == labels.count, positions.count > 2,
            positions == Array(positions[0]...positions[0] + positions.count - 1)
        else { return labels.joined(separator: ", ") }
        return "\(labels.first!)-\(labels.last!)"
    }
}
