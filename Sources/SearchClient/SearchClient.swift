import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceCore

/// The REST subset that Elasticsearch 8 and OpenSearch share: indices, aliases, bulk writes, counts and searches.
///
/// It sends plain `application/json` (never Elasticsearch's `compatible-with=8` media types, which OpenSearch refuses),
/// gives every request a deadline of `requestTimeout`, and reports a missing HTTP answer as
/// ``SearchError/unreachable(_:)`` and a non-2xx answer as ``SearchError/server(status:type:reason:)``.
/// The caller owns the `HTTPClient` and shuts it down.
public struct SearchClient: Sendable {
    /// The server's URL without a trailing slash, for example `http://127.0.0.1:9200`.
    public let baseURL: String
    public let requestTimeout: TimeAmount
    private let httpClient: HTTPClient
    /// Searches go over these when set (a plain `http://` engine); everything else over `httpClient`.
    private let connections: SearchConnections?
    private let logger: Logger

    /// Responses larger than this are refused as malformed (a search is never meant to return this much).
    public static let maximumResponseBytes = 256 * 1024 * 1024

    public init(
        baseURL: String, httpClient: HTTPClient, requestTimeout: TimeAmount = .seconds(30), logger: Logger,
        connections: SearchConnections? = nil
    ) {
        var url = baseURL
        while url.hasSuffix("/") { url.removeLast() }
        self.baseURL = url
        self.httpClient = httpClient
        self.connections = connections
        self.requestTimeout = requestTimeout
        self.logger = logger
    }

    // MARK: - Server

    /// `GET /`: the distribution (`opensearch`, or `elasticsearch` when the server names none) and version number.
    public func info() async throws -> SearchServerInfo {
        let json = try await requestJSON(.GET, "/")
        guard let version = json["version"], let number = version["number"]?.stringValue else {
            throw SearchError.malformedResponse("GET / has no version.number")
        }
        return SearchServerInfo(distribution: version["distribution"]?.stringValue ?? "elasticsearch", version: number)
    }

    /// `GET /_cluster/health`: `green`, `yellow` or `red`.
    public func clusterHealth() async throws -> String {
        let json = try await requestJSON(.GET, "/_cluster/health")
        guard let status = json["status"]?.stringValue else { throw SearchError.malformedResponse("_cluster/health has no status") }
        return status
    }

    // MARK: - Indices

    /// `HEAD /index`: true for an index or an alias of that name.
    public func indexExists(_ index: String) async throws -> Bool {
        let response = try await send(.HEAD, "/" + Self.pathSegment(index))
        switch response.status {
        case 200..<300: return true
        case 404: return false
        default: throw SearchError.fromResponse(status: response.status, body: response.body)
        }
    }

    /// `PUT /index` with `{"settings":…,"mappings":…}`. An existing index is an error
    /// (`resource_already_exists_exception`).
    public func createIndex(_ index: String, settingsAndMappings: JSONValue) async throws {
        _ = try await requestJSON(.PUT, "/" + Self.pathSegment(index), body: settingsAndMappings.encoded())
    }

    /// `DELETE /index`: true when deleted, false when there was no such index. Naming an alias is an error.
    @discardableResult
    public func deleteIndex(_ index: String) async throws -> Bool {
        let response = try await send(.DELETE, "/" + Self.pathSegment(index))
        switch response.status {
        case 200..<300: return true
        case 404: return false
        default: throw SearchError.fromResponse(status: response.status, body: response.body)
        }
    }

    /// `POST /index/_refresh`: makes everything written so far visible to searches and counts.
    public func refresh(_ index: String) async throws {
        _ = try await requestJSON(.POST, "/" + Self.pathSegment(index) + "/_refresh")
    }

    /// `GET /_cat/indices/PATTERN?format=json`, sorted by name; [] when nothing matches. An alias in the pattern
    /// resolves to its indices.
    public func indices(matching pattern: String) async throws -> [IndexInfo] {
        let response = try await send(.GET, "/_cat/indices/" + Self.pathSegment(pattern), query: "format=json")
        if response.status == 404 { return [] }
        guard (200..<300).contains(response.status) else {
            throw SearchError.fromResponse(status: response.status, body: response.body)
        }
        guard case .array(let rows) = try JSONValue.response(response.body) else {
            throw SearchError.malformedResponse("_cat/indices did not answer a JSON array")
        }
        var result: [IndexInfo] = []
        result.reserveCapacity(rows.count)
        for row in rows {
            guard let name = row["index"]?.stringValue else {
                throw SearchError.malformedResponse("_cat/indices row without an index name")
            }
            // "docs.count" is a string in _cat output; null for a closed index
            let count: Int
            switch row["docs.count"] {
            case .string(let text)?: count = Int(text) ?? 0
            case let other?: count = other.intValue ?? 0
            case nil: count = 0
            }
            result.append(IndexInfo(name: name, documentCount: count))
        }
        return result.sorted { $0.name < $1.name }
    }

