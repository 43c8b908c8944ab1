import PostgresNIO

/// A position in PostgreSQL's write-ahead log (a `pg_lsn`, written `16/B374D848`). Positions only grow, across a
/// failover too (a promoted replica continues the log where it had replayed it).
public struct WALPosition: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let value: UInt64

    public init(_ value: UInt64) { self.value = value }

    /// Parses PostgreSQL's text form (`X/Y`, both hexadecimal).
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let high = UInt32(parts[0], radix: 16), let low = UInt32(parts[1], radix: 16) else { return nil }
        value = UInt64(high) << 32 | UInt64(low)
    }

    public var description: String {
        String(value >> 32, radix: 16, uppercase: true) + "/" + String(value & 0xFFFF_FFFF, radix: 16, uppercase: true)
    }

    public static func < (a: WALPosition, b: WALPosition) -> Bool { a.value < b.value }
}

/// Which pool answers a list read when a read-only replica pool is configured (``ReplicaReads``): the pure rule.
///
/// The instance samples the primary's log position (`pg_current_wal_insert_lsn()`) every few tens of milliseconds,
/// noting when each sample was *sent*: every commit this instance had seen answered before that moment is at or
/// before the sampled position (the insert position, not the flushed one: with `synchronous_commit` off a commit is
/// answered before its record is flushed). A list read may go to a replica only with a position the replica must have replayed
/// (the read checks it on the replica itself, in the same statement, see ``replicaQuery(_:replayedAtLeast:)``):
///
/// - the first sample sent after this instance's last write (read-your-writes: the write is at or before it), and
/// - the first sample sent within the last `maximumLag` (bounded staleness: a replica further behind is not read).
///
/// Without such a sample (the write is newer than the last sample, or sampling has stopped because the primary does
/// not answer), or while the replica pool is known to be down, the primary answers.
public enum ReadRoute: Equatable, Sendable {
    case primary(PrimaryReason)
    /// The replica pool, if the replica that takes the read has replayed at least this position.
    case replica(atLeast: WALPosition)

    public enum PrimaryReason: String, Sendable {
        /// The replica pool's gate knows it is down.
        case replicaDown
        /// This instance wrote after the last position sample was sent: no sample covers the write yet.
        case ownWriteNotSampled
        /// No position sample within `maximumLag` (the primary does not answer the sampler).
        case noRecentPosition
    }

    /// The primary's log position, and when the question was sent.
    public struct Sample: Equatable, Sendable {
        public var sentAt: ContinuousClock.Instant
        public var position: WALPosition

        public init(sentAt: ContinuousClock.Instant, position: WALPosition) {
            self.sentAt = sentAt
            self.position = position
        }
    }

    /// The route of a read at `now`. `samples` are in the order they were sent; `lastWrite` is when this instance's
    /// last write (one that changes what lists show) was answered.
    public static func choose(
        now: ContinuousClock.Instant, samples: [Sample], lastWrite: ContinuousClock.Instant?, replicaAvailable: Bool,
        maximumLag: Duration
    ) -> ReadRoute {
        guard replicaAvailable else { return .primary(.replicaDown) }
        let oldestAllowed = now - maximumLag
        let ownWriteBinds = lastWrite.map { $0 >= oldestAllowed } ?? false
        let after = ownWriteBinds ? lastWrite! : oldestAllowed
        guard let sample = samples.first(where: { $0.sentAt > after }) else {
            return .primary(ownWriteBinds ? .ownWriteNotSampled : .noRecentPosition)
        }
        return .replica(atLeast: sample.position)
    }

    /// The samples still worth keeping at `now`: those sent within `maximumLag` (older ones can no longer be the
    /// first within the window, nor the first after a write the window does not already cover).
    public static func pruned(_ samples: [Sample], now: ContinuousClock.Instant, maximumLag: Duration) -> [Sample] {
        let oldestAllowed = now - maximumLag
        guard let keepFrom = samples.firstIndex(where: { $0.sentAt > oldestAllowed }) else { return [] }
        return Array(samples[keepFrom...])
    }

    /// `query`, answered only by a server that has replayed the log at least to `position`: it returns no rows
    /// otherwise, and none on a primary either (`pg_last_wal_replay_lsn()` is null there), so an empty answer sends
    /// the read to the primary. The check is an uncorrelated subquery, evaluated once before any row is read; the
    /// rows keep the inner query's order (a one-time filter over it), and its columns.
    public static func replicaQuery(_ query: PostgresQuery, replayedAtLeast position: WALPosition) -> PostgresQuery {
        var binds = query.binds
        binds.append(position.description)
        return PostgresQuery(
            unsafeSQL: """
                SELECT replica_read.* FROM (\(query.sql)) AS replica_read
                WHERE (SELECT pg_last_wal_replay_lsn() >= $\(binds.count)::text::pg_lsn)
                """,
            binds: binds)
    }
}
