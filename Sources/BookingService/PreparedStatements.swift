import Foundation
import PostgresNIO
import PostgresPipeline
import ServiceCore

/// The statements of the hot booking path, prepared once per connection: PostgreSQL then plans them once
/// (a generic plan after a few runs) instead of on every request, which was most of a booking's database time.
protocol StoreStatement: PostgresPreparedStatement where Row == PostgresRandomAccessRow {}

extension StoreStatement {
    func decodeRow(_ row: PostgresRow) throws -> PostgresRandomAccessRow { row.makeRandomAccess() }
}

extension BookingStore {
    func rows(_ statement: some StoreStatement) async throws -> [PostgresRandomAccessRow] {
        try await client.rows(statement, logger: logger)
    }
}

/// The requested seats of an open showing, with their prices, and the showing's briefs.
struct BookableSeatsStatement: StoreStatement {
    static let name = "booking_bookable_seats"
    static let sql = """
        SELECT se.id, se.seat_number, se.seat_type::text, p.price::text,
               s.id, s.movie_id, s.theater_id, s.show_start_datetime, s.show_end_datetime,
               \(Columns.theaterBrief), \(Columns.movieBrief)
        FROM showings s
        JOIN movies m ON m.id = s.movie_id JOIN theaters t ON t.id = s.theater_id
        JOIN seats se ON se.theater_id = s.theater_id AND se.id = ANY($2::uuid[])
        LEFT JOIN showing_prices p ON p.showing_id = s.id AND p.seat_type = se.seat_type
        WHERE s.id = $1 AND s.expires_at > now() AND s.is_active
        """
    var showingID: UUID
    var seatIDs: [UUID]

    func makeBindings() throws -> PostgresBindings {
        try PostgresBindings(values: showingID, seatIDs)
    }
}

/// The booking itself: refused (no row) when someone else holds a seat; the partial unique index refuses a seat
/// already sold; the caller's holds on the seats are consumed.
struct CreateBookingStatement: StoreStatement {
    static let name = "booking_create"
    static let sql = """
        WITH blocked AS (
            SELECT seat_id FROM seat_holds
            WHERE showing_id = $1 AND seat_id = ANY($2::uuid[]) AND user_id <> $3 AND expires_at > now()
        ), b AS (
            INSERT INTO bookings (showing_id, user_id, booking_number, total_price, status)
            SELECT $1, $3, $4, $5::numeric, 'confirmed'
            WHERE NOT EXISTS (SELECT 1 FROM blocked)
            RETURNING id, created_at, updated_at
        ), bs AS (
            INSERT INTO booking_seats (booking_id, showing_id, seat_id, price)
            SELECT b.id, $1, x.seat, x.price::numeric
            FROM b, unnest($2::uuid[], $6::text[]) AS x(seat, price)
            RETURNING id, seat_id, created_at
        ), released AS (
            DELETE FROM seat_holds
            WHERE showing_id = $1 AND seat_id = ANY($2::uuid[]) AND EXISTS (SELECT 1 FROM b)
        )
        SELECT b.id, b.created_at, b.updated_at, (SELECT array_agg(bs.id::text || ' ' || bs.seat_id::text) FROM bs)
        FROM b
        """
    var showingID: UUID
    var seatIDs: [UUID]
    var userID: UUID
    var bookingNumber: String
    var total: String
    var prices: [String]

    func makeBindings() throws -> PostgresBindings {
        try PostgresBindings(values: showingID, seatIDs, userID, bookingNumber, total, prices)
    }
}

/// Takes or extends a hold; no row when the seat is sold, held by someone else, or not in the showing's theater.
struct HoldSeatStatement: StoreStatement {
    static let name = "booking_hold_seat"
    static let sql = """
        WITH target AS (
            SELECT s.id AS showing_id, se.id AS seat_id
            FROM showings s JOIN seats se ON se.theater_id = s.theater_id AND se.id = $2
            WHERE s.id = $1 AND s.expires_at > now() AND s.is_active
              AND NOT EXISTS (SELECT 1 FROM booking_seats bs
                              WHERE bs.showing_id = s.id AND bs.seat_id = se.id AND bs.released_at IS NULL))
        INSERT INTO seat_holds (showing_id, seat_id, user_id, expires_at)
        SELECT showing_id, seat_id, $3, now() + make_interval(secs => $4) FROM target
        ON CONFLICT (showing_id, seat_id) DO UPDATE
            SET user_id = EXCLUDED.user_id, expires_at = EXCLUDED.expires_at, created_at = now()
            WHERE seat_holds.user_id = EXCLUDED.user_id OR seat_holds.expires_at <= now()
        RETURNING expires_at
        """
    var showingID: UUID
    var seatID: UUID
    var userID: UUID
    var seconds: Double

