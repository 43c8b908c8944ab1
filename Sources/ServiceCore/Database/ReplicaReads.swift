import Logging
import Metrics
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// `DATABASE_READ_URL` and `DATABASE_READ_MAX_LAG_MS`: a read-only replica pool for list reads (off when unset).
public struct ReplicaReadSettings: Sendable, Equatable {
    /// The replicas, e.g. HAProxy's read-only port over a Patroni cluster's replicas.
    public var database: DatabaseSettings
    /// A replica is read only if it has replayed everything the primary had written this long ago.
    public var maximumLag: Duration

    public static let defaultMaximumLagMilliseconds = 1000

    public init(database: DatabaseSettings, maximumLag: Duration = .milliseconds(defaultMaximumLagMilliseconds)) {
        self.database = database
        self.maximumLag = maximumLag
    }

    /// nil when `DATABASE_READ_URL` is unset or empty (every read on the primary, as without replicas).
    /// `DATABASE_READ_MAX_LAG_MS`: 100 to 60,000 (default 1000).
    public static func fromEnvironment(_ env: EnvironmentReader) throws -> ReplicaReadSettings? {
        let lag = try env.int("DATABASE_READ_MAX_LAG_MS", in: 100...60_000)
        guard let url = env["DATABASE_READ_URL"], !url.isEmpty else { return nil }
        let database: DatabaseSettings
        do {
            database = try DatabaseSettings(url: url)
        } catch let error as DatabaseSettings.InvalidURL {
            throw ConfigurationError("DATABASE_READ_URL: \(error)")
        }
        return ReplicaReadSettings(database: database, maximumLag: .milliseconds(lag ?? defaultMaximumLagMilliseconds))
    }
}

/// List reads from a read-only replica pool, never staler than `maximumLag` and always after this instance's own
/// writes (``ReadRoute`` is the rule). A lifecycle service: it samples the primary's log position every
/// `probeInterval` (one tiny query on the primary; nothing is added to a read or a write). Add both it and
/// ``client`` (the read pool) to the application's services.
///
/// When the replica pool is down (its own ``DatabaseGate``) or a read on it fails, the read goes to the primary:
/// never a 503 because only the replica side is down. The switch is logged once each way, not per request, and a
/// pool that fails and answers by turns counts as one outage until it has answered for ``recoverySettle``.
public final class ReplicaReads: Service, Sendable {
    /// The read pool.
    public let client: PostgresClient
    let gate: DatabaseGate
    let primary: PostgresClient
    let maximumLag: Duration
    let probeInterval: Duration
    let logger: Logger

    private struct State {
        var samples: [ReadRoute.Sample] = []
        var lastWrite: ContinuousClock.Instant?
        /// Replica reads failing, for logging the switch once each way however the members come and go.
        var outage = OutageEpisode(settle: ReplicaReads.recoverySettle)
        var replicaReads: UInt64 = 0
        var primaryReads: UInt64 = 0
    }

    private let state = Mutex(State())

    /// `db_list_reads_total{pool="replica"|"primary"}` on `/metrics`: which pool answered the list reads. Static, so
    /// made at first use, after the router has installed the Prometheus factory.
    static let replicaCounter = Counter(label: "db_list_reads_total", dimensions: [("pool", "replica")])
    static let primaryCounter = Counter(label: "db_list_reads_total", dimensions: [("pool", "primary")])

    /// Replica reads must answer this long, with no failure, before "answer again" is logged: HAProxy marks the
    /// replicas down one check apart, and reads reach the one still up meanwhile.
    static let recoverySettle: Duration = .seconds(10)

    /// A replica read waits at most this long (or the caller's deadline, if shorter) before the primary is asked.
    static let replicaDeadline: Duration = .seconds(2)

    /// `applicationName` names the read pool's connections on the replicas (`pg_stat_activity.application_name`).
    public init(settings: ReplicaReadSettings, primary: PostgresClient, applicationName: String, logger: Logger) {
        var configuration = settings.database.clientConfiguration
        configuration.options.additionalStartupParameters.append(("application_name", applicationName))
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        gate = DatabaseGate(settings: settings.database, client: client, logger: logger)
        self.primary = primary
        maximumLag = settings.maximumLag
        probeInterval = min(.milliseconds(100), settings.maximumLag / 4)
        self.logger = logger
    }

