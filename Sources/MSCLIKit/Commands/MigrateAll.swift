import ArgumentParser
import Foundation
import PostgresNIO
import ServiceCore

/// One service, or `--all`: what `migrate status|up|verify` act on.
struct MigrationTargets: ParsableArguments {
    @Argument(help: "Service whose database to use: \(ManagedService.allCases.map(\.rawValue).joined(separator: ", ")).")
    var service: ManagedService?
    @Flag(help: "Every service: auth, booking and food (its primary and every shard), one line per database.")
    var all = false

    func validate() throws {
        if all, service != nil { throw ValidationError("name a service or pass --all, not both") }
        if !all, service == nil { throw ValidationError("name a service (\(ManagedService.allCases.map(\.rawValue).joined(separator: ", "))) or pass --all") }
    }

    /// The single service's target (when not `--all`).
    var single: MigrationTarget {
        var target = MigrationTarget()
        target.service = service ?? .auth
        return target
    }
}

/// `migrate status|up|verify --all`: every database of every service in turn, each reported on its own line whether
/// it worked or not, so one broken shard does not hide the state of the others. The exit code is the worst of them.
enum MigrateAll {
    enum Action: Sendable {
        case status(check: Bool)
        case up
        case verify
    }

    struct Line: Codable, Sendable {
        var service: String
        var database: String
        var target: String
        var exitCode: Int32
        var result: String
        var applied: Int?
        var pending: Int?

        enum CodingKeys: String, CodingKey {
            case service, database, target, result, applied, pending
            case exitCode = "exit_code"
        }
    }

    static func run(_ action: Action, _ context: CommandContext) async throws {
        var lines: [Line] = []
        var recordLayout = false
        for service in ManagedService.allCases {
            let databases: [(label: String, settings: DatabaseSettings)]
            do {
                databases = try context.migrationDatabases(for: service)
            } catch {
                let failure = ErrorClassifier.classify(error)
                lines.append(Line(service: service.rawValue, database: service.rawValue, target: "-", exitCode: failure.status.rawValue, result: failure.message))
                continue
            }
            // Food: the shard list must be the layout the databases record (as for `migrate up food`), else none of
            // its databases is touched; `up` records the layout when none is recorded yet.
            if service == .food {
                do {
                    try await context.checkFoodShardLayout(record: false)
                } catch {
                    let failure = ErrorClassifier.classify(error)
                    lines.append(Line(service: "food", database: "food shard layout", target: "-", exitCode: failure.status.rawValue, result: failure.message))
                    continue
                }
            }
            let before = lines.count
            defer {
                if service == .food, case .up = action, lines[before...].allSatisfy({ $0.exitCode == 0 }) {
                    recordLayout = true
                }
            }
            for (label, settings) in databases {
                let target = AuditSession.target(settings)
                do {
                    if case .up = action { try await PrimaryCheck.requirePrimary(settings, context) }
                    let line = try await context.withDatabase(service, settings) { client in
                        try await perform(action, Migrator(client: client, set: service.migrations, logger: context.logger))
                    }
                    lines.append(Line(service: service.rawValue, database: label, target: target, exitCode: line.code, result: line.text, applied: line.applied, pending: line.pending))
                } catch {
                    let failure = ErrorClassifier.classify(error)
                    lines.append(Line(service: service.rawValue, database: label, target: target, exitCode: failure.status.rawValue, result: failure.message))
                }
            }
        }
        if recordLayout {
            do {
                try await context.checkFoodShardLayout(record: true)
            } catch {
                let failure = ErrorClassifier.classify(error)
                lines.append(Line(service: "food", database: "food shard layout", target: "-", exitCode: failure.status.rawValue, result: failure.message))
            }
        }
        try context.output(lines) { lines in
            Table(headers: ["DATABASE", "TARGET", "RESULT"], rows: lines.map { [$0.database, $0.target, $0.result] })
        }
        let worst = lines.map(\.exitCode).max() ?? 0
        if worst != 0 {
            let failed = lines.filter { $0.exitCode != 0 }.map(\.database)
            throw CLIError("\(failed.count) of \(lines.count) database(s) not as expected: \(failed.joined(separator: ", "))", status: ExitStatus(rawValue: worst) ?? .failure)
        }
    }

