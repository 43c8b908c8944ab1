import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import SearchClient
import ServiceCore
import Testing

/// The search server `scripts/test` started (SEARCH_URL), a client per test, and indices with unique names that are
/// deleted afterwards, so tests run in parallel without seeing each other's documents.
enum SearchServer {
    struct NotConfigured: Error, CustomStringConvertible {
        var description: String {
            "SEARCH_URL is not set: run the tests through scripts/test, which starts an OpenSearch-compatible server "
                + "(or start one with `. scripts/lib/infra.sh; infra_search_start DIR` and source DIR/search.env)"
        }
    }

    static let logger: Logger = {
        var logger = Logger(label: "search-test")
        logger.logLevel = ProcessInfo.processInfo.environment["TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        return logger
    }()

    static func url() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["SEARCH_URL"], !url.isEmpty else { throw NotConfigured() }
        return url
    }

    /// Connection attempts are not retried and time out after 2 s, so an unreachable server fails fast.
    static func makeHTTPClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(2), read: .seconds(60))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Runs `body` with a client for `url` (SEARCH_URL by default) and shuts its HTTP client down afterwards. Its
    /// searches go over ``SearchConnections``, as the booking service's do.
    static func withClient<T: Sendable>(
        url: String? = nil, requestTimeout: TimeAmount = .seconds(30), _ body: (SearchClient) async throws -> T
    ) async throws -> T {
        let baseURL = try url ?? Self.url()
        let http = makeHTTPClient()
        let connections = SearchConnections(baseURL: baseURL, connectTimeout: .seconds(2))
        let client = SearchClient(
            baseURL: baseURL, httpClient: http, requestTimeout: requestTimeout, logger: logger, connections: connections)
        defer { connections?.shutdown() }
        do {
            let result = try await body(client)
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    /// `count` unique lowercase names starting with `prefix`; each is deleted (if it exists) when `body` ends.
    static func withIndices<T: Sendable>(
        _ prefix: String, count: Int = 1, _ body: (SearchClient, [String]) async throws -> T
    ) async throws -> T {
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let names = (0..<count).map { "sct-\(prefix)-\(suffix)-\($0)" }
        return try await withClient { client in
            do {
                let result = try await body(client, names)
                for name in names { _ = try? await client.deleteIndex(name) }
                return result
            } catch {
                for name in names { _ = try? await client.deleteIndex(name) }
                throw error
            }
        }
    }

    /// A unique alias name (aliases go away with the indices they point at).
    static func aliasName(_ prefix: String) -> String {
        "sct-alias-\(prefix)-\(String(UInt64.random(in: 0...UInt64.max), radix: 36))"
    }
}

/// The mappings of the small movie index the tests use.
let movieMappings: JSONValue = [
    "settings": ["number_of_shards": 1, "number_of_replicas": 0],
    "mappings": [
        "properties": [
            "title": ["type": "text"],
            "genre": ["type": "keyword"],
            "year": ["type": "integer"],
            "rating": ["type": "double"],
        ]
    ],
]
