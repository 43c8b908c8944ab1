import Crypto
import Foundation
import Logging
import PostgresNIO
import SearchClient
import ServiceCore
import ServiceLifecycle

/// Drains the search outbox into the search engine. Each round, in one transaction that holds an advisory lock (so
/// one instance drains at a time and events of one document are applied in order): read a batch of pending events,
/// render the current rows as documents (a missing row becomes a delete), send one bulk request, mark the events done.
/// When the engine or the database is down nothing is marked and the round is retried with exponential backoff (at most
/// 5 s), so no event is lost.
public struct SearchIndexer: Service {
    let engine: SearchClient
    let client: PostgresClient
    let logger: Logger
    let interval: Duration
    let batchSize: Int

    public init(engine: SearchClient, client: PostgresClient, logger: Logger, interval: Duration = .milliseconds(200), batchSize: Int = 500) {
        self.engine = engine
        self.client = client
        self.logger = logger
        self.interval = interval
        self.batchSize = batchSize
    }

    /// A write found an alias missing: the next round re-creates the indices first.
    struct IndicesMissing: Error {}

    static let drainLockKey = advisoryKey("search_outbox:drain")
    static let ensureLockKey = advisoryKey("search_outbox:ensure")
    /// Events stay this long after they are indexed, for `mscli reindex` to replay.
    static let retention = "1 day"

