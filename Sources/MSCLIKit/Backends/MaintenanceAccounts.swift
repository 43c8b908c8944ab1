import AuthService
import Foundation
import PostgresNIO
import ServiceCore

/// The account rule (``AccountRule``) for maintenance mode, which acts for a `--user-id` in the food or booking
/// database: the auth database says whether that account is disabled (``AuthDatabaseAccounts``). It is opened only
/// when a store asks, and only when one is configured (a profile without the auth database cannot tell, as a service
/// without `AUTH_SERVICE_URL` cannot). An auth database without the users table holds no account yet.
struct MaintenanceAccounts: AccountCheck {
    let context: CommandContext

    func requireActive(_ userID: UUID, sessionToken: String?) async throws {
        guard context.hasDatabase(for: .auth) else { return }
        let settings = try context.databaseSettings(for: .auth)
        let logger = context.logger
        try await PostgresClient.withClients([settings], logger: logger) { clients in
            do {
                try await AuthDatabaseAccounts(repository: UserRepository(client: clients[0], logger: logger))
                    .requireActive(userID, sessionToken: nil)
            } catch where PostgresErrorText.sqlState(error) == "42P01" {
                // undefined_table: `mscli migrate up auth` has not run there.
            }
        }
    }
}
