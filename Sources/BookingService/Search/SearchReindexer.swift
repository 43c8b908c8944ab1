import Foundation
import Logging
import PostgresNIO
import SearchClient
import ServiceCore

/// Rebuilds a search index without downtime: a new versioned physical index is filled from one consistent database
/// snapshot (REPEATABLE READ), rows streamed and sent in bulk requests sized by bytes (one request in flight while
/// the next is built), the document count verified, then the alias swapped in one atomic `_aliases` call. Changes
/// made while it ran are replayed from the outbox after the swap. The old index is deleted only after the swap.
/// Any failure before the swap deletes the new index and leaves the alias as it was; a killed run leaves an orphan
/// index that the next run removes.
public struct SearchReindexer: Sendable {
    public struct Options: Sendable {
        public var keepOld = false
        public var dryRun = false
        /// Flush a bulk request when it reaches this many bytes.
        public var batchBytes = 4 << 20
        /// Bulk requests sent before waiting for the oldest answer.
        public var requestsInFlight = 2

        public init(keepOld: Bool = false, dryRun: Bool = false, batchBytes: Int = 4 << 20, requestsInFlight: Int = 2) {
            self.keepOld = keepOld
            self.dryRun = dryRun
            self.batchBytes = batchBytes
            self.requestsInFlight = requestsInFlight
        }
    }

    public struct Progress: Sendable {
        public var index: String
        public var sent: Int
        public var total: Int
    }

    public struct Report: Codable, Sendable {
        public var index: String
        public var previousIndices: [String]
        public var newIndex: String
        public var documents: Int
        public var replayed: Int
        public var removedIndices: [String]
        public var seconds: Double
        public var dryRun: Bool

        enum CodingKeys: String, CodingKey {
            case index, documents, replayed, seconds
            case previousIndices = "previous_indices", newIndex = "new_index", removedIndices = "removed_indices", dryRun = "dry_run"
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case busy(String)
        case countMismatch(index: String, expected: Int, found: Int)
        case rejected(index: String, failures: [BulkItemFailure])

        public var description: String {
            switch self {
            case .busy(let index): "another reindex of \(index) is running"
            case .countMismatch(let index, let expected, let found):
                "\(index): the new index holds \(found) documents, the snapshot had \(expected); the alias was not moved"
            case .rejected(let index, let failures):
                "\(index): the search engine refused \(failures.count) documents (first: \(failures[0])); the alias was not moved"
            }
        }
    }

    let engine: SearchClient
    let client: PostgresClient
    let logger: Logger

    public init(engine: SearchClient, client: PostgresClient, logger: Logger) {
        self.engine = engine
        self.client = client
        self.logger = logger
    }

    /// How far back the replay looks for events its snapshot did not see: a bound for the scan, longer than any
    /// transaction runs (the events themselves are chosen by transaction visibility, not by time).
    static let replayWindow = "1 hour"

    /// Rows per FETCH from the snapshot's cursor.
    static let fetchRows = 1000

    /// The snapshot a reindex read: when it was taken and PostgreSQL's `pg_snapshot` of it.
    struct Snapshot {
        var time: Date
        var text: String
    }

    public func reindex(_ index: SearchIndex, options: Options = Options(), progress: @escaping @Sendable (Progress) -> Void = { _ in })
        async throws -> Report
    {
        let started = ContinuousClock.now
        return try await withReindexLock(index) { conn in
            try await reindexLocked(index, options: options, conn: conn, started: started, progress: progress)
        }
    }

    /// Runs `body` holding the index's reindex lock (a session advisory lock, so a reindex and a rollback of one index
    /// never overlap); another holder is ``Failure/busy(_:)`` at once, not a wait.
    func withReindexLock<T: Sendable>(
        _ index: SearchIndex, _ body: @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await client.withConnection { conn in
            let key = SearchIndexer.advisoryKey("reindex:\(index.name)")
            var locked = false
            for try await value in try await conn.query("SELECT pg_try_advisory_lock(\(key))", logger: logger).decode(Bool.self) {
                locked = value
            }
            guard locked else { throw Failure.busy(index.name) }
            do {
                let result = try await body(conn)
                try await conn.query("SELECT pg_advisory_unlock(\(key))", logger: logger)
                return result
            } catch {
                try? await conn.query("SELECT pg_advisory_unlock(\(key))", logger: logger)
                throw error
            }
        }
    }

