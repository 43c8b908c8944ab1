import ArgumentParser
import BookingService
import Foundation
import ServiceCore

struct BookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book",
        abstract: "Hold and book seats, and look after bookings.",
        discussion: """
            SEAT is a seat number such as A5 or a seat id. Over HTTP you act as the signed-in user; in maintenance mode \
            (--maintenance) hold, release and create need --user-id, the user to act for.

            Examples:
              mscli book map SHOWING_ID
              mscli book hold SHOWING_ID A5 A6
              mscli book create SHOWING_ID A5 A6
            """,
        subcommands: [Hold.self, Release.self, Create.self, List.self, Get.self, Cancel.self, Map.self]
    )
}

/// A seat named on the command line, resolved against the showing's seat map.
struct ResolvedSeat: Sendable {
    var id: UUID
    var number: String
}

enum SeatResolver {
    /// Seat numbers (any case) and seat ids of the showing's theater, in the order given. A number the theater does not
    /// have is refused before anything is held or booked.
    static func resolve(_ arguments: [String], map: [SeatMapEntry], showing: UUID) throws -> [ResolvedSeat] {
        var byNumber: [String: Seat] = [:]
        var byID: [UUID: Seat] = [:]
        for entry in map {
            byNumber[entry.seat.seatNumber.uppercased()] = entry.seat
            byID[entry.seat.id] = entry.seat
        }
        var seats: [ResolvedSeat] = []
        var unknown: [String] = []
        for argument in arguments {
            if let id = UUID(uuidString: argument) {
                seats.append(ResolvedSeat(id: id, number: byID[id]?.seatNumber ?? BookingText.id(id)))
            } else if let seat = byNumber[argument.uppercased()] {
                seats.append(ResolvedSeat(id: seat.id, number: seat.seatNumber))
            } else {
                unknown.append(argument)
            }
        }
        if !unknown.isEmpty {
            let hint = map.isEmpty ? "its theater has no seats" : "see `mscli book map \(BookingText.id(showing))`"
            throw CLIError(
                "no seat \(unknown.joined(separator: ", ")) in the theater of showing \(BookingText.id(showing)) (\(hint))", status: .refused)
        }
        var seen: Set<UUID> = []
        for seat in seats where !seen.insert(seat.id).inserted {
            throw CLIError.usage("seat \(seat.number) is named twice")
        }
        return seats
    }
}

/// A seat hold with the seat's number, as `book hold` and `book release` print it.
struct HeldSeat: Codable, Sendable {
    var seatNumber: String
    var hold: SeatHold

    func encode(to encoder: any Encoder) throws {
        // The service's hold, plus the seat number.
        try hold.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(seatNumber, forKey: .seatNumber)
    }

    enum CodingKeys: String, CodingKey { case seatNumber = "seat_number" }

    init(seatNumber: String, hold: SeatHold) {
        self.seatNumber = seatNumber
        self.hold = hold
    }

    init(from decoder: any Decoder) throws {
        hold = try SeatHold(from: decoder)
        seatNumber = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .seatNumber)
    }
}

enum BookingTables {
    static func seats(_ booking: Booking) -> String {
        booking.bookingSeats.isEmpty ? "-" : booking.bookingSeats.map(\.seatNumber).joined(separator: ",")
    }

    static func single(_ booking: Booking, _ tz: TimeZoneOption) -> Table {
        let seats = booking.bookingSeats.map { "\($0.seatNumber) (\($0.seatType.rawValue) \(BookingText.money($0.price)))" }
        return Table(fields: [
            ("id", BookingText.id(booking.id)), ("booking_number", booking.bookingNumber), ("status", booking.status.rawValue),
            ("movie", booking.showing.movie.title), ("theater", "\(booking.showing.theater.name), \(booking.showing.theater.city)"),
            ("show_start (\(tz.label))", tz.local(booking.showing.showStart)), ("seats", seats.isEmpty ? "-" : seats.joined(separator: ", ")),
            ("total", BookingText.money(booking.totalPrice)), ("user_id", BookingText.id(booking.userID)),
            ("showing_id", BookingText.id(booking.showingID)), ("created_at", Rendering.date(booking.createdAt)),
            ("cancelled_at", Rendering.date(booking.cancelledAt)),
        ])
    }

