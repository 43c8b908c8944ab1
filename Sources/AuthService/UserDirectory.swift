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

    /// - Parameter cacheSeconds: how long `current` may answer from memory (0: always read the database).
    public init(repository: UserRepository, hasher: PasswordHasher, cacheSeconds: TimeInterval = 0) {
        self.repository = repository
        self.hasher = hasher
        self.cache = UserCache(ttl: cacheSeconds)
    }

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
            throw APIError.notFound("User with id \(identity.id.uuidString.lowercased()) not found")
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

    public func setRole(by actor: Actor, id: UUID, role: String) async throws -> User {
        let actorRole = try await authorize(actor)
        let role = try Self.parseRole(role)
        try Self.requireCanAssign(role, actorRole: actorRole)
        try await repository.modify(id: id) { conn, target, superAdmins in
            try Self.requireCanManage(target, actor: actor, actorRole: actorRole)
            if target.role == .superAdmin, role != .superAdmin, !target.disabled, superAdmins <= 1 {
                throw Self.lastSuperAdmin(target)
            }
            try await repository.setRole(conn, id: id, role: role)
        }
        cache.evict(id)
        return try await get(by: actor, id: id)
    }

    public func setDisabled(by actor: Actor, id: UUID, disabled: Bool) async throws -> User {
        let actorRole = try await authorize(actor)
        try await repository.modify(id: id) { conn, target, superAdmins in
            try Self.requireCanManage(target, actor: actor, actorRole: actorRole)
            if disabled, target.role == .superAdmin, !target.disabled, superAdmins <= 1 { throw Self.lastSuperAdmin(target) }
            try await repository.setDisabled(conn, id: id, disabled: disabled)
        }
        cache.evict(id)
        return try await get(by: actor, id: id)
    }

    public func delete(by actor: Actor, id: UUID) async throws {
        let actorRole = try await authorize(actor)
        try await repository.modify(id: id) { conn, target, superAdmins in
            try Self.requireCanManage(target, actor: actor, actorRole: actorRole)
            if target.role == .superAdmin, !target.disabled, superAdmins <= 1 { throw Self.lastSuperAdmin(target) }
            try await repository.delete(conn, id: id)
        }
        cache.evict(id)
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

    static func notFound(_ id: UUID) -> APIError { APIError.notFound("User with id \(id.uuidString.lowercased()) not found") }

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
        if let bad = TextRules.forbiddenCharacter(in: password, allowingLineBreaks: true) {
            issues.append(TextRules.issue(String(bad), at: ["body", "password"], passwordLimit)!)
        } else if password.count < minimumPasswordLength {
            issues.append(
                .init(type: "string_too_short", loc: ["body", "password"], msg: "Password must be at least \(minimumPasswordLength) characters"))
        } else if password.count > maximumPasswordLength {
            issues.append(
                .init(type: "string_too_long", loc: ["body", "password"], msg: "Password must be at most \(maximumPasswordLength) characters"))
        }
        if !issues.isEmpty { throw APIError(validation: issues) }
        return (email, name)
    }

    static func looksLikeEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".")
        else { return false }
        return !s.contains(where: { $0.isWhitespace || $0.isNewline })
    }
}
