import Foundation
import Testing
import TestSupport

/// The operator commands issue 13 found missing, end to end: each one's success and its refusal.
@Suite(.tags(.endToEnd)) struct OperatorCommandTests {
    @Test func resetPasswordEndsTheUsersSessionsOverHTTPAndInMaintenance() async throws {
        try await EndToEnd.run { base in
            #expect(try await base.mscli("migrate", "up", "auth").status == 0)
            let (service, url) = try await base.startAuthService(env: ["REVOCATION_POLL_MS": "200"])
            defer { Task { await service.stop() } }
            var admin = base
            admin.serviceURL = url
            for (email, role, password) in [("root@example.com", "super_admin", "root-password-1"), ("ana@example.com", "user", "ana-password-1")] {
                let created = try await admin.mscli(
                    "auth", "users", "create", "--maintenance", "--email", email, "--name", email, "--role", role, "--password-stdin", input: password)
                #expect(created.status == 0, "\(created)")
            }
            #expect(try await admin.mscli("auth", "login", "--email", "root@example.com", "--password-stdin", input: "root-password-1").status == 0)
            // Ana signs in from her own machine (another home directory).
            let anaHome = base.home.appendingPathComponent("ana")
            try FileManager.default.createDirectory(at: anaHome, withIntermediateDirectories: true)
            let ana = EndToEnd(db: base.db, home: anaHome, serviceURL: url)
            #expect(try await ana.mscli("auth", "login", "--email", "ana@example.com", "--password-stdin", input: "ana-password-1").status == 0)
            #expect(try await ana.mscli("auth", "whoami").status == 0)

            // Over HTTP, by the admin: Ana's session ends, the old password stops working, the new one works.
            let reset = try await admin.mscli(
                "auth", "users", "reset-password", "ana@example.com", "--password-stdin", "-o", "json", input: "Fresh-start-2026")
            #expect(reset.status == 0 && reset.stderr.contains("every session of theirs has ended"), "\(reset)")
            #expect((try admin.json(reset) as? [String: Any])?["email"] as? String == "ana@example.com")
            let ended = try await ana.mscli("auth", "whoami")
            #expect(ended.status == 4, "Ana's session ended: \(ended)")
            #expect(try await ana.mscli("auth", "login", "--email", "ana@example.com", "--password-stdin", input: "ana-password-1").status == 4)
            #expect(try await ana.mscli("auth", "login", "--email", "ana@example.com", "--password-stdin", input: "Fresh-start-2026").status == 0)

            // Refusals: a weak password, one's own password, an unknown user, a non-admin.
            let weak = try await admin.mscli("auth", "users", "reset-password", "ana@example.com", "--password-stdin", input: "short")
            #expect(weak.status == 4 && weak.stderr.lowercased().contains("password"), "\(weak)")
            let own = try await admin.mscli("auth", "users", "reset-password", "root@example.com", "--password-stdin", input: "Another-pw-2026")
            #expect(own.status == 4 && own.stderr.contains("POST /auth/password"), "\(own)")
            let unknown = try await admin.mscli("auth", "users", "reset-password", "nobody@example.com", "--password-stdin", input: "Another-pw-2026")
            #expect(unknown.status == 4 && unknown.stderr.contains("nobody@example.com"), "\(unknown)")
            let byUser = try await ana.mscli("auth", "users", "reset-password", "root@example.com", "--password-stdin", input: "Another-pw-2026")
            #expect(byUser.status == 4, "\(byUser)")

            // Maintenance mode: the same rules, straight into the database.
            let direct = try await admin.mscli(
                "auth", "users", "reset-password", "ana@example.com", "--maintenance", "--password-stdin", input: "Third-time-lucky-9")
            #expect(direct.status == 0, "\(direct)")
            // The running service learns of a change made in its database from the revocation feed it polls.
            let deadline = ContinuousClock.now + .seconds(10)
            var whoami = try await ana.mscli("auth", "whoami")
            while whoami.status == 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
                whoami = try await ana.mscli("auth", "whoami")
            }
            #expect(whoami.status == 4, "Ana's session ended: \(whoami)")
            #expect(try await ana.mscli("auth", "login", "--email", "ana@example.com", "--password-stdin", input: "Third-time-lucky-9").status == 0)
            let directWeak = try await admin.mscli("auth", "users", "reset-password", "ana@example.com", "--maintenance", "--password-stdin", input: "password")
            #expect(directWeak.status == 4, "\(directWeak)")
        }
    }

    @Test func migrateAllAndWaitCoverEveryDatabase() async throws {
        try await EndToEnd.run { e2e in
            try await TestDatabase.with { bookingDB in
                try await FoodCommandTests.withFoodDatabases { primary, shards in
                    let all = ["--booking-database-url", TestDatabase.url(bookingDB), "--food-database-url", primary,
                               "--food-shard-urls", shards.joined(separator: ",")]
                    let databases = 3 + shards.count
                    let pending = try await e2e.mscli(["migrate", "status", "--all", "--check", "-o", "json"] + all)
                    #expect(pending.status == 3, "\(pending)")
                    let lines = try #require(try e2e.json(pending) as? [[String: Any]], "\(pending)")
                    #expect(lines.count == databases && lines.allSatisfy { $0["exit_code"] as? Int == 3 }, "\(lines)")
                    #expect(Set(lines.compactMap { $0["target"] as? String }).count == databases)

                    let up = try await e2e.mscli(["migrate", "up", "--all"] + all)
                    #expect(up.status == 0, "\(up)")
                    #expect(up.stdout.split(separator: "\n").count == databases + 1 && up.stdout.contains("applied"), "\(up)")
                    #expect(try await e2e.mscli(["migrate", "verify", "--all"] + all).status == 0)
                    #expect(try await e2e.mscli(["migrate", "status", "--all", "--check"] + all).status == 0)
                    let again = try await e2e.mscli(["migrate", "up", "--all", "-o", "json"] + all)
                    #expect((try e2e.json(again) as? [[String: Any]])?.allSatisfy { $0["result"] as? String == "up to date" } == true, "\(again)")

                    // One dead database: every other database still reported, the worst code wins.
                    let dead = "postgres://postgres@127.0.0.1:\(ProcessRunner.freePort())/gone"
                    let deadBooking = ["--booking-database-url", dead, "--food-database-url", primary,
                                       "--food-shard-urls", shards.joined(separator: ",")]
                    let partly = try await e2e.mscli(["migrate", "status", "--all", "-o", "json"] + deadBooking)
                    #expect(partly.status == 5, "\(partly)")
                    let rows = try #require(try e2e.json(partly) as? [[String: Any]], "\(partly)")
                    #expect(rows.filter { $0["exit_code"] as? Int == 0 }.count == databases - 1 && rows.filter { $0["exit_code"] as? Int == 5 }.count == 1)
                    #expect(partly.stderr.contains("not as expected: booking"), "\(partly)")

                    // A shard list that is not the layout the databases recorded (one shard more): food is refused as
                    // a whole, never migrated or reported shard by shard; the others are still reported.
                    let broken = ["--booking-database-url", TestDatabase.url(bookingDB), "--food-database-url", primary,
                                  "--food-shard-urls", (shards + [dead]).joined(separator: ",")]
                    let refused = try await e2e.mscli(["migrate", "up", "--all", "-o", "json"] + broken)
                    #expect(refused.status != 0, "\(refused)")
                    let refusedRows = try #require(try e2e.json(refused) as? [[String: Any]], "\(refused)")
                    #expect(refusedRows.filter { $0["service"] as? String == "food" }.count == 1, "\(refused)")
                    #expect(refusedRows.filter { $0["exit_code"] as? Int == 0 }.count == 2, "\(refused)")

                    // wait: every database answers at once; a dead one times out with exit 5, naming it.
                    let ready = try await e2e.mscli(["migrate", "wait", "--all", "--timeout", "20s"] + all)
                    #expect(ready.status == 0 && ready.stderr.components(separatedBy: "accepting connections").count == databases + 1, "\(ready)")
                    let started = Date()
                    let timedOut = try await e2e.mscli(["migrate", "wait", "food", "--timeout", "2s"] + broken)
                    #expect(timedOut.status == 5, "\(timedOut)")
                    #expect(timedOut.stderr.contains("timed out after 2s") && timedOut.stderr.contains("/gone"), "\(timedOut)")
                    let verdict = try #require(timedOut.stderr.split(separator: "\n").last)
                    #expect(verdict.hasPrefix("mscli: timed out") && !verdict.contains("food primary"), "only the dead shard is named: \(timedOut)")
                    #expect(Date().timeIntervalSince(started) < 15)
                }
            }
            // Usage errors.
            #expect(try await e2e.mscli("migrate", "up").status == 64)
            #expect(try await e2e.mscli("migrate", "up", "auth", "--all").status == 64)
            #expect(try await e2e.mscli("migrate", "up", "--all", "--dry-run").status == 64)
            let badTimeout = try await e2e.mscli("migrate", "wait", "--timeout", "soon")
            #expect(badTimeout.status == 64 && badTimeout.stderr.contains("--timeout"), "\(badTimeout)")
            // A duration too long to count in milliseconds is a usage error, not a trap.
            for huge in ["99999999999999999999s", "1e30"] {
                let tooLong = try await e2e.mscli("migrate", "wait", "--timeout", huge)
                #expect(tooLong.status == 64 && tooLong.stderr.contains("--timeout"), "\(tooLong)")
            }
        }
    }

    @Test func showingPricesAndSeatGridChangeOnlyWhileNobodyIsBuying() async throws {
        try await EndToEnd.run { base in
            try await TestDatabase.with { bookingDB in
                let bookingURL = TestDatabase.url(bookingDB)
                let maintenance = ["--maintenance", "--booking-database-url", bookingURL]
                #expect(try await base.mscli("migrate", "up", "auth").status == 0)
                #expect(try await base.mscli("migrate", "up", "booking", "--booking-database-url", bookingURL).status == 0)
                func id(_ result: ProcessResult) throws -> String { try BookingCommandTests.id(result, base) }
                let theater = try id(try await base.mscli(
                    ["theaters", "create", "--name", "Grid Hall", "--location", "Indiranagar", "--address", "5 CMH Rd", "--city", "Bengaluru", "-o", "json"] + maintenance))
                #expect(try await base.mscli(["theaters", "seats", theater, "--rows", "4", "--seats-per-row", "5"] + maintenance).status == 0)
                let movie = try id(try await base.mscli(["movies", "create", "--title", "Arrival", "--duration-minutes", "116", "-o", "json"] + maintenance))
                let showing = try id(try await base.mscli(
                    ["showings", "create", "--movie-id", movie, "--theater-id", theater, "--start", BookingCommandTests.time(),
                     "--end", BookingCommandTests.time(hours: 2), "--price", "regular=180", "-o", "json"] + maintenance))

                // Nobody is buying yet: prices change (the others keep theirs) and the grid can be replaced.
                let repriced = try await base.mscli(["showings", "update", showing, "--price", "regular=200", "--price", "vip=420", "-o", "json"] + maintenance)
                #expect(repriced.status == 0, "\(repriced)")
                let prices = (try base.json(repriced) as? [String: Any])?["prices"] as? [String: Any]
                #expect(prices?["regular"] as? Double == 200 && prices?["vip"] as? Double == 420 && prices?["premium"] as? Double == 150, "\(repriced)")
                let replaced = try await base.mscli(["theaters", "seats", theater, "--replace", "--rows", "3", "--seats-per-row", "6", "--vip-rows", "C"] + maintenance)
                #expect(replaced.status == 0 && replaced.stderr.contains("Replaced the grid: laid out 18 seats"), "\(replaced)")
                let seats = try #require(try base.json(try await base.mscli(["theaters", "seats", "list", theater, "-o", "json"] + maintenance)) as? [[String: Any]])
                #expect(seats.count == 18 && seats.filter { $0["seat_type"] as? String == "vip" }.count == 6, "\(seats)")
                let without = try await base.mscli(["theaters", "seats", theater, "--rows", "2", "--seats-per-row", "2"] + maintenance)
                #expect(without.status == 4 && without.stderr.contains("--replace"), "\(without)")
                let badPrice = try await base.mscli(["showings", "update", showing, "--price", "gold=10"] + maintenance)
                #expect(badPrice.status == 64, "\(badPrice)")

                // A customer holds a seat: both changes are refused, nothing changes.
                let customer = UUID().uuidString.lowercased()
                #expect(try await base.mscli(["book", "hold", showing, "A1", "--user-id", customer] + maintenance).status == 0)
                let heldPrice = try await base.mscli(["showings", "update", showing, "--price", "regular=999"] + maintenance)
                #expect(heldPrice.status == 4 && heldPrice.stderr.contains("held"), "\(heldPrice)")
                let heldGrid = try await base.mscli(["theaters", "seats", theater, "--replace", "--rows", "2", "--seats-per-row", "2"] + maintenance)
                #expect(heldGrid.status == 4 && heldGrid.stderr.contains("held"), "\(heldGrid)")

                // The hold becomes a booking at the price shown; then prices may change again (the booking keeps its
                // own), but the grid is part of the booking's history for good.
                let booked = try await base.mscli(["book", "create", showing, "A1", "--total-price", "200", "--user-id", customer, "-o", "json"] + maintenance)
                #expect(booked.status == 0, "\(booked)")
                #expect(try await base.mscli(["showings", "update", showing, "--price", "regular=210"] + maintenance).status == 0)
                let bookedGrid = try await base.mscli(["theaters", "seats", theater, "--replace", "--rows", "2", "--seats-per-row", "2"] + maintenance)
                #expect(bookedGrid.status == 4 && bookedGrid.stderr.contains("booking"), "\(bookedGrid)")
                let bookingID = try #require((try base.json(booked) as? [String: Any])?["id"] as? String)
                let kept = try #require(try base.json(try await base.mscli(["book", "get", bookingID, "-o", "json"] + maintenance)) as? [String: Any])
                #expect(kept["total_price"] as? Double == 200, "\(kept)")

                // Over HTTP, as an admin: the same rules through the service.
                let (auth, authURL) = try await base.startAuthService()
                defer { Task { await auth.stop() } }
                let (booking, serviceURL) = try await base.startBookingService(databaseURL: bookingURL)
                defer { Task { await booking.stop() } }
                var e2e = base
                e2e.serviceURL = authURL
                #expect(try await e2e.mscli("auth", "users", "create", "--maintenance", "--email", "admin@example.com", "--name", "Admin", "--role", "admin",
                                            "--password-stdin", input: "password-123").status == 0)
                // From here on one complete profile is the environment (nothing exported).
                e2e.exportsTargets = false
                try await e2e.profile(
                    "default", [.authURL: authURL, .authDatabaseURL: base.databaseURL, .bookingURL: serviceURL, .bookingDatabaseURL: bookingURL])
                #expect(try await e2e.mscli("auth", "login", "--email", "admin@example.com", "--password-stdin", input: "password-123").status == 0)
                let overHTTP = try await e2e.mscli("showings", "update", showing, "--price", "premium=275.50", "-o", "json")
                #expect(overHTTP.status == 0, "\(overHTTP)")
                #expect(((try e2e.json(overHTTP) as? [String: Any])?["prices"] as? [String: Any])?["premium"] as? Double == 275.5, "\(overHTTP)")
                #expect(try await e2e.mscli(["book", "hold", showing, "B2", "--user-id", customer] + maintenance).status == 0)
                let refusedHTTP = try await e2e.mscli("showings", "update", showing, "--price", "premium=1")
                #expect(refusedHTTP.status == 4 && refusedHTTP.stderr.contains("held"), "\(refusedHTTP)")
                let gridHTTP = try await e2e.mscli("theaters", "seats", theater, "--replace", "--rows", "2", "--seats-per-row", "2")
                #expect(gridHTTP.status == 4, "\(gridHTTP)")
            }
        }
    }
}