    static func list(_ bookings: [Booking], _ tz: TimeZoneOption) -> Table {
        Table(
            headers: ["ID", "BOOKING_NUMBER", "SHOW_START (\(tz.label))", "MOVIE", "SEATS", "TOTAL", "STATUS"],
            rows: bookings.map {
                [
                    BookingText.id($0.id), $0.bookingNumber, tz.local($0.showing.showStart), $0.showing.movie.title, seats($0),
                    BookingText.money($0.totalPrice), $0.status.rawValue,
                ]
            })
    }

    static func holds(_ holds: [HeldSeat]) -> Table {
        Table(
            headers: ["SEAT", "SEAT_ID", "HELD_UNTIL"],
            rows: holds.map { [$0.seatNumber, BookingText.id($0.hold.seatID), Rendering.date($0.hold.expiresAt)] })
    }
}

extension BookCommand {
    struct Hold: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Hold seats for yourself while you decide (a hold lapses after the service's hold time).",
            discussion: """
                Examples:
                  mscli book hold SHOWING_ID A5 A6
                  mscli book hold SHOWING_ID A5 --maintenance --user-id ana@example.com
                """)
        @Argument(help: "Showing id.") var showingID: UUIDArgument
        @Argument(help: ArgumentHelp("Seat numbers (A5) or seat ids.", valueName: "seat")) var seats: [String]
        @OptionGroup var user: ActingUser
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if seats.isEmpty { throw ValidationError("name at least one seat") }
        }

        func run(_ context: CommandContext) async throws {
            let acting = try await user.resolve(context)
            let held = try await withBookingBackend(context) { backend in
                let map = try await backend.seatMap(showing: showingID.value)
                var held: [HeldSeat] = []
                for seat in try SeatResolver.resolve(seats, map: map, showing: showingID.value) {
                    do {
                        let hold = try await backend.hold(showing: showingID.value, seat: seat.id, user: acting)
                        held.append(HeldSeat(seatNumber: seat.number, hold: hold))
                    } catch {
                        if !held.isEmpty { context.message("Held \(held.map(\.seatNumber).joined(separator: ", ")) before the failure") }
                        throw error
                    }
                }
                return held
            }
            let until = held.compactMap(\.hold.expiresAt).min().map(Rendering.date) ?? "-"
            context.changed(
                "Held \(held.map(\.seatNumber).joined(separator: ", ")) until \(until)", in: .booking, then: "book them with `mscli book create`")
            try context.output(held, table: BookingTables.holds)
        }
    }

    struct Release: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Release your holds on seats (seats you do not hold are left alone).",
            discussion: """
                Examples:
                  mscli book release SHOWING_ID A5
                """)
        @Argument(help: "Showing id.") var showingID: UUIDArgument
        @Argument(help: ArgumentHelp("Seat numbers (A5) or seat ids.", valueName: "seat")) var seats: [String]
        @OptionGroup var user: ActingUser
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if seats.isEmpty { throw ValidationError("name at least one seat") }
        }

        func run(_ context: CommandContext) async throws {
            let acting = try await user.resolve(context)
            let released = try await withBookingBackend(context) { backend in
                let map = try await backend.seatMap(showing: showingID.value)
                var released: [HeldSeat] = []
                for seat in try SeatResolver.resolve(seats, map: map, showing: showingID.value) {
                    let hold = try await backend.release(showing: showingID.value, seat: seat.id, user: acting)
                    released.append(HeldSeat(seatNumber: seat.number, hold: hold))
                }
                return released
            }
            context.changed("Released \(released.map(\.seatNumber).joined(separator: ", "))", in: .booking)
            try context.output(released, table: BookingTables.holds)
        }
    }

    struct Create: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Book seats of a showing (your own holds on them are used up; other people's holds refuse the booking).",
            discussion: """
                Examples:
                  mscli book create SHOWING_ID A5 A6 --total-price 360
                """)
        @Argument(help: "Showing id.") var showingID: UUIDArgument
        @Argument(help: ArgumentHelp("Seat numbers (A5) or seat ids (at most \(BookingInput.maximumSeats)).", valueName: "seat"))
        var seats: [String]
        @Option(help: ArgumentHelp("The total you expect to pay; the booking is refused if the price differs.", valueName: "amount"))
        var totalPrice: String?
        @OptionGroup var user: ActingUser
        @OptionGroup var tz: TimeZoneOption
        @OptionGroup var global: GlobalOptions

        var expectedTotal: Decimal? {
            get throws {
                guard let totalPrice else { return nil }
                guard totalPrice.allSatisfy({ $0.isNumber || $0 == "." }),
                    let value = Decimal(string: totalPrice, locale: Locale(identifier: "en_US_POSIX"))
                else { throw ValidationError("--total-price must be an amount such as 360.00, not \(totalPrice)") }
                return value
            }
        }

        func validate() throws {
            if seats.isEmpty { throw ValidationError("name at least one seat") }
            if seats.count > BookingInput.maximumSeats { throw ValidationError("at most \(BookingInput.maximumSeats) seats per booking") }
            _ = try expectedTotal
        }

        func run(_ context: CommandContext) async throws {
            let acting = try await user.resolve(context)
            let total = try expectedTotal
            let booking = try await withBookingBackend(context) { backend in
                let map = try await backend.seatMap(showing: showingID.value)
                let resolved = try SeatResolver.resolve(seats, map: map, showing: showingID.value)
                let input = BookingInput(showingID: showingID.value, seatIDs: resolved.map(\.id), totalPrice: total)
                return try await backend.createBooking(input, user: acting)
            }
            context.changed(
                "Booked \(BookingTables.seats(booking)) for \(booking.showing.movie.title): \(booking.bookingNumber), total "
                    + BookingText.money(booking.totalPrice), in: .booking)
            try context.output(booking) { BookingTables.single($0, tz) }
        }
    }

    struct List: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "List bookings, newest first: yours; an admin's (or maintenance mode's) are everyone's unless --user-id.",
            discussion: """
                Examples:
                  mscli book list --user-id ana@example.com
                  mscli book list -o name
                """)
        @Option(name: .customLong("user-id"), help: "Only this user's bookings, by id or e-mail address (admin, or maintenance mode).")
        var userID: Reference?
        @OptionGroup var tz: TimeZoneOption
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            // The service quietly ignores user_id from a non-admin (they always get their own): say so instead.
            let owner = try await context.userID(userID)
            if let owner, let me = context.sessionIdentity(), !me.role.isAdmin, me.userID != owner {
                throw CLIError("only an admin can list another user's bookings; you are \(me.role.rawValue)", status: .refused)
            }
            let bookings = try await withBookingBackend(context) {
                try await $0.bookings(of: owner, limit: page.limit, offset: page.offset)
            }
            try context.output(bookings) { BookingTables.list($0, tz) }
            page.hint(bookings.count, context)
        }
    }

    struct Get: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one booking with its seats.",
            discussion: """
                Examples:
                  mscli book get BK-LB3QMHZZCW
                """)
        @Argument(help: ArgumentHelp("Booking id or number (BK-…).", valueName: "booking")) var bookingID: Reference
        @OptionGroup var tz: TimeZoneOption
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let booking = try await withBookingBackend(context) { try await $0.booking(try await $0.resolve(bookingID, as: .booking)) }
            try context.output(booking) { BookingTables.single($0, tz) }
        }
    }

    struct Cancel: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel a confirmed booking before the show starts; its seats are free again at once (asks first unless --yes).",
            discussion: """
                Examples:
                  mscli book cancel BK-LB3QMHZZCW --yes
                """)
        @Argument(help: ArgumentHelp("Booking id or number (BK-…).", valueName: "booking")) var bookingID: Reference
        @Flag(name: [.short, .long], help: "Do not ask for confirmation.") var yes = false
        @OptionGroup var tz: TimeZoneOption
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let cancelled = try await withBookingBackend(context) { backend in
                let booking = try await backend.booking(try await backend.resolve(bookingID, as: .booking))
                try context.console.confirm(
                    "Cancel booking \(booking.bookingNumber) (\(BookingTables.seats(booking)) for \(booking.showing.movie.title) on "
                        + "\(tz.local(booking.showing.showStart)) \(tz.label)) on \(context.target(.booking))?", assumeYes: yes)
                return try await backend.cancelBooking(booking.id)
            }
            context.changed(
                "Cancelled \(cancelled.bookingNumber)", in: .booking, then: "seats \(BookingTables.seats(cancelled)) are free again")
            try context.output(cancelled) { BookingTables.single($0, tz) }
        }
    }

    struct Map: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw a showing's seat map: free, held and booked seats, with prices.",
            discussion: """
                One line per row, the screen at the top: `.` free, `h` held by someone else, `H` held by you, `x` booked. \
                With -o json or -o yaml, the map's entries as the service gives them.

                Examples:
                  mscli book map SHOWING_ID
                  mscli book map SHOWING_ID -o tsv
                """)
        @Argument(help: "Showing id.") var showingID: UUIDArgument
        @Option(
            name: .customLong("user-id"),
            help: "Whose holds to show as H, by id or e-mail address (default: the signed-in user; in maintenance mode nobody's).")
        var userID: Reference?
        @OptionGroup var tz: TimeZoneOption
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let (showing, entries) = try await withBookingBackend(context) { backend in
                let entries = try await backend.seatMap(showing: showingID.value)
                return (context.settings.output == .table ? try await backend.showing(showingID.value) : nil, entries)
            }
            guard let showing, context.settings.output == .table else {
                return try context.output(entries) { entries in
                    Table(
                        headers: ["SEAT", "SEAT_ID", "TYPE", "STATE", "PRICE", "HELD_BY"],
                        rows: entries.map {
                            [
                                $0.seat.seatNumber, BookingText.id($0.seat.id), $0.seat.seatType.rawValue, $0.state.rawValue,
                                BookingText.money($0.price), $0.heldBy ?? "-",
                            ]
                        })
                }
            }
            let me = try await context.userID(userID) ?? context.sessionIdentity()?.userID
            context.out(SeatMapDrawing.draw(entries, showing: showing, me: me, tz: tz))
        }
    }
}

