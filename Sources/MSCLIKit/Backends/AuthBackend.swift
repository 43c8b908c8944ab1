import AuthService
import Foundation
import Logging
import PostgresNIO
import ServiceCore

/// A user named on the command line: by id, or by e-mail address.
public enum UserReference: Sendable, Equatable {
    case id(UUID)
    case email(String)

    public init(_ text: String) {
        if let id = UUID(uuidString: text) { self = .id(id) } else { self = .email(text) }
    }
}

/// What signup answers: the seed's `{id, email, name}` and the role.
public struct RegisteredUser: Codable, Sendable, Equatable {
    public var id: UUID
    public var email: String
    public var name: String
    public var role: Role

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id.lowercasedString, forKey: .id)
        try c.encode(email, forKey: .email)
        try c.encode(name, forKey: .name)
        try c.encode(role, forKey: .role)
    }
}

/// What `mscli auth users` does, whichever way it reaches the auth service. Both implementations end in the same
/// rules (``UserDirectory``): over HTTP the service applies them; in maintenance mode mscli calls them directly.
public protocol AuthBackend: IdentifierLookup {
    /// The user with this e-mail address (any case), or none: what resolves `--user-id ana@example.com`.
    func users(withEmail email: String) async throws -> [User]
    func register(email: String, name: String, password: String) async throws -> RegisteredUser
    func list(limit: Int, offset: Int) async throws -> UserPage
    func get(_ user: UserReference) async throws -> User
    func create(email: String, name: String, password: String, role: Role) async throws -> User
    func setRole(_ user: UserReference, role: Role) async throws -> User
    func setDisabled(_ user: UserReference, disabled: Bool) async throws -> User
    func delete(_ user: UserReference) async throws
    func endSessions(_ user: UserReference) async throws -> User
    /// Sets the password and ends every session of the user.
    func resetPassword(_ user: UserReference, password: String) async throws -> User
}

/// Runs `body` with the backend the settings select, and closes what it opened.
func withAuthBackend<T: Sendable>(
    _ context: CommandContext, requireSession: Bool = true, _ body: @Sendable (any AuthBackend) async throws -> T
) async throws -> T {
    if let override = context.backends.auth { return try await body(override) }
    if context.settings.maintenance {
        let settings = try context.databaseSettings(for: .auth)
        // Read before anything opens: an out-of-range value is refused as the service refuses it (exit 64).
        let cost = try AuthConfiguration.bcryptCost(EnvironmentReader(context.settings.environment)) ?? PasswordHasher.defaultCost
        return try await context.withDatabase(.auth, settings) { client in
            let directory = UserDirectory(
                repository: UserRepository(client: client, logger: context.logger), hasher: PasswordHasher(cost: cost))
            return try await body(MaintenanceAuthBackend(directory: directory))
        }
    }
    let token = try context.sessionToken(required: requireSession)
    return try await body(HTTPAuthBackend(http: ServiceHTTPClient(baseURL: context.settings.authURL, token: token, on: context)))
}

extension CommandContext {
    /// The stored session's token (or `MSCLI_TOKEN`), refusing with exit 4 when there is none and one is required.
    func sessionToken(required: Bool) throws -> String? {
        if let token = settings.environment["MSCLI_TOKEN"], !token.isEmpty { return token }
        let session = try storedSession()
        if session == nil, required, let stored = try sessions.load(profile: settings.profileName) {
            // Issued by another auth service than the one this command talks to: it is never sent there.
            throw CLIError(
                "the session of profile \(settings.profileName) was issued by \(Targets.service(stored.authURL)), not by "
                    + "\(Targets.service(settings.authURL)); run `mscli auth login` for this environment, or choose the profile with -p",
                status: .refused)
        }
        if let session, let expiry = session.expiresAt, expiry < Date(), required {
            throw CLIError(
                "the session of \(session.email) expired at \(Rendering.date(expiry)); run `mscli auth login`", status: .refused)
        }
        if session == nil, required {
            throw CLIError(
                "not logged in (profile \(settings.profileName)); run `mscli auth login`, or use --maintenance with database access",
                status: .refused)
        }
        return session?.token
    }

    /// The profile's stored session when it was issued for this command's environment, nil otherwise: a session is
    /// only ever sent to the auth service that issued it (and to the services beside it). In environment-variable
    /// mode this is how the current profile's session is used only when its auth_url is the resolved one.
    func storedSession() throws -> StoredSession? {
        guard let session = try sessions.load(profile: settings.profileName) else { return nil }
        return Self.sameService(session.authURL, settings.authURL) ? session : nil
    }

    /// Two service URLs that differ only by a trailing slash or the case of scheme and host are the same service.
    static func sameService(_ a: String, _ b: String) -> Bool {
        func normal(_ url: String) -> String {
            var text = Targets.service(url)
            if let components = URLComponents(string: text), let scheme = components.scheme, let host = components.host {
                var copy = components
                copy.scheme = scheme.lowercased()
                copy.host = host.lowercased()
                text = copy.string ?? text
            }
            return text
        }
        return normal(a) == normal(b)
    }
}

