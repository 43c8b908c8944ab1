import ArgumentParser
import BookingService
import Foundation
import SearchClient
import ServiceCore

struct ShowingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "showings",
        abstract: "Manage showings: a movie in a theater at a time, with a price per seat type.",
        discussion: """
            Times are ISO 8601 instants; one without an offset (2030-11-15T19:00) is UTC, as the service reads it. \
            --tz only changes how times are shown (and which day --date means). Reading needs any session; changes \
            need an admin session, or --maintenance with the booking database.

            Examples:
              mscli showings create --movie-id MOVIE_ID --theater-id THEATER_ID \\
                  --start 2030-11-15T19:00+05:30 --end 2030-11-15T21:30+05:30 \\
                  --price regular=180 --price premium=260
              mscli showings list --theater-id THEATER_ID --tz Asia/Kolkata
            """,
        subcommands: [List.self, Get.self, Create.self, Update.self, Delete.self]
    )
}

enum ShowingTables {
    static func prices(_ prices: [String: Decimal]) -> String {
        let known = SeatType.allCases.map(\.rawValue)
        let keys = known.filter { prices[$0] != nil } + prices.keys.filter { !known.contains($0) }.sorted()
        return keys.isEmpty ? "-" : keys.map { "\($0) \(BookingText.money(prices[$0]!))" }.joined(separator: ", ")
    }

    static func single(_ showing: Showing, _ tz: TimeZoneOption) -> Table {
        Table(fields: [
            ("id", BookingText.id(showing.id)), ("movie", "\(showing.movie.title) (\(BookingText.id(showing.movieID)))"),
            ("theater", "\(showing.theater.name), \(showing.theater.city) (\(BookingText.id(showing.theaterID)))"),
            ("start (\(tz.label))", tz.local(showing.showStart)), ("end (\(tz.label))", tz.local(showing.showEnd)),
            ("expires_at (\(tz.label))", tz.local(showing.expiresAt)), ("available_seats", "\(showing.availableSeats)"),
            ("active", showing.isActive ? "yes" : "no"), ("prices", prices(showing.prices)),
            ("created_at", Rendering.date(showing.createdAt)), ("updated_at", Rendering.date(showing.updatedAt)),
        ])
    }

    static func list(_ showings: [Showing], _ tz: TimeZoneOption) -> Table {
        Table(
            headers: ["ID", "MOVIE", "THEATER", "START (\(tz.label))", "SEATS", "ACTIVE"],
            rows: showings.map {
                [BookingText.id($0.id), $0.movie.title, $0.theater.name, tz.local($0.showStart), "\($0.availableSeats)", $0.isActive ? "yes" : "no"]
            })
    }
}

/// An ISO 8601 time as the service reads it, checked before sending.
func checkTime(_ text: String?, _ flag: String) throws {
    if let text, Timestamps.parse(text) == nil {
        throw ValidationError("\(flag) must be an ISO 8601 time such as 2030-11-15T19:00 or 2030-11-15T19:00+05:30, not \(text)")
    }
}

/// Whether an update makes the showing bookable or not.
enum ShowingActivity: String, EnumerableFlag {
    case active, inactive

    static func help(for value: ShowingActivity) -> ArgumentHelp? {
        value == .active ? "List the showing and allow bookings." : "Hide the showing and stop bookings."
    }
}

