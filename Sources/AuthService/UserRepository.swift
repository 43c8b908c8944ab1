import Foundation
import Logging
import PostgresNIO
import PostgresPipeline
import ServiceCore

/// A user row together with its password hash, for the few operations that need the hash.
struct StoredUser: Sendable {
    var user: User
    var hashedPassword: String
}

/// SQL for the `users` table. Every value is a bind parameter (PostgresQuery interpolation); e-mail addresses are
/// matched on `lower(email)`, the expression the unique index covers.
public struct UserRepository: Sendable {
    public let client: PostgresClient
    let logger: Logger

    /// How long one repository call may wait for the database (a pool that cannot connect would wait forever).
    /// Past it the request fails with 503 instead of hanging.
    let deadline: Duration
    /// Fails calls at once while the database is down (the service's; mscli's maintenance mode has none).
    let gate: DatabaseGate
    /// libpq in pipeline mode for the lookup by id (the service's; nil: PostgresNIO for everything).
    let pipeline: PipelinePool?

    public init(
        client: PostgresClient, logger: Logger, deadline: Duration = .seconds(10), gate: DatabaseGate = .unguarded,
        pipeline: PipelinePool? = nil
    ) {
        self.client = client
        self.logger = logger
        self.deadline = deadline
        self.gate = gate
        self.pipeline = pipeline
    }

    /// The user of every signed-in request whose user is not cached (`GET /auth/user_details`), prepared once per
    /// connection: PostgreSQL parses and plans it once instead of on every request (half its time for this query).
    struct FindUserByID: PostgresPreparedStatement {
        static let name = "auth_find_user_by_id"
        static let sql = "SELECT " + UserRepository.columns + " FROM users WHERE id = $1"
        typealias Row = UserRow
        var id: UUID
        func makeBindings() throws -> PostgresBindings {
            try PostgresBindings(values: id)
        }
        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// ``FindUserByID`` for the pipeline pool: the same SQL under the same name.
    static let findUserByID = PipelineStatement(name: FindUserByID.name, sql: FindUserByID.sql)

    fileprivate static let columns = "id, email, name, role::text, disabled_at IS NOT NULL, created_at, updated_at, hashed_password, session_version"

    /// One row of ``columns``.
    typealias UserRow = (UUID, String, String, String, Bool, Date, Date, String, Int32)

    private static func storedUser(_ row: UserRow) -> StoredUser {
        let (id, email, name, role, disabled, created, updated, hash, version) = row
        var user = User(
            id: id, email: email, name: name, role: Role(rawValue: role) ?? .user, disabled: disabled,
            createdAt: created, updatedAt: updated)
        user.sessionVersion = Int(version)
        return StoredUser(user: user, hashedPassword: hash)
    }

    /// The users a query of ``columns`` answers, on a connection of the pool.
    private func users(_ query: PostgresQuery) async throws -> [StoredUser] {
        try await client.values(query, as: UserRow.self, logger: logger).map(Self.storedUser)
    }

    private static func decode(_ rows: PostgresRowSequence) async throws -> [StoredUser] {
        var result: [StoredUser] = []
        for try await row in rows.decode(UserRow.self) { result.append(storedUser(row)) }
        return result
    }

    /// Inserts a user. A second account for the same address (in any case, even when two requests race) is a 409:
    /// the unique index decides, not a check-then-insert.
    func insert(email: String, name: String, hashedPassword: String, role: Role) async throws -> User {
        try await gate.run(deadline: deadline) { try await insertNow(email: email, name: name, hashedPassword: hashedPassword, role: role) }
    }

    private func insertNow(email: String, name: String, hashedPassword: String, role: Role) async throws -> User {
        do {
            return try await users(
                """
                INSERT INTO users (id, email, name, hashed_password, role)
                VALUES (gen_random_uuid(), \(email), \(name), \(hashedPassword), \(role.rawValue)::role)
                RETURNING \(unescaped: Self.columns)
                """)[0].user
        } catch where PostgresErrorText.sqlState(error) == "23505" {
            throw APIError.conflict("A user with the email \(email) is already registered")
        }
    }