    // MARK: - Aliases

    /// `GET /_alias/alias`: the physical indices the alias points at, sorted; [] when the alias does not exist.
    public func aliasTargets(_ alias: String) async throws -> [String] {
        let response = try await send(.GET, "/_alias/" + Self.pathSegment(alias))
        if response.status == 404 { return [] }
        guard (200..<300).contains(response.status) else {
            throw SearchError.fromResponse(status: response.status, body: response.body)
        }
        guard case .object(let indices) = try JSONValue.response(response.body) else {
            throw SearchError.malformedResponse("_alias did not answer a JSON object")
        }
        return indices.keys.sorted()
    }

    /// `POST /_aliases`: all actions in one request, which the server applies atomically (all or none).
    public func updateAliases(_ actions: [AliasAction]) async throws {
        guard !actions.isEmpty else { return }
        let body: JSONValue = ["actions": .array(actions.map(\.json))]
        _ = try await requestJSON(.POST, "/_aliases", body: body.encoded())
    }

    // MARK: - Documents

    /// `POST /_bulk` (NDJSON). An HTTP-level error throws; per-item errors are in ``BulkResult/failures``.
    /// `refresh: true` makes the writes visible to searches before it returns.
    /// `requireAlias: true` makes every target an alias that must exist (an item for a missing one fails with 404
    /// instead of creating an index of that name with guessed mappings).
    public func bulk(_ body: BulkBody, refresh: Bool = false, requireAlias: Bool = false) async throws -> BulkResult {
        guard !body.isEmpty else { return BulkResult(tookMilliseconds: 0, failures: [], itemCount: 0) }
        var query: [String] = []
        if refresh { query.append("refresh=true") }
        if requireAlias { query.append("require_alias=true") }
        let json = try await requestJSON(
            .POST, "/_bulk", query: query.isEmpty ? nil : query.joined(separator: "&"), body: body.bytes,
            contentType: "application/x-ndjson")
        guard case .array(let items)? = json["items"] else {
            throw SearchError.malformedResponse("_bulk answer has no items")
        }
        var failures: [BulkItemFailure] = []
        if json["errors"]?.boolValue != false {
            for item in items {
                guard case .object(let wrapper) = item, let (operation, result) = wrapper.first else { continue }
                let status = result["status"]?.intValue ?? 0
                if status < 300 || (operation == "delete" && status == 404) { continue }
                let error = result["error"]
                failures.append(
                    BulkItemFailure(
                        operation: operation,
                        index: result["_index"]?.stringValue ?? "",
                        id: result["_id"]?.stringValue ?? "",
                        status: status,
                        type: error?["type"]?.stringValue,
                        reason: error?["reason"]?.stringValue ?? error?.stringValue))
            }
        }
        return BulkResult(tookMilliseconds: json["took"]?.intValue ?? 0, failures: failures, itemCount: items.count)
    }

    /// The number of documents in `index` (an index, alias or pattern), all of them or those matching `query`.
    /// `query` is the query clause (`["term": ["genre": "drama"]]`); a whole body `["query": …]` is accepted too.
    public func count(_ index: String, query: JSONValue? = nil) async throws -> Int {
        let path = "/" + Self.pathSegment(index) + "/_count"
        let json: JSONValue
        if let query {
            let body: JSONValue
            if case .object(let members) = query, members.count == 1, members["query"] != nil {
                body = query
            } else {
                body = ["query": query]
            }
            json = try await requestJSON(.POST, path, body: body.encoded())
        } else {
            json = try await requestJSON(.GET, path)
        }
        guard let count = json["count"]?.intValue else {
            throw SearchError.malformedResponse("_count answer has no count")
        }
        return count
    }

    // MARK: - Search

    /// `POST /i1,i2/_search` with `body` (`{"query":…,"size":…}`). With `ignoreUnavailable`, missing indices are
    /// skipped instead of failing the search. An empty `indices` searches every index.
    public func search(indices: [String], body: JSONValue, ignoreUnavailable: Bool = true) async throws -> SearchResponse {
        try await search(indices: indices, encodedBody: body.encoded(), ignoreUnavailable: ignoreUnavailable)
    }

    /// ``search(indices:body:ignoreUnavailable:)`` with the body already written as JSON bytes (a caller on a hot path
    /// writes them without building a ``JSONValue``).
    public func search(indices: [String], encodedBody: [UInt8], ignoreUnavailable: Bool = true) async throws -> SearchResponse {
        let page = try await searchPage(indices: indices, encodedBody: encodedBody, ignoreUnavailable: ignoreUnavailable)
        return try page.body.withUnsafeBufferPointer { buffer in
            let document = JSONDocument(buffer)
            return SearchResponse(
                total: page.total,
                hits: try page.hits.map { hit in
                    SearchHit(
                        index: hit.index, id: hit.id, score: hit.score,
                        source: try hit.source.map { try document.value($0).objectValue ?? [:] } ?? [:])
                })
        }
    }

