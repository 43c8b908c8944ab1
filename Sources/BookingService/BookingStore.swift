import Foundation
import Logging
import PostgresNIO
import PostgresPipeline
import ServiceCore

/// The booking database: every query of the service, each call bounded by `deadline` (a pool that cannot connect
/// waits forever otherwise) and failed at once while `gate` knows the database is down. The HTTP routes and `mscli --maintenance` both go through it, so the rules are the same
/// whichever way an operator comes in. Values are always bind parameters.
public struct BookingStore: Sendable {
    public let client: PostgresClient
    let logger: Logger
    let deadline: Duration
    /// Fails calls at once while the database is down (the service's; mscli's maintenance mode has none).
    let gate: DatabaseGate
    /// How long a seat hold lasts.
    public let holdDuration: Duration
    /// Prices of a new showing's seat types when its body names none.
    public let defaultPrices: [SeatType: Decimal]
    /// Asked before a hold or a booking is made for a user: only an active account may (``AccountRule``). The service
    /// passes ``UncheckedAccounts`` (a disabled account's sessions are revoked, so it never gets this far); mscli's
    /// maintenance mode, which names the user, reads the auth database.
    let accounts: any AccountCheck
    /// The replica pool the catalogue lists may read from (`DATABASE_READ_URL`); nil: every read on `client`.
    let reads: ReplicaReads?
    /// libpq in pipeline mode for the fingerprints of users' own bookings pages (the service's; nil: PostgresNIO).
    let pipeline: PipelinePool?

    public static let standardPrices: [SeatType: Decimal] = [.regular: 100, .premium: 150, .vip: 200, .recliner: 300]

    public init(
        client: PostgresClient, accounts: any AccountCheck, logger: Logger, deadline: Duration = .seconds(10),
        holdDuration: Duration = .seconds(600), defaultPrices: [SeatType: Decimal] = BookingStore.standardPrices,
        gate: DatabaseGate = .unguarded, reads: ReplicaReads? = nil, pipeline: PipelinePool? = nil
    ) {
        self.client = client
        self.logger = logger
        self.deadline = deadline
        self.gate = gate
        self.holdDuration = holdDuration
        self.defaultPrices = defaultPrices
        self.accounts = accounts
        self.reads = reads
        self.pipeline = pipeline
    }

    func bounded<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await gate.run(deadline: deadline) {
            do {
                return try await body()
            } catch let error as PostgresTransactionError {
                if let inner = error.closureError { throw inner }
                throw error
            }
        }
    }

    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await client.rows(query, logger: logger)
    }

    /// The rows of a catalogue list (the lists the routes cache): from the replica pool when ``ReplicaReads`` routes
    /// there, else from the primary, bounded like every call.
    func listRows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        guard let reads else { return try await bounded { try await rows(query) } }
        return try await reads.rows(query, deadline: deadline) { try await bounded { try await rows(query) } }
    }

    static func rows(_ query: PostgresQuery, on conn: PostgresConnection, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        try await conn.rows(query, logger: logger)
    }
}

/// Column lists and their decoders, shared by every query that returns the same shape.
enum Columns {
    static let theater = "t.id, t.name, t.location, t.description, t.address, t.city, t.created_at, t.updated_at"

    static func theater(_ c: inout Cells) throws -> Theater {
        Theater(
            id: try c.next(), name: try c.next(), location: try c.next(), description: try c.next(), address: try c.next(),
            city: try c.next(), createdAt: try c.next(), updatedAt: try c.next())
    }

    static let movie = """
        m.id, m.title, m.description, m.duration_minutes, m.genre, m.director, m.release_date::text, m.rating, m.language,
        m.is_imax, m.poster_url, m.trailer_url, m."cast", m.created_at, m.updated_at
        """

    static func movie(_ c: inout Cells) throws -> Movie {
        Movie(
            id: try c.next(), title: try c.next(), description: try c.next(), durationMinutes: try c.next(), genre: try c.next(),
            director: try c.next(), releaseDate: try c.next(), rating: try c.next(), language: try c.next(), isImax: try c.next(),
            posterURL: try c.next(), trailerURL: try c.next(), cast: try c.next(), createdAt: try c.next(), updatedAt: try c.next())
    }

    static let movieBrief = "m.id, m.title, m.duration_minutes, m.genre, m.rating, m.poster_url"

    static func movieBrief(_ c: inout Cells) throws -> MovieBrief {
        MovieBrief(
            id: try c.next(), title: try c.next(), durationMinutes: try c.next(), genre: try c.next(), rating: try c.next(),
            posterURL: try c.next())
    }

    static let theaterBrief = "t.id, t.name, t.location, t.city"

    static func theaterBrief(_ c: inout Cells) throws -> TheaterBrief {
        TheaterBrief(id: try c.next(), name: try c.next(), location: try c.next(), city: try c.next())
    }

    /// A showing with its prices and the movie and theater briefs; use with ``showingFrom``.
    static let showing = """
        s.id, s.movie_id, s.theater_id, s.show_start_datetime, s.show_end_datetime, s.available_seats, s.is_active,
        s.expires_at, s.created_at, s.updated_at,
        (SELECT array_agg(p.seat_type::text || '=' || p.price::text ORDER BY p.seat_type) FROM showing_prices p WHERE p.showing_id = s.id),
        \(movieBrief), \(theaterBrief)
        """

    static let showingFrom = "showings s JOIN movies m ON m.id = s.movie_id JOIN theaters t ON t.id = s.theater_id"

    static func showing(_ c: inout Cells) throws -> Showing {
        let id: UUID = try c.next()
        let movieID: UUID = try c.next()
        let theaterID: UUID = try c.next()
        let start: Date = try c.next()
        let end: Date = try c.next()
        let available: Int = try c.next()
        let active: Bool = try c.next()
        let expires: Date = try c.next()
        let created: Date = try c.next()
        let updated: Date = try c.next()
        let priceTexts: [String]? = try c.next()
        var prices: [String: Decimal] = [:]
        for entry in priceTexts ?? [] {
            let parts = entry.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let amount = Decimal(postgres: String(parts[1])) {
                prices[String(parts[0])] = amount
            }
        }
        return Showing(
            id: id, movieID: movieID, theaterID: theaterID, showStart: start, showEnd: end, availableSeats: available,
            isActive: active, expiresAt: expires, prices: prices, createdAt: created, updatedAt: updated,
            movie: try movieBrief(&c), theater: try theaterBrief(&c))
    }

    static let seat = "se.id, se.theater_id, se.seat_number, se.\"row\", se.\"column\", se.seat_type::text, se.created_at, se.updated_at"
    /// The columns of ``seat``.
    static let seatColumnCount = 8

    static func seat(_ c: inout Cells) throws -> Seat {
        let id: UUID = try c.next()
        let theaterID: UUID = try c.next()
        let number: String = try c.next()
        let row: String = try c.next()
        let column: String = try c.next()
        let type: String = try c.next()
        return Seat(
            id: id, theaterID: theaterID, seatNumber: number, row: row, column: column, seatType: SeatType(rawValue: type) ?? .regular,
            createdAt: try c.next(), updatedAt: try c.next())
    }
}
