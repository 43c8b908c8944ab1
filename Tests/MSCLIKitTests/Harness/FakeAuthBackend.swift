import AuthService
import Foundation
import ServiceCore

@testable import MSCLIKit

/// An AuthBackend that answers only what a test sets (`on…` handlers, one per method of the protocol) and fails the test on
/// any other call (``answer(_:_:function:)``), so a command test states every call it expects of the auth service.
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

    func candidates(_ kind: IdentifierKind, matching text: String, limit: Int) async throws -> [Candidate] { try await answer(onCandidates, kind, text, limit) }
    func users(withEmail email: String) async throws -> [User] { try await answer(onUsers, email) }
    func register(email: String, name: String, password: String) async throws -> RegisteredUser { try await answer(onRegister, email, name, password) }
    func list(limit: Int, offset: Int) async throws -> UserPage { try await answer(onList, limit, offset) }
    func get(_ user: UserReference) async throws -> User { try await answer(onGet, user) }
    func create(email: String, name: String, password: String, role: Role) async throws -> User { try await answer(onCreate, email, name, password, role) }
    func setRole(_ user: UserReference, role: Role) async throws -> User { try await answer(onSetRole, user, role) }
    func setDisabled(_ user: UserReference, disabled: Bool) async throws -> User { try await answer(onSetDisabled, user, disabled) }
    func delete(_ user: UserReference) async throws { try await answer(onDelete, user) }
    func endSessions(_ user: UserReference) async throws -> User { try await answer(onEndSessions, user) }
    func resetPassword(_ user: UserReference, password: String) async throws -> User { try await answer(onResetPassword, user, password) }
}
