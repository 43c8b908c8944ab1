import ArgumentParser
import Foundation
import PostgresNIO
import ServiceCore

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read the maintenance audit trail: who changed which database directly, when, and how it ended.",
        discussion: """
            Every data-changing command run with --maintenance, every `migrate up/down/baseline` and every `seed` \
            writes to the table mscli_audit of each database it opens (auth, booking, the food primary and each \
            order shard): a `started` row before the change and an `ok` or `failed` row (exit code and message) \
            after. The command line is stored with passwords and tokens masked. The database refuses UPDATE, DELETE \
            and TRUNCATE on the table. A maintenance change is refused on a database that has no such table yet \
            (run `mscli migrate up SERVICE`).

            Examples:
              mscli audit list --since 24h
            """,
        subcommands: [List.self]
    )
}

extension AuditCommand {
    struct List: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "List audited actions across every configured database and shard, newest first.",
            discussion: """
                Reads auth, booking, the food primary and each food shard, whichever are configured. An action that \
                only has its `started` row shows the outcome `started`: the process died or lost the database \
                before it could write the outcome. A database that cannot be reached is named on stderr and the \
                exit code is 5, after the rows of the others.

                Examples:
                  mscli audit list
                  mscli audit list --since 2h --user ana --command 'auth users'
                  mscli audit list --since 2026-12-01 --until 2026-12-02T12:00:00Z -o json
                """)
        @Option(help: ArgumentHelp("Actions started at or after this time: ISO 8601, or a duration ago (90m, 2h, 7d).", valueName: "time"))
        var since: String?
        @Option(help: ArgumentHelp("Actions started at or before this time: ISO 8601, or a duration ago.", valueName: "time"))
        var until: String?
        @Option(help: ArgumentHelp("Only this operating-system user (or user@host).", valueName: "user")) var user: String?
        @Option(help: ArgumentHelp("Only command lines containing this text (case-insensitive), e.g. 'auth users'.", valueName: "text"))
        var command: String?
        @Option(help: "Actions to show (1-1000).") var limit = 50
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard (1...1000).contains(limit) else { throw ValidationError("--limit must be from 1 to 1000") }
            // The filters go to the database as text: a control character (a NUL) or a megabyte is the operator's
            // mistake, said here, not a database error.
            for (flag, text) in [("--user", user), ("--command", command)] {
                guard let text else { continue }
                if TextRules.forbiddenCharacter(in: text, allowingLineBreaks: false) != nil || text.unicodeScalars.count > TextRules.queryCeiling {
                    throw ValidationError("\(flag) must be at most \(TextRules.queryCeiling) characters, without control characters")
                }
            }
            for (flag, text) in [("--since", since), ("--until", until)] {
                if let text, DurationText.instant(text) == nil {
                    throw ValidationError("\(flag) \(text.debugDescription) is neither an ISO 8601 time nor a duration such as 2h")
                }
            }
        }

        func run(_ context: CommandContext) async throws {
            let now = Date()
            let filter = AuditFilter(
                since: since.flatMap { DurationText.instant($0, now: now) }, until: until.flatMap { DurationText.instant($0, now: now) },
                user: user, command: command, limit: limit)
            var actions: [AuditAction] = []
            var unreachable: [String] = []
            let databases = try Self.databases(context)
            if databases.isEmpty {
                throw CLIError.usage("no database configured: set AUTH_DATABASE_URL, BOOKING_DATABASE_URL or FOOD_DATABASE_URL, or pass --auth-database-url …")
            }
            for (label, settings) in databases {
                do {
                    let found: [AuditAction]? = try await PostgresClient.withClient(settings, logger: context.logger) { client in
                        let log = AuditLog(client: client, logger: context.logger)
                        guard try await log.exists() else { return nil }
                        return try await log.actions(filter)
                    }
                    guard let found else {
                        context.message("\(label): no audit table yet (run `mscli migrate up \(label.split(separator: " ")[0])`)")
                        continue
                    }
                    actions += found.map { var action = $0; action.database = label; return action }
                } catch {
                    let failure = ErrorClassifier.classify(error)
                    context.message("mscli: \(label): \(failure.message)")
                    unreachable.append(label)
                }
            }
            actions.sort { ($0.at, $0.actionID) > ($1.at, $1.actionID) }
            try context.output(Array(actions.prefix(limit)), table: Self.table)
            if !unreachable.isEmpty {
                throw CLIError("could not read the audit trail of \(unreachable.joined(separator: ", "))", status: .unreachable)
            }
        }

        /// Each configured database once, labelled as `migrate` labels them.
        static func databases(_ context: CommandContext) throws -> [(label: String, settings: DatabaseSettings)] {
            var result: [(label: String, settings: DatabaseSettings)] = []
            for service in ManagedService.allCases {
                let configured: Bool
                switch service {
                case .auth: configured = context.settings.authDatabaseURL != nil
                case .booking: configured = context.settings.bookingDatabaseURL != nil
                case .food: configured = context.settings.foodDatabaseURL != nil
                }
                guard configured else { continue }
                for (label, settings) in try context.migrationDatabases(for: service)
                where !result.contains(where: { $0.settings == settings }) {
                    result.append((label, settings))
                }
            }
            return result
        }

        static func table(_ actions: [AuditAction]) -> Table {
            Table(
                headers: ["AT", "USER", "DATABASE", "TARGET", "OUTCOME", "COMMAND"],
                rows: actions.map { action in
                    let outcome: String
                    switch action.outcome {
                    case .ok: outcome = "ok"
                    case .started: outcome = "started (no outcome)"
                    case .failed: outcome = "failed (\(action.exitCode ?? 1)): \(action.message ?? "-")"
                    }
                    return [
                        Rendering.date(action.at), "\(action.user)@\(action.host)", action.database ?? "-", action.target, outcome,
                        action.commandLine,
                    ]
                })
        }
    }
}
