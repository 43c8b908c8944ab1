import Foundation

/// The rule "only an active account may order, hold or book", in one place. The stores that write on a user's behalf
/// (food's `OrderStore`, booking's `BookingStore`) call the check they were built with before writing, so the HTTP
/// path and mscli's maintenance mode refuse the same accounts with the same message. Who knows the answer differs:
/// the service asks the auth service with the caller's session (food's `UserVerifier`); mscli's maintenance mode reads
/// the auth database.
public protocol AccountCheck: Sendable {
    /// Returns when `userID` may act; throws ``AccountRule/refusal`` (403) when the account is disabled or gone.
    /// `sessionToken`: the caller's session when the request came with one (the auth service is asked with it).
    func requireActive(_ userID: UUID, sessionToken: String?) async throws
}

public enum AccountRule {
    /// What a disabled or deleted account is told, on every path.
    public static let refusalMessage = "Your account is disabled or no longer exists"

    public static var refusal: APIError { APIError.forbidden(refusalMessage) }

    /// The rule itself, for a check that has read the account's state: `isActive` nil means the directory does not
    /// hold the id (maintenance mode may name ids the auth database never saw, e.g. imported orders' users).
    public static func require(isActive: Bool?) throws {
        if isActive == false { throw refusal }
    }
}

/// No check: a service configured without the auth service (its sessions are then the only proof), or a test.
public struct UncheckedAccounts: AccountCheck {
    public init() {}
    public func requireActive(_ userID: UUID, sessionToken: String?) async throws {}
}
