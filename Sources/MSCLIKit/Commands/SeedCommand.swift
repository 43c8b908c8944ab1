import ArgumentParser
import AuthService
import BookingService
import FoodService
import Foundation
import PostgresNIO
import ServiceCore

/// `mscli seed [PATH]`: loads the fixtures idempotently, the booking catalogue straight into the booking database
/// (COPY-speed bulk loads), the food catalogue into the food primary database, and the users through the auth backend
/// (HTTP as an admin, or `--maintenance`).
struct SeedCommand: MSCLICommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load fixtures: theaters with seat grids, movies, a week of showings, restaurants and menus, users.",
        discussion: """
            PATH is a fixtures directory holding booking/theaters.json, booking/movies.json, booking/schedule.json, \
            food/categories.json, food/foods.json, food/restaurants.json and users.json. Without PATH: $MSCLI_FIXTURES, \
            else the fixtures shipped beside mscli (<bin>/fixtures, <bin>/../share/mscli/fixtures, or the source tree of \
            a development build), never the current directory. Running it twice changes nothing the second time: every row has an id derived from its fixture key, and existing rows \
            are left alone. --scale N repeats every theater N times (with its seats and showings) for load tests: --scale \
            100 is about a million seats. The booking data goes straight to the booking database (--booking-database-url, \
            BOOKING_DATABASE_URL), the food catalogue to the food primary database (--food-database-url, \
            FOOD_DATABASE_URL; without one it is skipped, and said so); users go through the auth service as the \
            signed-in admin, or with --maintenance straight to the auth database; users that exist already are skipped \
            without hashing their passwords again, so a second run takes a fraction of a second.

            Examples:
              mscli seed --maintenance
              mscli seed ./my-fixtures --skip-users \\
                  --booking-database-url postgres://ops@db1/booking_service
              mscli seed --scale 100 --skip-food --skip-users --start-date 2026-12-24
            """)

    @Argument(help: "Fixtures directory (default: the fixtures shipped beside mscli).", completion: .directory) var path: String?
    @Option(help: "Repeat every theater this many times.") var scale = 1
    @Option(help: ArgumentHelp("First day of showings, in the schedule's time zone (default: today).", valueName: "YYYY-MM-DD"))
    var startDate: String?
    @Flag(help: "Do not create the fixture users.") var skipUsers = false
    @Flag(help: "Do not load the food catalogue.") var skipFood = false
    @Flag(help: "Do not load the booking catalogue (theaters, movies, showings).") var skipBooking = false
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (1...10_000).contains(scale) else { throw ValidationError("--scale must be from 1 to 10000") }
    }

    struct UserFixture: Decodable {
        var email: String
        var name: String
        var role: String
        var password: String
    }

    struct Summary: Encodable {
        var booking: BookingSeeder.Report?
        var food: FoodSeeder.Report?
        var users: BookingSeeder.Report.Count?
    }

    /// Where the seed wrote: ` into booking 127.0.0.1:5432/booking_service, food ..., users http://...`.
    func into(_ summary: Summary, _ context: CommandContext) -> String {
        var targets: [String] = []
        if summary.booking != nil, let url = context.settings.bookingDatabaseURL { targets.append("booking \(Targets.database(url: url))") }
        if summary.food != nil, let url = context.settings.foodDatabaseURL { targets.append("food \(Targets.database(url: url))") }
        if summary.users != nil { targets.append("users \(context.target(.auth))") }
        return targets.isEmpty ? "" : " into " + targets.joined(separator: ", ")
    }

    func run(_ context: CommandContext) async throws {
        let started = ContinuousClock.now
        let root = try FixtureLocation.resolve(explicit: path, environment: context.settings.environment)
        if path == nil { context.message("Fixtures from \(root.path)") }
        let fixtures = skipBooking ? nil : try BookingSeeder.Fixtures.load(from: root.appendingPathComponent("booking"))
        var users: [UserFixture] = []
        if !skipUsers {
            let file = root.appendingPathComponent("users.json")
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw CLIError("cannot read \(file.path) (pass --skip-users to load only the catalogues)")
            }
            do {
                users = try JSONDecoder().decode([UserFixture].self, from: data)
            } catch {
                throw CLIError("\(file.path): not a list of {email, name, role, password}: \(error)")
            }
            for user in users where Role(rawValue: user.role) == nil {
                throw CLIError("\(file.path): \(user.email) has unknown role \(user.role)")
            }
        }
        var foodFixtures: FoodSeeder.Fixtures?
        if !skipFood {
            if context.settings.foodDatabaseURL == nil {
                context.message(
                    "note: food catalogue skipped: no food database (set FOOD_DATABASE_URL or pass --food-database-url; "
                        + "--skip-food to silence this)")
            } else {
                foodFixtures = try FoodSeeder.Fixtures.load(from: root.appendingPathComponent("food"))
            }
        }
        var summary = Summary(booking: nil, food: nil, users: nil)
        if let fixtures {
            let database = try context.databaseSettings(for: .booking)
            summary.booking = try await context.withDatabase(.booking, database) { client in
                try await BookingSeeder(client: client, logger: context.logger).seed(fixtures, scale: scale, startDate: startDate) { step in
                    context.logger.debug("seeding \(step)")
                }
            }
        }
        if let foodFixtures {
            let foodDatabase = try context.databaseSettings(for: .food)
            summary.food = try await context.withDatabase(.food, foodDatabase) { client in
                try await Migrator(client: client, set: FoodMigrations.set, logger: context.logger).requireCurrent()
                return try await FoodSeeder(client: client, logger: context.logger).seed(foodFixtures)
            }
        }
        if !users.isEmpty {
            let fixtureUsers = users
            summary.users = try await withAuthBackend(context) { backend in
                // Who is there already, read in pages: creating an existing user would hash its password first (bcrypt,
                // most of a second each) only to be refused as a conflict.
                var existing: Set<String> = []
                var offset = 0
                while true {
                    let page = try await backend.list(limit: 200, offset: offset)
                    existing.formUnion(page.items.map { $0.email.lowercased() })
                    offset += page.items.count
                    if page.items.isEmpty || offset >= page.total { break }
                }
                var inserted = 0
                for user in fixtureUsers where !existing.contains(user.email.lowercased()) {
                    do {
                        _ = try await backend.create(email: user.email, name: user.name, password: user.password, role: Role(rawValue: user.role)!)
                        inserted += 1
                    } catch let error as APIError where error.status == .conflict {
                        continue
                    }
                }
                return BookingSeeder.Report.Count(inserted: inserted, total: fixtureUsers.count)
            }
        }
        var parts: [String] = []
        if let booking = summary.booking {
            parts.append(
                "\(booking.theaters.inserted)/\(booking.theaters.total) theaters, \(booking.seats.inserted)/\(booking.seats.total) seats, "
                    + "\(booking.movies.inserted)/\(booking.movies.total) movies, \(booking.showings.inserted)/\(booking.showings.total) showings")
        }
        if let food = summary.food {
            parts.append(
                "\(food.restaurants.inserted)/\(food.restaurants.total) restaurants, \(food.menuItems.inserted)/\(food.menuItems.total) menu items")
        }
        if let users = summary.users { parts.append("\(users.inserted)/\(users.total) users") }
        let seconds = started.duration(to: .now)
        context.message(
            String(format: "Seeded in %.1f s: ", seconds.seconds)
                + (parts.isEmpty ? "nothing" : parts.joined(separator: ", ")) + " (new/total)" + into(summary, context))
        try context.output(summary) { summary in
            var rows: [[String]] = []
            if let booking = summary.booking {
                for (kind, count) in [
                    ("theaters", booking.theaters), ("seats", booking.seats), ("movies", booking.movies), ("showings", booking.showings),
                ] {
                    rows.append([kind, "\(count.inserted)", "\(count.total)"])
                }
            }
            if let food = summary.food {
                for (kind, count) in [
                    ("categories", food.categories), ("foods", food.foods), ("restaurants", food.restaurants), ("menu items", food.menuItems),
                ] {
                    rows.append([kind, "\(count.inserted)", "\(count.total)"])
                }
            }
            if let users = summary.users { rows.append(["users", "\(users.inserted)", "\(users.total)"]) }
            return Table(headers: ["KIND", "NEW", "TOTAL"], rows: rows)
        }
    }
}
