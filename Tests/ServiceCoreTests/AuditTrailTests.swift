import Foundation
import PostgresNIO
import ServiceCore
import Testing
import TestSupport

/// The audit trail's pure rules (masking, times) and its table against a real PostgreSQL.
@Suite struct AuditTrailTests {
    @Test func commandLinesLoseEveryPassword() {
        let line = CommandLineMasking.maskedLine([
            "mscli", "auth", "users", "create", "--maintenance", "--email", "ana@example.com", "--password", "Hunter2-secret",
            "--auth-database-url", "postgres://ops:Pg-Pass-1@db.internal:5432/auth",
            "--food-shard-urls=postgres://a:S1-pass@h:1/s0,postgres://b:S2-pass@h:2/s1",
            "--token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl",
            "--booking-database-url", "host=db dbname=booking password=Conninfo-pw user=ops",
            "--name", "Ana O'Neil",
        ])
        for secret in ["Hunter2-secret", "Pg-Pass-1", "S1-pass", "S2-pass", "eyJhbGci", "Conninfo-pw"] {
            #expect(!line.contains(secret), "\(secret) in \(line)")
        }
        #expect(line.hasPrefix("mscli auth users create --maintenance --email ana@example.com --password *** "))
        #expect(line.contains("postgres://ops:***@db.internal:5432/auth"))
        #expect(line.contains("--food-shard-urls=postgres://a:***@h:1/s0,postgres://b:***@h:2/s1"))
        #expect(line.contains("--token=***"))
        #expect(line.contains("'host=db dbname=booking password=*** user=ops'"))
        #expect(line.hasSuffix(#"--name 'Ana O'\''Neil'"#))
    }

    @Test func passwordStdinTakesNoValueAndHidesNothing() {
        let words = CommandLineMasking.maskedWords(["auth", "users", "reset-password", "ana@example.com", "--password-stdin", "-o", "json"])
        #expect(words == ["auth", "users", "reset-password", "ana@example.com", "--password-stdin", "-o", "json"])
        #expect(CommandLineMasking.maskedText("cannot reach postgres://u:pw@h:5/db") == "cannot reach postgres://u:***@h:5/db")
        #expect(CommandLineMasking.maskedText("redis://:pw@cache:6379") == "redis://:***@cache:6379")
    }

    @Test func durationsAndTimes() {
        #expect(DurationText.seconds("60") == 60)
        #expect(DurationText.seconds("90s") == 90)
        #expect(DurationText.seconds("2h") == 7200)
        #expect(DurationText.seconds("1h30m") == 5400)
        #expect(DurationText.seconds("1d") == 86_400)
        for bad in ["", "h", "2x", "-5", "2h5", "1.2.3s", "99999999999999999999s", "1e30", "inf", "nan", "5300w"] {
            #expect(DurationText.seconds(bad) == nil, "\(bad)")
        }
        #expect(DurationText.seconds("5000w") != nil && DurationText.seconds("52w") == 31_449_600)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(DurationText.instant("2h", now: now) == now.addingTimeInterval(-7200))
        #expect(DurationText.instant("2026-12-05T10:00:00Z") == Date(timeIntervalSince1970: 1_796_464_800))
        #expect(DurationText.instant("2026-12-05T10:00:00.500Z") == Date(timeIntervalSince1970: 1_796_464_800.5))
        #expect(DurationText.instant("2026-12-05") == Date(timeIntervalSince1970: 1_796_428_800))
        #expect(DurationText.instant("yesterday") == nil)
    }

    static let set = MigrationSet(
        service: "demo",
        migrations: [
            Migration(version: 1, name: "things", up: "CREATE TABLE things (id int);", down: "DROP TABLE things;"),
            AuditTrailMigration.migration(version: 2),
        ])

    static func record(_ action: UUID, _ phase: AuditRecord.Phase, user: String = "ana", code: Int32? = nil) -> AuditRecord {
        AuditRecord(
            actionID: action, phase: phase, osUser: user, host: "ops-1", command: "auth users create",
            commandLine: "mscli auth users create --maintenance", target: "127.0.0.1:5432/auth", exitCode: code,
            message: phase == .failed ? "Email already registered" : nil)
    }

    @Test func theTableIsAppendOnlyAndSurvivesARevert() async throws {
        try await TestDatabase.with { db in
            try await PostgresClient.withClient(db, logger: TestDatabase.logger) { client in
                let migrator = Migrator(client: client, set: Self.set, logger: TestDatabase.logger)
                try await migrator.up()
                let log = AuditLog(client: client, logger: TestDatabase.logger)
                #expect(try await log.exists())
                let first = UUID(), second = UUID(), third = UUID()
                try await log.append(Self.record(first, .started))
                try await log.append(Self.record(first, .ok, code: 0))
                try await log.append(Self.record(second, .started, user: "raj"))
                try await log.append(Self.record(second, .failed, user: "raj", code: 4))
                try await log.append(Self.record(third, .started))

                for statement in ["UPDATE mscli_audit SET os_user = 'nobody'", "DELETE FROM mscli_audit", "TRUNCATE mscli_audit",
                                  "DELETE FROM mscli_audit WHERE false"] {
                    do {
                        try await client.query(PostgresQuery(unsafeSQL: statement), logger: TestDatabase.logger)
                        Issue.record("\(statement) was allowed")
                    } catch let error as PSQLError {
                        #expect(error.serverInfo?[.sqlState] == "42501", "\(statement): \(error)")
                        #expect(error.serverInfo?[.message]?.contains("append-only") == true)
                    }
                }
                // An outcome row must agree with its phase.
                await #expect(throws: PSQLError.self) { try await log.append(Self.record(UUID(), .ok, code: 4)) }

                let all = try await log.actions(AuditFilter())
                #expect(all.map(\.actionID) == [third, second, first].map { $0.uuidString.lowercased() })
                #expect(all.map(\.outcome) == [.started, .failed, .ok])
                #expect(all[1].exitCode == 4 && all[1].message == "Email already registered" && all[1].finishedAt != nil)
                #expect(all[0].finishedAt == nil)
                #expect(try await log.actions(AuditFilter(user: "raj")).map(\.user) == ["raj"])
                #expect(try await log.actions(AuditFilter(user: "raj@ops-1")).count == 1)
                #expect(try await log.actions(AuditFilter(command: "USERS CREATE")).count == 3)
                #expect(try await log.actions(AuditFilter(command: "movies")).isEmpty)
                #expect(try await log.actions(AuditFilter(since: Date().addingTimeInterval(3600))).isEmpty)
                #expect(try await log.actions(AuditFilter(until: Date().addingTimeInterval(-3600))).isEmpty)
                #expect(try await log.actions(AuditFilter(limit: 2)).count == 2)

                // Reverting the migration keeps the trail; applying it again is harmless.
                try await migrator.down(to: 1)
                #expect(try await log.actions(AuditFilter()).count == 3)
                try await migrator.up()
                await #expect(throws: PSQLError.self) {
                    try await client.query("DELETE FROM mscli_audit", logger: TestDatabase.logger)
                }
            }
        }
    }
}
