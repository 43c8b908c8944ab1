/// Why a migration run refused or failed. Every case names the migration and, where one exists, the next command to run.
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database is behind the code: a service refuses to start.
    case pending(service: String, current: Int64, expected: Int64, pending: [Int64])
    /// An applied migration's script differs from the one in this binary.
    case checksumMismatch(service: String, version: Int64, name: String, recorded: String, expected: String)
    /// The database has a migration this binary does not know: it was migrated by a newer release.
    case unknownApplied(service: String, versions: [Int64])
    /// `--to` named a version that is not in the set.
    case unknownTarget(service: String, version: Int64)
    /// A migration's SQL failed; its transaction was rolled back.
    case failed(service: String, version: Int64, name: String, message: String)
    /// A baseline was asked for a database that does not look like the expected schema.
    case baselineRefused(service: String, reason: String)

    public var description: String {
        switch self {
        case let .pending(service, current, expected, pending):
            let list = pending.map(String.init).joined(separator: ", ")
            return "the \(service) database is at version \(current) but this build needs \(expected) (pending: \(list)); "
                + "run `mscli migrate up \(service)` or start the service with --migrate"
        case let .checksumMismatch(service, version, name, recorded, expected):
            return "migration \(version)_\(name) of \(service) was changed after it was applied "
                + "(recorded checksum \(recorded.prefix(12))…, this build has \(expected.prefix(12))…); "
                + "restore the original script or write a new migration"
        case let .unknownApplied(service, versions):
            return "the \(service) database has migrations this build does not know "
                + "(\(versions.map(String.init).joined(separator: ", "))): it was migrated by a newer release"
        case let .unknownTarget(service, version):
            return "\(service) has no migration \(version); `mscli migrate status \(service)` lists them"
        case let .failed(service, version, name, message):
            return "migration \(version)_\(name) of \(service) failed and was rolled back: \(message)"
        case let .baselineRefused(service, reason):
            return "cannot baseline the \(service) database: \(reason)"
        }
    }
}
