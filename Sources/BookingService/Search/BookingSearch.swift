import Foundation
import Logging
import PostgresNIO
import SearchClient
import ServiceCore

/// `GET /booking/search/` in the seed's shape, plus paging and the real total. The engine is Elasticsearch/OpenSearch
/// when one is configured, PostgreSQL full-text search otherwise; either way a caller sees only their own bookings
/// (admins see all).
public struct SearchAnswer: Codable, Sendable {
    public var query: String
    public var indicesSearched: [String]
    /// Hits in this page (the seed's field).
    public var totalResults: Int
    /// Hits overall.
    public var total: Int
    public var limit: Int
    public var offset: Int
    public var engine: String
    /// Each hit's document plus `_index`, `_id`, `_score`.
    public var results: [JSONValue]
    /// The results already written as the JSON array the answer shows (then ``results`` is empty): the route's answer
    /// when the engine found them, whose documents go from its answer to ours without being decoded (``JSONDocument``).
    public var resultsJSON: [UInt8]?

    enum CodingKeys: String, CodingKey {
        case query, total, limit, offset, engine, results
        case indicesSearched = "indices_searched", totalResults = "total_results"
    }
}

/// What `mscli search status` shows: per index, rows in the database against documents in the engine, and how far
/// the indexer is behind.
public struct SearchStatus: Codable, Sendable {
    public struct IndexStatus: Codable, Sendable {
        public var index: String
        public var databaseRows: Int
        public var documents: Int?
        public var physicalIndices: [String]
        public var pendingEvents: Int

        enum CodingKeys: String, CodingKey {
            case index, documents
            case databaseRows = "database_rows", physicalIndices = "physical_indices", pendingEvents = "pending_events"
        }
    }

    public var engine: String
    public var engineURL: String?
    public var engineError: String?
    public var indices: [IndexStatus]
    public var pendingEvents: Int
    public var oldestPendingSeconds: Double?
    public var failingEvents: Int
    public var lastError: String?

    enum CodingKeys: String, CodingKey {
        case engine, indices
        case engineURL = "engine_url", engineError = "engine_error", pendingEvents = "pending_events"
        case oldestPendingSeconds = "oldest_pending_seconds", failingEvents = "failing_events", lastError = "last_error"
    }
}

public struct BookingSearch: Sendable {
    /// The longest search text accepted (`query`); only its first 16 words are used on PostgreSQL.
    public static let maximumQueryLength = 200

    let engine: SearchClient?
    let client: PostgresClient
    let logger: Logger
    let deadline: Duration
    let gate: DatabaseGate

    public init(
        engine: SearchClient?, client: PostgresClient, logger: Logger, deadline: Duration = .seconds(10), gate: DatabaseGate = .unguarded
    ) {
        self.engine = engine
        self.client = client
        self.logger = logger
        self.deadline = deadline
        self.gate = gate
    }

    /// The search; with `resultsAsJSON`, results from the engine come as ``SearchAnswer/resultsJSON`` (for an answer
    /// that is only written out, the route's).
    public func search(
        query: String, indices requested: [String], limit: Int, offset: Int, actor: BookingActor, resultsAsJSON: Bool = false
    ) async throws -> SearchAnswer {
        var indices: [SearchIndex] = []
        for name in requested {
            guard let index = SearchIndex.named(name) else {
                throw APIError.invalid(
                    ["query", "indices"], "Unknown index \(name); use " + SearchIndex.all.map(\.name).joined(separator: ", "))
            }
            if !indices.contains(index) { indices.append(index) }
        }
        if indices.isEmpty { indices = SearchIndex.all }
        let searched = indices
        var answer = SearchAnswer(
            query: query, indicesSearched: indices.map(\.name), totalResults: 0, total: 0, limit: limit, offset: offset,
            engine: engine == nil ? "postgresql" : "search", results: [])
        if let engine, resultsAsJSON {
            let (total, count, json) = try await searchEngineJSON(
                engine, query: query, indices: indices, limit: limit, offset: offset, actor: actor)
            answer.total = total
            answer.totalResults = count
            answer.resultsJSON = json
            return answer
        }
        let (total, results) =
            if let engine {
                try await searchEngine(engine, query: query, indices: indices, limit: limit, offset: offset, actor: actor)
            } else {
                try await gate.run(deadline: deadline) {
                    try await searchDatabase(query: query, indices: searched, limit: limit, offset: offset, actor: actor)
                }
            }
        answer.total = total
        answer.results = results
        answer.totalResults = results.count
        return answer
    }