    static func advisoryKey(_ text: String) -> Int64 {
        SHA256.hash(data: Data(text.utf8)).prefix(8).reduce(Int64(0)) { ($0 << 8) | Int64($1) }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await loop()
        }
    }

    private func loop() async {
        var backoff: Duration = .zero
        var ensured = false
        var failing = false
        var lastPrune = ContinuousClock.now - .seconds(3600)
        while !Task.isCancelled {
            do {
                if !ensured {
                    try await Self.ensureIndices(engine: engine, client: client, logger: logger)
                    ensured = true
                }
                let drained = try await drainOnce()
                if failing {
                    logger.notice("search indexer recovered; the outbox is draining again")
                    failing = false
                }
                backoff = .zero
                if ContinuousClock.now - lastPrune > .seconds(60) {
                    try await prune()
                    lastPrune = .now
                }
                if drained < batchSize { try await Task.sleep(for: interval) }
            } catch is CancellationError {
                return
            } catch {
                if Task.isCancelled { return }
                // The engine may come back empty (a new cluster): make sure the indices exist before writing again.
                ensured = false
                // At most 5 s: one failed round per 5 s costs nothing, and after a database failover or an engine
                // restart of a few seconds the outbox drains again within 5 s, not after a 30 s sleep.
                backoff = min(max(backoff * 2, .milliseconds(250)), .seconds(5))
                let level: Logger.Level = failing ? .debug : .warning
                logger.log(level: level, "search indexer cannot drain the outbox; retrying with backoff",
                    metadata: ["error": "\(describe(error))", "retry_in": "\(backoff)"])
                failing = true
                try? await Task.sleep(for: backoff)
            }
        }
    }

    private func describe(_ error: any Error) -> String {
        if let error = error as? SearchError { return error.description }
        return PostgresErrorText.describe(error)
    }

    /// One round; returns how many events it handled (0 also when another instance holds the lock).
    @discardableResult
    public func drainOnce() async throws -> Int {
        do {
            return try await client.withTransaction(logger: logger) { conn in
                var locked = false
                for try await value in try await conn.query("SELECT pg_try_advisory_xact_lock(\(Self.drainLockKey))", logger: logger)
                    .decode(Bool.self)
                {
                    locked = value
                }
                guard locked else { return 0 }
                var events: [(id: Int64, index: String, document: String)] = []
                for try await (id, index, document) in try await conn.query(
                    """
                    SELECT id, index_name, document_id::text FROM search_outbox
                    WHERE processed_at IS NULL ORDER BY id LIMIT \(batchSize)
                    """, logger: logger
                ).decode((Int64, String, String).self) {
                    events.append((id, index, document))
                }
                guard !events.isEmpty else { return 0 }
                var body = BulkBody()
                for index in SearchIndex.all {
                    let ids = Array(Set(events.filter { $0.index == index.name }.map(\.document)))
                    guard !ids.isEmpty else { continue }
                    try await Self.appendDocuments(ids: ids, of: index, to: &body, on: conn, logger: logger)
                }
                let result = try await engine.bulk(body, requireAlias: true)
                // Overload, server errors and a missing alias (the engine lost its indices) are retried; a document the
                // engine refuses (a mapping conflict) would be refused forever, so it is marked done with its error
                // kept for `mscli search status`.
                func retryable(_ failure: BulkItemFailure) -> Bool {
                    failure.status == 429 || failure.status >= 500 || failure.type == "index_not_found_exception"
                }
                let retry = Set(result.failures.filter(retryable).map(\.id))
                let refused = Dictionary(
                    result.failures.filter { !retryable($0) }.map { ($0.id, $0.description) }, uniquingKeysWith: { a, _ in a })
                for (id, reason) in refused {
                    logger.error("search engine refused a document", metadata: ["id": "\(id)", "error": "\(reason)"])
                }
                let done = events.filter { !retry.contains($0.document) }.map(\.id)
                let again = events.filter { retry.contains($0.document) }.map(\.id)
                try await conn.query(
                    "UPDATE search_outbox SET processed_at = now() WHERE id = ANY(\(done)::bigint[])", logger: logger)
                if let firstRefused = refused.first {
                    try await conn.query(
                        """
                        UPDATE search_outbox SET last_error = \(firstRefused.value)
                        WHERE id = ANY(\(events.filter { refused[$0.document] != nil }.map(\.id))::bigint[])
                        """, logger: logger)
                }
                if !again.isEmpty {
                    let reason = result.failures.first { retry.contains($0.id) }?.description ?? "retry"
                    try await conn.query(
                        "UPDATE search_outbox SET attempts = attempts + 1, last_error = \(reason) WHERE id = ANY(\(again)::bigint[])",
                        logger: logger)
                }
                if result.failures.contains(where: { $0.type == "index_not_found_exception" }) { throw IndicesMissing() }
                return events.count
            }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error
        }
    }

    /// Renders the current rows of `ids` as `index` operations on the alias; ids without a row become deletes.
    static func appendDocuments(
        ids: [String], of index: SearchIndex, to body: inout BulkBody, on conn: PostgresConnection, logger: Logger
    ) async throws {
        var found = Set<String>()
        let query = PostgresQuery(
            unsafeSQL: index.documentSQL + " WHERE x.id = ANY($1::uuid[])",
            binds: {
                var b = PostgresBindings()
                b.append(ids)
                return b
            }())
        for try await (id, document) in try await conn.query(query, logger: logger).decode((String, String).self) {
            body.index(index.name, id: id, documentJSON: Array(document.utf8))
            found.insert(id)
        }
        for id in ids where !found.contains(id) {
            body.delete(index.name, id: id)
        }
    }

    private func prune() async throws {
        try await client.run(
            "DELETE FROM search_outbox WHERE processed_at < now() - interval '\(unescaped: Self.retention)'", logger: logger)
    }

    /// Makes sure every alias exists, creating a first physical index behind it when it does not. Held under an
    /// advisory lock, so two instances starting together do not create two indices behind one alias. A concrete index
    /// with the alias's name (the seed's unversioned indices) is left alone until `mscli reindex` replaces it.
    public static func ensureIndices(engine: SearchClient, client: PostgresClient, logger: Logger) async throws {
        try await client.withConnection { conn in
            try await conn.query("SELECT pg_advisory_lock(\(ensureLockKey))", logger: logger)
            do {
                for index in SearchIndex.all {
                    if try await !engine.aliasTargets(index.name).isEmpty { continue }
                    if try await engine.indexExists(index.name) { continue }
                    let physical = index.newPhysicalName()
                    try await engine.createIndex(physical, settingsAndMappings: index.createBody)
                    try await engine.updateAliases([.add(index: physical, alias: index.name)])
                    logger.notice("created search index", metadata: ["alias": "\(index.name)", "index": "\(physical)"])
                }
            } catch {
                try? await conn.query("SELECT pg_advisory_unlock(\(ensureLockKey))", logger: logger)
                throw error
            }
            try await conn.query("SELECT pg_advisory_unlock(\(ensureLockKey))", logger: logger)
        }
    }
}

/// Without a search engine nothing drains the outbox; this keeps it from growing forever by deleting events older
/// than the retention. (An engine added later starts from `mscli reindex`, which reads the tables, not the outbox.)
public struct OutboxPruner: Service {
    let client: PostgresClient
    let logger: Logger
    let interval: Duration

    public init(client: PostgresClient, logger: Logger, interval: Duration = .seconds(600)) {
        self.client = client
        self.logger = logger
        self.interval = interval
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await client.run(
                        "DELETE FROM search_outbox WHERE created_at < now() - interval '\(unescaped: SearchIndexer.retention)'", logger: logger)
                } catch {
                    logger.debug("outbox pruning failed", metadata: ["error": "\(PostgresErrorText.describe(error))"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
