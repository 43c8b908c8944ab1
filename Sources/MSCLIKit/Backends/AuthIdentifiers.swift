import AuthService
import Foundation

/// The auth service's human identifier: a user's e-mail address (unique in any case). Over HTTP the `?email=`
/// filter of `GET /auth/users/` (an admin session), in maintenance mode the same ``UserDirectory`` lookup.
extension AuthBackend {
    public func candidates(_ kind: IdentifierKind, matching text: String, limit: Int) async throws -> [Candidate] {
        guard kind == .user else { throw CLIError("the auth service keeps no \(kind.plural)", status: .failure) }
        return try await users(withEmail: text).map { Candidate(id: $0.id, cells: [$0.email, $0.name, $0.role.rawValue]) }
    }
}

extension HTTPAuthBackend {
    func users(withEmail email: String) async throws -> [User] {
        try http.decode(UserPage.self, from: try await http.send(.GET, "/auth/users/", query: [("email", email)])).items
    }
}

extension MaintenanceAuthBackend {
    func users(withEmail email: String) async throws -> [User] {
        try await directory.list(by: .maintenanceOperator, limit: 1, offset: 0, email: email).items
    }
}