extension ShowingsCommand {
    struct List: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "List showings by start time (expired ones only with --include-expired).",
            discussion: """
                Examples:
                  mscli showings list --theater-id "PVR Forum" --movie-id Inception \\
                      --date 2030-11-15 --tz Asia/Kolkata
                """)
        @Option(help: "Only showings of this movie (id or title).") var movieID: Reference?
        @Option(help: "Only showings in this theater (id or name).") var theaterID: Reference?
        @Option(help: ArgumentHelp("Only showings starting on this day (in --tz).", valueName: "YYYY-MM-DD")) var date: String?
        @OptionGroup var tz: TimeZoneOption
        @Flag(help: "Include showings whose booking window has closed (admin).") var includeExpired = false
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if let date, !Timestamps.isValidDate(date) { throw ValidationError("--date must be a date YYYY-MM-DD, not \(date)") }
        }

        func run(_ context: CommandContext) async throws {
            let showings = try await withBookingBackend(context) { backend in
                let query = ShowingQuery(
                    movieID: try await backend.resolve(movieID, as: .movie), theaterID: try await backend.resolve(theaterID, as: .theater),
                    date: date, timeZone: tz.name, includeExpired: includeExpired)
                return try await backend.showings(query, limit: page.limit, offset: page.offset)
            }
            try context.output(showings) { ShowingTables.list($0, tz) }
            page.hint(showings.count, context)
        }
    }

    struct Get: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one showing with its prices.",
            discussion: """
                Examples:
                  mscli showings get SHOWING_ID
                  mscli showings get SHOWING_ID --tz Asia/Kolkata -o json
                """)
        @Argument(help: "Showing id.") var showingID: UUIDArgument
        @OptionGroup var tz: TimeZoneOption
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let showing = try await withBookingBackend(context) { try await $0.showing(showingID.value) }
            try context.output(showing) { ShowingTables.single($0, tz) }
        }
    }

    struct Create: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Schedule a showing (admin). The theater must have its seats laid out.",
            discussion: """
                Examples:
                  mscli showings create --movie-id Inception --theater-id "PVR Forum" \\
                      --start 2030-11-15T13:30:00Z --end 2030-11-15T16:00:00Z \\
                      --price regular=180
                """)
        @Option(help: "Movie id or title.") var movieID: Reference
        @Option(help: "Theater id or name.") var theaterID: Reference
        @Option(help: ArgumentHelp("Start time, ISO 8601 (no offset: UTC).", valueName: "time")) var start: String
        @Option(help: ArgumentHelp("End time, ISO 8601.", valueName: "time")) var end: String
        @Option(help: "Seats on sale (default: every seat of the theater).") var availableSeats: Int?
        @Option(help: ArgumentHelp("When listing and booking stop (default: the start).", valueName: "time")) var expiresAt: String?
        @Flag(help: "Create it hidden and not bookable.") var inactive = false
        @Option(
            name: .customLong("price"),
            help: ArgumentHelp(
                "Price of a seat type, TYPE=AMOUNT (types: \(SeatType.allCases.map(\.rawValue).joined(separator: ", "))). Repeatable; "
                    + "types left out get the service's default prices.", valueName: "type=amount"))
        var priceTexts: [String] = []
        @OptionGroup var tz: TimeZoneOption
        @OptionGroup var global: GlobalOptions

        func prices() throws -> [String: Decimal] { try ShowingPrices.parse(priceTexts) }

        func validate() throws {
            try checkTime(start, "--start")
            try checkTime(end, "--end")
            try checkTime(expiresAt, "--expires-at")
            if let availableSeats, availableSeats <= 0 { throw ValidationError("--available-seats must be greater than 0") }
            _ = try prices()
        }

        func run(_ context: CommandContext) async throws {
            let prices = try prices()
            let showing = try await withBookingBackend(context) { backend in
                let input = ShowingInput(
                    movieID: try await backend.resolve(movieID, as: .movie), theaterID: try await backend.resolve(theaterID, as: .theater),
                    showStart: start, showEnd: end, availableSeats: availableSeats, isActive: inactive ? false : nil, expiresAt: expiresAt,
                    prices: prices.isEmpty ? nil : prices)
                return try await backend.createShowing(input)
            }
            context.changed(
                "Scheduled \(showing.movie.title) at \(showing.theater.name) on \(tz.local(showing.showStart)) \(tz.label) (\(BookingText.id(showing.id)))", in: .booking)
            try context.output(showing) { ShowingTables.single($0, tz) }
        }
    }

    struct Update: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a showing: only the fields given are sent (admin).",
            discussion: """
                Examples:
                  mscli showings update SHOWING_ID --start 2026-12-24T19:30 --tz Asia/Kolkata
                  mscli showings update SHOWING_ID --price regular=200 --price vip=420
                  mscli showings update SHOWING_ID --inactive
                """)
        @Argument(help: "Showing id.") var showingID: UUIDArgument
        @Option(help: ArgumentHelp("New start time, ISO 8601.", valueName: "time")) var start: String?
        @Option(help: ArgumentHelp("New end time, ISO 8601.", valueName: "time")) var end: String?
        @Option(help: "Seats on sale.") var availableSeats: Int?
        @Option(help: ArgumentHelp("When listing and booking stop.", valueName: "time")) var expiresAt: String?
        @Flag var activity: ShowingActivity?
        @Option(
            name: .customLong("price"),
            help: ArgumentHelp(
                "New price of a seat type, TYPE=AMOUNT. Repeatable; types left out keep theirs. Refused once the showing has "
                    + "started and while seats of it are held; bookings made keep their prices.", valueName: "type=amount"))
        var priceTexts: [String] = []
        @OptionGroup var tz: TimeZoneOption
        @OptionGroup var global: GlobalOptions

        var changes: [String: JSONValue] {
            var body: [String: JSONValue] = [:]
            body["show_start_datetime"] = start.map(JSONValue.string)
            body["show_end_datetime"] = end.map(JSONValue.string)
            body["available_seats"] = availableSeats.map(JSONValue.int)
            body["expires_at"] = expiresAt.map(JSONValue.string)
            body["is_active"] = activity.map { .bool($0 == .active) }
            return body
        }

        func validate() throws {
            try checkTime(start, "--start")
            try checkTime(end, "--end")
            try checkTime(expiresAt, "--expires-at")
            if let availableSeats, availableSeats < 0 { throw ValidationError("--available-seats must not be negative") }
            let prices = try ShowingPrices.parse(priceTexts)
            if changes.isEmpty, prices.isEmpty {
                throw ValidationError("nothing to change: pass --start, --end, --available-seats, --expires-at, --active, --inactive or --price")
            }
        }

        func run(_ context: CommandContext) async throws {
            let body = changes
            let prices = try ShowingPrices.parse(priceTexts)
            let id = showingID.value
            // Prices first: they are the change most likely to be refused (held seats), and then nothing has changed.
            let showing = try await withBookingBackend(context) { backend in
                var showing: Showing?
                if !prices.isEmpty { showing = try await backend.setShowingPrices(id, prices) }
                if !body.isEmpty { showing = try await backend.updateShowing(id, body) }
                return showing!
            }
            let fields = body.keys.sorted() + prices.keys.sorted().map { "price \($0)" }
            context.changed("Updated showing \(BookingText.id(showing.id)) (\(fields.joined(separator: ", ")))", in: .booking)
            try context.output(showing) { ShowingTables.single($0, tz) }
        }
    }

    struct Delete: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a showing (asks first unless --yes; refused once it has bookings: deactivate it instead).",
            discussion: """
                Examples:
                  mscli showings delete SHOWING_ID
                  mscli showings delete SHOWING_ID --yes --maintenance
                """)
        @Argument(help: "Showing id.") var showingID: UUIDArgument
        @Flag(name: [.short, .long], help: "Do not ask for confirmation.") var yes = false
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            try await withBookingBackend(context) { backend in
                let showing = try await backend.showing(showingID.value)
                try context.console.confirm(
                    "Delete the showing of \(showing.movie.title) at \(showing.theater.name) on \(Rendering.date(showing.showStart)), on \(context.target(.booking))?",
                    assumeYes: yes)
                try await backend.deleteShowing(showing.id)
                context.changed("Deleted showing \(BookingText.id(showing.id))", in: .booking)
            }
        }
    }
}
