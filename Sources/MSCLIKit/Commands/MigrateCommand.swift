import ArgumentParser
import Foundation
import PostgresNIO
import ServiceCore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Inspect and change a service's database schema.",
        discussion: """
            Migrations are built into the binaries. Each runs in its own transaction, the whole run holds an advisory \
            lock (concurrent runs apply each migration once), and `schema_migrations` records version, name, \
            checksum, time and duration. The database comes from --auth-database-url / --booking-database-url / \
            --food-database-url, AUTH_DATABASE_URL / BOOKING_DATABASE_URL / FOOD_DATABASE_URL, or the profile: a \
            postgres:// URI or a key=value string, completed by libpq as psql completes it (PG* variables, .pgpass, \
            pg_service.conf; without a setting, PGDATABASE or PGSERVICE). Food also migrates every order shard named \
            by --food-shard-urls (FOOD_SHARD_DATABASE_URLS), one after another; the list must be the shard layout the \
            databases record (the first `up` with shards records it), else the command is refused.

            Examples:
              mscli migrate status auth --auth-database-url 'service=auth'
              mscli migrate up food --food-shard-urls \\
                  postgres://ops@db1/food_shard_0,postgres://ops@db2/food_shard_1
              mscli migrate up --all
            """,
        subcommands: [Status.self, Up.self, Down.self, Verify.self, Baseline.self, Wait.self]
    )
}

/// The service argument and the database connection every migrate subcommand shares.
struct MigrationTarget: ParsableArguments {
    @Argument(help: "Service whose database to migrate: \(ManagedService.allCases.map(\.rawValue).joined(separator: ", ")).")
    var service: ManagedService

    /// Runs `body` on each of the service's databases in turn (food: the primary, then every shard), naming each
    /// when there are several, and returns the results one after another.
    /// Food: the shard list is checked against the layout the databases record first; `recordsShardLayout` (`up`)
    /// records it afterwards when none is recorded yet.
    /// `changes` (up, down, baseline) refuses a database that is a read-only replica before touching it.
    func withMigrator<T: RangeReplaceableCollection & Sendable>(
        _ context: CommandContext, recordsShardLayout: Bool = false, changes: Bool = false, _ body: @Sendable (Migrator) async throws -> T
    ) async throws -> T where T.Element: DatabaseLabelled {
        try await withMigrator(context, recordsShardLayout: recordsShardLayout, changes: changes) { migrator, _ in try await body(migrator) }
    }

    /// ``withMigrator(_:recordsShardLayout:_:)`` that also hands `body` the database it works on, as
    /// `host:port/database` (for prompts).
    func withMigrator<T: RangeReplaceableCollection & Sendable>(
        _ context: CommandContext, recordsShardLayout: Bool = false, changes: Bool = false,
        _ body: @Sendable (Migrator, _ target: String) async throws -> T
    ) async throws -> T where T.Element: DatabaseLabelled {
        let databases = try context.migrationDatabases(for: service)
        if service == .food { try await context.checkFoodShardLayout(record: false) }
        // Every database first: a food run stops before its primary when any shard is a replica.
        if changes { for (_, settings) in databases { try await PrimaryCheck.requirePrimary(settings, context) } }
        let set = service.migrations
        var results = T()
        for (label, settings) in databases {
            if databases.count > 1 { context.message("== \(label) on \(Targets.database(settings))") }
            let result = try await context.withDatabase(service, settings) { client in
                try await body(Migrator(client: client, set: set, logger: context.logger), Targets.database(settings))
            }
            results.append(
                contentsOf: result.map { element in
                    var labelled = element
                    if databases.count > 1 { labelled.database = settings.database }
                    return labelled
                })
        }
        if service == .food && recordsShardLayout { try await context.checkFoodShardLayout(record: true) }
        return results
    }
}

/// A migration result that can say which of several databases it came from.
protocol DatabaseLabelled: Sendable {
    var database: String? { get set }
}

