import ArgumentParser
import BookingService
import Foundation
import SearchClient
import ServiceCore

struct TheatersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theaters",
        abstract: "Manage theaters and their seat grids.",
        discussion: """
            Reading needs any session; changes need an admin session, or --maintenance with the booking database \
            (--booking-database-url, BOOKING_DATABASE_URL).

            Examples:
              mscli theaters create --name "PVR Forum" --location Koramangala \\
                  --address "21 Hosur Rd" --city Bengaluru
              mscli theaters seats layout THEATER_ID --rows 10 --seats-per-row 12 \\
                  --premium-rows H,I --recliner-rows J
            """,
        subcommands: [List.self, Get.self, Create.self, Update.self, Delete.self, SeatsCommand.self]
    )
}

enum TheaterTables {
    static func single(_ theater: Theater) -> Table {
        Table(fields: [
            ("id", BookingText.id(theater.id)), ("name", theater.name), ("location", theater.location),
            ("address", theater.address), ("city", theater.city), ("description", BookingText.text(theater.description)),
            ("created_at", Rendering.date(theater.createdAt)), ("updated_at", Rendering.date(theater.updatedAt)),
        ])
    }

    static func list(_ theaters: [Theater]) -> Table {
        Table(
            headers: ["ID", "NAME", "CITY", "LOCATION"],
            rows: theaters.map { [BookingText.id($0.id), $0.name, $0.city, $0.location] })
    }

    /// Every seat, in reading order.
    static func seats(_ seats: [Seat]) -> Table {
        Table(
            headers: ["SEAT", "ROW", "COLUMN", "TYPE", "ID"],
            rows: seats.map { [$0.seatNumber, $0.row, $0.column, $0.seatType.rawValue, BookingText.id($0.id)] })
    }

    /// One line per row: how many seats and of which type (a freshly laid out grid).
    static func rows(_ seats: [Seat]) -> Table {
        var order: [String] = []
        var byRow: [String: [Seat]] = [:]
        for seat in seats {
            if byRow[seat.row] == nil { order.append(seat.row) }
            byRow[seat.row, default: []].append(seat)
        }
        return Table(
            headers: ["ROW", "SEATS", "TYPE"],
            rows: order.map { row in
                let types = Set(byRow[row]!.map(\.seatType.rawValue)).sorted().joined(separator: ",")
                return [row, "\(byRow[row]!.count)", types]
            })
    }
}

