import Foundation
import PostgresNIO
import PostgresPipeline
import ServiceCore

/// Who is asking: bookings are private to their owner, admins see and cancel all of them.
public struct BookingActor: Sendable, Equatable {
    public var userID: UUID
    public var isAdmin: Bool

    public init(userID: UUID, isAdmin: Bool) {
        self.userID = userID
        self.isAdmin = isAdmin
    }
}

/// Sold seats and live holds of a showing, in the seed's `GET /booking/booking_seats/{showing_id}` shape.
public struct SeatAvailability: Codable, Sendable {
    public var bookedSeats: [BookingSeat]
    public var lockedSeats: [SeatHold]

    enum CodingKeys: String, CodingKey {
        case bookedSeats = "booked_seats", lockedSeats = "locked_seats"
    }
}

/// A 409 listing the seats that could not be had, by id, for clients that re-render their seat map.
public struct SeatsUnavailable: Error, Sendable {
    public var detail: String
    public var seatIDs: [UUID]
}

extension BookingStore {
    // MARK: holds

    /// Takes (or extends) the caller's hold on one seat. Exclusive: a seat held by someone else (until their hold
    /// lapses) or already sold is a 409.
    public func hold(_ input: HoldInput, by user: UUID) async throws -> SeatHold {
        if input.lockSeat == false { return try await release(input, by: user) }
        try await accounts.requireActive(user, sessionToken: nil)
        let seconds = Double(holdDuration.components.seconds)
        return try await bounded {
            let held = try await rows(
                HoldSeatStatement(showingID: input.showingID, seatID: input.seatID, userID: user, seconds: seconds))
            if let row = held.first {
                return SeatHold(seatID: input.seatID, showingID: input.showingID, userID: user, expiresAt: try row[0].decode(Date.self))
            }
            throw try await holdRefusal(input)
        }
    }

    /// Why a hold was refused, found after the fact (the refusal path only).
    private func holdRefusal(_ input: HoldInput) async throws -> APIError {
        let rows = try await rows(
            """
            SELECT EXISTS (SELECT 1 FROM showings WHERE id = \(input.showingID) AND expires_at > now() AND is_active),
                   (SELECT se.seat_number FROM showings s JOIN seats se ON se.theater_id = s.theater_id
                    WHERE s.id = \(input.showingID) AND se.id = \(input.seatID)),
                   EXISTS (SELECT 1 FROM booking_seats WHERE showing_id = \(input.showingID) AND seat_id = \(input.seatID)
                           AND released_at IS NULL)
            """)
        var c = Cells(rows[0])
        let open: Bool = try c.next()
        let number: String? = try c.next()
        let booked: Bool = try c.next()
        guard open else { return .badRequest("Showing not found or expired") }
        guard let number else { return .badRequest("Seat \(input.seatID.lowercasedString) is not a seat of this showing's theater") }
        if booked { return .conflict("Seat \(number) is already booked") }
        return .conflict("Seat \(number) is held by someone else")
    }

    /// Releases the caller's own hold; releasing a seat one does not hold changes nothing.
    func release(_ input: HoldInput, by user: UUID) async throws -> SeatHold {
        try await bounded {
            try await client.run(
                "DELETE FROM seat_holds WHERE showing_id = \(input.showingID) AND seat_id = \(input.seatID) AND user_id = \(user)",
                logger: logger)
            return SeatHold(seatID: input.seatID, showingID: input.showingID, userID: user, expiresAt: nil)
        }
    }

    /// Seats sold for a showing (with the seat) and live holds.
    public func availability(showing: UUID) async throws -> SeatAvailability {
        try await bounded {
            let booked = try await rows(
                """
                SELECT bs.id, bs.booking_id, bs.seat_id, bs.showing_id, bs.price::text, bs.created_at, bs.updated_at, \(unescaped: Columns.seat)
                FROM booking_seats bs JOIN seats se ON se.id = bs.seat_id
                WHERE bs.showing_id = \(showing) AND bs.released_at IS NULL
                ORDER BY length(se."row"), se."row", length(se."column"), se."column"
                """
            ).map { row in
                var c = Cells(row)
                return BookingSeat(
                    id: try c.next(), bookingID: try c.next(), seatID: try c.next(), showingID: try c.next(), price: try c.decimal(),
                    createdAt: try c.next(), updatedAt: try c.next(), seat: try Columns.seat(&c))
            }
            let holds = try await rows(
                """
                SELECT seat_id, showing_id, user_id, expires_at FROM seat_holds
                WHERE showing_id = \(showing) AND expires_at > now() ORDER BY created_at
                """
            ).map { row in
                var c = Cells(row)
                return SeatHold(seatID: try c.next(), showingID: try c.next(), userID: try c.next(), expiresAt: try c.next())
            }
            return SeatAvailability(bookedSeats: booked, lockedSeats: holds)
        }
    }

