import AuthService
import Foundation
import ServiceCore

@testable import MSCLIKit

/// An AuthBackend that answers only what a test sets (`on…` handlers, one per method of the protocol) and fails the test on
/// any other call (``unmocked(_:)``), so a command test states every call it expects of the auth service.
/// A method added to the protocol is a compile error here until it gets its handler.
struct FakeAuthBackend: AuthBackend {
    var onCandidates: (@Sendable (IdentifierKind, String, Int) async throws -> [Candidate])?
    var onUsers: (@Sendable (String) async throws -> [User])?
    var onRegister: (@Sendable (String, String, String) async throws -> RegisteredUser)?
    var onList: (@Sendable (Int, Int) async throws -> UserPage)?
    var onGet: (@Sendable (UserReference) async throws -> User)?
    var onCreate: (@Sendable (String, String, String, Role) async throws -> User)?
    var onSetRole: (@Sendable (UserReference, Role) async throws -> User)?
    var onSetDisabled: (@Sendable (UserReference, Bool) async throws -> User)?
    var onDelete: (@Sendable (UserReference) async throws -> Void)?
    var onEndSessions: (@Sendable (UserReference) async throws -> User)?
    var onResetPassword: (@Sendable (UserReference, String) async throws -> User)?

    func candidates(_ kind: IdentifierKind, matching text: String, limit: Int) async throws -> [Candidate] {
        guard let onCandidates else { throw unmocked("candidates(_:matching:limit:)") }
        return try await onCandidates(kind, text, limit)
    }

    func users(withEmail email: String) async throws -> [User] {
        guard let onUsers else { throw unmocked("users(withEmail:)") }
        return try await onUsers(email)
    }

    func register(email: String, name: String, password: String) async throws -> RegisteredUser {
        guard let onRegister else { throw unmocked("register(email:name:password:)") }
        return try await onRegister(email, name, password)
    }

    func list(limit: Int, offset: Int) async throws -> UserPage {
        guard let onList else { throw unmocked("list(limit:offset:)") }
        return try await onList(limit, offset)
    }

    func get(_ user: UserReference) async throws -> User {
        guard let onGet else { throw unmocked("get(_:)") }
        return try await onGet(user)
    }

    func create(email: String, name: String, password: String, role: Role) async throws -> User {
        guard let onCreate else { throw unmocked("create(email:name:password:role:)") }
        return try await onCreate(email, name, password, role)
    }

    func setRole(_ user: UserReference, role: Role) async throws -> User {
        guard let onSetRole else { throw unmocked("setRole(_:role:)") }
        return try await onSetRole(user, role)
    }

    func setDisabled(_ user: UserReference, disabled: Bool) async throws -> User {
        guard let onSetDisabled else { throw unmocked("setDisabled(_:disabled:)") }
        return try await onSetDisabled(user, disabled)
    }

    func delete(_ user: UserReference) async throws {
        guard let onDelete else { throw unmocked("delete(_:)") }
        try await onDelete(user)
    }

    func endSessions(_ user: UserReference) async throws -> User {
        guard let onEndSessions else { throw unmocked("endSessions(_:)") }
        return try await onEndSessions(user)
    }

    func resetPassword(_ user: UserReference, password: String) async throws -> User {
        guard let onResetPassword else { throw unmocked("resetPassword(_:password:)") }
        return try await onResetPassword(user, password)
    }
}
