import Foundation
import PostgresNIO
import ServiceCore

/// Filters of `GET /booking/showings/` and `mscli showings list`: the route reads them from the query, mscli from its
/// options, and its HTTP backend sends them back as the same query.
public struct ShowingFilter: Sendable, Equatable {
    public var movieID: UUID?
    public var theaterID: UUID?
    /// Shows starting in this range (from `date` in `timeZone`).
    public var startsIn: Range<Date>?
    /// The calendar day asked for (`YYYY-MM-DD`) and its IANA time zone (nil: UTC), as asked.
    public private(set) var date: String?
    public private(set) var timeZone: String?
    /// Include showings whose `expires_at` has passed (admins, `mscli`).
    public var includeExpired = false

    public init(movieID: UUID? = nil, theaterID: UUID? = nil, startsIn: Range<Date>? = nil, includeExpired: Bool = false) {
        self.movieID = movieID
        self.theaterID = theaterID
        self.startsIn = startsIn
        self.includeExpired = includeExpired
    }

    /// The showings starting on `date` (`YYYY-MM-DD`) in `timeZone` (an IANA name, default UTC). A time zone without
    /// a date is checked too. Errors are the route's 422s (`query.date`, `query.tz`).
    public init(movieID: UUID?, theaterID: UUID?, date: String?, timeZone: String?, includeExpired: Bool = false) throws {
        self.init(movieID: movieID, theaterID: theaterID, includeExpired: includeExpired)
        var zone: TimeZone?
        if let timeZone {
            guard let named = Timestamps.timeZone(named: timeZone) else {
                throw APIError.invalid(["query", "tz"], "Unknown time zone \(timeZone)", type: "value_error")
            }
            zone = named
        }
        if let date {
            guard let range = Timestamps.dayRange(date, timeZone: zone ?? TimeZone(identifier: "UTC")!) else {
                throw APIError.invalid(["query", "date"], "Input should be a valid date (YYYY-MM-DD)", type: "date_parsing")
            }
            startsIn = range
            self.date = date
            self.timeZone = timeZone
        }
    }
}

extension BookingStore {
    // MARK: theaters

    public func createTheater(_ input: TheaterInput) async throws -> Theater {
        try input.validate()
        return try await bounded {
            let rows = try await rows(
                """
                INSERT INTO theaters AS t (name, location, description, address, city)
                VALUES (\(input.name), \(input.location), \(input.description), \(input.address), \(input.city))
                RETURNING \(unescaped: Columns.theater)
                """)
            var c = Cells(rows[0])
            return try Columns.theater(&c)
        }
    }

    /// `name`: only theaters of that name, in any case (how mscli resolves a theater named on its command line;
    /// names are not unique, so this can answer several).
    public func theaters(limit: Int, offset: Int, city: String? = nil, name: String? = nil) async throws -> [Theater] {
        try await listRows(
            """
            SELECT \(unescaped: Columns.theater) FROM theaters t
            WHERE (\(city)::text IS NULL OR lower(t.city) = lower(\(city)))
              AND (\(name)::text IS NULL OR lower(t.name) = lower(\(name)))
            ORDER BY t.created_at, t.id LIMIT \(limit) OFFSET \(offset)
            """
        ).map { row in
            var c = Cells(row)
            return try Columns.theater(&c)
        }
    }

    public func theater(_ id: UUID) async throws -> Theater {
        try await bounded {
            guard let row = try await rows("SELECT \(unescaped: Columns.theater) FROM theaters t WHERE t.id = \(id)").first else {
                throw APIError.notFound("Theater not found")
            }
            var c = Cells(row)
            return try Columns.theater(&c)
        }
    }

    public func updateTheater(_ id: UUID, _ changes: [(column: String, value: ColumnValue)]) async throws -> Theater {
        let query = try Self.update("theaters", alias: "t", id: id, changes, returning: Columns.theater)
        return try await bounded {
            guard let row = try await rows(query).first else { throw APIError.notFound("Theater not found") }
            var c = Cells(row)
            return try Columns.theater(&c)
        }
    }