    /// The engine's query for this search: only bookings carry user_id, so everything else passes, and bookings only
    /// when they are the caller's.
    private func engineQuery(_ query: String, indices: [SearchIndex], limit: Int, offset: Int, actor: BookingActor) -> [UInt8] {
        SearchEngineQuery(
            text: query, fields: indices.flatMap(\.searchFields),
            ownerID: !actor.isAdmin && indices.contains(.bookings) ? actor.userID.lowercasedString : nil,
            from: offset, size: limit
        ).encoded()
    }

    /// The engine's answer to `body`; its failures are a 503 (the engine's address and its own words stay in the log).
    private func enginePage(_ engine: SearchClient, indices: [SearchIndex], body: [UInt8]) async throws -> SearchPage {
        do {
            return try await engine.searchPage(indices: indices.map(\.name), encodedBody: body)
        } catch let error as SearchError {
            logger.error("search failed", metadata: ["error": "\(error)"])
            throw APIError(.serviceUnavailable, "Search is unavailable; try again shortly", headers: [.retryAfter: "5"])
        }
    }

    /// A hit's `_index` as callers know it: the alias of the physical index it came from. A page's hits come from a
    /// few physical indices, so each is resolved once.
    private static func alias(of index: String, known: inout [String: String]) -> String {
        if let alias = known[index] { return alias }
        let alias = SearchIndex.all.first { $0.name == index || $0.owns(physical: index) }?.name ?? index
        known[index] = alias
        return alias
    }

    private func searchEngine(
        _ engine: SearchClient, query: String, indices: [SearchIndex], limit: Int, offset: Int, actor: BookingActor
    ) async throws -> (Int, [JSONValue]) {
        let page = try await enginePage(engine, indices: indices, body: engineQuery(query, indices: indices, limit: limit, offset: offset, actor: actor))
        var aliases: [String: String] = [:]
        let results = try page.body.withUnsafeBufferPointer { buffer in
            let document = JSONDocument(buffer)
            return try page.hits.map { hit -> JSONValue in
                var fields = try hit.source.map { try document.value($0).objectValue ?? [:] } ?? [:]
                fields["_index"] = .string(Self.alias(of: hit.index, known: &aliases))
                fields["_id"] = .string(hit.id)
                fields["_score"] = hit.score.map(JSONValue.double) ?? .null
                return .object(fields)
            }
        }
        return (page.total, results)
    }

