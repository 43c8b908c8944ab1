import Foundation
import Logging
import PostgresNIO
import ServiceCore

/// Who is asking for an administrative change.
public enum Actor: Sendable, Equatable {
    /// A signed-in user; their role is read from the database, not trusted from the token.
    case user(UUID)
    /// An operator with direct database access (`mscli --maintenance`): acts as a super admin.
    case maintenanceOperator
}

/// The auth service's rules, in one place for the HTTP routes and for `mscli --maintenance`: input validation,
/// the password policy, who may manage whom, and the invariants the database alone cannot state.
///
/// Failures are ``APIError``s: the routes send them as they are, and mscli maps their status to its exit codes.
public struct UserDirectory: Sendable {
    public static let minimumPasswordLength = 8
    public static let maximumPasswordLength = 1024
    /// What a password may be: any characters but control characters (tabs and line breaks aside), at most 1,024.
    static let passwordLimit = TextLimit(maxLength: maximumPasswordLength, minLength: 0, multiline: true)
    /// A new password's schema: the limit above, and at least `minimumPasswordLength` characters.
    static var passwordSchema: String {
        passwordLimit.jsonSchema().replacingOccurrences(of: #""minLength": 0"#, with: #""minLength": \#(minimumPasswordLength)"#)
    }

    public let repository: UserRepository
    public let hasher: PasswordHasher
    private let cache: UserCache
    /// How long tokens live: a revocation is kept in the feed this long (then every token it refuses has expired).
    public let sessionLifetime: TimeInterval
    /// Called after sessions were revoked, so this instance applies the change at once (the auth service syncs
    /// its ``SessionRevocations`` from the database).
    let sessionsChanged: @Sendable () async -> Void

    /// - Parameter cacheSeconds: how long `current` may answer from memory (0: always read the database).
    public init(
        repository: UserRepository, hasher: PasswordHasher, cacheSeconds: TimeInterval = 0,
        sessionLifetime: TimeInterval = 30 * 24 * 3600, sessionsChanged: @escaping @Sendable () async -> Void = {}
    ) {
        self.repository = repository
        self.hasher = hasher
        self.cache = UserCache(ttl: cacheSeconds)
        self.sessionLifetime = sessionLifetime
        self.sessionsChanged = sessionsChanged
    }

    private var sessionsExpireAt: Date { Date().addingTimeInterval(sessionLifetime + 60) }

    // MARK: - Self-service

    /// Signup. Never grants more than `user`; asking for more is refused rather than silently ignored.
    public func register(email: String, name: String, password: String, requestedRole: String?) async throws -> User {
        if let requestedRole {
            let role = try Self.parseRole(requestedRole)
            guard role == .user else { throw APIError.forbidden("Signup cannot grant the role \(role.rawValue); an admin assigns roles") }
        }
        let (email, name) = try Self.validate(email: email, name: name, password: password)
        let hash = try await hasher.hash(password)
        return try await repository.insert(email: email, name: name, hashedPassword: hash, role: .user)
    }

    /// Checks credentials. Unknown address and wrong password give the same 400 as the seed, after the same work.
    public func authenticate(email: String, password: String) async throws -> User {
        try Self.validateCredentials(email: email, password: password)
        guard let stored = try await repository.find(email: email.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            // Same bcrypt work as a wrong password, so response time does not tell which addresses exist
            // (the seed answered an unknown address 60 times faster).
            _ = try await hasher.hash(password)
            throw APIError.badRequest("Login credentials incorrect")
        }
        guard try await hasher.verify(password, against: stored.hashedPassword) else {
            throw APIError.badRequest("Login credentials incorrect")
        }
        guard !stored.user.disabled else { throw APIError.forbidden("This account is disabled; ask an administrator") }
        return stored.user
    }

    /// The signed-in user's current record; a deleted or disabled account no longer counts as signed in.
    public func current(_ identity: AuthenticatedUser) async throws -> User {
        let repository = self.repository
        guard let user = try await cache.user(identity.id, fetch: { try await repository.find(id: identity.id)?.user }) else {
            throw APIError.notFound("User with id \(identity.id.lowercasedString) not found")
        }
        guard !user.disabled else { throw APIError.forbidden("This account is disabled; ask an administrator") }
        return user
    }

    // MARK: - Administration

    public func list(by actor: Actor, limit: Int, offset: Int, email: String? = nil) async throws -> UserPage {
        _ = try await authorize(actor)
        if let email {
            let found = try await repository.find(email: email).map { [$0.user] } ?? []
            return UserPage(items: found, total: found.count, limit: limit, offset: 0)
        }
        return try await repository.list(limit: limit, offset: offset)
    }

    public func get(by actor: Actor, id: UUID) async throws -> User {
        _ = try await authorize(actor)
        guard let stored = try await repository.find(id: id) else { throw Self.notFound(id) }
        return stored.user
    }

    public func create(by actor: Actor, email: String, name: String, password: String, role: String) async throws -> User {
        let actorRole = try await authorize(actor)
        let role = try Self.parseRole(role)
        try Self.requireCanAssign(role, actorRole: actorRole)
        let (email, name) = try Self.validate(email: email, name: name, password: password)
        let hash = try await hasher.hash(password)
        return try await repository.insert(email: email, name: name, hashedPassword: hash, role: role)
    }

    /// Changing the role ends the user's sessions (their tokens carry the old role); they sign in again.
    public func setRole(by actor: Actor, id: UUID, role: String) async throws -> User {
        let actorRole = try await authorize(actor)
        let expireAt = sessionsExpireAt
        let role = try Self.parseRole(role)
        try Self.requireCanAssign(role, actorRole: actorRole)
        try await repository.modify(id: id) { conn, target, superAdmins in
            try Self.requireCanManage(target, actor: actor, actorRole: actorRole)
            if target.role == .superAdmin, role != .superAdmin, !target.disabled, superAdmins <= 1 {
                throw Self.lastSuperAdmin(target)
            }
            try await repository.setRole(conn, id: id, role: role)
            if role != target.role { try await repository.endSessions(conn, id: id, expiresAt: expireAt) }
        }
        cache.evict(id)
        await sessionsChanged()
        return try await get(by: actor, id: id)
    }

    /// Disabling or enabling ends the user's sessions.
    public func setDisabled(by actor: Actor, id: UUID, disabled: Bool) async throws -> User {
        let actorRole = try await authorize(actor)
        let expireAt = sessionsExpireAt
        try await repository.modify(id: id) { conn, target, superAdmins in
            try Self.requireCanManage(target, actor: actor, actorRole: actorRole)
            if disabled, target.role == .superAdmin, !target.disabled, superAdmins <= 1 { throw Self.lastSuperAdmin(target) }
            try await repository.setDisabled(conn, id: id, disabled: disabled)
            if disabled != target.disabled { try await repository.endSessions(conn, id: id, expiresAt: expireAt) }
        }
        cache.evict(id)
        await sessionsChanged()
        return try await get(by: actor, id: id)
    }

    public func delete(by actor: Actor, id: UUID) async throws {
        let actorRole = try await authorize(actor)
        let expireAt = sessionsExpireAt
        try await repository.modify(id: id) { conn, target, superAdmins in
            try Self.requireCanManage(target, actor: actor, actorRole: actorRole)
            if target.role == .superAdmin, !target.disabled, superAdmins <= 1 { throw Self.lastSuperAdmin(target) }
            try await repository.recordEndedSessions(conn, id: id, minVersion: target.sessionVersion + 1, expiresAt: expireAt)
            try await repository.delete(conn, id: id)
        }
        cache.evict(id)
        await sessionsChanged()
    }

    /// Ends every session of a user at every service (an admin's "sign out everywhere"); admins manage users below
    /// them as for the other changes, and anyone may end their own sessions this way.
    public func endSessions(by actor: Actor, id: UUID) async throws -> User {
        let actorRole = try await authorize(actor)
        let expireAt = sessionsExpireAt
        try await repository.modify(id: id) { conn, target, _ in
            if case .user(let actorID) = actor, actorID == id {
                // one's own sessions: always allowed
            } else {
                try Self.requireCanManage(target, actor: actor, actorRole: actorRole)
            }
            try await repository.endSessions(conn, id: id, expiresAt: expireAt)
        }
        cache.evict(id)
        await sessionsChanged()
        return try await get(by: actor, id: id)
    }

    /// An administrator sets a user's password (forgotten, or known to be leaked): the new one must pass the password
    /// rules, and every session of the user ends at every service, as when users change it themselves. Admins manage
    /// users below them, as for the other changes; nobody resets their own password this way (they change it with
    /// the current one, `POST /auth/password`).
    public func resetPassword(by actor: Actor, id: UUID, password: String) async throws -> User {
        let actorRole = try await authorize(actor)
        try Self.validateNewPassword(password, at: ["body", "password"])
        if case .user(let actorID) = actor, actorID == id {
            throw APIError.forbidden("Change your own password with POST /auth/password (it asks for the current one)")
        }
        let hash = try await hasher.hash(password)
        let expireAt = sessionsExpireAt
        try await repository.modify(id: id) { conn, target, _ in
            try Self.requireCanManage(target, actor: actor, actorRole: actorRole)
            try await repository.setPassword(conn, id: id, hashedPassword: hash)
            try await repository.endSessions(conn, id: id, expiresAt: expireAt)
        }
        cache.evict(id)
        await sessionsChanged()
        return try await get(by: actor, id: id)
    }

    /// A signed-in user changes their password: the current one is checked, the new one must pass the password
    /// rules (length, not a common password, not the same), and every existing session ends. Returns the user
    /// with the new session version, so the caller's own session can be renewed.
    public func changePassword(_ identity: AuthenticatedUser, current: String, new: String) async throws -> User {
        guard let stored = try await repository.find(id: identity.id), !stored.user.disabled else {
            throw APIError.unauthorized("Invalid token")
        }
        try Self.validateNewPassword(new, at: ["body", "new_password"])
        guard try await hasher.verify(current, against: stored.hashedPassword) else {
            throw APIError.invalid(["body", "current_password"], "The current password is not correct", type: "value_error")
        }
        guard current != new else {
            throw APIError.invalid(["body", "new_password"], "The new password must differ from the current one", type: "value_error")
        }
        let hash = try await hasher.hash(new)
        let user = try await repository.changePassword(id: identity.id, hashedPassword: hash, sessionsExpireAt: sessionsExpireAt)
        cache.evict(identity.id)
        await sessionsChanged()
        return user
    }

    /// Logout: the token is refused from now on, here at once and at the other services within their poll interval.
    public func logout(_ identity: AuthenticatedUser) async throws {
        try await repository.revokeToken(userID: identity.id, jti: identity.tokenID, expiresAt: identity.expiresAt.addingTimeInterval(60))
        await sessionsChanged()
    }

    // MARK: - Rules

    /// The actor's role as the database has it now. Only enabled admins and super admins administer users.
    private func authorize(_ actor: Actor) async throws -> Role {
        switch actor {
        case .maintenanceOperator:
            return .superAdmin
        case .user(let id):
            guard let stored = try await repository.find(id: id), !stored.user.disabled else {
                throw APIError.unauthorized("Invalid token")
            }
            guard stored.user.role.isAdmin else { throw APIError.forbidden("This needs the admin or super_admin role") }
            return stored.user.role
        }
    }

    /// Admins hand out roles below their own; super admins any role.
    static func requireCanAssign(_ role: Role, actorRole: Role) throws {
        guard actorRole == .superAdmin || role < actorRole else {
            throw APIError.forbidden("Only a super_admin can grant the role \(role.rawValue)")
        }
    }

    /// Nobody changes their own account this way; admins manage only users below them.
    static func requireCanManage(_ target: User, actor: Actor, actorRole: Role) throws {
        if case .user(let id) = actor, id == target.id {
            throw APIError.forbidden("You cannot change your own account's role, state or existence")
        }
        guard actorRole == .superAdmin || target.role < actorRole else {
            throw APIError.forbidden("Only a super_admin can manage a user with the role \(target.role.rawValue)")
        }
    }

    static func lastSuperAdmin(_ user: User) -> APIError {
        APIError.conflict("\(user.email) is the last enabled super_admin; make another user super_admin first")
    }

    static func notFound(_ id: UUID) -> APIError { APIError.notFound("User with id \(id.lowercasedString) not found") }

    public static func parseRole(_ raw: String, field: [String] = ["body", "role"]) throws -> Role {
        guard let role = Role(rawValue: raw) else {
            throw APIError.invalid(field, "Input should be 'super_admin', 'admin', 'user' or 'moderator'", type: "enum")
        }
        return role
    }

    /// The limits of a login: an e-mail of at most 255 characters, a password of at most 1,024, neither with control
    /// characters (a wrong but well-formed pair is the seed's 400, not a 422).
    static func validateCredentials(email: String, password: String) throws {
        var check = FieldCheck()
        check.text("email", email, .line(255))
        check.text("password", password, passwordLimit)
        try check.finish()
    }

    /// Trims and checks the fields of a new account; returns the e-mail and name to store.
    static func validate(email: String, name: String, password: String) throws -> (String, String) {
        var issues: [ValidationIssue] = []
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines)
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if let issue = TextRules.issue(email, at: ["body", "email"], .line(255)) {
            issues.append(issue)
        } else if !Self.looksLikeEmail(email) {
            issues.append(.init(type: "value_error", loc: ["body", "email"], msg: "value is not a valid email address"))
        }
        if let issue = TextRules.issue(name, at: ["body", "name"], .name(255)) {
            issues.append(issue)
        }
        if let issue = passwordIssue(password, at: ["body", "password"]) { issues.append(issue) }
        if !issues.isEmpty { throw APIError(validation: issues) }
        return (email, name)
    }

    static let commonPasswordMessage =
        "This password is one of the most commonly used passwords and would be guessed first; choose another"

    /// The rules for a new password: no control characters, 8 to 1,024 characters, not on the common-password list.
    static func passwordIssue(_ password: String, at loc: [String]) -> ValidationIssue? {
        if let bad = TextRules.forbiddenCharacter(in: password, allowingLineBreaks: true) {
            return TextRules.issue(String(bad), at: loc, passwordLimit)!
        } else if password.count < minimumPasswordLength {
            return .init(type: "string_too_short", loc: loc, msg: "Password must be at least \(minimumPasswordLength) characters")
        } else if password.count > maximumPasswordLength {
            return .init(type: "string_too_long", loc: loc, msg: "Password must be at most \(maximumPasswordLength) characters")
        } else if CommonPasswords.contains(password) {
            return .init(type: "password_too_common", loc: loc, msg: commonPasswordMessage)
        }
        return nil
    }

    static func validateNewPassword(_ password: String, at loc: [String]) throws {
        if let issue = passwordIssue(password, at: loc) { throw APIError(validation: [issue]) }
    }

    static func looksLikeEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".")
        else { return false }
        return !s.contains(where: { $0.isWhitespace || $0.isNewline })
    }
}