    public func deleteTheater(_ id: UUID) async throws {
        try await bounded {
            do {
                let deleted = try await rows("DELETE FROM theaters WHERE id = \(id) RETURNING id")
                if deleted.isEmpty { throw APIError.notFound("Theater not found") }
            } catch where PostgresErrorText.sqlState(error) == "23503" {
                throw APIError.conflict("Theater has showings; delete or move them before deleting the theater")
            }
        }
    }

    // MARK: movies

    public func createMovie(_ input: MovieInput) async throws -> Movie {
        try input.validate()
        return try await bounded {
            let rows = try await rows(
                """
                INSERT INTO movies AS m (title, description, duration_minutes, genre, director, release_date, rating, language,
                                         is_imax, poster_url, trailer_url, "cast")
                VALUES (\(input.title), \(input.description), \(input.durationMinutes), \(input.genre), \(input.director),
                        \(input.releaseDate)::date, \(input.rating), \(input.language), \(input.isImax ?? false), \(input.posterURL),
                        \(input.trailerURL), \(input.cast ?? []))
                RETURNING \(unescaped: Columns.movie)
                """)
            var c = Cells(rows[0])
            return try Columns.movie(&c)
        }
    }

    /// `title`: only movies of that title, in any case (how mscli resolves a movie named on its command line).
    public func movies(
        limit: Int, offset: Int, genre: String? = nil, language: String? = nil, title: String? = nil
    ) async throws -> [Movie] {
        try await listRows(
            """
            SELECT \(unescaped: Columns.movie) FROM movies m
            WHERE (\(genre)::text IS NULL OR m.genre ILIKE '%' || \(genre) || '%')
              AND (\(language)::text IS NULL OR lower(m.language) = lower(\(language)))
              AND (\(title)::text IS NULL OR lower(m.title) = lower(\(title)))
            ORDER BY m.created_at, m.id LIMIT \(limit) OFFSET \(offset)
            """
        ).map { row in
            var c = Cells(row)
            return try Columns.movie(&c)
        }
    }

    public func movie(_ id: UUID) async throws -> Movie {
        try await bounded {
            guard let row = try await rows("SELECT \(unescaped: Columns.movie) FROM movies m WHERE m.id = \(id)").first else {
                throw APIError.notFound("Movie not found")
            }
            var c = Cells(row)
            return try Columns.movie(&c)
        }
    }

    public func updateMovie(_ id: UUID, _ changes: [(column: String, value: ColumnValue)]) async throws -> Movie {
        let query = try Self.update("movies", alias: "m", id: id, changes, returning: Columns.movie)
        return try await bounded {
            guard let row = try await rows(query).first else { throw APIError.notFound("Movie not found") }
            var c = Cells(row)
            return try Columns.movie(&c)
        }
    }

    public func deleteMovie(_ id: UUID) async throws {
        try await bounded {
            do {
                let deleted = try await rows("DELETE FROM movies WHERE id = \(id) RETURNING id")
                if deleted.isEmpty { throw APIError.notFound("Movie not found") }
            } catch where PostgresErrorText.sqlState(error) == "23503" {
                throw APIError.conflict("Movie has showings; delete them before deleting the movie")
            }
        }
    }

    // MARK: showings