extension TheatersCommand {
    struct List: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "List theaters, oldest first.",
            discussion: """
                Examples:
                  mscli theaters list --city Bengaluru
                  mscli theaters list --limit 20 --offset 20 -o json
                """)
        @Option(help: "Only theaters in this city (any case).") var city: String?
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let theaters = try await withBookingBackend(context) { try await $0.theaters(limit: page.limit, offset: page.offset, city: city) }
            try context.output(theaters, table: TheaterTables.list)
            page.hint(theaters.count, context)
        }
    }

    struct Get: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one theater.",
            discussion: """
                Examples:
                  mscli theaters get "PVR Forum"
                  mscli theaters list -o name | xargs -n1 mscli theaters get
                """)
        @Argument(help: ArgumentHelp("Theater id or name.", valueName: "theater")) var theaterID: Reference
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let theater = try await withBookingBackend(context) { try await $0.theater(try await $0.resolve(theaterID, as: .theater)) }
            try context.output(theater, table: TheaterTables.single)
        }
    }

    struct Create: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a theater (then lay out its seats with `mscli theaters seats`).",
            discussion: """
                Examples:
                  mscli theaters create --name 'PVR Forum' --location Koramangala \\
                      --address '21 Hosur Rd' --city Bengaluru
                """)
        @Option(help: "Name.") var name: String
        @Option(help: "Area or landmark, shown next to the name.") var location: String
        @Option(help: "Street address.") var address: String
        @Option(help: "City.") var city: String
        @Option(help: "Description.") var description: String?
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let input = TheaterInput(name: name, location: location, description: description, address: address, city: city)
            let theater = try await withBookingBackend(context) { try await $0.createTheater(input) }
            context.changed("Created theater \(theater.name) (\(BookingText.id(theater.id)))", in: .booking)
            try context.output(theater, table: TheaterTables.single)
        }
    }

    struct Update: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a theater: only the fields given are sent.",
            discussion: """
                Examples:
                  mscli theaters update "PVR Forum" --city Mysuru --clear-description
                """)
        @Argument(help: ArgumentHelp("Theater id or name.", valueName: "theater")) var theaterID: Reference
        @Option(help: "New name.") var name: String?
        @Option(help: "New location.") var location: String?
        @Option(help: "New street address.") var address: String?
        @Option(help: "New city.") var city: String?
        @Option(help: "New description.") var description: String?
        @Flag(help: "Remove the description.") var clearDescription = false
        @OptionGroup var global: GlobalOptions

        var changes: [String: JSONValue] {
            var body: [String: JSONValue] = [:]
            body["name"] = name.map(JSONValue.string)
            body["location"] = location.map(JSONValue.string)
            body["address"] = address.map(JSONValue.string)
            body["city"] = city.map(JSONValue.string)
            body["description"] = description.map(JSONValue.string)
            if clearDescription { body["description"] = .null }
            return body
        }

        func validate() throws {
            if clearDescription, description != nil { throw ValidationError("--description and --clear-description exclude each other") }
            if changes.isEmpty { throw ValidationError("nothing to change: pass at least one of --name, --location, --address, --city, --description") }
        }

        func run(_ context: CommandContext) async throws {
            let body = changes
            let theater = try await withBookingBackend(context) { try await $0.updateTheater(try await $0.resolve(theaterID, as: .theater), body) }
            context.changed("Updated theater \(theater.name) (\(body.keys.sorted().joined(separator: ", ")))", in: .booking)
            try context.output(theater, table: TheaterTables.single)
        }
    }

    struct Delete: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a theater and its seats (asks first unless --yes; refused while it has showings).",
            discussion: """
                Examples:
                  mscli theaters delete "PVR Forum" --yes
                """)
        @Argument(help: ArgumentHelp("Theater id or name.", valueName: "theater")) var theaterID: Reference
        @Flag(name: [.short, .long], help: "Do not ask for confirmation.") var yes = false
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            try await withBookingBackend(context) { backend in
                let theater = try await backend.theater(try await backend.resolve(theaterID, as: .theater))
                try context.console.confirm(
                    "Delete theater \(theater.name), \(theater.city) (\(BookingText.id(theater.id))) and its seats on \(context.target(.booking))?", assumeYes: yes)
                try await backend.deleteTheater(theater.id)
                context.changed("Deleted theater \(theater.name)", in: .booking)
            }
        }
    }
}