    /// Every seat of the showing's theater with its state and price.
    public func seatMap(showing: UUID) async throws -> [SeatMapEntry] {
        try await seatMapWithFingerprint(showing: showing).map
    }

    /// ``seatMap(showing:)`` with the fingerprint of what it was read from (``SeatMapFingerprintStatement``, read in
    /// the same statement); nil for a map without seats (nothing to keep).
    public func seatMapWithFingerprint(showing: UUID) async throws -> (map: [SeatMapEntry], fingerprint: UserListCache.Fingerprint?) {
        try await bounded {
            var fingerprint: UserListCache.Fingerprint?
            let result = try await rows(SeatMapStatement(showingID: showing)).map { row in
                var c = Cells(row)
                if fingerprint == nil {
                    var f = Cells(row, from: Self.seatMapColumnCount)
                    fingerprint = try UserListCache.Fingerprint(&f, withOther: true)
                }
                let seat = try Columns.seat(&c)
                let booked: Bool = try c.next()
                let holder: UUID? = try c.next()
                let expires: Date? = try c.next()
                let price: String? = try c.next()
                return SeatMapEntry(
                    seat: seat, state: booked ? .booked : holder != nil ? .held : .free, heldBy: booked ? nil : holder.map { $0.lowercasedString },
                    holdExpiresAt: booked ? nil : expires, price: price.flatMap { Decimal(postgres: $0) })
            }
            if result.isEmpty { _ = try await showingExists(showing) }
            return (result, fingerprint)
        }
    }

    /// The columns of ``SeatMapStatement`` before its fingerprint's.
    static let seatMapColumnCount = Columns.seatColumnCount + 4

    /// The fingerprint a showing's seat map has now (``SeatMapFingerprintStatement``). A map kept for a showing since
    /// deleted never matches it: deleting a showing moves the catalogue version.
    public func seatMapFingerprint(showing: UUID) async throws -> UserListCache.Fingerprint {
        try await fingerprint(SeatMapFingerprintStatement(showingID: showing), pipelined: SeatMapFingerprintStatement.pipelined, [.uuid(showing)])
    }

    /// A fingerprint for ``UserListCache`` (one row: count, hash, catalogue version): through the libpq pipeline when
    /// the store has one, with `parameters` (`statement`'s own bindings, in the pipeline's terms), else `statement`
    /// through PostgresNIO.
    private func fingerprint(
        _ statement: some StoreStatement, pipelined: PipelineStatement, _ parameters: [PipelineParameter]
    ) async throws -> UserListCache.Fingerprint {
        if let pipeline {
            // in the caller's task: a pipelined query ends as soon as the gate aborts it
            return try await gate.runInline(deadline: deadline) { abort in
                try await pipeline.fingerprint(pipelined, parameters, abortedBy: abort)
            }
        }
        return try await bounded {
            let rows = try await rows(statement)
            var c = Cells(rows[0])
            return try UserListCache.Fingerprint(&c, withOther: true)
        }
    }

    private func showingExists(_ id: UUID) async throws -> Bool {
        guard try await !rows("SELECT 1 FROM showings WHERE id = \(id)").isEmpty else {
            throw APIError.notFound("Showing with ID \(id.lowercasedString) not found")
        }
        return true
    }

    // MARK: bookings

    /// Books seats in one statement: the seats must belong to the showing's theater, be free of other people's live
    /// holds, and not be sold (the partial unique index decides that, so two concurrent bookings of one seat cannot
    /// both succeed). The price is the server's; a client `total_price` that differs is refused. The caller's own
    /// holds on the seats are consumed.
    public func createBooking(_ input: BookingInput, by user: UUID) async throws -> Booking {
        try input.validate()
        try await accounts.requireActive(user, sessionToken: nil)
        return try await bounded {
            // The common case in one round trip; a refusal (or a clash of booking numbers) takes the checked path,
            // which finds and says what stands in the way.
            if let booking = try await bookDirectly(input, by: user) { return booking }
            return try await bookChecked(input, by: user)
        }
    }