    /// Creates a showing after the seed's checks, in its order: times, seats, movie, theater, duplicate slot.
    public func createShowing(_ input: ShowingInput) async throws -> Showing {
        let checked = try input.check(defaultPrices: defaultPrices)
        return try await bounded {
            try await client.withTransaction(logger: logger) { conn in
                let found = try await Self.rows(
                    """
                    SELECT EXISTS (SELECT 1 FROM movies WHERE id = \(input.movieID)),
                           EXISTS (SELECT 1 FROM theaters WHERE id = \(input.theaterID)),
                           (SELECT count(*) FROM seats WHERE theater_id = \(input.theaterID))::int
                    """, on: conn, logger: logger)
                var c = Cells(found[0])
                let movieExists: Bool = try c.next()
                let theaterExists: Bool = try c.next()
                let seatCount: Int = try c.next()
                guard movieExists else { throw APIError.notFound("Movie not found") }
                guard theaterExists else { throw APIError.notFound("Theater not found") }
                let available = input.availableSeats ?? seatCount
                guard available > 0 else {
                    throw APIError.badRequest("Available seats must be greater than 0 (the theater has no seats laid out yet)")
                }
                let id: UUID
                do {
                    let inserted = try await Self.rows(
                        """
                        INSERT INTO showings (movie_id, theater_id, show_start_datetime, show_end_datetime, available_seats,
                                              is_active, expires_at)
                        VALUES (\(input.movieID), \(input.theaterID), \(checked.start), \(checked.end), \(available),
                                \(input.isActive ?? true), \(checked.expiresAt))
                        RETURNING id
                        """, on: conn, logger: logger)
                    id = try inserted[0][0].decode(UUID.self)
                } catch where PostgresErrorText.sqlState(error) == "23505" {
                    throw APIError.conflict("A showing already exists for this movie and theater at this time")
                }
                let types = SeatType.allCases
                try await conn.query(
                    """
                    INSERT INTO showing_prices (showing_id, seat_type, price)
                    SELECT \(id), type::seat_type, price::numeric
                    FROM unnest(\(types.map(\.rawValue))::text[], \(types.map { "\(checked.prices[$0] ?? 0)" })::text[]) AS p(type, price)
                    """, logger: logger)
                guard let row = try await Self.rows(
                    "SELECT \(unescaped: Columns.showing) FROM \(unescaped: Columns.showingFrom) WHERE s.id = \(id)", on: conn, logger: logger
                ).first else { throw APIError.notFound("Showing not found") }
                var s = Cells(row)
                return try Columns.showing(&s)
            }
        }
    }

    public func showings(_ filter: ShowingFilter, limit: Int, offset: Int) async throws -> [Showing] {
        let from = filter.startsIn?.lowerBound
        let to = filter.startsIn?.upperBound
        return try await listRows(
            """
            SELECT \(unescaped: Columns.showing)
            FROM (SELECT * FROM showings s
                  WHERE (\(filter.includeExpired) OR s.expires_at > now())
                    AND (\(filter.movieID)::uuid IS NULL OR s.movie_id = \(filter.movieID))
                    AND (\(filter.theaterID)::uuid IS NULL OR s.theater_id = \(filter.theaterID))
                    AND (\(from)::timestamptz IS NULL OR s.show_start_datetime >= \(from))
                    AND (\(to)::timestamptz IS NULL OR s.show_start_datetime < \(to))
                  ORDER BY s.show_start_datetime, s.id LIMIT \(limit) OFFSET \(offset)) s
            JOIN movies m ON m.id = s.movie_id JOIN theaters t ON t.id = s.theater_id
            ORDER BY s.show_start_datetime, s.id
            """
        ).map { row in
            var c = Cells(row)
            return try Columns.showing(&c)
        }
    }

    public func showing(_ id: UUID) async throws -> Showing {
        try await bounded {
            guard let row = try await rows(
                "SELECT \(unescaped: Columns.showing) FROM \(unescaped: Columns.showingFrom) WHERE s.id = \(id)"
            ).first else { throw APIError.notFound("Showing with ID \(id.lowercasedString) not found") }
            var c = Cells(row)
            return try Columns.showing(&c)
        }
    }

    public func updateShowing(_ id: UUID, _ changes: [(column: String, value: ColumnValue)]) async throws -> Showing {
        let query = try Self.update("showings", alias: "s", id: id, changes, returning: "s.id")
        try await bounded {
            do {
                if try await rows(query).isEmpty {
                    throw APIError.notFound("Showing with ID \(id.lowercasedString) not found")
                }
            } catch where PostgresErrorText.sqlState(error) == "23514" {
                throw APIError.badRequest("Show start datetime must be before show end datetime")
            } catch where PostgresErrorText.sqlState(error) == "23505" {
                throw APIError.conflict("A showing already exists for this movie and theater at this time")
            }
        }
        return try await showing(id)
    }

    public func deleteShowing(_ id: UUID) async throws {
        try await bounded {
            do {
                let deleted = try await rows("DELETE FROM showings WHERE id = \(id) RETURNING id")
                if deleted.isEmpty { throw APIError.notFound("Showing with ID \(id.lowercasedString) not found") }
            } catch where PostgresErrorText.sqlState(error) == "23503" {
                throw APIError.conflict("Showing has bookings; cancel them (or let it expire) instead of deleting it")
            }
        }
    }

    // MARK: seats