    /// ``searchEngine(_:query:indices:limit:offset:actor:)`` with the results written as JSON straight from the
    /// engine's bytes: the same bytes that writing its results would give.
    private func searchEngineJSON(
        _ engine: SearchClient, query: String, indices: [SearchIndex], limit: Int, offset: Int, actor: BookingActor
    ) async throws -> (total: Int, count: Int, json: [UInt8]) {
        let page = try await enginePage(engine, indices: indices, body: engineQuery(query, indices: indices, limit: limit, offset: offset, actor: actor))
        var aliases: [String: String] = [:]
        var out: [UInt8] = []
        out.reserveCapacity(page.body.count + 64 * page.hits.count + 2)
        out.append(UInt8(ascii: "["))
        // The answer was checked whole when it was read, so its documents read again without a syntax error.
        try page.body.withUnsafeBufferPointer { buffer in
            let document = JSONDocument(buffer)
            for (position, hit) in page.hits.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                var id: [UInt8] = []
                JSONWriter.appendString(hit.id, to: &id)
                var index: [UInt8] = []
                JSONWriter.appendString(Self.alias(of: hit.index, known: &aliases), to: &index)
                var score: [UInt8] = []
                JSONWriter.write(hit.score.map(JSONValue.double) ?? .null, to: &score, doubles: .foundation)
                // Sorted by key, as the writer needs them.
                try document.writeObject(
                    hit.source, setting: [("_id", id), ("_index", index), ("_score", score)], to: &out, doubles: .foundation)
            }
        }
        out.append(UInt8(ascii: "]"))
        return (page.total, page.hits.count, out)
    }

    /// Full-text search on PostgreSQL over the same fields and the same documents: every word of the query as a
    /// prefix, any of them matching, best `ts_rank` first.
    private func searchDatabase(query: String, indices: [SearchIndex], limit: Int, offset: Int, actor: BookingActor) async throws
        -> (Int, [JSONValue])
    {
        let words = query.lowercased().split { !($0.isLetter || $0.isNumber) }.prefix(16)
        guard !words.isEmpty else { return (0, []) }
        let tsquery = words.map { "\($0):*" }.joined(separator: " | ")
        var parts: [String] = []
        var bindings = PostgresBindings()
        bindings.append(tsquery)
        for index in indices where !index.searchFields.isEmpty {
            var where_ = "\(index.textVector) @@ to_tsquery('simple', $1)"
            if index == .bookings && !actor.isAdmin {
                bindings.append(actor.userID)
                where_ += " AND x.user_id = $\(bindings.count)"
            }
            parts.append(
                """
                (SELECT '\(index.name)' AS idx, x.id::text AS id, ts_rank(\(index.textVector), to_tsquery('simple', $1)) AS rank,
                        \(index.documentExpression) AS doc
                 FROM \(index.name) x WHERE \(where_))
                """)
        }
        guard !parts.isEmpty else { return (0, []) }
        bindings.append(limit)
        bindings.append(offset)
        let sql = """
            SELECT idx, id, rank, doc, count(*) OVER () FROM (
                \(parts.joined(separator: "\nUNION ALL\n"))
            ) hits ORDER BY rank DESC, id LIMIT $\(bindings.count - 1) OFFSET $\(bindings.count)
            """
        var total = 0
        var results: [JSONValue] = []
        for (index, id, rank, doc, count) in try await client.values(
            PostgresQuery(unsafeSQL: sql, binds: bindings), as: (String, String, Float, String, Int).self, logger: logger)
        {
            total = count
            guard case .object(var document) = try JSONValue.decode(Array(doc.utf8)) else { continue }
            document["_index"] = .string(index)
            document["_id"] = .string(id)
            document["_score"] = .double(Double(rank))
            results.append(.object(document))
        }
        return (total, results)
    }

    public func status() async throws -> SearchStatus {
        var status = SearchStatus(
            engine: engine == nil ? "postgresql" : "search", engineURL: engine?.baseURL, engineError: nil, indices: [],
            pendingEvents: 0, oldestPendingSeconds: nil, failingEvents: 0, lastError: nil)
        status = try await gate.run(deadline: deadline) { [status] in
            var status = status
            let rows = try await client.values(
                """
                SELECT (SELECT count(*) FROM movies)::int, (SELECT count(*) FROM theaters)::int, (SELECT count(*) FROM showings)::int,
                       (SELECT count(*) FROM bookings)::int,
                       (SELECT count(*) FROM search_outbox WHERE processed_at IS NULL AND index_name = 'movies')::int,
                       (SELECT count(*) FROM search_outbox WHERE processed_at IS NULL AND index_name = 'theaters')::int,
                       (SELECT count(*) FROM search_outbox WHERE processed_at IS NULL AND index_name = 'showings')::int,
                       (SELECT count(*) FROM search_outbox WHERE processed_at IS NULL AND index_name = 'bookings')::int,
                       (SELECT extract(epoch FROM now() - min(created_at))::float8 FROM search_outbox WHERE processed_at IS NULL),
                       (SELECT count(*) FROM search_outbox WHERE processed_at IS NULL AND attempts > 0)::int,
                       (SELECT last_error FROM search_outbox WHERE processed_at IS NULL AND last_error IS NOT NULL ORDER BY id DESC LIMIT 1)
                """, as: (Int, Int, Int, Int, Int, Int, Int, Int, Double?, Int, String?).self, logger: logger)
            for (m, t, s, b, pm, pt, ps, pb, oldest, failing, lastError) in rows {
                let counts = [("movies", m, pm), ("theaters", t, pt), ("showings", s, ps), ("bookings", b, pb)]
                status.indices = counts.map {
                    SearchStatus.IndexStatus(index: $0.0, databaseRows: $0.1, documents: nil, physicalIndices: [], pendingEvents: $0.2)
                }
                status.pendingEvents = pm + pt + ps + pb
                status.oldestPendingSeconds = oldest
                status.failingEvents = failing
                status.lastError = lastError
            }
            return status
        }
        guard let engine else { return status }
        do {
            for i in status.indices.indices {
                let name = status.indices[i].index
                status.indices[i].physicalIndices = try await engine.aliasTargets(name)
                if !status.indices[i].physicalIndices.isEmpty {
                    status.indices[i].documents = try await engine.count(name)
                }
            }
        } catch {
            status.engineError = "\(error)"
        }
        return status
    }
}