    func find(id: UUID) async throws -> StoredUser? {
        if let pipeline {
            // in the caller's task: a pipelined query ends as soon as the gate aborts it
            return try await gate.runInline(deadline: deadline) { abort in
                let rows = try await pipeline.query(Self.findUserByID, [.uuid(id)], abortedBy: abort)
                return rows.count == 0 ? nil : try Self.storedUser(rows, row: 0)
            }
        }
        return try await gate.run(deadline: deadline) {
            try await client.rows(FindUserByID(id: id), logger: logger).first.map(Self.storedUser)
        }
    }

    /// Row `row` of a pipelined answer of ``columns``.
    private static func storedUser(_ rows: PipelineRows, row: Int) throws -> StoredUser {
        storedUser(
            (
                try rows.decode(UUID.self, row: row, column: 0), try rows.decode(String.self, row: row, column: 1),
                try rows.decode(String.self, row: row, column: 2), try rows.decode(String.self, row: row, column: 3),
                try rows.decode(Bool.self, row: row, column: 4), try rows.decode(Date.self, row: row, column: 5),
                try rows.decode(Date.self, row: row, column: 6), try rows.decode(String.self, row: row, column: 7),
                try rows.decode(Int32.self, row: row, column: 8)
            ))
    }

    func find(email: String) async throws -> StoredUser? {
        try await gate.run(deadline: deadline) {
            try await users("SELECT \(unescaped: Self.columns) FROM users WHERE lower(email) = lower(\(email))").first
        }
    }

    func list(limit: Int, offset: Int) async throws -> UserPage {
        try await gate.run(deadline: deadline) { try await listNow(limit: limit, offset: offset) }
    }

    private func listNow(limit: Int, offset: Int) async throws -> UserPage {
        let page = try await users("SELECT \(unescaped: Self.columns) FROM users ORDER BY created_at, id LIMIT \(limit) OFFSET \(offset)")
        let total = try await client.values("SELECT count(*) FROM users", as: Int.self, logger: logger).first ?? 0
        return UserPage(items: page.map(\.user), total: total, limit: limit, offset: offset)
    }

    /// Applies `change` to one user inside a transaction that also locks every enabled super admin, so the rule
    /// "the last enabled super_admin stays" holds even when two administrators act at once.
    func modify(
        id: UUID, _ change: @escaping @Sendable (PostgresConnection, _ target: User, _ enabledSuperAdmins: Int) async throws -> Void
    ) async throws {
        try await gate.run(deadline: deadline) { try await modifyNow(id: id, change) }
    }

    private func modifyNow(
        id: UUID, _ change: @Sendable (PostgresConnection, _ target: User, _ enabledSuperAdmins: Int) async throws -> Void
    ) async throws {
        do {
            try await client.withTransaction(logger: logger) { conn in
                var superAdmins = 0
                for try await _ in try await conn.query(
                    "SELECT id FROM users WHERE role = 'super_admin' AND disabled_at IS NULL FOR UPDATE", logger: logger
                ).decode(UUID.self) {
                    superAdmins += 1
                }
                guard
                    let target = try await Self.decode(
                        conn.query("SELECT \(unescaped: Self.columns) FROM users WHERE id = \(id) FOR UPDATE", logger: logger)
                    ).first
                else {
                    throw APIError.notFound("User with id \(id.lowercasedString) not found")
                }
                try await change(conn, target.user, superAdmins)
            }
        } catch let error as PostgresTransactionError {
            if let inner = error.closureError { throw inner }
            throw error
        }
    }

    func setPassword(_ conn: PostgresConnection, id: UUID, hashedPassword: String) async throws {
        try await conn.query("UPDATE users SET hashed_password = \(hashedPassword), updated_at = now() WHERE id = \(id)", logger: logger)
    }

    func setRole(_ conn: PostgresConnection, id: UUID, role: Role) async throws {
        try await conn.query("UPDATE users SET role = \(role.rawValue)::role, updated_at = now() WHERE id = \(id)", logger: logger)
    }

    func setDisabled(_ conn: PostgresConnection, id: UUID, disabled: Bool) async throws {
        try await conn.query(
            """
            UPDATE users SET disabled_at = CASE WHEN \(disabled) THEN coalesce(disabled_at, now()) END, updated_at = now()
            WHERE id = \(id)
            """, logger: logger)
    }

    func delete(_ conn: PostgresConnection, id: UUID) async throws {
        try await conn.query("DELETE FROM users WHERE id = \(id)", logger: logger)
    }

    // MARK: - Sessions

