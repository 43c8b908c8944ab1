import Foundation
import PostgresNIO
import ServiceCore
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The maintenance audit trail end to end: real mscli runs of each kind against auth, booking and a sharded food
/// database, then `mscli audit list` and the table itself.
@Suite(.tags(.endToEnd)) struct AuditCommandTests {
    static var osUser: String { String(cString: getpwuid(geteuid())!.pointee.pw_name) }

    /// Every row of one database's trail as text, to search for secrets.
    static func trailText(_ url: String) async throws -> String {
        try await PostgresClient.withClient(try DatabaseSettings(url: url), logger: TestDatabase.logger) { client in
            var text = ""
            for try await row in try await client.query("SELECT mscli_audit::text FROM mscli_audit", logger: TestDatabase.logger).decode(String.self) {
                text += row + "\n"
            }
            return text
        }
    }

    @Test func eachKindOfMaintenanceRunIsRecordedAndListed() async throws {
        try await EndToEnd.run { e2e in
            try await TestDatabase.with { bookingDB in
                try await FoodCommandTests.withFoodDatabases { primary, shards in
                    let dbPassword = try #require(e2e.db.password)
                    #expect(!dbPassword.isEmpty && e2e.databaseURL.contains(dbPassword), "the test cluster has a password to leak")
                    let userPassword = "Audit-Secret-Pw-7731"
                    let booking = ["--booking-database-url", TestDatabase.url(bookingDB)]
                    let food = ["--food-database-url", primary, "--food-shard-urls", shards.joined(separator: ",")]
                    let everything = ["--auth-database-url", e2e.databaseURL] + booking + food

                    // Schema runs: the first `up` creates the table, and its outcome is recorded.
                    #expect(try await e2e.mscli("migrate", "up", "auth").status == 0)
                    #expect(try await e2e.mscli(["migrate", "up", "booking"] + booking).status == 0)
                    #expect(try await e2e.mscli(["migrate", "up", "food"] + food).status == 0)

                    // auth: a user made in maintenance mode, with the database URL (and its password) on the command line.
                    let created = try await e2e.mscli(
                        ["auth", "users", "create", "--maintenance", "--email", "ana@example.com", "--name", "Ana", "--role", "admin",
                         "--password-stdin", "--auth-database-url", e2e.databaseURL], input: userPassword)
                    #expect(created.status == 0, "\(created)")
                    // The same again fails (the address is taken): recorded as failed, with the message and exit code.
                    let duplicate = try await e2e.mscli(
                        ["auth", "users", "create", "--maintenance", "--email", "ana@example.com", "--name", "Ana", "--password-stdin"],
                        input: userPassword)
                    #expect(duplicate.status == 4, "\(duplicate)")

                    // booking: a catalogue change.
                    let theater = try await e2e.mscli(
                        ["theaters", "create", "--maintenance", "--name", "Audit Screens", "--location", "MG Road", "--address", "1 MG Rd",
                         "--city", "Bengaluru", "-o", "json"] + booking)
                    #expect(theater.status == 0, "\(theater)")
                    // A read is not recorded.
                    #expect(try await e2e.mscli(["theaters", "list", "--maintenance"] + booking).status == 0)

                    // food: an order on a shard, then a change of its status.
                    let maintenance = ["--maintenance"] + food
                    func id(_ result: ProcessResult) throws -> String { try FoodCommandTests.id(result, e2e) }
                    let category = try id(try await e2e.mscli(["food", "categories", "create", "--name", "Audit", "-o", "json"] + maintenance))
                    let restaurant = try id(
                        try await e2e.mscli(["food", "restaurants", "create", "--name", "Audit Dosa", "--address", "2 MG Rd", "--type", "South Indian", "-o", "json"] + maintenance))
                    let dish = try id(try await e2e.mscli(["food", "foods", "create", "--name", "Dosa", "--price", "80", "--category", category, "-o", "json"] + maintenance))
                    let menu = try id(
                        try await e2e.mscli(["food", "menu", "create", "--restaurant", restaurant, "--food", dish, "--category", category, "--price", "90", "-o", "json"] + maintenance))
                    let order = try id(try await e2e.mscli(["food", "orders", "create", menu, "--user-id", UUID().uuidString, "-o", "json"] + maintenance))
                    let advanced = try await e2e.mscli(["food", "orders", "advance", order] + maintenance)
                    #expect(advanced.status == 0, "\(advanced)")

                    // Everything, newest first, from every database.
                    let listed = try await e2e.mscli(["audit", "list", "--limit", "200", "-o", "json"] + everything)
                    #expect(listed.status == 0, "\(listed)")
                    let actions = try #require(try e2e.json(listed) as? [[String: Any]], "\(listed)")
                    func matching(_ command: String, in database: String? = nil) -> [[String: Any]] {
                        actions.filter { ($0["command"] as? String) == command && (database == nil || ($0["database"] as? String)?.hasPrefix(database!) == true) }
                    }
                    let times = actions.compactMap { $0["at"] as? String }
                    #expect(times == times.sorted(by: >), "newest first")
                    #expect(actions.allSatisfy { $0["user"] as? String == Self.osUser && !(($0["host"] as? String) ?? "").isEmpty })

                    let migrations = matching("migrate up")
                    #expect(Set(migrations.compactMap { $0["database"] as? String }.map { String($0.prefix(9)) }).count >= 4, "\(migrations)")
                    #expect(migrations.allSatisfy { $0["outcome"] as? String == "ok" && $0["exit_code"] as? Int == 0 })
                    let authTarget = "\(e2e.db.host):\(e2e.db.port)/\(e2e.db.database)"
                    #expect(migrations.contains { $0["target"] as? String == authTarget })

                    let users = matching("auth users create")
                    #expect(users.count == 2, "\(users)")
                    let ok = try #require(users.first { $0["outcome"] as? String == "ok" })
                    #expect(ok["target"] as? String == authTarget && ok["finished_at"] is String)
                    let line = try #require(ok["command_line"] as? String)
                    #expect(line.hasPrefix("mscli auth users create --maintenance --email ana@example.com"), "\(line)")
                    #expect(line.contains("--auth-database-url postgres://\(e2e.db.username):***@"), "\(line)")
                    let failed = try #require(users.first { $0["outcome"] as? String == "failed" })
                    #expect(failed["exit_code"] as? Int == 4 && (failed["message"] as? String ?? "").lowercased().contains("already"), "\(failed)")

                    #expect(matching("theaters create", in: "booking").count == 1)
                    #expect(matching("theaters list").isEmpty, "reads are not audited")
                    #expect(matching("food categories create", in: "food primary").count == 1)
                    for shard in 0..<shards.count {
                        #expect(matching("food orders create", in: "food shard \(shard)").first?["outcome"] as? String == "ok")
                        #expect(matching("food orders advance", in: "food shard \(shard)").count == 1)
                    }

                    // Filters.
                    let mine = try await e2e.mscli(["audit", "list", "--command", "USERS create", "--user", Self.osUser, "--since", "1h", "-o", "json"] + everything)
                    #expect((try e2e.json(mine) as? [[String: Any]])?.count == 2, "\(mine)")
                    let nobody = try await e2e.mscli(["audit", "list", "--user", "nobody-\(UUID().uuidString.prefix(6))", "-o", "json"] + everything)
                    #expect((try e2e.json(nobody) as? [[String: Any]])?.isEmpty == true, "\(nobody)")
                    let old = try await e2e.mscli(["audit", "list", "--until", "2020-01-01", "-o", "json"] + everything)
                    #expect((try e2e.json(old) as? [[String: Any]])?.isEmpty == true, "\(old)")
                    let two = try await e2e.mscli(["audit", "list", "--limit", "2", "-o", "json"] + everything)
                    #expect((try e2e.json(two) as? [[String: Any]])?.count == 2, "\(two)")
                    let table = try await e2e.mscli(["audit", "list", "--command", "theaters"] + everything)
                    #expect(table.status == 0 && table.stdout.hasPrefix("AT") && table.stdout.contains("ok") && table.stdout.contains("theaters create"), "\(table)")
                    let badTime = try await e2e.mscli(["audit", "list", "--since", "last tuesday"] + everything)
                    #expect(badTime.status == 64 && badTime.stderr.contains("--since"), "\(badTime)")
                    for (flag, bad) in [("--user", "ana\u{1}"), ("--command", String(repeating: "x", count: 2_000))] {
                        let refused = try await e2e.mscli(["audit", "list", flag, bad] + everything)
                        #expect(refused.status == 64 && refused.stderr.contains(flag), "\(refused)")
                    }

                    // No password anywhere in the trail, in any database.
                    for url in [e2e.databaseURL, TestDatabase.url(bookingDB), primary] + shards {
                        let text = try await Self.trailText(url)
                        #expect(!text.isEmpty)
                        #expect(!text.contains(dbPassword) && !text.contains(userPassword), "a password in the audit trail of \(url)")
                    }
                    #expect(!listed.stdout.contains(dbPassword) && !listed.stdout.contains(userPassword))

                    // The database itself refuses to rewrite history.
                    try await PostgresClient.withClient(e2e.db, logger: TestDatabase.logger) { client in
                        for statement in ["UPDATE mscli_audit SET os_user = 'someone-else'", "DELETE FROM mscli_audit", "TRUNCATE mscli_audit"] {
                            await #expect(throws: PSQLError.self, "\(statement)") {
                                try await client.query(PostgresQuery(unsafeSQL: statement), logger: TestDatabase.logger)
                            }
                        }
                    }
                    #expect(try await Self.trailText(e2e.databaseURL).contains("auth users create"))
                }
            }
        }
    }

    @Test func aDatabaseWithoutTheTableRefusesMaintenanceChanges() async throws {
        try await EndToEnd.run { e2e in
            #expect(try await e2e.mscli("migrate", "up", "auth", "--to", "3").status == 0)
            let refused = try await e2e.mscli(
                ["auth", "users", "create", "--maintenance", "--email", "raj@example.com", "--name", "Raj", "--password-stdin"], input: "Raj-password-1")
            #expect(refused.status == 4, "\(refused)")
            #expect(refused.stderr.contains("no audit table") && refused.stderr.contains("mscli migrate up auth"), "\(refused)")
            #expect(refused.stderr.split(separator: "\n").count == 1)
            // Nothing was created, and reading still works.
            let list = try await e2e.mscli("auth", "users", "list", "--maintenance", "-o", "json")
            #expect(list.status == 0 && !list.stdout.contains("raj@example.com"), "\(list)")

            // After `migrate up` the same command works and is recorded; a failing migration run is recorded as failed.
            #expect(try await e2e.mscli("migrate", "up", "auth").status == 0)
            #expect(try await e2e.mscli(["auth", "users", "create", "--maintenance", "--email", "raj@example.com", "--name", "Raj", "--password-stdin"], input: "Raj-password-1").status == 0)
            let declined = try await e2e.mscli("migrate", "down", "auth")
            #expect(declined.status == 2, "\(declined)")
            let listed = try await e2e.mscli("audit", "list", "-o", "json")
            let actions = try #require(try e2e.json(listed) as? [[String: Any]], "\(listed)")
            #expect(actions.map { $0["command"] as? String } == ["migrate down", "auth users create", "migrate up"], "\(actions)")
            #expect(actions[0]["outcome"] as? String == "failed" && actions[0]["exit_code"] as? Int == 2)
            // `up --to 3` ran while there was no table, so it left no trace; the `up` that created the table left its outcome.
            #expect(actions[2]["command_line"] as? String == "mscli migrate up auth" && actions[2]["outcome"] as? String == "ok")
        }
    }

    @Test func aScrapeFromAFileAndShellLinesAreRecordedToo() async throws {
        try await EndToEnd.run { e2e in
            try await TestDatabase.with { bookingDB in
                let booking = ["--booking-database-url", TestDatabase.url(bookingDB)]
                #expect(try await e2e.mscli(["migrate", "up", "booking"] + booking).status == 0)
                // `scrape ipos --file` stores its run in the booking database directly, without --maintenance.
                let page = SeedAndReindexTests.fixtures + "/scrape/upcoming-ipos.html"
                let scraped = try await e2e.mscli(["scrape", "ipos", "--file", page] + booking)
                #expect(scraped.status == 0, "\(scraped)")
                // Lines of `mscli shell --maintenance` are recorded with the line itself as the command line.
                let shell = try await e2e.mscli(
                    ["shell", "--maintenance"] + booking,
                    input: "theaters create --name 'Shell Hall' --location Whitefield --address '1 ITPL Rd' --city Bengaluru\ntheaters list\n")
                #expect(shell.status == 0, "\(shell)")

                // The auth database (not migrated here) has no trail: said on stderr, the others still listed.
                let listed = try await e2e.mscli(["audit", "list", "-o", "json"] + booking)
                #expect(listed.status == 0 && listed.stderr.contains("auth: no audit table yet"), "\(listed)")
                let actions = try #require(try e2e.json(listed) as? [[String: Any]], "\(listed)")
                #expect(actions.map { $0["command"] as? String } == ["theaters create", "scrape ipos", "migrate up"], "\(actions)")
                #expect(actions[0]["command_line"] as? String
                    == "mscli theaters create --name 'Shell Hall' --location Whitefield --address '1 ITPL Rd' --city Bengaluru", "\(actions)")
                #expect(actions.allSatisfy { $0["outcome"] as? String == "ok" && $0["database"] as? String == "booking" })
            }
        }
    }

    /// The pid of a running `name` whose HOME is `home` (each test has its own), from /proc.
    static func process(named name: String, home: String) -> pid_t? {
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(entry),
                let command = try? String(contentsOfFile: "/proc/\(entry)/cmdline", encoding: .utf8),
                command.split(separator: "\0").first?.hasSuffix("/" + name) == true,
                let environment = FileManager.default.contents(atPath: "/proc/\(entry)/environ")
            else { continue }
            if String(decoding: environment, as: UTF8.self).split(separator: "\0").contains(Substring("HOME=" + home)) { return pid }
        }
        return nil
    }

    /// A process that dies mid-way (here killed at the confirmation prompt) leaves its `started` row, and
    /// `audit list` shows the action without an outcome.
    @Test(.enabled(if: TerminalSession.available)) func aRunThatDiesLeavesItsStartedRow() async throws {
        try await EndToEnd.run { e2e in
            #expect(try await e2e.mscli("migrate", "up", "auth").status == 0)
            let terminal = try await TerminalSession(Binaries.path("mscli"), ["migrate", "down", "auth"], environment: e2e.environment)
            defer { Task { await terminal.close() } }
            _ = try await terminal.waitFor("Revert 1 migration(s)")
            // The mscli this test started: the one whose environment has this test's private HOME.
            let pid = try #require(Self.process(named: "mscli", home: e2e.home.path), "the mscli at the prompt")
            kill(pid, SIGKILL)
            _ = try await terminal.waitFor("[exited 137]")
            let listed = try await e2e.mscli("audit", "list", "-o", "json")
            let actions = try #require(try e2e.json(listed) as? [[String: Any]], "\(listed)")
            #expect(actions.first?["command"] as? String == "migrate down", "\(actions)")
            #expect(actions.first?["outcome"] as? String == "started" && actions.first?["finished_at"] == nil, "\(actions)")
            let table = try await e2e.mscli("audit", "list", "--command", "migrate down")
            #expect(table.stdout.contains("started (no outcome)"), "\(table)")
            // Nothing was reverted.
            #expect(try await e2e.mscli("migrate", "status", "auth", "--check").status == 0)
        }
    }
}