extension OperatorCommandTests {
    @Test func reindexRollbackReturnsToTheKeptIndexOnly() async throws {
        let engine = SearchEngineProcess()
        try await engine.start()
        defer { Task { await engine.stop() } }
        try await SeedAndReindexTests.withDatabases { e2e, env in
            var env = env
            env["ELASTICSEARCH_URL"] = engine.url
            #expect(try await e2e.mscli("seed", SeedAndReindexTests.fixtures, "--maintenance", "--skip-users", env: env).status == 0)
            #expect(try await e2e.mscli("reindex", "movies", env: env).status == 0)
            let first = try #require(try await SeedAndReindexTests.aliases(engine.url)["movies"])

            // Nothing was kept: refused, the alias stays.
            let nothingKept = try await e2e.mscli("reindex", "rollback", "movies", env: env)
            #expect(nothingKept.status == 4 && nothingKept.stderr.contains("--keep-old"), "\(nothingKept)")
            #expect(try await SeedAndReindexTests.aliases(engine.url)["movies"] == first)

            #expect(try await e2e.mscli("reindex", "movies", "--keep-old", env: env).status == 0)
            let second = try #require(try await SeedAndReindexTests.aliases(engine.url)["movies"])
            #expect(second != first)
            let rolled = try await e2e.mscli("reindex", "rollback", "movies", "-o", "json", env: env)
            #expect(rolled.status == 0, "\(rolled)")
            let report = try #require(try e2e.json(rolled) as? [String: Any])
            #expect(report["to"] as? String == first.first && report["from"] as? [String] == second && report["documents"] as? Int == 60, "\(report)")
            #expect(try await SeedAndReindexTests.aliases(engine.url)["movies"] == first)
            #expect(try await SeedAndReindexTests.count(engine.url, "movies") == 60)
            // The index left behind is newer than the live one: not a rollback target.
            let twice = try await e2e.mscli("reindex", "rollback", "movies", env: env)
            #expect(twice.status == 4, "\(twice)")
            // A plain reindex still works and cleans up.
            #expect(try await e2e.mscli("reindex", "movies", env: env).status == 0)
            #expect(try await SeedAndReindexTests.indices(engine.url, "movies_").count == 1)

            let unknown = try await e2e.mscli("reindex", "rollback", "films", env: env)
            #expect(unknown.status == 64 && unknown.stderr.contains("unknown index films"), "\(unknown)")
            // `reindex INDEX` is still a rebuild, not a subcommand.
            #expect(try await e2e.mscli("reindex", "theaters", env: env).status == 0)
        }
    }
}