    /// ``BookInOneStatement``: the booking, or nil when anything refused it.
    private func bookDirectly(_ input: BookingInput, by user: UUID) async throws -> Booking? {
        let number = Self.newBookingNumber()
        let found: [PostgresRandomAccessRow]
        do {
            found = try await rows(
                BookInOneStatement(
                    showingID: input.showingID, seatIDs: input.seatIDs, userID: user, bookingNumber: number,
                    claimedTotal: input.totalPrice.map { "\($0)" }))
        } catch where PostgresErrorText.sqlState(error) == "23505" {
            return nil
        }
        guard let first = found.first else { return nil }
        var c = Cells(first)
        let id: UUID = try c.next()
        let createdAt: Date = try c.next()
        let updatedAt: Date = try c.next()
        let total = try c.decimal()
        let showing = BookingShowing(
            id: try c.next(), movieID: try c.next(), theaterID: try c.next(), showStart: try c.next(), showEnd: try c.next(),
            theater: try Columns.theaterBrief(&c), movie: try Columns.movieBrief(&c))
        let seatColumn = c.index
        let seats = try found.map { row -> BookedSeat in
            var c = Cells(row, from: seatColumn)
            return BookedSeat(
                id: try c.next(), showingID: input.showingID, seatID: try c.next(), seatNumber: try c.next(),
                seatType: SeatType(rawValue: try c.next(String.self)) ?? .regular, price: try c.decimal(), createdAt: createdAt,
                updatedAt: createdAt)
        }.sorted { $0.seatNumber.localizedStandardCompare($1.seatNumber) == .orderedAscending }
        return Booking(
            id: id, showingID: input.showingID, userID: user, totalPrice: total, bookingNumber: number, status: .confirmed,
            cancelledAt: nil, createdAt: createdAt, updatedAt: updatedAt, showing: showing, bookingSeats: seats)
    }

    /// The booking step by step: each refusal found and said (400 for seats or a showing that do not fit, 409 for a
    /// price, a hold or a sale in the way).
    private func bookChecked(_ input: BookingInput, by user: UUID) async throws -> Booking {
        let seatRows = try await rows(BookableSeatsStatement(showingID: input.showingID, seatIDs: input.seatIDs))
        var seats: [UUID: (number: String, type: SeatType, price: Decimal)] = [:]
        var showing: BookingShowing?
        for row in seatRows {
            var c = Cells(row)
            let id: UUID = try c.next()
            let number: String = try c.next()
            let type = SeatType(rawValue: try c.next(String.self)) ?? .regular
            let price: String? = try c.next()
            guard let price, let amount = Decimal(postgres: price) else {
                throw APIError.conflict("Seat \(number) has no price at this showing")
            }
            seats[id] = (number, type, amount)
            if showing == nil {
                showing = BookingShowing(
                    id: try c.next(), movieID: try c.next(), theaterID: try c.next(), showStart: try c.next(), showEnd: try c.next(),
                    theater: try Columns.theaterBrief(&c), movie: try Columns.movieBrief(&c))
            }
        }
        guard let showing else {
            let open = try await !rows(
                "SELECT 1 FROM showings WHERE id = \(input.showingID) AND expires_at > now() AND is_active").isEmpty
            if !open { throw APIError.badRequest("Showing not found or expired") }
            throw APIError.badRequest("Seats are not seats of this showing's theater: " + Self.ids(input.seatIDs))
        }
        let foreign = input.seatIDs.filter { seats[$0] == nil }
        if !foreign.isEmpty {
            throw APIError.badRequest("Seats are not seats of this showing's theater: " + Self.ids(foreign))
        }
        // Every id is a seat of the showing (checked just above): no lookup can miss.
        let chosen = input.seatIDs.compactMap { seats[$0] }
        let total = chosen.reduce(Decimal(0)) { $0 + $1.price }
        if let claimed = input.totalPrice, claimed != total {
            throw APIError.conflict("total_price \(claimed) does not match the price of the selected seats (\(total))")
        }
        let prices = chosen.map { "\($0.price)" }
        for _ in 0..<3 {
            let number = Self.newBookingNumber()
            do {
                let created = try await rows(
                    CreateBookingStatement(
                        showingID: input.showingID, seatIDs: input.seatIDs, userID: user, bookingNumber: number, total: "\(total)",
                        prices: prices))
                guard let row = created.first else {
                    throw try await unavailable(input, user: user)
                }
                var c = Cells(row)
                let id: UUID = try c.next()
                let createdAt: Date = try c.next()
                let updatedAt: Date = try c.next()
                let pairs: [String] = try c.next()
                let booked = pairs.compactMap { pair -> BookedSeat? in
                    let parts = pair.split(separator: " ")
                    guard parts.count == 2, let rowID = UUID(uuidString: String(parts[0])),
                        let seatID = UUID(uuidString: String(parts[1])), let seat = seats[seatID]
                    else { return nil }
                    return BookedSeat(
                        id: rowID, showingID: input.showingID, seatID: seatID, seatNumber: seat.number, seatType: seat.type,
                        price: seat.price, createdAt: createdAt, updatedAt: createdAt)
                }.sorted { $0.seatNumber.localizedStandardCompare($1.seatNumber) == .orderedAscending }
                return Booking(
                    id: id, showingID: input.showingID, userID: user, totalPrice: total, bookingNumber: number, status: .confirmed,
                    cancelledAt: nil, createdAt: createdAt, updatedAt: updatedAt, showing: showing, bookingSeats: booked)
            } catch where PostgresErrorText.sqlState(error) == "23505" {
                if PostgresErrorText.constraint(error) == "bookings_booking_number_key" { continue }
                throw try await unavailable(input, user: user)
            }
        }
        throw APIError(.serviceUnavailable, "Could not allocate a booking number; try again", headers: [.retryAfter: "1"])
    }