    /// ``search(indices:encodedBody:ignoreUnavailable:)`` with each hit's document left as JSON in the answer's bytes
    /// (``SearchPage``), for a caller that writes the documents out again rather than reading them.
    public func searchPage(indices: [String], encodedBody: [UInt8], ignoreUnavailable: Bool = true) async throws -> SearchPage {
        let target = indices.isEmpty ? "" : "/" + indices.map(Self.pathSegment).joined(separator: ",")
        let path = target + "/_search"
        let query = ignoreUnavailable ? "ignore_unavailable=true" : nil
        let response =
            if let connections {
                try await post(path, query: query, json: encodedBody, over: connections)
            } else {
                try await send(.POST, path, query: query, body: encodedBody)
            }
        guard (200..<300).contains(response.status) else {
            throw SearchError.fromResponse(status: response.status, body: response.body)
        }
        do {
            return try SearchPage(response.body)
        } catch let error as JSONSyntaxError {
            throw SearchError.malformedResponse("POST \(path): \(error)")
        }
    }

    // MARK: - Transport

    struct RawResponse {
        var status: Int
        var body: [UInt8]
    }

    /// Sends a request and decodes a 2xx JSON answer; any other status throws `.server`.
    private func requestJSON(
        _ method: HTTPMethod, _ path: String, query: String? = nil, body: [UInt8]? = nil,
        contentType: String = "application/json"
    ) async throws -> JSONValue {
        let response = try await send(method, path, query: query, body: body, contentType: contentType)
        guard (200..<300).contains(response.status) else {
            throw SearchError.fromResponse(status: response.status, body: response.body)
        }
        do {
            return try JSONValue.response(response.body)
        } catch let error as SearchError {
            throw SearchError.malformedResponse("\(method) \(path): \(error)")
        }
    }

    /// One HTTP exchange with the deadline `requestTimeout`; every status is returned, transport failures throw
    /// `.unreachable`.
    func send(
        _ method: HTTPMethod, _ path: String, query: String? = nil, body: [UInt8]? = nil,
        contentType: String = "application/json"
    ) async throws -> RawResponse {
        let url = baseURL + path + (query.map { "?" + $0 } ?? "")
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let started = ContinuousClock.now
        let status: Int
        var buffer: ByteBuffer
        do {
            // AsyncHTTPClient tags its logger with a request id on every request; below debug it would log nothing
            // with it, so it gets none (its own disabled logger) and saves that per-request work.
            let response = try await httpClient.execute(
                request, deadline: .now() + requestTimeout, logger: logger.logLevel <= .debug ? logger : nil)
            status = Int(response.status.code)
            buffer = try await response.body.collect(upTo: Self.maximumResponseBytes)
        } catch is NIOTooManyBytesError {
            throw SearchError.malformedResponse("\(method) \(url): response larger than \(Self.maximumResponseBytes) bytes")
        } catch {
            if Task.isCancelled { throw CancellationError() }
            logger.debug(
                "search request failed",
                metadata: ["method": "\(method)", "url": "\(url)", "error": "\(String(reflecting: error))"])
            throw SearchError.unreachable("\(method) \(url): \(describe(error))")
        }
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        logger.debug(
            "search request",
            metadata: [
                "method": "\(method)", "path": "\(path)", "status": "\(status)",
                "duration_ms": "\((ContinuousClock.now - started).milliseconds)",
            ])
        return RawResponse(status: status, body: bytes)
    }

    /// ``send(_:_:query:body:contentType:)`` for a JSON POST that may be sent twice (a search), over ``SearchConnections``.
    private func post(_ path: String, query: String?, json body: [UInt8], over connections: SearchConnections) async throws
        -> RawResponse
    {
        let target = path + (query.map { "?" + $0 } ?? "")
        let started = ContinuousClock.now
        let answer: SearchConnections.Answer
        do {
            answer = try await connections.post(target, json: body, timeout: requestTimeout)
        } catch SearchConnections.Failure.tooLarge(let limit) {
            throw SearchError.malformedResponse("POST \(baseURL + target): response larger than \(limit) bytes")
        } catch {
            if Task.isCancelled { throw CancellationError() }
            logger.debug(
                "search request failed",
                metadata: ["method": "POST", "url": "\(baseURL + target)", "error": "\(String(reflecting: error))"])
            throw SearchError.unreachable("POST \(baseURL + target): \(describe(error))")
        }
        if logger.logLevel <= .debug {
            logger.debug(
                "search request",
                metadata: [
                    "method": "POST", "path": "\(path)", "status": "\(answer.status)",
                    "duration_ms": "\((ContinuousClock.now - started).milliseconds)",
                ])
        }
        return RawResponse(status: answer.status, body: Array(answer.body.readableBytesView))
    }