    func makeBindings() throws -> PostgresBindings {
        try PostgresBindings(values: showingID, seatID, userID, seconds)
    }
}

/// One user's bookings, newest first, each with its seats, in one round trip (`GET /booking/bookings/` of a signed-in
/// user, the list a user reloads most): a row per seat, the booking's columns repeated (read once per booking), a
/// booking without seats as one row of NULL seat columns. Apart from the administrators' list, whose optional filters
/// would keep PostgreSQL from a plan of its own.
struct UserBookingsStatement: StoreStatement, UserPageStatement {
    static let name = "booking_user_bookings_with_seats"
    static let sql = """
        WITH page AS (
            SELECT id FROM bookings WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3
        )
        SELECT \(BookingStore.bookingColumns), \(BookingStore.bookedSeatColumns),
               count(*) OVER (), bit_xor(\(BookingsFingerprintStatement.rowIdentity)) OVER (), \(BookingsFingerprintStatement.catalogueVersion)
        FROM page JOIN bookings b ON b.id = page.id JOIN showings s ON s.id = b.showing_id JOIN movies m ON m.id = s.movie_id
        JOIN theaters t ON t.id = s.theater_id
        LEFT JOIN booking_seats bs ON bs.booking_id = b.id LEFT JOIN seats se ON se.id = bs.seat_id
        ORDER BY b.created_at DESC, b.id, length(se."row"), se."row", length(se."column"), se."column"
        """
    var userID: UUID
    var limit: Int
    var offset: Int
}

/// The fingerprint of the page ``UserBookingsStatement`` reads (``UserListCache``): how many rows it has, a hash over
/// each booking's and booked seat's id and row version (`xmin`: a new one with every insert, update or delete), and
/// the catalogue version (migration 5: bumped by any change to the movies, theaters, showings and seats a booking
/// shows). One aggregate row from two index lookups, where the page itself joins six tables: PostgreSQL answers it
/// about 4.5 times as often (pgbench, README "Seventh pass").
struct BookingsFingerprintStatement: StoreStatement, UserPageStatement {
    static let name = "booking_user_bookings_fingerprint"
    /// One row's identity; the same expression in both statements, so they hash the same rows alike.
    static let rowIdentity = """
        hashtextextended(b.id::text || ':' || b.xmin::text || ':' || coalesce(bs.id::text || ':' || bs.xmin::text, ''), 0)
        """
    static let catalogueVersion = "(SELECT version FROM booking_list_catalogue_version)"
    static let sql = """
        WITH page AS (
            SELECT id FROM bookings WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3
        )
        SELECT count(*), coalesce(bit_xor(\(rowIdentity)), 0), \(catalogueVersion)
        FROM page JOIN bookings b ON b.id = page.id LEFT JOIN booking_seats bs ON bs.booking_id = b.id
        """
    var userID: UUID
    var limit: Int
    var offset: Int
}

/// The seats of a page of bookings.
struct BookingSeatsStatement: StoreStatement {
    static let name = "booking_seats_of_bookings"
    static let sql = """
        SELECT bs.booking_id, \(BookingStore.bookedSeatColumns)
        FROM booking_seats bs JOIN seats se ON se.id = bs.seat_id
        WHERE bs.booking_id = ANY($1::uuid[])
        ORDER BY length(se."row"), se."row", length(se."column"), se."column"
        """
    var bookingIDs: [UUID]

    func makeBindings() throws -> PostgresBindings {
        try PostgresBindings(values: bookingIDs)
    }
}

/// A showing's seat map: every seat with its state (booked, held until when, by whom) and price, each row ending
/// with the map's fingerprint (``SeatMapFingerprintStatement``, read in the same snapshot).
struct SeatMapStatement: StoreStatement {
    static let name = "booking_seat_map"
    static let sql = """
        SELECT \(Columns.seat),
               EXISTS (SELECT 1 FROM booking_seats bs WHERE bs.showing_id = s.id AND bs.seat_id = se.id AND bs.released_at IS NULL),
               h.user_id, h.expires_at, p.price::text, f.*
        FROM (\(SeatMapFingerprintStatement.sql)) f, showings s
        JOIN seats se ON se.theater_id = s.theater_id
        LEFT JOIN seat_holds h ON h.showing_id = s.id AND h.seat_id = se.id AND h.expires_at > now()
        LEFT JOIN showing_prices p ON p.showing_id = s.id AND p.seat_type = se.seat_type
        WHERE s.id = $1
        ORDER BY length(se."row"), se."row", length(se."column"), se."column"
        """
    var showingID: UUID

    func makeBindings() throws -> PostgresBindings {
        try PostgresBindings(values: showingID)
    }
}