    /// Lays out a theater's seat grid in one statement. A theater that already has seats is refused (409) rather than
    /// half-extended, unless `replace`: then the old grid is deleted first, in the same transaction, which is refused
    /// (409) while any showing of the theater holds a seat or has ever sold one (a booking, cancelled ones included,
    /// names its seats for good).
    public func initializeSeats(theater: UUID, layout: SeatLayout, replace: Bool = false) async throws -> [Seat] {
        try layout.validate()
        var rowsColumn: [String] = []
        var columns: [String] = []
        var numbers: [String] = []
        var types: [String] = []
        for label in layout.labels {
            for column in 1...layout.seatsPerRow {
                rowsColumn.append(label)
                columns.append(String(column))
                numbers.append(label + String(column))
                types.append((layout.rowTypes[label] ?? .regular).rawValue)
            }
        }
        let (rowLabels, columnLabels, seatNumbers, seatTypes) = (rowsColumn, columns, numbers, types)
        return try await bounded {
            try await client.withTransaction(logger: logger) { conn in
                let theaterRows = try await Self.rows(
                    "SELECT (SELECT count(*) FROM seats WHERE theater_id = t.id)::int FROM theaters t WHERE t.id = \(theater) FOR UPDATE",
                    on: conn, logger: logger)
                guard let existing = theaterRows.first else { throw APIError.notFound("Theater not found") }
                if replace {
                    try await Self.requireSeatsReplaceable(theater: theater, on: conn, logger: logger)
                    try await conn.query("DELETE FROM seats WHERE theater_id = \(theater)", logger: logger)
                } else if try existing[0].decode(Int.self) > 0 {
                    throw APIError.conflict("Theater already has seats; replace the grid with `replace=true` (mscli theaters seats THEATER --replace …)")
                }
                return try await Self.rows(
                    """
                    INSERT INTO seats AS se (theater_id, "row", "column", seat_number, seat_type)
                    SELECT \(theater), r, c, n, ty::seat_type
                    FROM unnest(\(rowLabels)::text[], \(columnLabels)::text[], \(seatNumbers)::text[], \(seatTypes)::text[]) AS g(r, c, n, ty)
                    RETURNING \(unescaped: Columns.seat)
                    """, on: conn, logger: logger
                ).map { row in
                    var c = Cells(row)
                    return try Columns.seat(&c)
                }
            }
        }
    }

    /// Seats in reading order: row A first, then by column number.
    public func seats(theater: UUID) async throws -> [Seat] {
        try await bounded {
            let seats = try await rows(
                """
                SELECT \(unescaped: Columns.seat) FROM seats se WHERE se.theater_id = \(theater)
                ORDER BY length(se."row"), se."row", length(se."column"), se."column"
                """
            ).map { row in
                var c = Cells(row)
                return try Columns.seat(&c)
            }
            if seats.isEmpty, try await rows("SELECT 1 FROM theaters WHERE id = \(theater)").isEmpty {
                throw APIError.notFound("Theater not found")
            }
            return seats
        }
    }

    public func deleteSeat(_ id: UUID) async throws {
        try await bounded {
            do {
                let deleted = try await rows("DELETE FROM seats WHERE id = \(id) RETURNING id")
                if deleted.isEmpty { throw APIError.notFound("Seat not found") }
            } catch where PostgresErrorText.sqlState(error) == "23503" {
                throw APIError.conflict("Seat has bookings and cannot be deleted")
            }
        }
    }

    // MARK: helpers

    /// `UPDATE table alias SET col = $n, … , updated_at = now() WHERE id = $m RETURNING …` from checked changes.
    static func update(
        _ table: String, alias: String, id: UUID, _ changes: [(column: String, value: ColumnValue)], returning: String
    ) throws -> PostgresQuery {
        var bindings = PostgresBindings()
        var assignments: [String] = []
        for (index, change) in changes.enumerated() {
            try change.value.bind(into: &bindings)
            assignments.append("\"\(change.column)\" = $\(index + 1)\(change.value.cast)")
        }
        bindings.append(id)
        let sql = """
            UPDATE \(table) AS \(alias) SET \(assignments.joined(separator: ", ")), updated_at = now()
            WHERE \(alias).id = $\(changes.count + 1) RETURNING \(returning)
            """
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}
