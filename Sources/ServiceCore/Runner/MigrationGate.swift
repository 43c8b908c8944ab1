import Logging
import PostgresNIO

/// The schema check every service passes before its server starts, for each of its databases: the database must
/// answer (``PostgresClient/probe(_:logger:)``), then pending migrations are applied (`--migrate`,
/// `MIGRATE_ON_START`) or the service refuses to start with the ``MigrationError`` that names them.
public enum MigrationGate {
    public static func pass(
        _ settings: DatabaseSettings, client: PostgresClient, migrations: MigrationSet, migrate: Bool, logger: Logger
    ) async throws {
        try await PostgresClient.probe(settings, logger: logger)
        let migrator = Migrator(client: client, set: migrations, logger: logger)
        if migrate {
            try await migrator.up()
        } else {
            try await migrator.requireCurrent()
        }
    }
}
