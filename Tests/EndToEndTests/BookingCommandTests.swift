import Foundation
import Testing
import TestSupport

/// `mscli theaters|movies|showings|book|search` end to end: the real binaries, the real auth and booking services, a
/// private config directory and two private databases.
@Suite(.tags(.endToEnd)) struct BookingCommandTests {
    /// A show time a week from now (showings stop being bookable when they start).
    static func time(days: Double = 7, hours: Double = 0) -> String {
        Date().addingTimeInterval(days * 86_400 + hours * 3600).formatted(Date.ISO8601FormatStyle())
    }

    /// The `id` of a JSON object result, failing the test when the command failed.
    static func id(_ result: ProcessResult, _ e2e: EndToEnd, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        #expect(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        let object = try #require(try e2e.json(result) as? [String: Any], "\(result)", sourceLocation: sourceLocation)
        return try #require(object["id"] as? String, sourceLocation: sourceLocation)
    }

    /// The symbols of one row of `book map`'s grid (`A   .  .  x  x …` → [".", ".", "x", "x", …]).
    static func row(_ label: String, of map: String) -> [String] {
        guard let line = map.split(separator: "\n").first(where: { $0.hasPrefix(label + " ") }) else { return [] }
        return line.split(separator: " ").dropFirst().map(String.init).filter { $0.count == 1 }
    }

    @Test func maintenanceCatalogueThenHoldsAndBookingsOverHTTP() async throws {
        try await EndToEnd.run { base in
            try await TestDatabase.with { bookingDB in
                let bookingURL = TestDatabase.url(bookingDB)
                let maintenance = ["--maintenance", "--booking-database-url", bookingURL]
                #expect(try await base.mscli("migrate", "up", "auth").status == 0)
                let migrated = try await base.mscli("migrate", "up", "booking", "--booking-database-url", bookingURL)
                #expect(migrated.status == 0 && migrated.stderr.contains("booking: applied 6 migration(s)"), "\(migrated)")

                // The catalogue, straight into the database.
                let theater = try Self.id(
                    try await base.mscli(
                        ["theaters", "create", "--name", "PVR Forum", "--location", "Koramangala", "--address", "21 Hosur Rd",
                         "--city", "Bengaluru", "-o", "json"] + maintenance), base)
                let layout = try await base.mscli(
                    ["theaters", "seats", theater, "--rows", "10", "--seats-per-row", "12", "--premium-rows", "H,I",
                     "--recliner-rows", "J"] + maintenance)
                #expect(layout.status == 0 && layout.stderr.contains("Laid out 120 seats"), "\(layout)")
                #expect(layout.stdout.contains("H    12     premium"), "\(layout)")
                let again = try await base.mscli(["theaters", "seats", theater, "--rows", "2", "--seats-per-row", "2"] + maintenance)
                #expect(again.status == 4 && again.stderr.contains("already has seats"), "\(again)")
                let movie = try Self.id(
                    try await base.mscli(
                        ["movies", "create", "--title", "Inception", "--duration-minutes", "148", "--genre", "Sci-Fi", "--language",
                         "English", "--release-date", "2010-07-16", "--rating", "8.8", "--imax", "--cast", "Leonardo DiCaprio, Elliot Page",
                         "-o", "json"] + maintenance), base)
                let showing = try Self.id(
                    try await base.mscli(
                        ["showings", "create", "--movie-id", movie, "--theater-id", theater, "--start", Self.time(),
                         "--end", Self.time(hours: 3), "--price", "regular=180", "--price", "premium=260.50", "-o", "json"]
                            + maintenance), base)

                // The services, and three users made in maintenance mode.
                let (auth, authURL) = try await base.startAuthService()
                defer { Task { await auth.stop() } }
                let (booking, serviceURL) = try await base.startBookingService(databaseURL: bookingURL)
                defer { Task { await booking.stop() } }
                for (email, role) in [("admin@example.com", "admin"), ("ana@example.com", "user"), ("bob@example.com", "user")] {
                    let created = try await base.mscli(
                        "auth", "users", "create", "--maintenance", "--email", email, "--name", email, "--role", role,
                        "--password-stdin", input: "password-123")
                    #expect(created.status == 0, "\(created)")
                }
                // One complete profile per person, all of one environment (the default profile first: it stays
                // current); from here on the operator exports nothing, so every command uses a profile.
                var e2e = base
                e2e.exportsTargets = false
                for profile in ["default", "ana", "bob"] {
                    try await e2e.profile(
                        profile,
                        [.authURL: authURL, .authDatabaseURL: base.databaseURL, .bookingURL: serviceURL, .bookingDatabaseURL: bookingURL])
                }
                for (email, profile) in [("admin@example.com", "default"), ("ana@example.com", "ana"), ("bob@example.com", "bob")] {
                    let login = try await e2e.mscli(
                        "auth", "login", "--email", email, "--password-stdin", "--profile", profile, input: "password-123")
                    #expect(login.status == 0, "\(login)")
                }

                // The admin over HTTP sees the maintenance catalogue and changes it.
                let theaters = try #require(try e2e.json(try await e2e.mscli("theaters", "list", "-o", "json")) as? [[String: Any]])
                #expect(theaters.map { $0["id"] as? String } == [theater])
                let updated = try await e2e.mscli("theaters", "update", theater, "--location", "Forum Mall", "-o", "json")
                #expect((try e2e.json(updated) as? [String: Any])?["location"] as? String == "Forum Mall", "\(updated)")
                let table = try await e2e.mscli("showings", "list", "--tz", "Asia/Kolkata")
                #expect(table.status == 0 && table.stdout.contains("Inception") && table.stdout.contains("START (Asia/Kolkata)"), "\(table)")
                let second = try Self.id(
                    try await e2e.mscli("movies", "create", "--title", "Tenet", "--duration-minutes", "150", "-o", "json"), e2e)
                let secondShowing = try await e2e.mscli(
                    "showings", "create", "--movie-id", second, "--theater-id", theater, "--start", Self.time(days: 8),
                    "--end", Self.time(days: 8, hours: 3))
                #expect(secondShowing.status == 0 && secondShowing.stdout.contains("Tenet"), "\(secondShowing)")
                let notAdmin = try await e2e.mscli(
                    "theaters", "create", "--name", "X", "--location", "Y", "--address", "Z", "--city", "W", "--profile", "ana")
                #expect(notAdmin.status == 4 && notAdmin.stderr == "mscli: This action needs the admin role\n", "\(notAdmin)")

                // Ana holds and books by seat number.
                let hold = try await e2e.mscli("book", "hold", showing, "a5", "A6", "--profile", "ana")
                #expect(hold.status == 0 && hold.stdout.contains("A5") && hold.stdout.contains("A6"), "\(hold)")
                let created = try await e2e.mscli("book", "create", showing, "A5", "A6", "--total-price", "360", "--profile", "ana", "-o", "json")
                #expect(created.status == 0, "\(created)")
                let bookingObject = try #require(try e2e.json(created) as? [String: Any])
                let bookingID = try #require(bookingObject["id"] as? String)
                #expect(bookingObject["status"] as? String == "confirmed")
                #expect((bookingObject["booking_seats"] as? [[String: Any]])?.map { $0["seat_number"] as? String } == ["A5", "A6"])
                #expect((bookingObject["booking_number"] as? String)?.hasPrefix("BK-") == true)

                // Bob sees them booked; his own hold shows as H, Ana's as h.
                #expect(try await e2e.mscli("book", "hold", showing, "B1", "--profile", "bob").status == 0)
                #expect(try await e2e.mscli("book", "hold", showing, "B2", "--profile", "ana").status == 0)
                let map = try await e2e.mscli("book", "map", showing, "--profile", "bob")
                #expect(map.status == 0, "\(map)")
                #expect(Array(Self.row("A", of: map.stdout).prefix(7)) == [".", ".", ".", ".", "x", "x", "."], "\(map.stdout)")
                #expect(Array(Self.row("B", of: map.stdout).prefix(3)) == ["H", "h", "."], "\(map.stdout)")
                #expect(map.stdout.contains("Legend:") && map.stdout.contains("regular 180.00") && map.stdout.contains("premium 260.50"))
                let rawMap = try #require(try e2e.json(try await e2e.mscli("book", "map", showing, "-o", "json")) as? [[String: Any]])
                #expect(rawMap.count == 120)
                #expect(rawMap.filter { $0["state"] as? String == "booked" }.count == 2)

                // A seat someone else holds: a 409 as one line and exit 4, and nothing booked.
                let conflict = try await e2e.mscli("book", "create", showing, "B1", "--profile", "ana")
                #expect(conflict.status == 4, "\(conflict)")
                #expect(conflict.stderr == "mscli: Seats unavailable: held by someone else: B1\n", "\(conflict)")
                let taken = try await e2e.mscli("book", "hold", showing, "A5", "--profile", "bob")
                #expect(taken.status == 4 && taken.stderr == "mscli: Seat A5 is already booked\n", "\(taken)")
                let noSuchSeat = try await e2e.mscli("book", "hold", showing, "Z99", "--profile", "bob")
                #expect(noSuchSeat.status == 4 && noSuchSeat.stderr.contains("no seat Z99"), "\(noSuchSeat)")

                // Each user lists their own bookings; the admin sees everyone's.
                let anaList = try #require(try e2e.json(try await e2e.mscli("book", "list", "--profile", "ana", "-o", "json")) as? [[String: Any]])
                #expect(anaList.map { $0["id"] as? String } == [bookingID])
                #expect((anaList.first?["total_price"] as? NSNumber)?.doubleValue == 360)
                let bobList = try #require(try e2e.json(try await e2e.mscli("book", "list", "--profile", "bob", "-o", "json")) as? [[String: Any]])
                #expect(bobList.isEmpty)
                let adminList = try await e2e.mscli("book", "list")
                #expect(adminList.stdout.contains("A5,A6") && adminList.stdout.contains("360.00") && adminList.stdout.contains("confirmed"))
                let someoneElses = try await e2e.mscli("book", "get", bookingID, "--profile", "bob")
                #expect(someoneElses.status == 4 && someoneElses.stderr == "mscli: Booking not found\n", "\(someoneElses)")

                // Cancelling asks first, then frees the seats.
                let unconfirmed = try await e2e.mscli("book", "cancel", bookingID, "--profile", "ana")
                #expect(unconfirmed.status == 2 && unconfirmed.stderr.contains("pass --yes"), "\(unconfirmed)")
                let cancelled = try await e2e.mscli("book", "cancel", bookingID, "--yes", "--profile", "ana", "-o", "json")
                #expect((try e2e.json(cancelled) as? [String: Any])?["status"] as? String == "cancelled", "\(cancelled)")
                let twice = try await e2e.mscli("book", "cancel", bookingID, "--yes", "--profile", "ana")
                #expect(twice.status == 4 && twice.stderr == "mscli: Booking is cancelled, not confirmed\n", "\(twice)")
                let after = try await e2e.mscli("book", "map", showing, "--profile", "ana")
                #expect(Array(Self.row("A", of: after.stdout).prefix(7)) == [".", ".", ".", ".", ".", ".", "."], "\(after.stdout)")
                #expect(try await e2e.mscli("book", "release", showing, "B2", "--profile", "ana").status == 0)

                // Search over HTTP (PostgreSQL full-text search: no engine configured).
                let search = try await e2e.mscli("search", "incep")
                #expect(search.status == 0 && search.stdout.contains("movies") && search.stdout.contains("Inception"), "\(search)")
                let status = try await e2e.mscli("search", "status", "-o", "json")
                #expect(status.status == 0, "\(status)")
                let indices = try #require((try e2e.json(status) as? [String: Any])?["indices"] as? [[String: Any]])
                #expect(indices.first { $0["index"] as? String == "movies" }?["database_rows"] as? Int == 2)

                // Usage errors: bad ids, --user-id over HTTP, nothing to update.
                let badID = try await e2e.mscli("book", "map", "not-a-uuid")
                #expect(badID.status == 64 && badID.stderr.contains("not-a-uuid"), "\(badID)")
                let userOverHTTP = try await e2e.mscli("book", "hold", showing, "C1", "--user-id", UUID().uuidString, "--profile", "ana")
                #expect(userOverHTTP.status == 64 && userOverHTTP.stderr.contains("maintenance mode"), "\(userOverHTTP)")
                #expect(try await e2e.mscli("theaters", "update", theater).status == 64)
                #expect(try await e2e.mscli("showings", "list", "--date", "2030-02-30").status == 64)
                #expect(try await e2e.mscli("showings", "create", "--movie-id", movie, "--theater-id", theater, "--start", "soon", "--end", "later").status == 64)
            }
        }
    }

    @Test func maintenanceModeActsForAUserAndChecksTheSchema() async throws {
        try await EndToEnd.run { e2e in
            try await TestDatabase.with { bookingDB in
                let env = ["BOOKING_DATABASE_URL": TestDatabase.url(bookingDB)]
                // A database without the schema: told how to fix it, not a SQL error.
                let unmigrated = try await e2e.mscli("theaters", "list", "--maintenance", env: env)
                #expect(unmigrated.status == 1 && unmigrated.stderr.contains("mscli migrate up booking"), "\(unmigrated)")
                #expect(try await e2e.mscli("migrate", "up", "booking", env: env).status == 0)
                #expect(try await e2e.mscli("migrate", "status", "booking", "--check", env: env).status == 0)

                let theater = try Self.id(
                    try await e2e.mscli(
                        "theaters", "create", "--maintenance", "--name", "INOX", "--location", "Nariman Point", "--address", "CR2 Mall",
                        "--city", "Mumbai", "-o", "json", env: env), e2e)
                #expect(try await e2e.mscli("theaters", "seats", "layout", theater, "--rows", "3", "--seats-per-row", "4", "--vip-rows", "C", "--maintenance", env: env).status == 0)
                let seats = try #require(
                    try e2e.json(try await e2e.mscli("theaters", "seats", "list", theater, "--maintenance", "-o", "json", env: env)) as? [[String: Any]])
                #expect(seats.map { $0["seat_number"] as? String } == ["A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4", "C1", "C2", "C3", "C4"])
                #expect(seats.last?["seat_type"] as? String == "vip")
                let movie = try Self.id(
                    try await e2e.mscli("movies", "create", "--maintenance", "--title", "Dune", "--duration-minutes", "155", "-o", "json", env: env), e2e)
                let showing = try Self.id(
                    try await e2e.mscli(
                        "showings", "create", "--maintenance", "--movie-id", movie, "--theater-id", theater, "--start", Self.time(),
                        "--end", Self.time(hours: 3), "--price", "vip=500", "-o", "json", env: env), e2e)

                // No session in maintenance mode: holds and bookings name the user.
                let anonymous = try await e2e.mscli("book", "hold", showing, "A1", "--maintenance", env: env)
                #expect(anonymous.status == 64 && anonymous.stderr.contains("--user-id"), "\(anonymous)")
                let ana = UUID().uuidString.lowercased()
                let bob = UUID().uuidString.lowercased()
                #expect(try await e2e.mscli("book", "hold", showing, "C1", "--maintenance", "--user-id", bob, env: env).status == 0)
                let refused = try await e2e.mscli("book", "create", showing, "C1", "--maintenance", "--user-id", ana, env: env)
                #expect(refused.status == 4 && refused.stderr == "mscli: Seats unavailable: held by someone else: C1\n", "\(refused)")
                let booked = try await e2e.mscli("book", "create", showing, "C2", "A1", "--maintenance", "--user-id", ana, "-o", "json", env: env)
                let booking = try #require(try e2e.json(booked) as? [String: Any], "\(booked)")
                #expect((booking["total_price"] as? NSNumber)?.doubleValue == 600)
                #expect(booking["user_id"] as? String == ana)
                let map = try await e2e.mscli("book", "map", showing, "--maintenance", "--user-id", bob, env: env)
                #expect(Self.row("C", of: map.stdout) == ["H", "x", ".", "."], "\(map.stdout)")
                #expect(Self.row("A", of: map.stdout) == ["x", ".", ".", "."], "\(map.stdout)")
                #expect(map.stdout.contains("vip 500.00 (rows C)"), "\(map.stdout)")

                let mine = try #require(
                    try e2e.json(try await e2e.mscli("book", "list", "--maintenance", "--user-id", ana, "-o", "json", env: env)) as? [[String: Any]])
                #expect(mine.count == 1)
                let theirs = try #require(
                    try e2e.json(try await e2e.mscli("book", "list", "--maintenance", "--user-id", bob, "-o", "json", env: env)) as? [[String: Any]])
                #expect(theirs.isEmpty)
                let cancel = try await e2e.mscli("book", "cancel", try #require(booking["id"] as? String), "--yes", "--maintenance", env: env)
                #expect(cancel.status == 0 && cancel.stderr.contains("free again"), "\(cancel)")

                // Deleting what is still used is refused; what is not is deleted.
                let inUse = try await e2e.mscli("movies", "delete", movie, "--yes", "--maintenance", env: env)
                #expect(inUse.status == 4 && inUse.stderr.contains("has showings"), "\(inUse)")
                let spare = try Self.id(
                    try await e2e.mscli("movies", "create", "--maintenance", "--title", "Spare", "--duration-minutes", "90", "-o", "json", env: env), e2e)
                #expect(try await e2e.mscli("movies", "delete", spare, "--yes", "--maintenance", env: env).status == 0)
                let gone = try await e2e.mscli("movies", "get", spare, "--maintenance", env: env)
                #expect(gone.status == 4 && gone.stderr == "mscli: Movie not found\n", "\(gone)")

                // Search status straight from the database: in step (no engine), so exit 0.
                let status = try await e2e.mscli("search", "status", "--maintenance", env: env)
                #expect(status.status == 0 && status.stdout.contains("engine: postgresql"), "\(status)")
                let hits = try await e2e.mscli("search", "query", "dune", "--index", "movies", "--maintenance", "-o", "json", env: env)
                #expect(((try e2e.json(hits) as? [String: Any])?["total"] as? Int) == 1, "\(hits)")
                #expect(try await e2e.mscli("search", "dune", "--index", "planets", "--maintenance", env: env).status == 64)
            }
        }
    }
}

extension EndToEnd {
    /// `mscli` with its arguments as an array (for argument lists built up in a test).
    @discardableResult
    func mscli(_ arguments: [String], env extra: [String: String] = [:]) async throws -> ProcessResult {
        try await ProcessRunner.run(Binaries.path("mscli"), arguments, environment: environment.merging(extra) { $1 }, timeout: 60)
    }
}
