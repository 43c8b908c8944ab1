import PostgresNIO
import ServiceCore

/// Schema changes go to the primary only. Behind HAProxy's read-only port, or with a URL that names a replica, a
/// migration would otherwise fail half-way with PostgreSQL's "cannot execute ... in a read-only transaction" (after
/// the audit row, or worse, between two databases of a food run); this asks the server first.
enum PrimaryCheck {
    /// Throws a refusal when `settings` reach a server in recovery (`pg_is_in_recovery()`: a streaming replica or a
    /// standby).
    static func requirePrimary(_ settings: DatabaseSettings, _ context: CommandContext) async throws {
        let inRecovery = try await PostgresClient.withClient(settings, logger: context.logger) { client in
            try await client.values("SELECT pg_is_in_recovery()", as: Bool.self, logger: context.logger).first ?? false
        }
        if inRecovery {
            throw CLIError(
                "\(Targets.database(settings)) is a read-only replica (pg_is_in_recovery() is true): migrations run on the primary only; "
                    + "use the primary's address (HAProxy's read-write port, or a multi-host URL with target_session_attrs=read-write)",
                status: .refused)
        }
    }
}