    /// A write that changes what lists show was answered (call after its commit, before the next read is served).
    public func noteWrite() {
        state.withLock { $0.lastWrite = .now }
    }

    /// Where a list read goes now.
    public var route: ReadRoute {
        let available = gate.isAvailable
        return state.withLock { state in
            ReadRoute.choose(
                now: .now, samples: state.samples, lastWrite: state.lastWrite, replicaAvailable: available, maximumLag: maximumLag)
        }
    }

    /// How many list reads the replica pool and the primary answered (``rows(_:deadline:primary:)``).
    public var answered: (replica: UInt64, primary: UInt64) { state.withLock { ($0.replicaReads, $0.primaryReads) } }

    /// The rows of `query` (a list read) from the replica pool when ``route`` allows and the replica that takes it
    /// has replayed far enough; otherwise from `primary` (the store's own bounded read of the same query).
    public func rows(
        _ query: PostgresQuery, deadline: Duration, primary: @escaping @Sendable () async throws -> [PostgresRandomAccessRow]
    ) async throws -> [PostgresRandomAccessRow] {
        if case .replica(let position) = route {
            let replicaQuery = ReadRoute.replicaQuery(query, replayedAtLeast: position)
            do {
                let rows = try await gate.run(deadline: min(deadline, Self.replicaDeadline)) { [client, logger] in
                    try await client.rows(replicaQuery, logger: logger)
                }
                replicaAnswered(rows: !rows.isEmpty)
                // No rows: that replica had not replayed `position` yet (or the list is empty); the primary decides.
                if !rows.isEmpty { return rows }
            } catch {
                try Task.checkCancellation()
                replicaFailed(error)
            }
        }
        let rows = try await primary()
        state.withLock { $0.primaryReads += 1 }
        Self.primaryCounter.increment()
        return rows
    }

    private func replicaAnswered(rows: Bool) {
        let now = ContinuousClock.now
        let change = state.withLock { state in
            if rows { state.replicaReads += 1 }
            return state.outage.answered(at: now)
        }
        if rows { Self.replicaCounter.increment() }
        if change == .ended { logger.notice("replica reads answer again: list reads go to the read pool", metadata: ["database": "\(gate.name)"]) }
    }

    private func replicaFailed(_ error: any Error) {
        if state.withLock({ $0.outage.failed() }) == .began {
            logger.warning(
                "replica reads failing: list reads go to the primary until the read pool answers again",
                metadata: ["database": "\(gate.name)", "error": "\(PostgresErrorText.brief(error))"])
        }
    }

    /// Samples the primary's log position until the service group shuts down. While the replica pool's gate is down
    /// it is also called once per sample (failing at once), which keeps the gate's recovery probe going although no
    /// read is sent there meanwhile.
    public func run() async throws {
        await cancelWhenGracefulShutdown { [self] in
            while !Task.isCancelled {
                let sentAt = ContinuousClock.now
                do {
                    let text = try await withTimeout(.seconds(1)) { [primary, logger] in
                        try await primary.values("SELECT pg_current_wal_insert_lsn()::text", as: String.self, logger: logger).first
                    }
                    if let position = text.flatMap(WALPosition.init) {
                        let now = ContinuousClock.now
                        state.withLock { state in
                            state.samples.append(ReadRoute.Sample(sentAt: sentAt, position: position))
                            state.samples = ReadRoute.pruned(state.samples, now: now, maximumLag: maximumLag)
                        }
                    }
                } catch {
                    // The primary does not answer (or is not a primary): samples age out and reads go to the primary.
                    logger.debug("log position sample failed", metadata: ["error": "\(PostgresErrorText.brief(error))"])
                }
                if !gate.isAvailable { _ = try? await gate.run(deadline: .seconds(1)) {} }
                try? await Task.sleep(for: probeInterval)
            }
        }
    }
}

extension ListCache {
    /// A list cache whose invalidations (the writes through this instance that change lists) also tell `reads`.
    public convenience init(ttl: Duration, reads: ReplicaReads?) {
        if let reads {
            self.init(ttl: ttl, onInvalidate: { reads.noteWrite() })
        } else {
            self.init(ttl: ttl)
        }
    }
}