    /// The 409 for seats someone else has: which are sold, which are held.
    private func unavailable(_ input: BookingInput, user: UUID) async throws -> SeatsUnavailable {
        let rows = try await rows(
            """
            SELECT se.id, se.seat_number,
                   EXISTS (SELECT 1 FROM booking_seats bs WHERE bs.showing_id = \(input.showingID) AND bs.seat_id = se.id
                           AND bs.released_at IS NULL)
            FROM seats se
            WHERE se.id = ANY(\(input.seatIDs)::uuid[])
              AND (EXISTS (SELECT 1 FROM booking_seats bs WHERE bs.showing_id = \(input.showingID) AND bs.seat_id = se.id
                           AND bs.released_at IS NULL)
                   OR EXISTS (SELECT 1 FROM seat_holds h WHERE h.showing_id = \(input.showingID) AND h.seat_id = se.id
                              AND h.user_id <> \(user) AND h.expires_at > now()))
            ORDER BY length(se."row"), se."row", length(se."column"), se."column"
            """)
        var booked: [String] = []
        var held: [String] = []
        var ids: [UUID] = []
        for row in rows {
            var c = Cells(row)
            ids.append(try c.next())
            let number: String = try c.next()
            if try c.next(Bool.self) { booked.append(number) } else { held.append(number) }
        }
        var parts: [String] = []
        if !booked.isEmpty { parts.append("already booked: " + booked.joined(separator: ", ")) }
        if !held.isEmpty { parts.append("held by someone else: " + held.joined(separator: ", ")) }
        if parts.isEmpty { parts.append("were taken while booking; try again") }
        return SeatsUnavailable(detail: "Seats unavailable: " + parts.joined(separator: "; "), seatIDs: ids)
    }

    static func ids(_ ids: [UUID]) -> String { ids.map { $0.lowercasedString }.joined(separator: ", ") }

    /// `BK-` and ten characters without look-alikes (no 0/O, 1/I): easy to read out over the phone.
    static func newBookingNumber() -> String {
        let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
        return "BK-" + String((0..<10).map { _ in alphabet.randomElement()! })
    }

