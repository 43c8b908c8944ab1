import Foundation
import Testing
import TestSupport

/// `mscli migrate` as an operator runs it.
@Suite(.tags(.endToEnd)) struct MigrateCommandTests {
    @Test func foodMigratesThePrimaryAndEveryShard() async throws {
        try await EndToEnd.run { e2e in
            try await TestDatabase.with { primary in
                let shards = [try await TestDatabase.create(), try await TestDatabase.create()]
                defer { Task { for shard in shards { try? await TestDatabase.drop(shard) } } }
                let flags = ["--food-database-url", TestDatabase.url(primary), "--food-shard-urls", shards.map(TestDatabase.url).joined(separator: ",")]
                let pending = try await e2e.mscli(["migrate", "status", "food", "--check"] + flags)
                #expect(pending.status == 3, "\(pending)")
                let up = try await e2e.mscli(["migrate", "up", "food"] + flags)
                #expect(up.status == 0, "\(up)")
                #expect(up.stderr.contains("food shard 1"), "\(up)")
                let status = try await e2e.mscli(["migrate", "status", "food", "--check", "-o", "json"] + flags)
                #expect(status.status == 0, "\(status)")
                let rows = try #require(try e2e.json(status) as? [[String: Any]])
                // The same history on all three databases, all applied.
                #expect(!rows.isEmpty && rows.count % 3 == 0)
                #expect(rows.allSatisfy { $0["state"] as? String == "applied" }, "\(rows)")
            }
        }
    }

    @Test func statusCheckDryRunUpAndJSON() async throws {
        try await EndToEnd.run { e2e in
            let pending = try await e2e.mscli("migrate", "status", "auth", "--check")
            #expect(pending.status == 3, "\(pending)")
            #expect(pending.stdout.contains("pending"))

            let dry = try await e2e.mscli("migrate", "up", "auth", "--dry-run")
            #expect(dry.status == 0, "\(dry)")
            #expect(dry.stdout.contains("-- up 1_seed_users") && dry.stdout.contains("CREATE TABLE users"))
            #expect(dry.stderr.contains("nothing changed"))
            let stillPending = try await e2e.mscli("migrate", "status", "auth", "-o", "json")
            let before = try #require(try e2e.json(stillPending) as? [[String: Any]])
            #expect(before.map { $0["state"] as? String } == ["pending", "pending", "pending", "pending"])

            let up = try await e2e.mscli("migrate", "up", "auth", "--to", "1")
            #expect(up.status == 0 && up.stderr.contains("applied 1 migration"), "\(up)")
            #expect(try await e2e.mscli("migrate", "up", "auth").status == 0)
            let status = try await e2e.mscli("migrate", "status", "auth", "--output", "json")
            let rows = try #require(try e2e.json(status) as? [[String: Any]])
            #expect(rows.map { $0["version"] as? Int } == [1, 2, 3, 4])
            #expect(rows.allSatisfy { $0["state"] as? String == "applied" && $0["applied_at"] is String && ($0["checksum"] as? String)?.count == 64 })
            #expect(try await e2e.mscli("migrate", "verify", "auth").status == 0)
            #expect(try await e2e.mscli("migrate", "status", "auth", "--check").status == 0)
            let yaml = try await e2e.mscli("migrate", "status", "auth", "-o", "yaml")
            #expect(yaml.stdout.contains("state: applied"))
        }
    }

    @Test func downRevertsOneStepAndAsksFirst() async throws {
        try await EndToEnd.run { e2e in
            try await e2e.mscli("migrate", "up", "auth")
            let refused = try await e2e.mscli("migrate", "down", "auth")
            #expect(refused.status == 2, "\(refused)")
            #expect(refused.stderr.contains("pass --yes"))
            let dry = try await e2e.mscli("migrate", "down", "auth", "--dry-run")
            #expect(dry.stdout.contains("-- down 4_maintenance_audit_trail"))
            let down = try await e2e.mscli("migrate", "down", "auth", "--yes", "-o", "json")
            #expect(down.status == 0, "\(down)")
            let steps = try #require(try e2e.json(down) as? [[String: Any]])
            #expect(steps.map { $0["version"] as? Int } == [4])
            let status = try #require(try e2e.json(try await e2e.mscli("migrate", "status", "auth", "-o", "json")) as? [[String: Any]])
            #expect(status.map { $0["state"] as? String } == ["applied", "applied", "applied", "pending"])
            #expect(try await e2e.mscli("migrate", "up", "auth").status == 0)
        }
    }

    @Test func fiveOperatorsRunningUpAtOnceApplyEachMigrationOnce() async throws {
        try await EndToEnd.run { e2e in
            let results = try await withThrowingTaskGroup(of: ProcessResult.self) { group in
                for _ in 0..<5 { group.addTask { try await e2e.mscli("migrate", "up", "auth", "-o", "json") } }
                return try await group.reduce(into: [ProcessResult]()) { $0.append($1) }
            }
            #expect(results.allSatisfy { $0.status == 0 }, "\(results)")
            let applied = try results.flatMap { try #require(try e2e.json($0) as? [[String: Any]]) }.compactMap { $0["version"] as? Int }
            #expect(applied.sorted() == [1, 2, 3, 4])
        }
    }

    @Test func usageAndConnectionFailuresHaveTheirExitCodes() async throws {
        try await EndToEnd.run { e2e in
            let unknownService = try await e2e.mscli("migrate", "up", "payments")
            #expect(unknownService.status == 64)
            let noURL = try await e2e.mscli("migrate", "status", "auth", env: ["AUTH_DATABASE_URL": ""])
            #expect(noURL.status == 64 && noURL.stderr.contains("AUTH_DATABASE_URL"), "\(noURL)")
            let port = ProcessRunner.freePort()
            let down = try await e2e.mscli("migrate", "status", "auth", "--auth-database-url", "postgres://postgres@127.0.0.1:\(port)/auth")
            #expect(down.status == 5, "\(down)")
            #expect(down.stderr.hasPrefix("mscli: cannot reach the database"))
            #expect(!down.stderr.contains("\n") || down.stderr.split(separator: "\n").count == 1)
        }
    }
}