/// `mscli theaters seats [layout] THEATER_ID --rows N …` lays out the grid; `mscli theaters seats list THEATER_ID`
/// shows it.
struct SeatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seats",
        abstract: "Lay out a theater's seat grid, or list its seats.",
        discussion: """
            `mscli theaters seats THEATER_ID --rows 10 --seats-per-row 12` is `mscli theaters seats layout ...`. Rows are \
            lettered A, B, … from the screen; seats are numbered from 1 (A1, A2, …). Rows not named in --premium-rows, \
            --vip-rows or --recliner-rows are regular.

            Examples:
              mscli theaters seats layout THEATER_ID --rows 10 --seats-per-row 12
              mscli theaters seats list THEATER_ID
            """,
        subcommands: [Layout.self, List.self],
        defaultSubcommand: Layout.self
    )

    struct Layout: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Lay out the seat grid of a theater that has no seats yet, or --replace its grid (admin).",
            discussion: """
                --replace deletes the old grid and lays out the new one in one transaction. It is refused (exit 4) \
                while any showing of the theater holds a seat or has bookings, cancelled ones included (a booking \
                names its seats for good): replace a grid before its showings go on sale.

                Examples:
                  mscli theaters seats layout "PVR Forum" --rows 10 --seats-per-row 12 \\
                      --premium-rows H,I --recliner-rows J
                  mscli theaters seats layout THEATER_ID --replace --rows 8 --seats-per-row 14
                """)
        @Argument(help: ArgumentHelp("Theater id or name.", valueName: "theater")) var theaterID: Reference
        @Option(help: "Number of rows (1-\(SeatLayout.maximumRows)); rows are lettered A, B, …") var rows: Int
        @Option(help: "Seats in each row (1-\(SeatLayout.maximumSeatsPerRow)).") var seatsPerRow: Int
        @Option(help: ArgumentHelp("Premium rows, comma-separated.", valueName: "rows")) var premiumRows: String?
        @Option(help: ArgumentHelp("VIP rows, comma-separated.", valueName: "rows")) var vipRows: String?
        @Option(help: ArgumentHelp("Recliner rows, comma-separated.", valueName: "rows")) var reclinerRows: String?
        @Flag(help: "Replace the theater's grid (refused while a showing of it holds or has sold seats).") var replace = false
        @OptionGroup var global: GlobalOptions

        func layout() throws -> SeatLayout {
            guard (1...SeatLayout.maximumRows).contains(rows) else {
                throw ValidationError("--rows must be from 1 to \(SeatLayout.maximumRows)")
            }
            guard (1...SeatLayout.maximumSeatsPerRow).contains(seatsPerRow) else {
                throw ValidationError("--seats-per-row must be from 1 to \(SeatLayout.maximumSeatsPerRow)")
            }
            var layout = SeatLayout(rows: rows, seatsPerRow: seatsPerRow)
            let labels = Set(layout.labels)
            for (type, flag, text) in [(SeatType.premium, "--premium-rows", premiumRows), (.vip, "--vip-rows", vipRows), (.recliner, "--recliner-rows", reclinerRows)] {
                for label in BookingText.list(text ?? "").map({ $0.uppercased() }) {
                    guard labels.contains(label) else {
                        throw ValidationError("\(flag): row \(label) is not in a grid of \(rows) row(s) (\(BookingText.rows(layout.labels)))")
                    }
                    if let other = layout.rowTypes[label], other != type {
                        throw ValidationError("row \(label) is listed as both \(other.rawValue) and \(type.rawValue)")
                    }
                    layout.rowTypes[label] = type
                }
            }
            return layout
        }

        func validate() throws { _ = try layout() }

        func run(_ context: CommandContext) async throws {
            let layout = try layout()
            let replace = self.replace
            let seats = try await withBookingBackend(context) {
                try await $0.initializeSeats(theater: try await $0.resolve(theaterID, as: .theater), layout: layout, replace: replace)
            }
            var special: [String] = []
            for type in [SeatType.premium, .vip, .recliner] {
                let rows = layout.rowTypes.filter { $0.value == type }.keys.sorted { $0.count == $1.count ? $0 < $1 : $0.count < $1.count }
                if !rows.isEmpty { special.append("\(type.rawValue) \(rows.joined(separator: ","))") }
            }
            context.changed(
                (replace ? "Replaced the grid: laid out " : "Laid out ") + "\(seats.count) seats: rows \(BookingText.rows(layout.labels)), \(layout.seatsPerRow) per row"
                    + (special.isEmpty ? "" : " (\(special.joined(separator: "; ")))"), in: .booking)
            try context.output(seats, table: TheaterTables.rows)
        }
    }

    struct List: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "List a theater's seats in reading order.",
            discussion: """
                Examples:
                  mscli theaters seats list "PVR Forum" -o tsv
                """)
        @Argument(help: ArgumentHelp("Theater id or name.", valueName: "theater")) var theaterID: Reference
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let seats = try await withBookingBackend(context) { try await $0.seats(theater: try await $0.resolve(theaterID, as: .theater)) }
            if seats.isEmpty { context.message("The theater has no seats yet; lay them out with `mscli theaters seats THEATER_ID --rows N --seats-per-row N`") }
            try context.output(seats, table: TheaterTables.seats)
        }
    }
}