    static let bookingColumns = """
        b.id, b.showing_id, b.user_id, b.total_price::text, b.booking_number, b.status::text, b.cancelled_at, b.created_at,
        b.updated_at, s.id, s.movie_id, s.theater_id, s.show_start_datetime, s.show_end_datetime,
        \(Columns.theaterBrief), \(Columns.movieBrief)
        """
    /// A booked seat's columns, as ``bookedSeat(_:)`` reads them.
    static let bookedSeatColumns = """
        bs.id, bs.showing_id, bs.seat_id, se.seat_number, se.seat_type::text, bs.price::text, bs.created_at, bs.updated_at
        """
    static let bookingFrom = """
        bookings b JOIN showings s ON s.id = b.showing_id JOIN movies m ON m.id = s.movie_id JOIN theaters t ON t.id = s.theater_id
        """

    /// Bookings of one user (`nil`: everyone's), newest first, with their seats.
    /// `number`: only the booking with that booking number (`BK-…`, in any case): how mscli resolves the number it
    /// prints. The caller's `user` rule applies as to any list, so a user finds only their own booking by number.
    public func bookings(of user: UUID?, limit: Int, offset: Int, number: String? = nil) async throws -> [Booking] {
        let number = number?.uppercased()
        return try await bounded {
            if let user, number == nil {
                return try await Self.bookingsWithSeats(rows(UserBookingsStatement(userID: user, limit: limit, offset: offset)))
            }
            let found = try await rows(
                """
                SELECT \(unescaped: Self.bookingColumns) FROM \(unescaped: Self.bookingFrom)
                WHERE (\(user)::uuid IS NULL OR b.user_id = \(user))
                  AND (\(number)::text IS NULL OR b.booking_number = \(number))
                ORDER BY b.created_at DESC, b.id LIMIT \(limit) OFFSET \(offset)
                """)
            return try await withSeats(found)
        }
    }

    /// A page of one user's bookings (as ``bookings(of:limit:offset:number:)`` lists them) with the fingerprint of its
    /// rows, read in the same statement (``UserListCache``).
    public func ownBookings(of user: UUID, limit: Int, offset: Int) async throws -> ([Booking], UserListCache.Fingerprint) {
        try await bounded {
            let rows = try await rows(UserBookingsStatement(userID: user, limit: limit, offset: offset))
            guard let first = rows.first else { return ([], .empty) }
            var c = Cells(first, from: Self.bookingColumnCount + Self.bookedSeatColumnCount)
            return (try Self.bookingsWithSeats(rows), try UserListCache.Fingerprint(&c, withOther: true))
        }
    }

    /// The fingerprint the same page has now (``BookingsFingerprintStatement``).
    public func bookingsFingerprint(of user: UUID, limit: Int, offset: Int) async throws -> UserListCache.Fingerprint {
        try await fingerprint(
            BookingsFingerprintStatement(userID: user, limit: limit, offset: offset), pipelined: BookingsFingerprintStatement.pipelined,
            [.uuid(user), .int64(Int64(limit)), .int64(Int64(offset))])
    }

    /// One booking, if the actor may see it (its owner or an admin); others get the same 404 as a missing id.
    public func booking(_ id: UUID, for actor: BookingActor) async throws -> Booking {
        try await bounded {
            let found = try await rows(
                "SELECT \(unescaped: Self.bookingColumns) FROM \(unescaped: Self.bookingFrom) WHERE b.id = \(id)")
            guard let booking = try await withSeats(found).first, actor.isAdmin || booking.userID == actor.userID else {
                throw APIError.notFound("Booking not found")
            }
            return booking
        }
    }

    /// Bookings from rows of ``bookingColumns`` followed by ``bookedSeatColumns``, a row per seat (NULL seat columns:
    /// a booking without seats), each booking's rows together.
    static func bookingsWithSeats(_ rows: [PostgresRandomAccessRow]) throws -> [Booking] {
        var bookings: [Booking] = []
        for row in rows {
            let id: UUID = try row[0].decode(UUID.self)
            if bookings.last?.id != id { bookings.append(try booking(row)) }
            var c = Cells(row, from: bookingColumnCount)
            if let seat = try bookedSeat(&c) { bookings[bookings.count - 1].bookingSeats.append(seat) }
        }
        return bookings
    }

    static let bookingColumnCount = 24
    static let bookedSeatColumnCount = 8