/// The seat map as text for a terminal.
enum SeatMapDrawing {
    static func symbol(_ entry: SeatMapEntry, me: UUID?) -> String {
        switch entry.state {
        case .free: "."
        case .booked: "x"
        case .held: entry.heldBy != nil && entry.heldBy == me.map(BookingText.id) ? "H" : "h"
        }
    }

    static func draw(_ entries: [SeatMapEntry], showing: Showing, me: UUID?, tz: TimeZoneOption) -> String {
        var lines = [
            "\(showing.movie.title) at \(showing.theater.name), \(showing.theater.city): \(tz.local(showing.showStart)) \(tz.label)"
        ]
        guard !entries.isEmpty else {
            lines.append("The theater has no seats laid out.")
            return lines.joined(separator: "\n")
        }
        // Rows in the service's reading order; columns by number.
        var rowOrder: [String] = []
        var byRow: [String: [String: SeatMapEntry]] = [:]
        var columnSet: Set<String> = []
        for entry in entries {
            if byRow[entry.seat.row] == nil { rowOrder.append(entry.seat.row) }
            byRow[entry.seat.row, default: [:]][entry.seat.column] = entry
            columnSet.insert(entry.seat.column)
        }
        let columns = columnSet.sorted { (Int($0) ?? .max, $0) < (Int($1) ?? .max, $1) }
        let cell = (columns.map(\.count).max() ?? 1) + 1
        let labelWidth = rowOrder.map(\.count).max() ?? 1
        func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }

