import Foundation
import PostgresNIO
import ServiceCore
import Testing
import TestSupport

/// The migration engine against a real PostgreSQL, one fresh database per test.
@Suite struct MigratorTests {
    static let set = MigrationSet(
        service: "demo",
        migrations: [
            Migration(version: 1, name: "widgets", up: "CREATE TABLE widgets (id int PRIMARY KEY); INSERT INTO widgets VALUES (1);", down: "DROP TABLE widgets;",
                      adoptionCheck: "SELECT to_regclass('widgets') IS NOT NULL"),
            Migration(version: 2, name: "gadgets", up: "CREATE TABLE gadgets (id int); CREATE INDEX gadgets_id ON gadgets (id);", down: "DROP TABLE gadgets;"),
            Migration(version: 3, name: "widget_names", up: "ALTER TABLE widgets ADD COLUMN name text NOT NULL DEFAULT 'w';",
                      down: "ALTER TABLE widgets DROP COLUMN name;"),
        ])

    func withMigrator(_ set: MigrationSet = Self.set, _ body: @Sendable (Migrator, PostgresClient) async throws -> Void) async throws {
        try await TestDatabase.with { db in
            try await PostgresClient.withClient(db, logger: TestDatabase.logger) { client in
                try await body(Migrator(client: client, set: set, logger: TestDatabase.logger), client)
            }
        }
    }

    static func tables(_ client: PostgresClient) async throws -> Set<String> {
        var names = Set<String>()
        for try await name in try await client.query(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'", logger: TestDatabase.logger
        ).decode(String.self) {
            names.insert(name)
        }
        return names
    }

    @Test func upAppliesEverythingAndRecordsIt() async throws {
        try await withMigrator { migrator, client in
            let steps = try await migrator.up()
            #expect(steps.map(\.version) == [1, 2, 3])
            #expect(try await Self.tables(client) == ["widgets", "gadgets", "schema_migrations"])
            let status = try await migrator.status()
            #expect(status.allSatisfy { $0.state == .applied && $0.appliedAt != nil && $0.durationMs != nil })
            #expect(status.map(\.checksum) == Self.set.migrations.map(\.checksum))
            #expect(try await migrator.up().isEmpty)
            try await migrator.requireCurrent()
        }
    }

    @Test func upToStopsAtTheTarget() async throws {
        try await withMigrator { migrator, _ in
            let applied = try await migrator.up(to: 2)
            #expect(applied.map(\.version) == [1, 2])
            await #expect(throws: MigrationError.pending(service: "demo", current: 2, expected: 3, pending: [3])) {
                try await migrator.requireCurrent()
            }
            await #expect(throws: MigrationError.unknownTarget(service: "demo", version: 9)) { try await migrator.up(to: 9) }
        }
    }

    @Test func dryRunChangesNothing() async throws {
        try await withMigrator { migrator, client in
            let plan = try await migrator.up(dryRun: true)
            #expect(plan.map(\.version) == [1, 2, 3])
            #expect(plan[0].sql.contains("CREATE TABLE widgets"))
            #expect(try await Self.tables(client).isEmpty)  // not even schema_migrations
            try await migrator.up()
            let downPlan = try await migrator.down(dryRun: true)
            #expect(downPlan.map(\.version) == [3])
            #expect(try await migrator.status().allSatisfy { $0.state == .applied })
        }
    }

    @Test func fiveConcurrentRunsApplyEachMigrationOnce() async throws {
        try await withMigrator { migrator, client in
            let applied = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for _ in 0..<5 { group.addTask { try await migrator.up().map(\.version) } }
                var all: [Int64] = []
                for try await versions in group { all += versions }
                return all
            }
            #expect(applied.sorted() == [1, 2, 3])
            var rows = 0
            for try await count in try await client.query("SELECT count(*) FROM widgets", logger: TestDatabase.logger).decode(Int.self) {
                rows = count
            }
            #expect(rows == 1)  // the INSERT of migration 1 ran once
        }
    }

    @Test func changedChecksumIsAnErrorNamingTheMigration() async throws {
        try await withMigrator { migrator, client in
            try await migrator.up(to: 2)
            var edited = Self.set.migrations
            edited[1] = Migration(version: 2, name: "gadgets", up: "CREATE TABLE gadgets (id bigint);", down: "DROP TABLE gadgets;")
            let tampered = Migrator(client: client, set: MigrationSet(service: "demo", migrations: edited), logger: TestDatabase.logger)
            do {
                try await tampered.up()
                Issue.record("up must refuse a changed migration")
            } catch let error as MigrationError {
                guard case .checksumMismatch(_, let version, let name, _, _) = error else { throw error }
                #expect(version == 2 && name == "gadgets")
                #expect(error.description.contains("2_gadgets"))
            }
            await #expect(throws: MigrationError.self) { try await tampered.verify() }
            #expect(try await tampered.status().first { $0.version == 2 }?.state == .changed)
        }
    }

    @Test func unknownAppliedVersionMeansANewerRelease() async throws {
        try await withMigrator { migrator, client in
            try await migrator.up()
            let older = Migrator(
                client: client, set: MigrationSet(service: "demo", migrations: Array(Self.set.migrations.prefix(2))), logger: TestDatabase.logger)
            await #expect(throws: MigrationError.unknownApplied(service: "demo", versions: [3])) { try await older.verify() }
        }
    }

    @Test func aFailingMigrationLeavesNoTrace() async throws {
        let broken = MigrationSet(
            service: "demo",
            migrations: Self.set.migrations.prefix(1) + [
                Migration(version: 2, name: "broken", up: "CREATE TABLE half (id int); SELECT no_such_function();", down: "DROP TABLE half;")
            ])
        try await withMigrator(broken) { migrator, client in
            do {
                try await migrator.up()
                Issue.record("expected failure")
            } catch let error as MigrationError {
                guard case .failed(_, 2, "broken", let message) = error else { throw error }
                #expect(message.contains("no_such_function"))
            }
            #expect(try await Self.tables(client) == ["widgets", "schema_migrations"])  // `half` was rolled back
            #expect(try await migrator.status().map(\.state) == [.applied, .pending])
        }
    }

    @Test func downRevertsOneStepByDefaultAndAllWithToZero() async throws {
        try await withMigrator { migrator, client in
            try await migrator.up()
            #expect(try await migrator.down().map(\.version) == [3])
            #expect(try await migrator.status().map(\.state) == [.applied, .applied, .pending])
            #expect(try await migrator.down(to: 0).map(\.version) == [2, 1])
            #expect(try await Self.tables(client) == ["schema_migrations"])
            #expect(try await migrator.up().count == 3)
        }
    }

    @Test func baselineAdoptsOnlyWhatIsThere() async throws {
        try await withMigrator { migrator, client in
            await #expect(throws: MigrationError.self) { try await migrator.baseline(to: 1) }  // no widgets table yet
            try await client.query("CREATE TABLE widgets (id int PRIMARY KEY)", logger: TestDatabase.logger)
            await #expect(throws: MigrationError.self) { try await migrator.baseline(to: 2) }  // 2 has no adoption check
            #expect(try await migrator.baseline(to: 1).map(\.version) == [1])
            #expect(try await migrator.up().map(\.version) == [2, 3])
        }
    }
}