    /// One booked seat from ``bookedSeatColumns`` (nil when they are NULL, from a LEFT JOIN).
    static func bookedSeat(_ c: inout Cells) throws -> BookedSeat? {
        guard let id = try c.next(UUID?.self) else { return nil }
        return BookedSeat(
            id: id, showingID: try c.next(), seatID: try c.next(), seatNumber: try c.next(),
            seatType: SeatType(rawValue: try c.next(String.self)) ?? .regular, price: try c.decimal(), createdAt: try c.next(),
            updatedAt: try c.next())
    }

    /// One booking (without its seats) from ``bookingColumns``.
    static func booking(_ row: PostgresRandomAccessRow) throws -> Booking {
        var c = Cells(row)
        let id: UUID = try c.next()
        let showingID: UUID = try c.next()
        let userID: UUID = try c.next()
        let total = try c.decimal()
        let number: String = try c.next()
        let status = BookingStatus(rawValue: try c.next(String.self)) ?? .confirmed
        let cancelled: Date? = try c.next()
        let created: Date = try c.next()
        let updated: Date = try c.next()
        let showing = BookingShowing(
            id: try c.next(), movieID: try c.next(), theaterID: try c.next(), showStart: try c.next(), showEnd: try c.next(),
            theater: try Columns.theaterBrief(&c), movie: try Columns.movieBrief(&c))
        assert(c.index == bookingColumnCount, "bookingColumnCount is out of date")
        return Booking(
            id: id, showingID: showingID, userID: userID, totalPrice: total, bookingNumber: number, status: status,
            cancelledAt: cancelled, createdAt: created, updatedAt: updated, showing: showing, bookingSeats: [])
    }

    private func withSeats(_ found: [PostgresRandomAccessRow]) async throws -> [Booking] {
        let bookings = try found.map(Self.booking)
        guard !bookings.isEmpty else { return [] }
        let seatRows = try await rows(BookingSeatsStatement(bookingIDs: bookings.map(\.id)))
        var byBooking: [UUID: [BookedSeat]] = [:]
        for row in seatRows {
            var c = Cells(row)
            let bookingID: UUID = try c.next()
            if let seat = try Self.bookedSeat(&c) { byBooking[bookingID, default: []].append(seat) }
        }
        return bookings.map { booking in
            var booking = booking
            booking.bookingSeats = byBooking[booking.id] ?? []
            return booking
        }
    }

    /// Cancels a confirmed booking whose show has not started: the seats are released at once.
    public func cancelBooking(_ id: UUID, by actor: BookingActor) async throws -> Booking {
        try await bounded {
            try await client.withTransaction(logger: logger) { conn in
                let found = try await Self.rows(
                    """
                    SELECT b.user_id, b.status::text, s.show_start_datetime <= now()
                    FROM bookings b JOIN showings s ON s.id = b.showing_id WHERE b.id = \(id) FOR UPDATE OF b
                    """, on: conn, logger: logger)
                guard let row = found.first else { throw APIError.notFound("Booking not found") }
                var c = Cells(row)
                let owner: UUID = try c.next()
                let status: String = try c.next()
                let started: Bool = try c.next()
                guard actor.isAdmin || owner == actor.userID else { throw APIError.notFound("Booking not found") }
                guard status == BookingStatus.confirmed.rawValue else { throw APIError.conflict("Booking is \(status), not confirmed") }
                guard !started else { throw APIError.conflict("The show has already started; the booking can no longer be cancelled") }
                try await conn.query(
                    """
                    UPDATE bookings SET status = 'cancelled', cancelled_at = now(), updated_at = now() WHERE id = \(id);
                    """, logger: logger)
                try await conn.query(
                    "UPDATE booking_seats SET released_at = now(), updated_at = now() WHERE booking_id = \(id) AND released_at IS NULL",
                    logger: logger)
            }
            return try await booking(id, for: actor)
        }
    }

