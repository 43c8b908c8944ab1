import Foundation
import ServiceCore
import Testing
import TestSupport

/// mscli works on one environment at a time (issue 13): an explicit profile beats exported variables and says so,
/// exported variables are never completed by a profile, MSCLI_PROFILE against exported variables is refused, a session
/// goes only to the auth service that issued it, and prompts, dry runs and maintenance changes name their targets.
@Suite(.tags(.endToEnd)) struct OneEnvironmentTests {
    /// `host:port/database`, as mscli names a database.
    static func target(_ db: DatabaseSettings) -> String { "\(db.host):\(db.port)/\(db.database)" }

    @Test func anExplicitProfileBeatsExportedVariablesAndIsNamedInDryRunsAndPrompts() async throws {
        try await EndToEnd.run { e2e in
            // The "local" database is exported (AUTH_DATABASE_URL, as after `source <(scripts/stack env)`).
            #expect(try await e2e.mscli("migrate", "up", "auth").status == 0)
            try await TestDatabase.with { staging in
                let stagingURL = TestDatabase.url(staging)
                #expect(try await e2e.mscli("migrate", "up", "auth", "--auth-database-url", stagingURL).status == 0)
                try await e2e.profile("staging", [.authDatabaseURL: stagingURL])

                let dry = try await e2e.mscli("migrate", "down", "auth", "-p", "staging", "--dry-run")
                #expect(dry.status == 0, "\(dry)")
                #expect(dry.stderr.contains("mscli: note: profile staging (-p) is used; ignoring exported AUTH_DATABASE_URL\n"), "\(dry)")
                #expect(dry.stderr.contains("would be reverted on \(Self.target(staging)); nothing changed"), "\(dry)")
                #expect(!dry.stderr.contains(e2e.db.database), "the exported database is not the target: \(dry)")

                // Without a terminal the prompt is refused, and its question names the database.
                let asked = try await e2e.mscli("migrate", "down", "auth", "-p", "staging")
                #expect(asked.status == 2, "\(asked)")
                #expect(
                    asked.stderr.contains("Revert 1 migration(s) of auth (4_maintenance_audit_trail) on \(Self.target(staging))? Data they hold is lost."),
                    "\(asked)")
                let down = try await e2e.mscli("migrate", "down", "auth", "-p", "staging", "--yes")
                #expect(down.status == 0 && down.stderr.contains("reverted 1 migration(s) on \(Self.target(staging))"), "\(down)")
                let stagingStatus = try #require(
                    try e2e.json(try await e2e.mscli("migrate", "status", "auth", "-p", "staging", "-o", "json")) as? [[String: Any]])
                #expect(stagingStatus.map { $0["state"] as? String } == ["applied", "applied", "applied", "pending"])
                // The exported database was not touched; without -p the exported variables are the environment, and
                // the current profile (staging, the first one written) is named as ignored.
                let local = try await e2e.mscli("migrate", "status", "auth", "-o", "json")
                let localStatus = try #require(try e2e.json(local) as? [[String: Any]])
                #expect(localStatus.map { $0["state"] as? String } == ["applied", "applied", "applied", "applied"], "\(local)")
                #expect(local.stderr.contains("ignoring profile staging's auth_database_url"), "\(local)")

                // MSCLI_PROFILE is as ambient as the variables: the mix is refused, with what to unset.
                let mixed = try await e2e.mscli("migrate", "status", "auth", env: ["MSCLI_PROFILE": "staging"])
                #expect(mixed.status == 64 && mixed.stderr.contains("unset AUTH_DATABASE_URL"), "\(mixed)")
                // ... unless they agree.
                let agreed = try await e2e.mscli("migrate", "status", "auth", env: ["MSCLI_PROFILE": "staging", "AUTH_DATABASE_URL": stagingURL])
                #expect(agreed.status == 0 && !agreed.stderr.contains("note:"), "\(agreed)")

                // The shell's -p is a flag for every line, and so is `use`.
                let shell = try await e2e.mscli(["shell", "-p", "staging", "-o", "json"], input: "migrate status auth\n")
                #expect(shell.status == 0, "\(shell)")
                #expect(shell.stdout.components(separatedBy: "\"pending\"").count == 2, "staging's status: \(shell)")
                let used = try await e2e.mscli(["shell", "-o", "json"], input: "use staging\nmigrate status auth\n")
                #expect(used.status == 0 && used.stdout.components(separatedBy: "\"pending\"").count == 2, "\(used)")
            }
        }
    }

    @Test func anExportedPrimaryIsNeverCompletedWithTheProfilesShards() async throws {
        try await EndToEnd.run { e2e in
            try await FoodCommandTests.withFoodDatabases { primary, shards in
                // The current profile is another cluster's: its own primary and three shards.
                try await TestDatabase.with { otherPrimary in
                    try await e2e.profile(
                        "cluster", [.foodDatabaseURL: TestDatabase.url(otherPrimary), .foodShardURLs: shards.joined(separator: ",")])
                    let up = try await e2e.mscli("migrate", "up", "food", env: ["FOOD_DATABASE_URL": primary])
                    #expect(up.status == 0, "\(up)")
                    #expect(!up.stderr.contains("== food"), "only the exported primary, no shard: \(up)")
                    #expect(up.stderr.contains("ignoring profile cluster's food_database_url, food_shard_urls"), "\(up)")
                    let primaryDB = try DatabaseSettings(url: primary)
                    #expect(up.stderr.contains("migration(s) on \(Self.target(primaryDB))\n"), "\(up)")
                    for shard in shards {
                        let status = try #require(
                            try e2e.json(try await e2e.mscli("migrate", "status", "food", "--food-database-url", shard, "-o", "json", env: ["FOOD_DATABASE_URL": ""]))
                                as? [[String: Any]])
                        #expect(status.allSatisfy { $0["state"] as? String == "pending" }, "shard \(shard) untouched: \(status)")
                    }
                    // The profile itself, chosen, migrates its primary and every shard, each named.
                    let all = try await e2e.mscli("migrate", "up", "food", "-p", "cluster", env: ["FOOD_DATABASE_URL": primary])
                    #expect(
                        all.status == 0
                            && all.stderr.contains("note: profile cluster (-p) is used; ignoring exported AUTH_DATABASE_URL, FOOD_DATABASE_URL"),
                        "\(all)")
                    let shard2 = try DatabaseSettings(url: shards[2])
                    #expect(all.stderr.contains("== food shard 2 (\(shard2.database)) on \(Self.target(shard2))"), "\(all)")
                }
            }
        }
    }

    @Test func aStoredSessionGoesOnlyToTheAuthServiceThatIssuedIt() async throws {
        try await EndToEnd.run { base in
            #expect(try await base.mscli("migrate", "up", "auth").status == 0)
            let created = try await base.mscli(
                "auth", "users", "create", "--maintenance", "--email", "root@example.com", "--name", "Root", "--role", "super_admin",
                "--password-stdin", input: "root-password")
            #expect(created.status == 0 && created.stderr.contains("in \(Self.target(base.db))"), "where it wrote: \(created)")
            // Two auth services over the same database and secret: either would accept the session.
            let (first, firstURL) = try await base.startAuthService()
            defer { Task { await first.stop() } }
            let (second, secondURL) = try await base.startAuthService()
            defer { Task { await second.stop() } }
            var e2e = base
            e2e.exportsTargets = false
            try await e2e.profile("default", [.authURL: firstURL, .authDatabaseURL: base.databaseURL])
            let login = try await e2e.mscli("auth", "login", "--email", "root@example.com", "--password-stdin", input: "root-password")
            #expect(login.status == 0, "\(login)")
            #expect(try await e2e.mscli("auth", "whoami").status == 0)

            // Another environment exported: the current profile's session is not sent there.
            let elsewhere = try await e2e.mscli("auth", "whoami", env: ["AUTH_SERVICE_URL": secondURL])
            #expect(elsewhere.status == 4 && elsewhere.stderr.contains("was issued by \(firstURL), not by \(secondURL)"), "\(elsewhere)")
            let flagged = try await e2e.mscli("auth", "users", "list", "--auth-url", secondURL)
            #expect(flagged.status == 4 && flagged.stderr.contains("was issued by"), "\(flagged)")
            // Logging in to the exported environment would overwrite the profile's session of another: refused.
            let clobber = try await e2e.mscli(
                "auth", "login", "--email", "root@example.com", "--password-stdin", input: "root-password", env: ["AUTH_SERVICE_URL": secondURL])
            #expect(clobber.status == 4 && clobber.stderr.contains("profile default belongs to \(firstURL)"), "\(clobber)")
            let logout = try await e2e.mscli("auth", "logout", env: ["AUTH_SERVICE_URL": secondURL])
            #expect(logout.status == 4 && logout.stderr.contains("log out with -p default"), "\(logout)")
            #expect(try await e2e.mscli("auth", "whoami").status == 0, "the profile's session is still there")
            // The same environment exported: the session is used.
            #expect(try await e2e.mscli("auth", "whoami", env: ["AUTH_SERVICE_URL": firstURL]).status == 0)

            // Prompts name the service over HTTP, the database in maintenance mode.
            let http = try await e2e.mscli("auth", "users", "delete", "root@example.com")
            #expect(http.status == 2 && http.stderr.contains("on \(firstURL)?"), "\(http)")
            let direct = try await e2e.mscli("auth", "users", "delete", "root@example.com", "--maintenance")
            #expect(direct.status == 2 && direct.stderr.contains("on \(Self.target(base.db))?"), "\(direct)")
        }
    }
}