/// The fingerprint of a showing's seat map (``UserListCache``, keyed by showing): what the map shows that bookings and
/// holds change (the seats sold and not released, the holds not expired: each row's identity and row version, so an
/// insert, update or delete of one, or a hold's expiry, moves it) and the catalogue version (migrations 5 and 6: the
/// theater's seats, the showing, its prices). The count is one more than the rows hashed, so that a map without
/// bookings or holds still carries the catalogue version (a fingerprint of 0 rows ignores it). One row from two index
/// scans over the showing's sold seats and holds, where the map itself reads every seat of the theater. A sold seat is
/// hashed as its id seeded with its row version (`uuid_hash_extended`: 7% less time than hashing their text, pgbench
/// on 116 sold seats); a hold also by its expiry, in case one transaction deleted and took the same seat again.
struct SeatMapFingerprintStatement: StoreStatement {
    static let name = "booking_seat_map_fingerprint"
    static let sql = """
        SELECT 1 + sold.n + held.n AS fingerprint_rows, sold.x # held.x AS fingerprint_hash, \(BookingsFingerprintStatement.catalogueVersion) AS fingerprint_other
        FROM (SELECT count(*) AS n, coalesce(bit_xor(uuid_hash_extended(id, xmin::text::bigint)), 0) AS x
              FROM booking_seats WHERE showing_id = $1 AND released_at IS NULL) sold,
             (SELECT count(*) AS n,
                     coalesce(bit_xor(hashtextextended(seat_id::text || ':' || xmin::text || ':' || expires_at::text, 1)), 0) AS x
              FROM seat_holds WHERE showing_id = $1 AND expires_at > now()) held
        """
    static var pipelined: PipelineStatement { PipelineStatement(name: name, sql: sql) }
    var showingID: UUID

    func makeBindings() throws -> PostgresBindings {
        try PostgresBindings(values: showingID)
    }
}

/// A booking in one round trip, when nothing stands in its way: every seat is a seat of the open showing's theater
/// with a price there, the client's total (if sent) is the server's, and no one else holds a seat. Then the booking
/// and its seats are inserted, the caller's holds consumed, and a row per seat comes back with what the answer needs.
/// No row: something was refused, and ``BookingStore/createBooking(_:by:)`` takes the checked path, which says what.
/// A seat sold meanwhile is refused by the partial unique index (23505), as on the checked path.
struct BookInOneStatement: StoreStatement {
    static let name = "booking_create_direct"
    static let sql = """
        WITH chosen AS (
            SELECT se.id, se.seat_number, se.seat_type, p.price
            FROM showings s
            JOIN seats se ON se.theater_id = s.theater_id AND se.id = ANY($2::uuid[])
            LEFT JOIN showing_prices p ON p.showing_id = s.id AND p.seat_type = se.seat_type
            WHERE s.id = $1 AND s.expires_at > now() AND s.is_active
        ), ok AS (
            SELECT sum(price) AS total FROM chosen
            HAVING count(*) = cardinality($2::uuid[]) AND count(price) = count(*)
               AND ($5::text IS NULL OR sum(price) = $5::text::numeric)
               AND NOT EXISTS (SELECT 1 FROM seat_holds
                               WHERE showing_id = $1 AND seat_id = ANY($2::uuid[]) AND user_id <> $3 AND expires_at > now())
        ), b AS (
            INSERT INTO bookings (showing_id, user_id, booking_number, total_price, status)
            SELECT $1, $3, $4, ok.total, 'confirmed' FROM ok
            RETURNING id, created_at, updated_at, total_price
        ), bs AS (
            INSERT INTO booking_seats (booking_id, showing_id, seat_id, price)
            SELECT b.id, $1, c.id, c.price FROM b, chosen c
            RETURNING id, seat_id
        ), released AS (
            DELETE FROM seat_holds
            WHERE showing_id = $1 AND seat_id = ANY($2::uuid[]) AND EXISTS (SELECT 1 FROM b)
        )
        SELECT b.id, b.created_at, b.updated_at, b.total_price::text,
               s.id, s.movie_id, s.theater_id, s.show_start_datetime, s.show_end_datetime,
               \(Columns.theaterBrief), \(Columns.movieBrief),
               bs.id, bs.seat_id, c.seat_number, c.seat_type::text, c.price::text
        FROM b CROSS JOIN bs JOIN chosen c ON c.id = bs.seat_id
        JOIN showings s ON s.id = $1 JOIN movies m ON m.id = s.movie_id JOIN theaters t ON t.id = s.theater_id
        """
    var showingID: UUID
    var seatIDs: [UUID]
    var userID: UUID
    var bookingNumber: String
    /// The client's `total_price`, as text, or nil.
    var claimedTotal: String?

    func makeBindings() throws -> PostgresBindings {
        var bindings = try PostgresBindings(values: showingID, seatIDs, userID, bookingNumber)
        if let claimedTotal { try bindings.append(claimedTotal) } else { bindings.appendNull() }
        return bindings
    }
}
