import Foundation
import Logging
import PostgresNIO

/// What the database says about one migration.
public struct MigrationStatus: Sendable, Codable, Equatable {
    public enum State: String, Sendable, Codable {
        case applied, pending
        /// Applied, but the script in this build differs from the one that ran.
        case changed
        /// Applied, but unknown to this build (a newer release migrated the database).
        case unknown
    }

    public var version: Int64
    public var name: String
    public var state: State
    public var checksum: String
    public var appliedAt: Date?
    public var durationMs: Double?
    /// Which database, when a tool reports on several (a primary and its shards); nil from the migrator itself.
    public var database: String?

    enum CodingKeys: String, CodingKey {
        case version, name, state, checksum, database
        case appliedAt = "applied_at"
        case durationMs = "duration_ms"
    }
}

/// One migration a run applied or reverted (or, in a dry run, would).
public struct MigrationStep: Sendable, Codable, Equatable {
    public enum Direction: String, Sendable, Codable { case up, down }
    public var version: Int64
    public var name: String
    public var direction: Direction
    public var sql: String
    public var durationMs: Double?
    /// Which database, when a tool reports on several (a primary and its shards); nil from the migrator itself.
    public var database: String?

    enum CodingKeys: String, CodingKey {
        case version, name, direction, sql, database
        case durationMs = "duration_ms"
    }
}

/// Applies, reverts and checks the migrations of one service against its database.
///
/// Every run that changes the schema holds a PostgreSQL advisory lock on a dedicated connection for its whole length,
/// so concurrent runs (five operators, or five replicas started with `--migrate`) apply each migration exactly once.
/// Each migration runs in its own transaction together with its `schema_migrations` record.
public struct Migrator: Sendable {
    public static let table = "schema_migrations"

    public let client: PostgresClient
    public let set: MigrationSet
    public let logger: Logger

    public init(client: PostgresClient, set: MigrationSet, logger: Logger) {
        self.client = client
        self.set = set
        self.logger = logger
    }

    // MARK: - Reading

    public func status() async throws -> [MigrationStatus] {
        try await client.withConnection { conn in
            Self.merge(set: set, applied: try await appliedRecords(conn))
        }
    }

    /// Throws unless every applied migration matches this build. Returns the status it checked.
    @discardableResult
    public func verify() async throws -> [MigrationStatus] {
        let status = try await status()
        try Self.check(status, set: set)
        return status
    }

    /// Throws ``MigrationError/pending`` unless the database is exactly at this build's version (and verified).
    public func requireCurrent() async throws {
        let status = try await verify()
        let pending = status.filter { $0.state == .pending }.map(\.version)
        if !pending.isEmpty {
            let current = status.filter { $0.state == .applied }.map(\.version).max() ?? 0
            throw MigrationError.pending(service: set.service, current: current, expected: set.latestVersion, pending: pending)
        }
    }

    // MARK: - Changing

    /// Applies pending migrations up to `target` (all when nil). A dry run returns the plan and changes nothing.
    @discardableResult
    public func up(to target: Int64? = nil, dryRun: Bool = false) async throws -> [MigrationStep] {
        if let target, set.migration(target) == nil { throw MigrationError.unknownTarget(service: set.service, version: target) }
        return try await withMigrationLock(dryRun: dryRun) { conn in
            let status = Self.merge(set: set, applied: try await appliedRecords(conn))
            try Self.check(status, set: set)
            let pending = status.filter { $0.state == .pending && $0.version <= (target ?? .max) }
            return try await perform(pending.map { set.migration($0.version)! }, direction: .up, dryRun: dryRun, on: conn)
        }
    }

    /// Reverts applied migrations: the latest one when `target` is nil, else every one above `target` (0 reverts all).
    @discardableResult
    public func down(to target: Int64? = nil, dryRun: Bool = false) async throws -> [MigrationStep] {
        if let target, target != 0, set.migration(target) == nil {
            throw MigrationError.unknownTarget(service: set.service, version: target)
        }
        return try await withMigrationLock(dryRun: dryRun) { conn in
            let status = Self.merge(set: set, applied: try await appliedRecords(conn))
            try Self.check(status, set: set)
            let applied = status.filter { $0.state == .applied }.sorted { $0.version > $1.version }
            let toRevert = target.map { t in applied.filter { $0.version > t } } ?? Array(applied.prefix(1))
            return try await perform(toRevert.map { set.migration($0.version)! }, direction: .down, dryRun: dryRun, on: conn)
        }
    }

    /// Records migrations up to `version` as applied without running them, after each one's adoption check confirms the
    /// database already has what it creates. This is how a database built by the seed system is taken over.
    @discardableResult
    public func baseline(to version: Int64) async throws -> [MigrationStep] {
        guard set.migration(version) != nil else { throw MigrationError.unknownTarget(service: set.service, version: version) }
        return try await withMigrationLock(dryRun: false) { conn in
            let applied = try await appliedRecords(conn)
            guard applied.isEmpty else {
                throw MigrationError.baselineRefused(
                    service: set.service, reason: "it already has \(applied.count) recorded migration(s); use `mscli migrate up`")
            }
            // Check every migration first, then record them all in one transaction: all or nothing.
            let adopted = set.migrations.filter { $0.version <= version }
            for migration in adopted {
                guard let check = migration.adoptionCheck else {
                    throw MigrationError.baselineRefused(
                        service: set.service, reason: "migration \(migration.version)_\(migration.name) cannot be adopted")
                }
                var present = false
                for try await value in try await conn.query(PostgresQuery(unsafeSQL: check), logger: logger).decode(Bool?.self) {
                    present = value ?? false
                }
                guard present else {
                    throw MigrationError.baselineRefused(
                        service: set.service,
                        reason: "the schema that \(migration.version)_\(migration.name) creates is not there")
                }
            }
            try await conn.query("BEGIN", logger: logger)
            do {
                for migration in adopted {
                    try await conn.query(
                        """
                        INSERT INTO schema_migrations (version, name, checksum, duration_ms)
                        VALUES (\(migration.version), \(migration.name), \(migration.checksum), \(0.0))
                        """, logger: logger)
                }
                try await conn.query("COMMIT", logger: logger)
            } catch {
                _ = try? await conn.query("ROLLBACK", logger: logger)
                throw error
            }
            let steps = adopted.map { MigrationStep(version: $0.version, name: $0.name, direction: .up, sql: "", durationMs: 0) }
            return steps
        }
    }

