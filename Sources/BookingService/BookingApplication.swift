import AsyncHTTPClient
import Foundation
import Hummingbird
import IPOScraper
import Logging
import PostgresNIO
import PostgresPipeline
import SearchClient
import ServiceCore
import ServiceLifecycle

public enum BookingService {
    public static let name = "booking-service"
    public static let version = "1.0.0"

    /// Builds the booking service: the PostgreSQL pool, its two HTTP clients and (with a search engine configured)
    /// the outbox indexer as lifecycle services, the migration gate before the server starts, and the router. Tests
    /// call this with port 0. With a `drain`, `/ready` and every response follow it (run the result with
    /// `runService(drain:)`).
    public static func buildApplication(
        _ config: BookingConfiguration, logger: Logger, drain: ShutdownDrain? = nil
    ) async throws -> some ApplicationProtocol {
        // For the search engine and the auth service's revocation feed: with the engine down, search answers 503 at
        // once and the indexer backs off by itself.
        var outboundConfiguration = HTTPClientService.noRetries(connectTimeout: .seconds(2))
        // One connection to the engine per search in flight, up to 64: AsyncHTTPClient's default of 8 per host queued
        // the rest (issue 15: 32 concurrent searches ran at 8 at a time), and a request still queued after the
        // connect timeout failed with a 503.
        outboundConfiguration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        let outbound = HTTPClientService(name: "outbound-http", configuration: outboundConfiguration)
        // For the upcoming-IPO page: redirects followed, compressed answers accepted.
        let pages = HTTPClientService(name: "ipo-page-http", configuration: IPOPageFetcher.clientConfiguration)
        return try await HTTPClientService.shuttingDownOnFailure([outbound, pages]) {
            try await buildApplication(config, logger: logger, drain: drain, outbound: outbound, pages: pages)
        }
    }

    private static func buildApplication(
        _ config: BookingConfiguration, logger: Logger, drain: ShutdownDrain?, outbound: HTTPClientService, pages: HTTPClientService
    ) async throws -> some ApplicationProtocol {
        let client = PostgresClient(configuration: config.database.clientConfiguration, backgroundLogger: logger)
        let reads = config.replicaReads.map { ReplicaReads(settings: $0, primary: client, applicationName: "\(name) reads", logger: logger) }
        // Searches over keep-alive connections of their own when the engine is plain http (SearchConnections).
        let searchConnections = config.searchURL.flatMap { SearchConnections(baseURL: $0, connectTimeout: .seconds(2)) }
        let engine = config.searchURL.map {
            SearchClient(baseURL: $0, httpClient: outbound.client, requestTimeout: .seconds(10), logger: logger, connections: searchConnections)
        }
        let routes = RouteTable()
        let revocations = config.authServiceURL.map { _ in SessionRevocations() }
        if revocations == nil {
            logger.notice("no AUTH_SERVICE_URL: sessions ended at the auth service (logout, password change) stay valid here until they expire")
        }
        let pipeline = PipelinePool.make(
            config.database, connections: config.pipelineConnections, waitLimit: config.databaseTimeout,
            purpose: "the bookings pages' fingerprints", logger: logger)
        let router = try await buildRouter(
            config, client: client, engine: engine, pageClient: pages.client, routes: routes, logger: logger, drain: drain,
            revocations: revocations, reads: reads, pipeline: pipeline)
        var app = Application(
            router: router,
            server: .serviceHTTP1(),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: name),
            onServerRunning: { channel in drain?.serverRunning(channel) },
            logger: logger)
        app.addServices(client, outbound, pages)
        if let searchConnections {
            app.addServices(
                TaskService(name: "search-connections") {
                    try? await gracefulShutdown()
                    searchConnections.shutdown()
                })
        }
        if let pipeline { app.addServices(pipeline.shutdownService) }
        if let reads { app.addServices(reads.client, reads) }
        if let revocations, let authURL = config.authServiceURL {
            let feed = RevocationFeedRequest(authURL: authURL, secret: config.tokenSecret)
            app.addServices(
                RevocationPoller(revocations: revocations, interval: config.revocationPollInterval, logger: logger) {
                    try await outbound.client.revocations(feed, after: $0)
                })
        }
        if let engine, config.runIndexer {
            app.addServices(SearchIndexer(engine: engine, client: client, logger: logger, interval: config.indexerInterval))
        } else if engine == nil, config.runIndexer {
            app.addServices(OutboxPruner(client: client, logger: logger))
        }
        app.beforeServerStarts {
            try await MigrationGate.pass(
                config.database, client: client, migrations: BookingMigrations.set, migrate: config.migrateOnStart, logger: logger)
        }
        return app
    }

    /// Every route of the service, recorded in `routes` (the OpenAPI drift test reads it). `pageClient` fetches the
    /// upcoming-IPO page; its owner shuts it down. With `reads` (running), the catalogue lists read from its replica
    /// pool when it is fresh enough, and every write that clears the list cache tells it.
    public static func buildRouter(
        _ config: BookingConfiguration, client: PostgresClient, engine: SearchClient?, pageClient: HTTPClient, routes: RouteTable,
        logger: Logger,
        drain: ShutdownDrain? = nil, revocations: SessionRevocations? = nil, reads: ReplicaReads? = nil, pipeline: PipelinePool? = nil
    ) async throws -> Router<ServiceRequestContext> {
        let tokens = try await TokenService(secret: config.tokenSecret, previousSecrets: config.tokenPreviousSecrets, lifetime: 3600)
        let gate = DatabaseGate(settings: config.database, client: client, logger: logger)
        // A disabled account's sessions are revoked (the auth service's feed), so a request that reaches the store
        // comes from an active account.
        let store = BookingStore(
            client: client, accounts: UncheckedAccounts(), logger: logger, deadline: config.databaseTimeout, holdDuration: config.holdDuration, gate: gate,
            reads: reads, pipeline: pipeline)
        let search = BookingSearch(engine: engine, client: client, logger: logger, deadline: config.databaseTimeout, gate: gate)
        let router = Router.service(routes: routes, tokens: tokens, corsOrigins: config.corsOrigins, drain: drain, revocations: revocations)
        let scraper = IPOScraper(fetcher: IPOPageFetcher(client: pageClient, timeout: .seconds(Int64(config.ipoFetchTimeoutSeconds))))
        BookingController(
            store: store, search: search,
            cache: ListCache(ttl: .milliseconds(Int(config.listCacheSeconds * 1000)), reads: reads),
            userLists: UserListCache(maximumEntries: config.userListCacheEntries),
            seatMaps: UserListCache(maximumEntries: config.seatMapCacheEntries, maximumBytes: config.seatMapCacheBytes),
            scraper: scraper, ipoPageURL: config.ipoPageURL
        ).register(on: router, table: routes)
        router.addHealthRoutes(
            service: name, version: version,
            checks: [.database(client, gate: gate, migrations: BookingMigrations.set, logger: logger)], drain: drain, in: routes)
        router.addMetricsRoute(in: routes)
        router.addDocsRoutes(title: "Booking Service", openAPIDocument: try BookingOpenAPI.json(), in: routes)
        return router
    }
}
