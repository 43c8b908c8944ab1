import Crypto
import Foundation

/// One versioned schema change, embedded in the service library that owns the database.
///
/// Versions are positive and strictly increasing within a ``MigrationSet``. The checksum covers the `up` script, so an
/// edit to a migration that a database already ran is detected (``MigrationError/checksumMismatch``).
public struct Migration: Sendable, Hashable {
    public let version: Int64
    public let name: String
    public let up: String
    public let down: String
    /// `false` for scripts PostgreSQL refuses inside a transaction (`CREATE INDEX CONCURRENTLY`).
    public let transactional: Bool
    /// A query returning one boolean: true when the database already holds what `up` creates. Only migrations with
    /// such a check can be adopted by `mscli migrate baseline` (a database made by the seed system, say).
    public let adoptionCheck: String?

    public init(
        version: Int64, name: String, up: String, down: String, transactional: Bool = true, adoptionCheck: String? = nil
    ) {
        self.version = version
        self.name = name
        self.up = up
        self.down = down
        self.transactional = transactional
        self.adoptionCheck = adoptionCheck
    }

    /// SHA-256 of the `up` script, lower-case hex.
    public var checksum: String {
        SHA256.hash(data: Data(up.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// The migrations of one service's database, in order.
public struct MigrationSet: Sendable {
    /// The service name operators type (`auth`, `booking`, `food`).
    public let service: String
    public let migrations: [Migration]

    public init(service: String, migrations: [Migration]) {
        precondition(!migrations.isEmpty, "a migration set needs at least one migration")
        for (a, b) in zip(migrations, migrations.dropFirst()) {
            precondition(a.version < b.version, "migration versions of \(service) must increase: \(a.version) then \(b.version)")
        }
        self.service = service
        self.migrations = migrations
    }

    /// The version a fully migrated database is at.
    public var latestVersion: Int64 { migrations.last!.version }

    public func migration(_ version: Int64) -> Migration? {
        migrations.first { $0.version == version }
    }

    /// Key of the advisory lock a migration run holds: stable per service, so runs against the same database exclude
    /// each other while runs of different services never wait on one another.
    var advisoryLockKey: Int64 {
        let digest = SHA256.hash(data: Data("schema_migrations:\(service)".utf8))
        return digest.prefix(8).reduce(Int64(0)) { ($0 << 8) | Int64($1) }
    }
}
