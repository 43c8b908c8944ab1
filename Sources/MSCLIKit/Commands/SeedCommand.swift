import ArgumentParser
import AuthService
import BookingService
import Foundation
import PostgresNIO
import ServiceCore

/// `mscli seed [PATH]`: loads the fixtures idempotently, the booking catalogue straight into the booking database
/// (COPY-speed bulk loads) and the users through the auth backend (HTTP as an admin, or `--maintenance`).
struct SeedCommand: MSCLICommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load fixtures: theaters with seat grids, movies, a week of showings, users.",
        discussion: """
            PATH is a fixtures directory holding booking/theaters.json, booking/movies.json, booking/schedule.json and \
            users.json (default: ./fixtures). Running it twice changes nothing the second time: every row has an id \
            derived from its fixture key, and existing rows are left alone. --scale N repeats every theater N times \
            (with its seats and showings) for load tests: --scale 100 is about a million seats. The booking data goes \
            straight to the booking database (--booking-database-url, BOOKING_DATABASE_URL); users go through the auth \
            service as the signed-in admin, or with --maintenance straight to the auth database.
            """)

    @Argument(help: "Fixtures directory.") var path = "fixtures"
    @Option(help: "Repeat every theater this many times.") var scale = 1
    @Option(help: ArgumentHelp("First day of showings, in the schedule's time zone (default: today).", valueName: "YYYY-MM-DD"))
    var startDate: String?
    @Flag(help: "Do not create the fixture users.") var skipUsers = false
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
        var booking: BookingSeeder.Report
        var users: BookingSeeder.Report.Count?
    }

    func run(_ context: CommandContext) async throws {
        let root = URL(fileURLWithPath: path)
        let fixtures = try BookingSeeder.Fixtures.load(from: root.appendingPathComponent("booking"))
        var users: [UserFixture] = []
        if !skipUsers {
            let file = root.appendingPathComponent("users.json")
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw CLIError("cannot read \(file.path) (pass --skip-users to load only the booking data)")
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
        let database = try context.databaseSettings(for: .booking)
        let seeded = try await PostgresClient.withClient(database, logger: context.logger) { client in
            try await BookingSeeder(client: client, logger: context.logger).seed(fixtures, scale: scale, startDate: startDate) { step in
                context.logger.debug("seeding \(step)")
            }
        }
        var summary = Summary(booking: seeded, users: nil)
        if !users.isEmpty {
            let fixtureUsers = users
            summary.users = try await withAuthBackend(context) { backend in
                var inserted = 0
                for user in fixtureUsers {
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
        context.message(
            String(
                format: "Seeded in %.1f s: %d/%d theaters, %d/%d seats, %d/%d movies, %d/%d showings%@ (new/total)", seeded.seconds,
                seeded.theaters.inserted, seeded.theaters.total, seeded.seats.inserted, seeded.seats.total, seeded.movies.inserted,
                seeded.movies.total, seeded.showings.inserted, seeded.showings.total,
                summary.users.map { ", \($0.inserted)/\($0.total) users" } ?? ""))
        try context.output(summary) { summary in
            var rows = [
                ["theaters", "\(summary.booking.theaters.inserted)", "\(summary.booking.theaters.total)"],
                ["seats", "\(summary.booking.seats.inserted)", "\(summary.booking.seats.total)"],
                ["movies", "\(summary.booking.movies.inserted)", "\(summary.booking.movies.total)"],
                ["showings", "\(summary.booking.showings.inserted)", "\(summary.booking.showings.total)"],
            ]
            if let users = summary.users { rows.append(["users", "\(users.inserted)", "\(users.total)"]) }
            return Table(headers: ["KIND", "NEW", "TOTAL"], rows: rows)
        }
    }
}