    /// Raises the user's session version (every token issued before is refused from now on) and records it in the
    /// revocation feed until `expiresAt` (when the last of those tokens expires). Returns the new version.
    @discardableResult
    func endSessions(_ conn: PostgresConnection, id: UUID, expiresAt: Date) async throws -> Int {
        var version = 0
        for try await value in try await conn.query(
            "UPDATE users SET session_version = session_version + 1 WHERE id = \(id) RETURNING session_version", logger: logger
        ).decode(Int32.self) {
            version = Int(value)
        }
        try await Self.appendRevocation(conn, userID: id, jti: nil, minVersion: version, expiresAt: expiresAt, logger: logger)
        return version
    }

    /// Records one version change for a user that is about to disappear (deletion).
    func recordEndedSessions(_ conn: PostgresConnection, id: UUID, minVersion: Int, expiresAt: Date) async throws {
        try await Self.appendRevocation(conn, userID: id, jti: nil, minVersion: minVersion, expiresAt: expiresAt, logger: logger)
    }

    /// Revokes one token (a logout) until it expires.
    func revokeToken(userID: UUID, jti: String, expiresAt: Date) async throws {
        try await withTimeout(deadline) {
            try await client.withTransaction(logger: logger) { conn in
                try await Self.appendRevocation(conn, userID: userID, jti: jti, minVersion: nil, expiresAt: expiresAt, logger: logger)
            }
        }
    }

    /// The feed is read by cursor (`seq`), so rows must become visible in `seq` order: writers take a lock that
    /// only they contend for (readers are not blocked), which orders their commits the way `seq` orders them.
    private static func appendRevocation(
        _ conn: PostgresConnection, userID: UUID, jti: String?, minVersion: Int?, expiresAt: Date, logger: Logger
    ) async throws {
        try await conn.query("LOCK TABLE session_revocations IN SHARE ROW EXCLUSIVE MODE", logger: logger)
        try await conn.query(
            """
            INSERT INTO session_revocations (user_id, jti, min_version, expires_at)
            VALUES (\(userID), \(jti), \(minVersion.map(Int32.init)), \(expiresAt))
            """, logger: logger)
    }

    /// The feed after `cursor`: the next `limit` rows in `seq` order, from one snapshot; expired ones only move the
    /// cursor on.
    func revocations(after cursor: Int64, limit: Int = 1000) async throws -> RevocationBatch {
        try await withTimeout(deadline) {
            var entries: [RevocationEntry] = []
            var next = cursor
            var rows = 0
            for (seq, user, jti, version, expires, live) in try await client.values(
                """
                SELECT seq, user_id, jti, min_version, expires_at, expires_at > now() FROM session_revocations
                WHERE seq > \(cursor) ORDER BY seq LIMIT \(limit)
                """, as: (Int64, UUID, String?, Int32?, Date, Bool).self, logger: logger
            ) {
                rows += 1
                next = seq
                if live {
                    entries.append(
                        RevocationEntry(seq: seq, userID: user, jti: jti, minVersion: version.map(Int.init), expiresAt: expires.timeIntervalSince1970))
                }
            }
            return RevocationBatch(cursor: next, entries: entries, more: rows == limit)
        }
    }

    /// Drops feed rows no token can need any more.
    func pruneRevocations() async throws {
        try await withTimeout(deadline) {
            try await client.run("DELETE FROM session_revocations WHERE expires_at < now() - interval '1 minute'", logger: logger)
        }
    }

    /// Replaces the password hash and ends every session of the user in one transaction; returns the user.
    func changePassword(id: UUID, hashedPassword: String, sessionsExpireAt: Date) async throws -> User {
        try await withTimeout(deadline) {
          do {
            return try await client.withTransaction(logger: logger) { conn in
                try await conn.query(
                    "UPDATE users SET hashed_password = \(hashedPassword), updated_at = now() WHERE id = \(id)", logger: logger)
                try await endSessions(conn, id: id, expiresAt: sessionsExpireAt)
                guard let stored = try await Self.decode(
                    conn.query("SELECT \(unescaped: Self.columns) FROM users WHERE id = \(id)", logger: logger)
                ).first else { throw APIError.notFound("User with id \(id.lowercasedString) not found") }
                return stored.user
            }
          } catch let error as PostgresTransactionError {
            if let inner = error.closureError { throw inner }
            throw error
          }
        }
    }
}