struct HTTPAuthBackend: AuthBackend {
    let http: ServiceHTTPClient

    struct SignupBody: Encodable, Sendable { var email, name, password: String }
    struct CreateBody: Encodable, Sendable { var email, name, password, role: String }
    struct RoleBody: Encodable, Sendable { var role: String }
    func register(email: String, name: String, password: String) async throws -> RegisteredUser {
        let reply = try await http.send(.POST, "/auth/", json: SignupBody(email: email, name: name, password: password))
        return try http.decode(RegisteredUser.self, from: reply)
    }

    func list(limit: Int, offset: Int) async throws -> UserPage {
        try http.decode(UserPage.self, from: try await http.send(.GET, "/auth/users/", query: [("limit", "\(limit)"), ("offset", "\(offset)")]))
    }

    func resolve(_ user: UserReference) async throws -> UUID {
        switch user {
        case .id(let id): return id
        case .email(let email):
            let page = try http.decode(UserPage.self, from: try await http.send(.GET, "/auth/users/", query: [("email", email)]))
            guard let found = page.items.first else { throw APIError.notFound("No user with the email \(email)") }
            return found.id
        }
    }

    func get(_ user: UserReference) async throws -> User {
        let id = try await resolve(user)
        return try http.decode(User.self, from: try await http.send(.GET, "/auth/users/\(id.lowercasedString)"))
    }

    func create(email: String, name: String, password: String, role: Role) async throws -> User {
        let body = CreateBody(email: email, name: name, password: password, role: role.rawValue)
        return try http.decode(User.self, from: try await http.send(.POST, "/auth/users/", json: body))
    }

    func setRole(_ user: UserReference, role: Role) async throws -> User {
        let id = try await resolve(user)
        return try http.decode(
            User.self, from: try await http.send(.PUT, "/auth/users/\(id.lowercasedString)/role", json: RoleBody(role: role.rawValue)))
    }

    func setDisabled(_ user: UserReference, disabled: Bool) async throws -> User {
        let id = try await resolve(user)
        return try http.decode(
            User.self, from: try await http.send(.POST, "/auth/users/\(id.lowercasedString)/\(disabled ? "disable" : "enable")"))
    }

    func delete(_ user: UserReference) async throws {
        let id = try await resolve(user)
        _ = try await http.send(.DELETE, "/auth/users/\(id.lowercasedString)")
    }

    func endSessions(_ user: UserReference) async throws -> User {
        let id = try await resolve(user)
        return try http.decode(User.self, from: try await http.send(.POST, "/auth/users/\(id.lowercasedString)/end-sessions"))
    }

    struct PasswordBody: Encodable, Sendable { var password: String }
    func resetPassword(_ user: UserReference, password: String) async throws -> User {
        let id = try await resolve(user)
        return try http.decode(
            User.self, from: try await http.send(.PUT, "/auth/users/\(id.lowercasedString)/password", json: PasswordBody(password: password)))
    }
}

/// Maintenance mode: the auth library against the auth database, acting as an operator (super admin rights).
/// This is how the first super_admin of a new system is made.
struct MaintenanceAuthBackend: AuthBackend {
    let directory: UserDirectory

    func register(email: String, name: String, password: String) async throws -> RegisteredUser {
        let user = try await directory.register(email: email, name: name, password: password, requestedRole: nil)
        return RegisteredUser(id: user.id, email: user.email, name: user.name, role: user.role)
    }

    func list(limit: Int, offset: Int) async throws -> UserPage {
        try await directory.list(by: .maintenanceOperator, limit: limit, offset: offset)
    }

    func resolve(_ user: UserReference) async throws -> UUID {
        switch user {
        case .id(let id): return id
        case .email(let email):
            guard let found = try await directory.list(by: .maintenanceOperator, limit: 1, offset: 0, email: email).items.first else {
                throw APIError.notFound("No user with the email \(email)")
            }
            return found.id
        }
    }

    func get(_ user: UserReference) async throws -> User {
        try await directory.get(by: .maintenanceOperator, id: try await resolve(user))
    }

    func create(email: String, name: String, password: String, role: Role) async throws -> User {
        try await directory.create(by: .maintenanceOperator, email: email, name: name, password: password, role: role.rawValue)
    }

    func setRole(_ user: UserReference, role: Role) async throws -> User {
        try await directory.setRole(by: .maintenanceOperator, id: try await resolve(user), role: role.rawValue)
    }

    func setDisabled(_ user: UserReference, disabled: Bool) async throws -> User {
        try await directory.setDisabled(by: .maintenanceOperator, id: try await resolve(user), disabled: disabled)
    }

    func delete(_ user: UserReference) async throws {
        try await directory.delete(by: .maintenanceOperator, id: try await resolve(user))
    }

    func endSessions(_ user: UserReference) async throws -> User {
        try await directory.endSessions(by: .maintenanceOperator, id: try await resolve(user))
    }

    func resetPassword(_ user: UserReference, password: String) async throws -> User {
        try await directory.resetPassword(by: .maintenanceOperator, id: try await resolve(user), password: password)
    }
}