        let gridWidth = cell * columns.count
        let screen = "SCREEN"
        let indent = String(repeating: " ", count: labelWidth + 1)
        lines.append(indent + pad(screen, (gridWidth + screen.count) / 2))
        lines.append(indent + String(repeating: "-", count: gridWidth))
        lines.append(indent + columns.map { pad($0, cell) }.joined())
        var typeRows: [SeatType: [String]] = [:]
        for row in rowOrder {
            let seats = byRow[row]!
            let cells = columns.map { column in pad(seats[column].map { symbol($0, me: me) } ?? " ", cell) }.joined()
            let types = Set(seats.values.map(\.seat.seatType))
            for type in types { typeRows[type, default: []].append(row) }
            let typeNames = SeatType.allCases.filter(types.contains).map(\.rawValue).joined(separator: ",")
            lines.append(pad(row, labelWidth) + " " + cells + "   " + typeNames)
        }
        lines.append("")
        lines.append("Legend: . free   h held by someone else   H held by you   x booked")
        var prices: [SeatType: Decimal] = [:]
        for entry in entries where prices[entry.seat.seatType] == nil { prices[entry.seat.seatType] = entry.price }
        let priceLines = SeatType.allCases.filter { typeRows[$0] != nil }.map {
            "\($0.rawValue) \(BookingText.money(prices[$0])) (rows \(BookingText.rows(typeRows[$0]!)))"
        }
        lines.append("Prices: " + priceLines.joined(separator: "; "))
        let free = entries.filter { $0.state == .free }.count
        let held = entries.filter { $0.state == .held }
        let mine = held.filter { symbol($0, me: me) == "H" }.count
        let booked = entries.filter { $0.state == .booked }.count
        lines.append("Seats: \(entries.count) total, \(free) free, \(held.count) held" + (mine > 0 ? " (\(mine) by you)" : "") + ", \(booked) booked")
        return lines.joined(separator: "\n")
    }
}
