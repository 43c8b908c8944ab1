import Foundation
import ServiceCore

/// ``AccountCheck`` read from the auth database itself: how mscli's maintenance mode applies "only an active account
/// may order, hold or book" when it acts for a `--user-id` in the food or booking database (over HTTP the services
/// ask the auth service, or rely on the revoked session). A disabled account is refused; an id the database does not
/// hold passes (``AccountRule/require(isActive:)``).
public struct AuthDatabaseAccounts: AccountCheck {
    let repository: UserRepository

    public init(repository: UserRepository) { self.repository = repository }

    public func requireActive(_ userID: UUID, sessionToken: String?) async throws {
        try AccountRule.require(isActive: try await repository.find(id: userID).map { !$0.user.disabled })
    }
}
