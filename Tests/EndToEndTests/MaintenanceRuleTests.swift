import Foundation
import ServiceCore
import Testing
import TestSupport

/// The rules mscli's maintenance mode shares with the services instead of copying them: an account the auth database
/// says is disabled cannot order food or hold and book seats (the services' own words and mscli's refusal code), and a
/// setting the service refuses to start with is refused by mscli too (the usage code, naming the variable and range).
@Suite(.tags(.endToEnd)) struct MaintenanceRuleTests {
    static let refused = "mscli: \(AccountRule.refusalMessage)\n"

    /// Creates a user in the auth database and returns its id.
    static func user(_ email: String, _ e2e: EndToEnd) async throws -> String {
        let created = try await e2e.mscli(
            ["auth", "users", "create", "--maintenance", "--email", email, "--name", "Ana", "--role", "user", "--password-stdin", "-o", "json"],
            input: "password-123")
        return try FoodCommandTests.id(created, e2e)
    }

    @Test func aDisabledAccountCannotOrderFood() async throws {
        try await EndToEnd.run { e2e in
            #expect(try await e2e.mscli("migrate", "up", "auth").status == 0)
            try await TestDatabase.with { foodDB in
                let maintenance = ["--maintenance", "--food-database-url", TestDatabase.url(foodDB)]
                #expect(try await e2e.mscli(["migrate", "up", "food", "--food-database-url", TestDatabase.url(foodDB)]).status == 0)
                func id(_ arguments: [String]) async throws -> String {
                    try FoodCommandTests.id(try await e2e.mscli(arguments + ["-o", "json"] + maintenance), e2e)
                }
                let category = try await id(["food", "categories", "create", "--name", "Mains"])
                let restaurant = try await id(["food", "restaurants", "create", "--name", "Dosa Hut", "--address", "1 MG Rd", "--type", "South Indian"])
                let dish = try await id(["food", "foods", "create", "--name", "Dosa", "--price", "80", "--category", category])
                let menu = try await id(["food", "menu", "create", "--restaurant", restaurant, "--food", dish, "--category", category, "--price", "90"])
                let ana = try await Self.user("ana@example.com", e2e)

                // Active: the order is placed. Disabled: refused as the service refuses it, nothing placed.
                _ = try await id(["food", "orders", "create", menu, "--user-id", ana])
                #expect(try await e2e.mscli("auth", "users", "disable", ana, "--maintenance").status == 0)
                for who in [ana, "ana@example.com"] {
                    let order = try await e2e.mscli(["food", "orders", "create", menu, "--user-id", who] + maintenance)
                    #expect(order.status == 4 && order.stderr == Self.refused, "\(order)")
                }
                let orders = try e2e.json(try await e2e.mscli(["food", "orders", "list", "-o", "json"] + maintenance)) as? [[String: Any]]
                #expect(orders?.count == 1)

                // An id the auth database does not hold (orders imported from elsewhere) is not refused.
                _ = try await id(["food", "orders", "create", menu, "--user-id", UUID().uuidString])
            }
        }
    }

    @Test func aDisabledAccountCannotHoldOrBookSeats() async throws {
        try await EndToEnd.run { e2e in
            #expect(try await e2e.mscli("migrate", "up", "auth").status == 0)
            try await TestDatabase.with { bookingDB in
                let env = ["BOOKING_DATABASE_URL": TestDatabase.url(bookingDB)]
                #expect(try await e2e.mscli("migrate", "up", "booking", env: env).status == 0)
                func id(_ arguments: String...) async throws -> String {
                    try BookingCommandTests.id(try await e2e.mscli(arguments + ["--maintenance", "-o", "json"], env: env), e2e)
                }
                let theater = try await id("theaters", "create", "--name", "PVR", "--location", "Juhu", "--address", "1 Rd", "--city", "Mumbai")
                #expect(try await e2e.mscli("theaters", "seats", "layout", theater, "--rows", "2", "--seats-per-row", "2", "--maintenance", env: env).status == 0)
                let movie = try await id("movies", "create", "--title", "Dune", "--duration-minutes", "155")
                let showing = try await id(
                    "showings", "create", "--movie-id", movie, "--theater-id", theater, "--start", BookingCommandTests.time(),
                    "--end", BookingCommandTests.time(hours: 3))
                let ana = try await Self.user("ana@example.com", e2e)
                #expect(try await e2e.mscli("book", "hold", showing, "A1", "--maintenance", "--user-id", ana, env: env).status == 0)
                #expect(try await e2e.mscli("auth", "users", "disable", ana, "--maintenance").status == 0)

                let hold = try await e2e.mscli("book", "hold", showing, "A2", "--maintenance", "--user-id", ana, env: env)
                #expect(hold.status == 4 && hold.stderr == Self.refused, "\(hold)")
                let booking = try await e2e.mscli("book", "create", showing, "A1", "--maintenance", "--user-id", ana, env: env)
                #expect(booking.status == 4 && booking.stderr == Self.refused, "\(booking)")
                let bookings = try e2e.json(try await e2e.mscli("book", "list", "--maintenance", "-o", "json", env: env)) as? [[String: Any]]
                #expect(bookings?.isEmpty == true)
            }
        }
    }

    /// The service refuses to start with these; mscli used to clamp them silently.
    @Test func settingsOutOfRangeAreRefusedAsTheServiceRefusesThem() async throws {
        try await EndToEnd.run { e2e in
            let cases: [(variable: String, value: String, arguments: [String], range: String)] = [
                ("BCRYPT_COST", "99", ["auth", "users", "list", "--maintenance"], "from 4 to 31"),
                ("BCRYPT_COST", "3", ["auth", "users", "list", "--maintenance"], "from 4 to 31"),
                ("SEAT_HOLD_SECONDS", "1", ["theaters", "list", "--maintenance", "--booking-database-url", e2e.databaseURL], "from 5 to 86400"),
                ("SEAT_HOLD_SECONDS", "soon", ["theaters", "list", "--maintenance", "--booking-database-url", e2e.databaseURL], "from 5 to 86400"),
                ("IPO_FETCH_TIMEOUT_SECONDS", "0", ["scrape", "ipos", "--no-store", "--url", "http://127.0.0.1:9/"],
                 "from 1 to 300"),
            ]
            let page = try await e2e.mscli(["scrape", "ipos", "--no-store"], env: ["IPO_PAGE_URL": "ftp://example.com/ipos"])
            #expect(
                page.status == 64 && page.stderr == "mscli: IPO_PAGE_URL must start with http:// or https://, not \"ftp://example.com/ipos\"\n",
                "\(page)")
            for entry in cases {
                let result = try await e2e.mscli(entry.arguments, env: [entry.variable: entry.value])
                #expect(
                    result.status == 64
                        && result.stderr == "mscli: \(entry.variable) must be a whole number \(entry.range), not \"\(entry.value)\"\n",
                    "\(entry.variable)=\(entry.value): \(result)")
            }
        }
    }
}
