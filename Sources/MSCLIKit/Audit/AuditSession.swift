import ArgumentParser
import Foundation
import Logging
import PostgresNIO
import ServiceCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a command changes data, which decides whether its run is written to the audit trail (`mscli_audit`).
public enum DataChange: Sendable {
    /// Reads only: never recorded.
    case none
    /// Changes data when run with --maintenance (over HTTP the service is the authority): recorded then, and refused
    /// on a database that has no audit table.
    case inMaintenanceMode
    /// Always works on the databases directly (`seed`): always recorded, refused without the table.
    case always
    /// Changes the schema (`migrate up/down/baseline`): always recorded, where the table exists before or after (the
    /// first `migrate up` creates it, so it cannot be required).
    case schema
}

/// One audited command run: who, what, the action id its rows share. Set for the length of the run
/// (``MSCLICommand/execute(environment:console:arguments:)``) and read where mscli opens a database
/// (``CommandContext/withDatabases(_:_:_:)``), so the recording is in one place and no command does it itself.
final class AuditSession: Sendable {
    @TaskLocal static var current: AuditSession?

    let actionID = UUID()
    let kind: DataChange
    let osUser: String
    let host: String
    let command: String
    let commandLine: String

    init(kind: DataChange, command: String, arguments: [String]) {
        self.kind = kind
        self.command = command
        // A NUL can reach mscli only through a shell script line; PostgreSQL refuses it in text, so recording the
        // run failed before the command's own input check could refuse the value (a database error instead of the
        // service's 422). The trail shows it as \0.
        self.commandLine = CommandLineMasking.maskedLine(["mscli"] + arguments).replacingOccurrences(of: "\u{0}", with: "\\0")
        self.osUser = Self.osUser()
        self.host = Self.hostName()
    }

    /// The session a run of `command` needs, or nil when the run is not audited.
    static func start(for command: some MSCLICommand, settings: Settings, arguments: [String]) -> AuditSession? {
        switch command.dataChange {
        case .none: return nil
        case .inMaintenanceMode where !settings.maintenance: return nil
        case let kind: return AuditSession(kind: kind, command: commandPath(of: type(of: command)), arguments: arguments)
        }
    }

    /// The user mscli runs as, from the password database (not `$USER`, which anyone can set).
    static func osUser() -> String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(geteuid())"
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
        return String(cString: buffer)
    }

    /// `auth users create` for ``UsersCommand/Create``: the path of names from the root command.
    static func commandPath(of type: any ParsableCommand.Type) -> String {
        func search(_ node: any ParsableCommand.Type, _ path: [String]) -> [String]? {
            if ObjectIdentifier(node) == ObjectIdentifier(type) { return path }
            for child in node.configuration.subcommands {
                if let found = search(child, path + [child._commandName]) { return found }
            }
            return nil
        }
        return search(MSCLI.self, [])?.joined(separator: " ") ?? type._commandName
    }

    static func target(_ settings: DatabaseSettings) -> String {
        "\(settings.host):\(settings.port)/\(settings.database)"
    }

    func record(_ phase: AuditRecord.Phase, in client: PostgresClient, target: String, logger: Logger, exitCode: Int32? = nil, message: String? = nil) async throws {
        try await AuditLog(client: client, logger: logger).append(
            AuditRecord(
                actionID: actionID, phase: phase, osUser: osUser, host: host, command: command, commandLine: commandLine,
                target: target, exitCode: exitCode, message: message.map(CommandLineMasking.maskedText)))
    }
}

extension CommandContext {
    /// ``withDatabases(_:_:_:)`` for one database.
    func withDatabase<T: Sendable>(
        _ service: ManagedService, _ settings: DatabaseSettings, _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        try await withDatabases(service, [settings]) { try await body($0[0]) }
    }

    /// Opens `settings` (a service's database, or a food primary and its shards) for a command, and records an
    /// audited run in each of them: a `started` row before `body`, an `ok` or `failed` row (message and exit code)
    /// after. A database without the audit table is refused before anything changes, except by `migrate`, which is
    /// how the table comes.
    func withDatabases<T: Sendable>(
        _ service: ManagedService, _ settings: [DatabaseSettings], _ body: @Sendable ([PostgresClient]) async throws -> T
    ) async throws -> T {
        let logger = self.logger
        return try await PostgresClient.withClients(settings, logger: logger) { clients in
            guard let audit = AuditSession.current else { return try await body(clients) }
            // One record per distinct database (repeated settings share a client).
            var opened: [(client: PostgresClient, target: String)] = []
            for (client, entry) in zip(clients, settings) where !opened.contains(where: { $0.client === client }) {
                opened.append((client, AuditSession.target(entry)))
            }
            var recorded: [ObjectIdentifier] = []
            for database in opened {
                if try await AuditLog(client: database.client, logger: logger).exists() {
                    try await audit.record(.started, in: database.client, target: database.target, logger: logger)
                    recorded.append(ObjectIdentifier(database.client))
                } else if audit.kind != .schema {
                    throw CLIError(
                        "\(database.target) has no audit table (mscli_audit), so a change there would go unrecorded; "
                            + "run `mscli migrate up \(service.rawValue)` first", status: .refused)
                }
            }
            let started = recorded
            func finish(_ phase: AuditRecord.Phase, _ code: Int32, _ message: String?) async {
                for database in opened {
                    // A schema run may have created the table (first `up`); its outcome is recorded then too.
                    var present = started.contains(ObjectIdentifier(database.client))
                    if !present, audit.kind == .schema {
                        present = (try? await AuditLog(client: database.client, logger: logger).exists()) == true
                    }
                    guard present else { continue }
                    do {
                        try await audit.record(phase, in: database.client, target: database.target, logger: logger, exitCode: code, message: message)
                    } catch {
                        logger.debug("could not record the outcome in \(database.target): \(error)")
                    }
                }
            }
            do {
                let result = try await body(clients)
                await finish(.ok, 0, nil)
                return result
            } catch let exit as ExitCode {
                await finish(exit.rawValue == 0 ? .ok : .failed, exit.rawValue, nil)
                throw exit
            } catch {
                let failure = Task.isCancelled ? CLIError("interrupted", status: .interrupted) : ErrorClassifier.classify(error)
                await finish(.failed, failure.status.rawValue, failure.message)
                throw error
            }
        }
    }
}
