import Crypto
import Foundation
import Logging
import NIOCore
import PostgresNIO
import ServiceCore

/// Loads the booking fixtures (`fixtures/booking/*.json`) idempotently: every row has an id derived from its fixture
/// key (or, for seats, the theater's unique grid position), and every insert is `ON CONFLICT DO NOTHING`, so a second
/// run the same day adds nothing. `scale` multiplies the theaters (and with them seats and showings) for load tests.
/// Seats and showings are streamed with COPY into temporary tables and inserted in one statement each; memory stays
/// flat whatever the scale.
public struct BookingSeeder: Sendable {
    public struct Fixtures: Sendable {
        public var theaters: [TheaterFixture]
        public var movies: [MovieFixture]
        public var schedule: Schedule

        /// Reads `theaters.json`, `movies.json` and `schedule.json` from `directory`.
        public static func load(from directory: URL) throws -> Fixtures {
            func read<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
                try decodeJSONFile(type, at: directory.appendingPathComponent(name))
            }
            let fixtures = Fixtures(
                theaters: try read("theaters.json", as: [TheaterFixture].self), movies: try read("movies.json", as: [MovieFixture].self),
                schedule: try read("schedule.json", as: Schedule.self))
            try fixtures.validate()
            return fixtures
        }

        func validate() throws {
            guard !theaters.isEmpty, !movies.isEmpty else { throw ConfigurationError("fixtures need at least one theater and one movie") }
            for (kind, keys) in [("theater", theaters.map(\.key)), ("movie", movies.map(\.key))] where Set(keys).count != keys.count {
                throw ConfigurationError("duplicate \(kind) keys in the fixtures")
            }
            for theater in theaters {
                let layout = theater.layout.seatLayout
                do { try layout.validate() } catch { throw ConfigurationError("theater \(theater.key): invalid layout") }
            }
            for movie in movies {
                do { try movie.input.validate() } catch { throw ConfigurationError("movie \(movie.key): \(error)") }
            }
            guard TimeZone(identifier: schedule.timezone) != nil else { throw ConfigurationError("schedule: unknown time zone \(schedule.timezone)") }
            guard (1...60).contains(schedule.days), !schedule.slots.isEmpty, schedule.moviesPerTheaterPerDay >= 1 else {
                throw ConfigurationError("schedule: days must be 1–60, slots and movies_per_theater_per_day non-empty")
            }
            for slot in schedule.slots where Schedule.minutes(slot) == nil { throw ConfigurationError("schedule: bad slot \(slot)") }
            for type in schedule.basePrices.keys where SeatType(rawValue: type) == nil {
                throw ConfigurationError("schedule: unknown seat type \(type) in base_prices")
            }
        }
    }

    public struct TheaterFixture: Codable, Sendable {
        public var key: String
        public var name: String
        public var location: String
        public var description: String?
        public var address: String
        public var city: String
        public var layout: Layout

        public struct Layout: Codable, Sendable {
            public var rows: Int
            public var seatsPerRow: Int
            public var premiumRows: [String]?
            public var vipRows: [String]?
            public var reclinerRows: [String]?

            enum CodingKeys: String, CodingKey {
                case rows
                case seatsPerRow = "seats_per_row", premiumRows = "premium_rows", vipRows = "vip_rows", reclinerRows = "recliner_rows"
            }

            var seatLayout: SeatLayout {
                var types: [String: SeatType] = [:]
                for row in premiumRows ?? [] { types[row] = .premium }
                for row in vipRows ?? [] { types[row] = .vip }
                for row in reclinerRows ?? [] { types[row] = .recliner }
                return SeatLayout(rows: rows, seatsPerRow: seatsPerRow, rowTypes: types)
            }
        }
    }

    /// A movie of `movies.json`: its key and the fields a `POST /booking/movies/` body has.
    public struct MovieFixture: Decodable, Sendable {
        public var key: String
        public var input: MovieInput

        enum CodingKeys: String, CodingKey { case key }

        public init(from decoder: any Decoder) throws {
            key = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .key)
            input = try MovieInput(from: decoder)
        }
    }

    public struct Schedule: Codable, Sendable {
        public var days: Int
        public var timezone: String
        public var slots: [String]
        public var moviesPerTheaterPerDay: Int
        public var cleaningMinutes: Int
        public var basePrices: [String: String]

        enum CodingKeys: String, CodingKey {
            case days, timezone, slots
            case moviesPerTheaterPerDay = "movies_per_theater_per_day", cleaningMinutes = "cleaning_minutes", basePrices = "base_prices"
        }

        static func minutes(_ slot: String) -> Int? {
            let parts = slot.split(separator: ":")
            guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
            return h * 60 + m
        }
    }

    public struct Report: Codable, Sendable {
        public var theaters: Count
        public var movies: Count
        public var seats: Count
        public var showings: Count
        public var seconds: Double

        public struct Count: Codable, Sendable {
            public var inserted: Int
            public var total: Int

            public init(inserted: Int, total: Int) {
                self.inserted = inserted
                self.total = total
            }
        }
    }

    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// A UUID derived from `kind` and `key` (SHA-256, version 8 "custom"), the same on every run and machine.
    static func stableID(_ kind: String, _ key: String) -> UUID { StableID.make(kind, key) }

    /// Loads `fixtures` with every theater repeated `scale` times; showings start on `startDate` (a `YYYY-MM-DD` in the
    /// schedule's time zone; today there when nil).
    public func seed(_ fixtures: Fixtures, scale: Int = 1, startDate: String? = nil, progress: @escaping @Sendable (String) -> Void = { _ in })
        async throws -> Report
    {
        precondition(scale >= 1)
        let started = ContinuousClock.now
        let zone = TimeZone(identifier: fixtures.schedule.timezone)!
        let firstDay = try Self.startOfDay(startDate, in: zone)
        let theaters = (0..<scale).flatMap { copy in
            fixtures.theaters.map { theater -> TheaterFixture in
                guard copy > 0 else { return theater }
                var scaled = theater
                scaled.key = "\(theater.key)-\(copy + 1)"
                scaled.name = "\(theater.name) \(copy + 1)"
                return scaled
            }
        }
        var report = Report(
            theaters: .init(inserted: 0, total: theaters.count), movies: .init(inserted: 0, total: fixtures.movies.count),
            seats: .init(inserted: 0, total: 0), showings: .init(inserted: 0, total: 0), seconds: 0)
        // Theaters and movies first, committed, so the big loads that reference them can run side by side: seats in
        // two halves and showings, each in a transaction of its own on its own connection. A failed run leaves
        // whole parts behind; running it again completes the rest (every insert skips what exists).
        progress("theaters and movies")
        let (newTheaters, newMovies) = try await transaction { conn in
            (try await insertTheaters(theaters, conn: conn), try await insertMovies(fixtures.movies, conn: conn))
        }
        report.theaters.inserted = newTheaters.count
        report.movies.inserted = newMovies
        progress("seats and showings")
        let fresh = Set(newTheaters)
        let half = theaters.count / 2
        async let firstSeats = transaction { conn in try await insertSeats(Array(theaters[..<half]), fresh: fresh, conn: conn) }
        async let secondSeats = transaction { conn in try await insertSeats(Array(theaters[half...]), fresh: fresh, conn: conn) }
        async let showings = transaction { conn in
            try await insertShowings(
                theaters: theaters, movies: fixtures.movies, schedule: fixtures.schedule, firstDay: firstDay, zone: zone, conn: conn)
        }
        let (a, b, c) = try await (firstSeats, secondSeats, showings)
        report.seats = .init(inserted: a.0 + b.0, total: a.1 + b.1)
        report.showings = .init(inserted: c.0, total: c.1)
        // Fresh statistics, so the first queries after a large load get good plans.
        try await client.run("ANALYZE theaters, movies, seats, showings, showing_prices", logger: logger)
        report.seconds = started.duration(to: .now).seconds
        return report
    }

    private func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { conn in try await body(conn) }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error
        }
    }

    static func startOfDay(_ date: String?, in zone: TimeZone) throws -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        guard let date else { return calendar.startOfDay(for: Date()) }
        guard let range = Timestamps.dayRange(date, timeZone: zone) else { throw ConfigurationError("not a date: \(date) (use YYYY-MM-DD)") }
        return range.lowerBound
    }

    /// Inserts the theaters that do not exist yet; returns the ids of those it inserted.
    private func insertTheaters(_ theaters: [TheaterFixture], conn: PostgresConnection) async throws -> [UUID] {
        struct Row: Encodable {
            var id: String, name: String, location: String, description: String?, address: String, city: String
        }
        let rows = theaters.map {
            Row(id: Self.stableID("theater", $0.key).lowercasedString, name: $0.name, location: $0.location,
                description: $0.description, address: $0.address, city: $0.city)
        }
        let json = String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
        var inserted: [UUID] = []
        for try await id in try await conn.query(
            """
            INSERT INTO theaters (id, name, location, description, address, city)
            SELECT id, name, location, description, address, city
            FROM json_to_recordset(\(json)::json) AS r(id uuid, name text, location text, description text, address text, city text)
            ON CONFLICT (id) DO NOTHING RETURNING id
            """, logger: logger
        ).decode(UUID.self) {
            inserted.append(id)
        }
        return inserted
    }

    private func insertMovies(_ movies: [MovieFixture], conn: PostgresConnection) async throws -> Int {
        struct Row: Encodable {
            var id: String
            var movie: MovieInput
            func encode(to encoder: any Encoder) throws {
                try movie.encode(to: encoder)
                var c = encoder.container(keyedBy: Key.self)
                try c.encode(id, forKey: .id)
            }
            enum Key: String, CodingKey { case id }
        }
        let rows = movies.map { Row(id: Self.stableID("movie", $0.key).lowercasedString, movie: $0.input) }
        let json = String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
        return try await count(
            """
            WITH ins AS (
                INSERT INTO movies (id, title, description, duration_minutes, genre, director, release_date, rating, language,
                                    is_imax, poster_url, trailer_url, "cast")
                SELECT id, title, description, duration_minutes, genre, director, release_date, rating, language,
                       coalesce(is_imax, false), poster_url, trailer_url, coalesce("cast", '{}')
                FROM json_to_recordset(\(json)::json) AS r(id uuid, title text, description text, duration_minutes int, genre text,
                    director text, release_date date, rating float8, language text, is_imax boolean, poster_url text, trailer_url text,
                    "cast" text[])
                ON CONFLICT (id) DO NOTHING RETURNING 1)
            SELECT count(*)::int FROM ins
            """, conn: conn)
    }

    /// COPY every seat of the theaters into a temporary table, then INSERT: plainly for theaters this run created
    /// (they cannot have seats yet, and skipping the conflict check is much faster), with ON CONFLICT DO NOTHING on
    /// the grid's unique constraint for the others.
    private func insertSeats(_ theaters: [TheaterFixture], fresh: Set<UUID>, conn: PostgresConnection) async throws -> (Int, Int) {
        try await conn.query(
            """
            CREATE TEMPORARY TABLE seed_seats (theater_id uuid, "row" text, "column" text, seat_number text, seat_type seat_type,
                                               fresh boolean) ON COMMIT DROP
            """, logger: logger)
        var total = 0
        try await conn.copyFrom(
            table: "seed_seats", columns: ["theater_id", "row", "column", "seat_number", "seat_type", "fresh"], logger: logger
        ) {
            writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(1 << 20)
            for theater in theaters {
                let uuid = Self.stableID("theater", theater.key)
                let id = uuid.lowercasedString
                let isFresh = fresh.contains(uuid) ? "t" : "f"
                let layout = theater.layout.seatLayout
                for label in layout.labels {
                    let type = (layout.rowTypes[label] ?? .regular).rawValue
                    for column in 1...layout.seatsPerRow {
                        buffer.writeString("\(id)\t\(label)\t\(column)\t\(label)\(column)\t\(type)\t\(isFresh)\n")
                        total += 1
                    }
                }
                if buffer.readableBytes >= 1 << 20 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
        let plain = try await count(
            """
            WITH ins AS (
                INSERT INTO seats (theater_id, "row", "column", seat_number, seat_type)
                SELECT theater_id, "row", "column", seat_number, seat_type FROM seed_seats WHERE fresh
                RETURNING 1)
            SELECT count(*)::int FROM ins
            """, conn: conn)
        let merged = try await count(
            """
            WITH ins AS (
                INSERT INTO seats (theater_id, "row", "column", seat_number, seat_type)
                SELECT theater_id, "row", "column", seat_number, seat_type FROM seed_seats WHERE NOT fresh
                ON CONFLICT ON CONSTRAINT uq_seats_theater_row_column DO NOTHING RETURNING 1)
            SELECT count(*)::int FROM ins
            """, conn: conn)
        return (plain + merged, total)
    }

    /// A week (or `schedule.days`) of showings per theater: each day a rotating choice of movies, placed in the
    /// schedule's slots in order; a slot is skipped when the previous movie (plus cleaning) would still be running.
    private func insertShowings(
        theaters: [TheaterFixture], movies: [MovieFixture], schedule: Schedule, firstDay: Date, zone: TimeZone, conn: PostgresConnection
    ) async throws -> (Int, Int) {
        try await conn.query(
            """
            CREATE TEMPORARY TABLE seed_showings (id uuid, movie_id uuid, theater_id uuid, starts timestamptz, ends timestamptz,
                                                  seats int) ON COMMIT DROP
            """, logger: logger)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let slots = schedule.slots.compactMap(Schedule.minutes).sorted()
        let movieIDs = movies.map { Self.stableID("movie", $0.key).lowercasedString }
        var total = 0
        try await conn.copyFrom(table: "seed_showings", logger: logger) { writer in
            var buffer = ByteBuffer()
            for (t, theater) in theaters.enumerated() {
                let theaterID = Self.stableID("theater", theater.key).lowercasedString
                let seats = theater.layout.rows * theater.layout.seatsPerRow
                for day in 0..<schedule.days {
                    guard let date = calendar.date(byAdding: .day, value: day, to: firstDay) else { continue }
                    let dayKey = date.formatted(Date.ISO8601FormatStyle(timeZone: zone).year().month().day())
                    var freeFrom = 0
                    var placed = 0
                    for slot in slots where placed < schedule.moviesPerTheaterPerDay {
                        guard slot >= freeFrom else { continue }
                        let m = (t * 7 + day * 3 + placed) % movies.count
                        let start = date.addingTimeInterval(TimeInterval(slot * 60))
                        let end = start.addingTimeInterval(TimeInterval(movies[m].input.durationMinutes * 60))
                        freeFrom = slot + movies[m].input.durationMinutes + schedule.cleaningMinutes
                        placed += 1
                        let id = Self.stableID("showing", "\(theater.key)/\(dayKey)/\(slot)").lowercasedString
                        buffer.writeString(
                            "\(id)\t\(movieIDs[m])\t\(theaterID)\t\(Self.timestamp(start))\t\(Self.timestamp(end))\t\(seats)\n")
                        total += 1
                    }
                }
                if buffer.readableBytes >= 1 << 20 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
        var types: [String] = []
        var prices: [String] = []
        for type in SeatType.allCases {
            types.append(type.rawValue)
            prices.append(schedule.basePrices[type.rawValue] ?? "\(BookingStore.standardPrices[type] ?? 0)")
        }
        let inserted = try await count(
            """
            WITH ins AS (
                INSERT INTO showings (id, movie_id, theater_id, show_start_datetime, show_end_datetime, available_seats, is_active, expires_at)
                SELECT id, movie_id, theater_id, starts, ends, seats, true, starts FROM seed_showings
                ON CONFLICT DO NOTHING RETURNING id),
            priced AS (
                INSERT INTO showing_prices (showing_id, seat_type, price)
                SELECT ins.id, p.type::seat_type, p.price::numeric
                FROM ins CROSS JOIN unnest(\(types)::text[], \(prices)::text[]) AS p(type, price)
                RETURNING 1)
            SELECT count(*)::int FROM ins
            """, conn: conn)
        return (inserted, total)
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    private func count(_ query: PostgresQuery, conn: PostgresConnection) async throws -> Int {
        var result = 0
        for try await n in try await conn.query(query, logger: logger).decode(Int.self) { result = n }
        return result
    }
}
