import Foundation
import Logging
import PostgresNIO

/// One row mscli appends to `mscli_audit`: who ran what against which database, and (after) how it ended.
public struct AuditRecord: Sendable, Equatable {
    public enum Phase: String, Sendable, Codable { case started, ok, failed }

    public var actionID: UUID
    public var phase: Phase
    public var osUser: String
    public var host: String
    public var command: String
    /// Already masked (``CommandLineMasking``): the table never sees a password.
    public var commandLine: String
    public var target: String
    public var exitCode: Int32?
    public var message: String?

    public init(
        actionID: UUID, phase: Phase, osUser: String, host: String, command: String, commandLine: String, target: String,
        exitCode: Int32? = nil, message: String? = nil
    ) {
        self.actionID = actionID
        self.phase = phase
        self.osUser = osUser
        self.host = host
        self.command = command
        self.commandLine = commandLine
        self.target = target
        self.exitCode = exitCode
        self.message = message
    }
}

/// One action as `mscli audit list` shows it: its `started` row and its outcome row (if any) in one database.
public struct AuditAction: Sendable, Codable, Equatable {
    /// Lower-case, as the services print ids.
    public var actionID: String
    public var at: Date
    public var finishedAt: Date?
    public var user: String
    public var host: String
    public var command: String
    public var commandLine: String
    public var target: String
    /// `ok`, `failed`, or `started` when no outcome was written (the process died, or lost the database, mid-way).
    public var outcome: AuditRecord.Phase
    public var exitCode: Int32?
    public var message: String?
    /// Which configured database the row came from (`auth`, `food shard 1`, …); set by the reader's caller.
    public var database: String?

    enum CodingKeys: String, CodingKey {
        case at, user, host, command, target, outcome, message, database
        case actionID = "action_id"
        case finishedAt = "finished_at"
        case commandLine = "command_line"
        case exitCode = "exit_code"
    }
}

/// Which actions to read. Every field narrows; nil means "any".
public struct AuditFilter: Sendable, Equatable {
    public var since: Date?
    public var until: Date?
    /// The OS user, or `user@host`.
    public var user: String?
    /// A piece of the command line (case-insensitive): `auth users` matches `mscli auth users create …`.
    public var command: String?
    public var limit: Int

    public init(since: Date? = nil, until: Date? = nil, user: String? = nil, command: String? = nil, limit: Int = 50) {
        self.since = since
        self.until = until
        self.user = user
        self.command = command
        self.limit = limit
    }
}

/// Appends to and reads one database's `mscli_audit`.
public struct AuditLog: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Whether the database has the table (its service's migrations are recent enough).
    public func exists() async throws -> Bool {
        try await client.values("SELECT to_regclass('public.mscli_audit') IS NOT NULL", as: Bool.self, logger: logger).first ?? false
    }

    /// Appends one row in its own statement (autocommit): it stays even when the change that follows fails or the
    /// process dies.
    public func append(_ record: AuditRecord) async throws {
        try await client.run(
            """
            INSERT INTO mscli_audit (action_id, phase, os_user, host, command, command_line, target, exit_code, message)
            VALUES (\(record.actionID), \(record.phase.rawValue), \(record.osUser), \(record.host), \(record.command),
                    \(record.commandLine), \(record.target), \(record.exitCode.map(Int.init)), \(record.message))
            """, logger: logger)
    }

    /// The newest actions first, at most `filter.limit`, each with its outcome.
    public func actions(_ filter: AuditFilter) async throws -> [AuditAction] {
        let user = filter.user ?? ""
        let command = (filter.command ?? "").lowercased()
        let rows = try await client.rows(
            """
            SELECT action_id, min(at), max(at) FILTER (WHERE phase <> 'started'),
                   (array_agg(os_user ORDER BY id))[1], (array_agg(host ORDER BY id))[1],
                   (array_agg(command ORDER BY id))[1], (array_agg(command_line ORDER BY id))[1],
                   (array_agg(target ORDER BY id))[1], (array_agg(phase ORDER BY id DESC))[1],
                   (array_agg(exit_code ORDER BY id DESC))[1], (array_agg(message ORDER BY id DESC))[1]
            FROM mscli_audit
            WHERE (\(user) = '' OR os_user = \(user) OR os_user || '@' || host = \(user))
              AND (\(command) = '' OR strpos(lower(command_line), \(command)) > 0)
            GROUP BY action_id
            HAVING (\(filter.since)::timestamptz IS NULL OR min(at) >= \(filter.since))
               AND (\(filter.until)::timestamptz IS NULL OR min(at) <= \(filter.until))
            ORDER BY min(at) DESC, action_id
            LIMIT \(filter.limit)
            """, logger: logger)
        var actions: [AuditAction] = []
        for row in rows {
            var cells = Cells(row)
            actions.append(
                AuditAction(
                    actionID: try cells.next(UUID.self).lowercasedString, at: try cells.next(), finishedAt: try cells.next(), user: try cells.next(),
                    host: try cells.next(), command: try cells.next(), commandLine: try cells.next(), target: try cells.next(),
                    outcome: AuditRecord.Phase(rawValue: try cells.next(String.self)) ?? .started,
                    exitCode: try cells.next(Int32?.self), message: try cells.next(), database: nil))
        }
        return actions
    }
}