extension MigrationStatus: DatabaseLabelled {}
extension MigrationStep: DatabaseLabelled {}

enum MigrationTables {
    /// A DATABASE column first when the rows come from several databases (food: the primary and its shards).
    static func labelled(_ headers: [String], _ rows: [[String]], _ databases: [String?]) -> Table {
        guard databases.contains(where: { $0 != nil }) else { return Table(headers: headers, rows: rows) }
        return Table(headers: ["DATABASE"] + headers, rows: zip(databases, rows).map { [$0 ?? "-"] + $1 })
    }

    static func status(_ rows: [MigrationStatus]) -> Table {
        labelled(
            ["VERSION", "NAME", "STATE", "APPLIED_AT", "DURATION_MS", "CHECKSUM"],
            rows.map {
                [
                    "\($0.version)", $0.name, $0.state.rawValue, Rendering.date($0.appliedAt),
                    $0.durationMs.map { String(format: "%.1f", $0) } ?? "-", String($0.checksum.prefix(12)),
                ]
            }, rows.map(\.database))
    }

    static func steps(_ steps: [MigrationStep]) -> Table {
        labelled(
            ["VERSION", "NAME", "DIRECTION", "DURATION_MS"],
            steps.map { ["\($0.version)", $0.name, $0.direction.rawValue, $0.durationMs.map { String(format: "%.1f", $0) } ?? "-"] },
            steps.map(\.database))
    }

    /// A dry run's plan: each migration's SQL as it would run (as JSON/YAML steps for scripts).
    static func plan(_ steps: [MigrationStep], verb: String, service: ManagedService, _ context: CommandContext) throws {
        if context.settings.output == .table {
            for step in steps {
                context.out("-- \(step.direction.rawValue) \(step.version)_\(step.name)")
                context.out(step.sql.trimmingCharacters(in: .whitespacesAndNewlines))
                context.out("")
            }
        } else {
            try context.output(steps, table: MigrationTables.steps)
        }
        let on = context.databaseTargets(service)
        context.message(
            steps.isEmpty
                ? "Nothing to \(verb) on \(on)"
                : "Dry run: \(steps.count) migration(s) would be \(verb == "apply" ? "applied" : "reverted") on \(on); nothing changed")
    }
}