    // MARK: - Internals

    private func withMigrationLock<T: Sendable>(
        dryRun: Bool, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await client.withConnection { conn in
            // A dry run neither locks nor creates the bookkeeping table: it changes nothing.
            if dryRun { return try await body(conn) }
            try await conn.query("SELECT pg_advisory_lock(\(set.advisoryLockKey))", logger: logger)
            do {
                try await conn.query(
                    """
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version bigint PRIMARY KEY,
                        name text NOT NULL,
                        checksum text NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now(),
                        duration_ms double precision NOT NULL
                    )
                    """, logger: logger)
                let result = try await body(conn)
                try await conn.query("SELECT pg_advisory_unlock(\(set.advisoryLockKey))", logger: logger)
                return result
            } catch {
                _ = try? await conn.query("SELECT pg_advisory_unlock(\(set.advisoryLockKey))", logger: logger)
                throw error
            }
        }
    }

    /// Applies or reverts `migrations` in order, each with its bookkeeping row; a dry run only lists them.
    private func perform(
        _ migrations: [Migration], direction: MigrationStep.Direction, dryRun: Bool, on conn: PostgresConnection
    ) async throws -> [MigrationStep] {
        var steps: [MigrationStep] = []
        for migration in migrations {
            let script = direction == .up ? migration.up : migration.down
            var step = MigrationStep(version: migration.version, name: migration.name, direction: direction, sql: script, durationMs: nil)
            if !dryRun {
                step.durationMs = try await run(migration, script: script, on: conn) { conn, duration in
                    switch direction {
                    case .up:
                        try await conn.query(
                            """
                            INSERT INTO schema_migrations (version, name, checksum, duration_ms)
                            VALUES (\(migration.version), \(migration.name), \(migration.checksum), \(duration))
                            """, logger: logger)
                    case .down:
                        try await conn.query("DELETE FROM schema_migrations WHERE version = \(migration.version)", logger: logger)
                    }
                }
                logger.info(
                    direction == .up ? "applied migration" : "reverted migration",
                    metadata: ["migration": "\(migration.version)_\(migration.name)"])
            }
            steps.append(step)
        }
        return steps
    }

    /// Runs one script (in a transaction unless the migration opts out) and `record`, returning the duration in ms.
    private func run(
        _ migration: Migration, script: String, on conn: PostgresConnection,
        record: (PostgresConnection, Double) async throws -> Void
    ) async throws -> Double {
        let start = ContinuousClock.now
        let statements = SQLScript.statements(in: script)
        if migration.transactional { try await conn.query("BEGIN", logger: logger) }
        do {
            for statement in statements {
                try await conn.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            let elapsed = start.duration(to: .now)
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            try await record(conn, ms)
            if migration.transactional { try await conn.query("COMMIT", logger: logger) }
            return ms
        } catch {
            if migration.transactional { _ = try? await conn.query("ROLLBACK", logger: logger) }
            throw MigrationError.failed(
                service: set.service, version: migration.version, name: migration.name, message: PostgresErrorText.describe(error))
        }
    }

    private func appliedRecords(_ conn: PostgresConnection) async throws -> [MigrationStatus] {
        var exists = false
        for try await found in try await conn.query("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger)
            .decode(Bool.self)
        {
            exists = found
        }
        guard exists else { return [] }
        var records: [MigrationStatus] = []
        let rows = try await conn.query(
            "SELECT version, name, checksum, applied_at, duration_ms FROM schema_migrations ORDER BY version", logger: logger)
        for try await (version, name, checksum, appliedAt, duration) in rows.decode((Int64, String, String, Date, Double).self) {
            records.append(
                MigrationStatus(
                    version: version, name: name, state: .applied, checksum: checksum, appliedAt: appliedAt, durationMs: duration))
        }
        return records
    }

    static func merge(set: MigrationSet, applied: [MigrationStatus]) -> [MigrationStatus] {
        let byVersion = Dictionary(uniqueKeysWithValues: applied.map { ($0.version, $0) })
        var result: [MigrationStatus] = set.migrations.map { migration in
            guard var record = byVersion[migration.version] else {
                return MigrationStatus(
                    version: migration.version, name: migration.name, state: .pending, checksum: migration.checksum)
            }
            if record.checksum != migration.checksum { record.state = .changed }
            return record
        }
        for record in applied where set.migration(record.version) == nil {
            var unknown = record
            unknown.state = .unknown
            result.append(unknown)
        }
        return result.sorted { $0.version < $1.version }
    }

    static func check(_ status: [MigrationStatus], set: MigrationSet) throws {
        let service = set.service
        let unknown = status.filter { $0.state == .unknown }.map(\.version)
        if !unknown.isEmpty { throw MigrationError.unknownApplied(service: service, versions: unknown) }
        if let changed = status.first(where: { $0.state == .changed }) {
            throw MigrationError.checksumMismatch(
                service: service, version: changed.version, name: changed.name, recorded: changed.checksum,
                expected: set.migration(changed.version)?.checksum ?? "")
        }
    }
}