    private func reindexLocked(
        _ index: SearchIndex, options: Options, conn: PostgresConnection, started: ContinuousClock.Instant,
        progress: @escaping @Sendable (Progress) -> Void
    ) async throws -> Report {
        let current = try await engine.aliasTargets(index.name)
        let concrete = current.isEmpty ? try await engine.indexExists(index.name) : false
        let physical = index.newPhysicalName()
        var report = Report(
            index: index.name, previousIndices: concrete ? [index.name] : current, newIndex: physical, documents: 0, replayed: 0,
            removedIndices: [], seconds: 0, dryRun: options.dryRun)

        // Leftovers of killed runs: physical indices of this alias that the alias does not point at. Safe to remove
        // while holding the reindex lock.
        let orphans = try await engine.indices(matching: index.name + "_*").map(\.name)
            .filter { index.owns(physical: $0) && !current.contains($0) }

        if options.dryRun {
            var total = 0
            for try await count in try await conn.query("SELECT count(*)::int FROM \(unescaped: index.name)", logger: logger).decode(Int.self) {
                total = count
            }
            report.documents = total
            report.removedIndices = options.keepOld ? orphans : orphans + report.previousIndices
            report.seconds = started.duration(to: .now).seconds
            return report
        }
        for orphan in orphans {
            _ = try await engine.deleteIndex(orphan)
            logger.notice("removed an index left by an interrupted reindex", metadata: ["index": "\(orphan)"])
        }

        try await engine.createIndex(physical, settingsAndMappings: index.createBody)
        let snapshot: Snapshot
        let sent: Int
        do {
            (snapshot, sent) = try await fill(index, physical: physical, options: options, conn: conn, progress: progress)
            try await engine.refresh(physical)
            let found = try await engine.count(physical)
            guard found == sent else { throw Failure.countMismatch(index: index.name, expected: sent, found: found) }
        } catch {
            try? await conn.query("ROLLBACK", logger: logger)
            _ = try? await engine.deleteIndex(physical)
            throw error
        }
        report.documents = sent

        var actions: [AliasAction] = current.map { .remove(index: $0, alias: index.name) }
        if concrete { actions.append(.removeIndex(index.name)) }
        actions.append(.add(index: physical, alias: index.name))
        try await engine.updateAliases(actions)
        logger.notice("alias moved", metadata: ["alias": "\(index.name)", "index": "\(physical)", "documents": "\(sent)"])

        report.replayed = try await replay(index, after: snapshot, conn: conn)
        if concrete { report.removedIndices.append(index.name) }
        if !options.keepOld {
            for old in current {
                _ = try await engine.deleteIndex(old)
                report.removedIndices.append(old)
            }
        }
        report.removedIndices.append(contentsOf: orphans)
        report.seconds = started.duration(to: .now).seconds
        return report
    }

    /// Streams every row of the snapshot into `physical`; returns the snapshot and how many documents went.
    private func fill(
        _ index: SearchIndex, physical: String, options: Options, conn: PostgresConnection, progress: @escaping @Sendable (Progress) -> Void
    ) async throws -> (Snapshot, Int) {
        try await conn.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
        var snapshot = Snapshot(time: Date(), text: "")
        var total = 0
        for try await (now, text, count) in try await conn.query(
            "SELECT now(), pg_current_snapshot()::text, (SELECT count(*) FROM \(unescaped: index.name))::int", logger: logger
        ).decode((Date, String, Int).self) {
            snapshot = Snapshot(time: now, text: text)
            total = count
        }
        progress(Progress(index: index.name, sent: 0, total: total))
        var body = BulkBody()
        var sent = 0
        // Up to `requestsInFlight` bulk requests at once: the engine always has the next batch while it indexes one.
        var inFlight: [Task<(BulkResult, Int), any Error>] = []
        defer { for task in inFlight { task.cancel() } }
        let engine = self.engine
        func awaitOldest() async throws {
            let (result, count) = try await inFlight.removeFirst().value
            guard result.failures.isEmpty else { throw Failure.rejected(index: index.name, failures: result.failures) }
            sent += count
            progress(Progress(index: index.name, sent: sent, total: total))
        }
        func send(_ batch: BulkBody) async throws {
            if inFlight.count >= options.requestsInFlight { try await awaitOldest() }
            inFlight.append(Task { (try await engine.bulk(batch), batch.operationCount) })
        }
        // A cursor read in pages of `Self.fetchRows`: memory stays bounded by one page and the bulk bodies in flight,
        // however large the table (a plain query lets the driver's row buffer grow to thousands of rows).
        try await conn.query(PostgresQuery(unsafeSQL: "DECLARE reindex_rows NO SCROLL CURSOR FOR " + index.documentSQL), logger: logger)
        while true {
            var fetched = 0
            let page = try await conn.query(PostgresQuery(unsafeSQL: "FETCH \(Self.fetchRows) FROM reindex_rows"), logger: logger)
            for try await (id, document) in page.decode((String, String).self) {
                fetched += 1
                body.index(physical, id: id, documentJSON: Array(document.utf8))
                if body.byteCount >= options.batchBytes {
                    try await send(body)
                    body = BulkBody()
                }
            }
            if fetched < Self.fetchRows { break }
        }
        try await conn.query("CLOSE reindex_rows", logger: logger)
        try await conn.query("COMMIT", logger: logger)
        if !body.isEmpty { try await send(body) }
        while !inFlight.isEmpty { try await awaitOldest() }
        return (snapshot, sent)
    }

    /// Re-sends the current state of every document changed by a transaction the snapshot did not see.
    private func replay(_ index: SearchIndex, after snapshot: Snapshot, conn: PostgresConnection) async throws -> Int {
        var ids: [String] = []
        for try await id in try await conn.query(
            """
            SELECT DISTINCT document_id::text FROM search_outbox
            WHERE index_name = \(index.name) AND created_at >= \(snapshot.time) - interval '\(unescaped: Self.replayWindow)'
              AND NOT pg_visible_in_snapshot(txid, \(snapshot.text)::pg_snapshot)
            """, logger: logger
        ).decode(String.self) {
            ids.append(id)
        }
        var replayed = 0
        for chunk in stride(from: 0, to: ids.count, by: 1000).map({ Array(ids[$0..<min($0 + 1000, ids.count)]) }) {
            var body = BulkBody()
            try await SearchIndexer.appendDocuments(ids: chunk, of: index, to: &body, on: conn, logger: logger)
            let result = try await engine.bulk(body, requireAlias: true)
            if let failure = result.failures.first {
                logger.error("replay: the search engine refused a document", metadata: ["error": "\(failure)"])
            }
            replayed += chunk.count
        }
        return replayed
    }
}