    static func perform(_ action: Action, _ migrator: Migrator) async throws -> (code: Int32, text: String, applied: Int, pending: Int) {
        switch action {
        case .status(let check):
            let status = try await migrator.status()
            let applied = status.filter { $0.state == .applied }.count
            let pending = status.filter { $0.state == .pending }.count
            let odd = status.filter { $0.state == .changed || $0.state == .unknown }
            var text = "\(applied) applied, \(pending) pending"
            if !odd.isEmpty { text += ", \(odd.count) changed or unknown (run `mscli migrate verify`)" }
            let code: ExitStatus = !check ? .success : !odd.isEmpty ? .failure : pending > 0 ? .pending : .success
            return (code.rawValue, text, applied, pending)
        case .up:
            let steps = try await migrator.up()
            let status = try await migrator.status()
            return (0, steps.isEmpty ? "up to date" : "applied \(steps.count) migration(s)", status.filter { $0.state == .applied }.count, 0)
        case .verify:
            let status = try await migrator.verify()
            let applied = status.filter { $0.state == .applied }.count
            return (0, "\(applied) applied migration(s) verified, \(status.count - applied) pending", applied, status.count - applied)
        }
    }
}

extension MigrateCommand {
    struct Wait: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Wait until the databases accept connections (like `dbmate wait`).",
            discussion: """
                Tries each database (food: its primary and every shard) every half second until it answers or \
                --timeout passes. Without SERVICE, or with --all: every service. Exit 5 on timeout, naming the \
                databases that did not answer and why.

                Examples:
                  mscli migrate wait --all --timeout 60s
                  mscli migrate wait auth booking --timeout 2m && mscli migrate up --all
                """)
        @Argument(help: "Services whose databases to wait for (default: all).") var services: [ManagedService] = []
        @Flag(help: "Every service (the default when none is named).") var all = false
        @Option(help: ArgumentHelp("How long to wait: 90s, 2m, or seconds.", valueName: "duration")) var timeout = "60s"
        @OptionGroup var global: GlobalOptions

        struct NoAnswer: Error {}

        func validate() throws {
            if all, !services.isEmpty { throw ValidationError("name services or pass --all, not both") }
            guard let seconds = DurationText.seconds(timeout), seconds > 0 else {
                throw ValidationError("--timeout \(timeout.debugDescription) is not a duration such as 60s or 2m")
            }
            _ = seconds
        }

        func run(_ context: CommandContext) async throws {
            let seconds = DurationText.seconds(timeout) ?? 60
            let chosen = services.isEmpty ? ManagedService.allCases : services.reduce(into: [ManagedService]()) { if !$0.contains($1) { $0.append($1) } }
            // The settings as configured, not yet resolved: libpq resolves a setting by connecting (it reads
            // .pgpass, service files, multi-host lists), so resolving is part of what is waited for.
            var waiting: [(label: String, setting: String?)] = []
            for service in chosen {
                guard context.hasDatabase(for: service) else {
                    _ = try context.databaseSettings(for: service)  // the usage error that names the setting to give
                    continue
                }
                var settings: [(label: String, setting: String?)] = [(service == .food ? "food primary" : service.rawValue, context.databaseURL(for: service))]
                if service == .food {
                    settings += context.settings.foodShardURLs.enumerated().map { ("food shard \($0.offset)", $0.element) }
                }
                for entry in settings where !waiting.contains(where: { $0.setting == entry.setting }) { waiting.append(entry) }
            }
            let resolver = ConnectionResolver(environment: context.settings.environment)
            let start = ContinuousClock.now
            let deadline = start + .milliseconds(Int(seconds * 1000))
            var lastError: [String: String] = [:]
            while !waiting.isEmpty {
                var still: [(label: String, setting: String?)] = []
                for database in waiting {
                    let remaining = deadline - ContinuousClock.now
                    do {
                        guard remaining > .zero else { throw NoAnswer() }
                        guard let settings = try resolver.resolve(database.setting, label: database.label) else {
                            throw CLIError.usage("no database setting for \(database.label)")
                        }
                        try await withTimeout(min(remaining, .seconds(10))) { try await PostgresClient.probe(settings, logger: context.logger) }
                        let waited = (ContinuousClock.now - start).seconds
                        context.message("\(database.label) (\(AuditSession.target(settings))): accepting connections after \(String(format: "%.1f", waited)) s")
                    } catch {
                        if !(error is TimeoutError || error is NoAnswer) {
                            let failure = ErrorClassifier.classify(error)
                            // A setting libpq cannot use, or a server that answered and refused the login: waiting
                            // longer changes nothing.
                            if failure.status == .usage || failure.status == .refused { throw failure }
                            lastError[database.label] = failure.message
                        } else {
                            lastError[database.label] = "no answer"
                        }
                        still.append(database)
                    }
                }
                waiting = still
                if waiting.isEmpty { break }
                if ContinuousClock.now >= deadline {
                    let names = waiting.map { "\($0.label) (\(Secrets.mask($0.setting ?? "libpq defaults"))): \(lastError[$0.label] ?? "no answer")" }
                    throw CLIError("timed out after \(timeout): \(names.joined(separator: "; "))", status: .unreachable)
                }
                try await Task.sleep(for: .milliseconds(500))
            }
        }
    }
}