extension MigrateCommand {
    struct Status: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "List migrations: applied, pending, changed (checksum differs) or unknown to this build.",
            discussion: """
                Examples:
                  mscli migrate status auth
                  mscli migrate status booking --check || mscli migrate up booking
                  mscli migrate status --all --check
                """)
        @OptionGroup var targets: MigrationTargets
        @Flag(help: "Exit 3 when migrations are pending, 1 when any applied one changed or is unknown.") var check = false
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            if targets.all { return try await MigrateAll.run(.status(check: check), context) }
            let target = targets.single
            let status = try await target.withMigrator(context) { try await $0.status() }
            try context.output(status, table: MigrationTables.status)
            guard check else { return }
            if status.contains(where: { $0.state == .changed || $0.state == .unknown }) {
                throw CLIError("applied migrations differ from this build; run `mscli migrate verify \(target.service.rawValue)`")
            }
            let pending = status.filter { $0.state == .pending }.count
            if pending > 0 { throw CLIError("\(pending) migration(s) pending", status: .pending) }
        }
    }

    struct Up: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending migrations (all, or up to --to).",
            discussion: """
                Food migrates its primary, then every order shard; each database is named (host:port/database).

                Examples:
                  mscli migrate up auth
                  mscli migrate up food -p staging --dry-run
                  mscli migrate up --all
                """)
        @OptionGroup var targets: MigrationTargets
        @Option(help: "Stop after this version.") var to: Int64?
        @Flag(help: "Print the SQL that would run and change nothing.") var dryRun = false
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if targets.all, to != nil || dryRun { throw ValidationError("--to and --dry-run need one service, not --all") }
        }

        func run(_ context: CommandContext) async throws {
            if targets.all { return try await MigrateAll.run(.up, context) }
            let target = targets.single
            let steps = try await target.withMigrator(context, recordsShardLayout: !dryRun, changes: !dryRun) { try await $0.up(to: to, dryRun: dryRun) }
            if dryRun { return try MigrationTables.plan(steps, verb: "apply", service: target.service, context) }
            if steps.isEmpty {
                context.message("\(target.service.rawValue): up to date on \(context.databaseTargets(target.service))")
            } else {
                context.message("\(target.service.rawValue): applied \(steps.count) migration(s) on \(context.databaseTargets(target.service))")
            }
            try context.output(steps, table: MigrationTables.steps)
        }
    }

    struct Down: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Revert the latest migration (or every one above --to). Asks first unless --yes.",
            discussion: """
                The prompt and --dry-run name each database (host:port/database).

                Examples:
                  mscli migrate down auth -p staging --dry-run
                  mscli migrate down booking --to 1 --yes
                """)
        @OptionGroup var target: MigrationTarget
        @Option(help: "Revert every applied migration above this version (0 reverts all).") var to: Int64?
        @Flag(help: "Print the SQL that would run and change nothing.") var dryRun = false
        @Flag(name: [.short, .long], help: "Do not ask for confirmation.") var yes = false
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let service = target.service.rawValue
            let steps = try await target.withMigrator(context, changes: !dryRun) { migrator, database in
                let plan = try await migrator.down(to: to, dryRun: true)
                if dryRun || plan.isEmpty { return plan }
                let names = plan.map { "\($0.version)_\($0.name)" }.joined(separator: ", ")
                try context.console.confirm(
                    "Revert \(plan.count) migration(s) of \(service) (\(names)) on \(database)? Data they hold is lost.", assumeYes: yes)
                return try await migrator.down(to: to, dryRun: false)
            }
            if dryRun { return try MigrationTables.plan(steps, verb: "revert", service: target.service, context) }
            let on = context.databaseTargets(target.service)
            context.message(steps.isEmpty ? "\(service): nothing to revert on \(on)" : "\(service): reverted \(steps.count) migration(s) on \(on)")
            try context.output(steps, table: MigrationTables.steps)
        }
    }

    struct Verify: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that every applied migration matches this build (checksums, no unknown versions).",
            discussion: """
                Examples:
                  mscli migrate verify auth
                  mscli migrate verify --all -o json
                """)
        @OptionGroup var targets: MigrationTargets
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            if targets.all { return try await MigrateAll.run(.verify, context) }
            let target = targets.single
            let status = try await target.withMigrator(context) { try await $0.verify() }
            let applied = status.filter { $0.state == .applied }.count
            let pending = status.count - applied
            context.message("\(target.service.rawValue): \(applied) applied migration(s) verified, \(pending) pending")
            try context.output(status, table: MigrationTables.status)
        }
    }

    struct Baseline: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Adopt an existing database (such as the seed system's): record migrations up to --to as applied.",
            discussion: """
                Each adopted migration's check must find its schema already there; nothing is executed. Then run \
                `mscli migrate up` to bring the database forward.

                Examples:
                  mscli migrate baseline auth --to 1
                  mscli migrate baseline auth --to 1 --yes && mscli migrate up auth
                """)
        @OptionGroup var target: MigrationTarget
        @Option(help: "The version the database already has.") var to: Int64
        @Flag(name: [.short, .long], help: "Do not ask for confirmation.") var yes = false
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            try context.console.confirm(
                "Record migrations up to \(to) of \(target.service.rawValue) on \(context.databaseTargets(target.service)) as applied "
                    + "without running them?", assumeYes: yes)
            let steps = try await target.withMigrator(context, changes: true) { try await $0.baseline(to: to) }
            context.message("\(target.service.rawValue): adopted at version \(to) on \(context.databaseTargets(target.service))")
            try context.output(steps, table: MigrationTables.steps)
        }
    }
}