    /// A short operator-facing text for a transport error.
    private func describe(_ error: any Error) -> String {
        if let failure = error as? SearchConnections.Failure {
            guard case .connect(let cause) = failure else { return failure.description }
            return describe(cause)
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded: return "no answer within \(requestTimeout.seconds) s (request timeout)"
            case .connectTimeout: return "connect timeout"
            case .readTimeout: return "read timeout"
            case .remoteConnectionClosed: return "the server closed the connection"
            case .alreadyShutdown: return "the HTTP client is already shut down"
            case .invalidURL, .emptyHost, .emptyScheme: return "invalid URL"
            default: break
            }
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return "connection refused"
            case ECONNRESET: return "connection reset by the server"
            case ETIMEDOUT: return "connection timed out"
            case EHOSTUNREACH, ENETUNREACH: return "no route to host"
            default: return "I/O error (errno \(error.errnoCode))"
            }
        }
        let text = String(describing: error)
        // NIO's connection error lists every attempt; name the refusal when it is one
        if text.contains("Connection refused") || text.contains("connectionRefused") {
            return "connection refused"
        }
        return SearchError.oneLine(text, limit: 300)
    }

    /// Percent-encodes an index name, alias or pattern for the URL path; keeps `*` and `,`, which the API reads.
    static func pathSegment(_ name: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "*"), UInt8(ascii: ","), UInt8(ascii: "+"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension TimeAmount {
    fileprivate var seconds: String {
        let value = Double(nanoseconds) / 1_000_000_000
        return value == value.rounded() ? String(Int(value)) : String(value)
    }
}

extension Duration {
    fileprivate var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}

// MARK: - Values

public struct SearchServerInfo: Sendable, Equatable {
    /// `opensearch` or `elasticsearch`.
    public var distribution: String
    /// The version number, for example `3.8.0` or `8.15.0`.
    public var version: String

    public init(distribution: String, version: String) {
        self.distribution = distribution
        self.version = version
    }
}

public enum AliasAction: Sendable, Equatable {
    case add(index: String, alias: String)
    case remove(index: String, alias: String)
    /// Deletes the index, in the same atomic request as the other actions.
    case removeIndex(String)

    var json: JSONValue {
        switch self {
        case .add(let index, let alias): return ["add": ["index": .string(index), "alias": .string(alias)]]
        case .remove(let index, let alias): return ["remove": ["index": .string(index), "alias": .string(alias)]]
        case .removeIndex(let index): return ["remove_index": ["index": .string(index)]]
        }
    }
}

public struct IndexInfo: Sendable, Equatable {
    public var name: String
    public var documentCount: Int

    public init(name: String, documentCount: Int) {
        self.name = name
        self.documentCount = documentCount
    }
}

public struct BulkResult: Sendable {
    public var tookMilliseconds: Int
    /// Items whose status is 300 or more, except a delete answered 404 (the document was already gone).
    public var failures: [BulkItemFailure]
    public var itemCount: Int

    public init(tookMilliseconds: Int, failures: [BulkItemFailure], itemCount: Int) {
        self.tookMilliseconds = tookMilliseconds
        self.failures = failures
        self.itemCount = itemCount
    }
}

public struct BulkItemFailure: Sendable, Error, Equatable, CustomStringConvertible {
    /// `index`, `create`, `update` or `delete`.
    public var operation: String
    public var index: String
    public var id: String
    public var status: Int
    public var type: String?
    public var reason: String?

    public init(operation: String, index: String, id: String, status: Int, type: String?, reason: String?) {
        self.operation = operation
        self.index = index
        self.id = id
        self.status = status
        self.type = type
        self.reason = reason
    }

    public var description: String {
        "bulk \(operation) \(index)/\(id) failed with \(status)\(type.map { " \($0)" } ?? ""): \(reason ?? "no reason given")"
    }
}

public struct SearchResponse: Sendable {
    /// The number of matching documents (`hits.total.value`; a lower bound when the server reports `gte`).
    public var total: Int
    public var hits: [SearchHit]

    public init(total: Int, hits: [SearchHit]) {
        self.total = total
        self.hits = hits
    }
}

public struct SearchHit: Sendable {
    /// The physical index the document is in (not the alias searched).
    public var index: String
    public var id: String
    /// Nil when the search sorts by something other than score.
    public var score: Double?
    public var source: [String: JSONValue]

    public init(index: String, id: String, score: Double?, source: [String: JSONValue]) {
        self.index = index
        self.id = id
        self.score = score
        self.source = source
    }
}