    /// Adds one seat to an existing booking (admin correction, the seed's `POST /booking/booking_seats/`). The seat
    /// must be free and in the showing's theater; the booking's total grows by the seat's price.
    public func addBookingSeat(_ input: BookingSeatInput) async throws -> BookingSeat {
        try await bounded {
            do {
                return try await client.withTransaction(logger: logger) { conn in
                    let found = try await Self.rows(
                        """
                        SELECT b.status::text, p.price::text, (se.theater_id = s.theater_id)
                        FROM bookings b JOIN showings s ON s.id = b.showing_id
                        JOIN seats se ON se.id = \(input.seatID)
                        LEFT JOIN showing_prices p ON p.showing_id = s.id AND p.seat_type = se.seat_type
                        WHERE b.id = \(input.bookingID) AND b.showing_id = \(input.showingID) FOR UPDATE OF b
                        """, on: conn, logger: logger)
                    guard let row = found.first else {
                        throw APIError.notFound("Booking \(input.bookingID.lowercasedString) of showing \(input.showingID.lowercasedString) or seat not found")
                    }
                    var c = Cells(row)
                    let status: String = try c.next()
                    let price: String? = try c.next()
                    let sameTheater: Bool = try c.next()
                    guard status == BookingStatus.confirmed.rawValue else { throw APIError.conflict("Booking is \(status), not confirmed") }
                    guard sameTheater, let price else { throw APIError.badRequest("Seat is not a seat of this showing's theater") }
                    let inserted = try await Self.rows(
                        """
                        INSERT INTO booking_seats (booking_id, showing_id, seat_id, price)
                        VALUES (\(input.bookingID), \(input.showingID), \(input.seatID), \(price)::numeric)
                        RETURNING id, created_at, updated_at
                        """, on: conn, logger: logger)
                    try await conn.query(
                        "UPDATE bookings SET total_price = total_price + \(price)::numeric, updated_at = now() WHERE id = \(input.bookingID)",
                        logger: logger)
                    try await conn.query(
                        "DELETE FROM seat_holds WHERE showing_id = \(input.showingID) AND seat_id = \(input.seatID)", logger: logger)
                    var r = Cells(inserted[0])
                    let seat = try await Self.rows(
                        "SELECT \(unescaped: Columns.seat) FROM seats se WHERE se.id = \(input.seatID)", on: conn, logger: logger
                    ).map { row in
                        var c = Cells(row)
                        return try Columns.seat(&c)
                    }.first
                    return BookingSeat(
                        id: try r.next(), bookingID: input.bookingID, seatID: input.seatID, showingID: input.showingID,
                        price: Decimal(postgres: price) ?? 0, createdAt: try r.next(),
                        updatedAt: try r.next(), seat: seat)
                }
            } catch where PostgresErrorText.sqlState(error) == "23505" {
                throw APIError.conflict("Seat is already booked for this showing")
            }
        }
    }

    /// Releases one sold seat (the seed's `DELETE /booking/booking_seats/{id}`): its owner or an admin. The booking's
    /// total drops by the seat's price; a booking left without seats is cancelled.
    public func releaseBookingSeat(_ id: UUID, by actor: BookingActor) async throws {
        try await bounded {
            try await client.withTransaction(logger: logger) { conn in
                let found = try await Self.rows(
                    """
                    SELECT b.id, b.user_id FROM booking_seats bs JOIN bookings b ON b.id = bs.booking_id
                    WHERE bs.id = \(id) AND bs.released_at IS NULL FOR UPDATE OF b, bs
                    """, on: conn, logger: logger)
                guard let row = found.first else { throw APIError.notFound("Booking seat not found") }
                var c = Cells(row)
                let bookingID: UUID = try c.next()
                let owner: UUID = try c.next()
                guard actor.isAdmin || owner == actor.userID else { throw APIError.notFound("Booking seat not found") }
                try await conn.query(
                    """
                    WITH released AS (
                        UPDATE booking_seats SET released_at = now(), updated_at = now() WHERE id = \(id) RETURNING price
                    )
                    UPDATE bookings SET total_price = total_price - (SELECT price FROM released), updated_at = now(),
                        status = CASE WHEN EXISTS (SELECT 1 FROM booking_seats WHERE booking_id = \(bookingID) AND released_at IS NULL
                                                   AND id <> \(id))
                                      THEN status ELSE 'cancelled' END,
                        cancelled_at = CASE WHEN EXISTS (SELECT 1 FROM booking_seats WHERE booking_id = \(bookingID)
                                                         AND released_at IS NULL AND id <> \(id))
                                            THEN cancelled_at ELSE now() END
                    WHERE id = \(bookingID)
                    """, logger: logger)
            }
        }
    }
}
