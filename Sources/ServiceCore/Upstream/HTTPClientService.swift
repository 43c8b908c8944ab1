import AsyncHTTPClient
import NIOCore
import ServiceLifecycle

/// An HTTP client that lives as long as the application that owns it: a lifecycle service in the application's
/// ``ServiceGroup`` that shuts the client down when the group shuts down. Add it before the services that use the
/// client (a group stops its services in reverse order, so the server and the indexer finish first).
public struct HTTPClientService: Service, CustomStringConvertible {
    public let name: String
    public let client: HTTPClient

    public init(name: String, configuration: HTTPClient.Configuration) {
        self.name = name
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public var description: String { name }

    /// For calls to another service or the search engine: a refused connection is not retried (AsyncHTTPClient's
    /// default retries it for the whole connect timeout), so a dependency that is down is reported at once.
    public static func noRetries(connectTimeout: TimeAmount) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = connectTimeout
        return configuration
    }

    public func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }

    /// Runs `build` (an application builder that adds `clients` to its group); if it throws, shuts them down, since
    /// no group will ever run them and an AsyncHTTPClient that is never shut down traps when it is freed.
    public static func shuttingDownOnFailure<T>(_ clients: [HTTPClientService], _ build: () async throws -> T) async throws -> T {
        do {
            return try await build()
        } catch {
            for service in clients { try? await service.client.shutdown() }
            throw error
        }
    }
}
