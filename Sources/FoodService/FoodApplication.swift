import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import PostgresNIO
import PostgresPipeline
import ServiceCore
import ServiceLifecycle

public enum FoodService {
    public static let name = "food-service"
    public static let version = "1.0.0"

    /// The PostgreSQL pools of a layout: the primary, and one per shard (the primary's own when not sharded).
    public struct Databases: Sendable {
        public let primary: PostgresClient
        public let shards: [PostgresClient]
        /// Every distinct pool, primary first, with its settings.
        public let all: [(settings: DatabaseSettings, client: PostgresClient)]
        /// The availability gate of each distinct pool, in the order of `all`.
        public let gates: [DatabaseGate]
        /// Each shard's libpq pipeline for the fingerprints of users' own orders pages, in the order of `shards` (nil
        /// where it is off: PostgresNIO). One per distinct database.
        public let pipelines: [PipelinePool?]
        /// Each of those pipelines once, to close at shutdown.
        let distinctPipelines: [PipelinePool]

        /// `pipelineConnections`: connections of each shard's pipeline (0: none); `waitLimit`: the database timeout.
        public init(_ layout: ShardLayout, logger: Logger, pipelineConnections: Int = 0, waitLimit: Duration = .seconds(10)) {
            var all: [(DatabaseSettings, PostgresClient)] = []
            func client(_ settings: DatabaseSettings) -> PostgresClient {
                if let existing = all.first(where: { $0.0 == settings }) { return existing.1 }
                let created = PostgresClient(configuration: settings.clientConfiguration, backgroundLogger: logger)
                all.append((settings, created))
                return created
            }
            primary = client(layout.primary)
            shards = layout.shards.map(client)
            self.all = all
            gates = all.map { DatabaseGate(settings: $0.0, client: $0.1, logger: logger) }
            var made: [(PostgresClient, PipelinePool?)] = []
            pipelines = zip(layout.shards, shards).map { settings, client in
                if let existing = made.first(where: { $0.0 === client }) { return existing.1 }
                let pool = PipelinePool.make(
                    settings, connections: pipelineConnections, waitLimit: waitLimit, purpose: "the orders pages' fingerprints",
                    logger: logger)
                made.append((client, pool))
                return pool
            }
            distinctPipelines = made.compactMap(\.1)
        }

        /// The gate of one of these pools.
        public func gate(for client: PostgresClient) -> DatabaseGate {
            gates[all.firstIndex { $0.client === client }!]
        }
    }

    /// Builds the food service: database pools, the HTTP client for calls to the auth service, the live-event hub
    /// and (with Redis) its fan-out and the shared rate limiter as lifecycle services, the migration gate for every
    /// database, and the HTTP and WebSocket routers. With a `drain`, `/ready` and every HTTP response follow it (run
    /// the result with `runService(drain:)`).
    public static func buildApplication(
        _ config: FoodConfiguration, logger: Logger, drain: ShutdownDrain? = nil
    ) async throws -> some ApplicationProtocol {
        // A down service is reported at once (and counted by the circuit breaker) rather than retried.
        let upstream = HTTPClientService(name: "upstream-http", configuration: HTTPClientService.noRetries(connectTimeout: .seconds(2)))
        return try await HTTPClientService.shuttingDownOnFailure([upstream]) {
            try await buildApplication(config, logger: logger, drain: drain, upstream: upstream)
        }
    }

    private static func buildApplication(
        _ config: FoodConfiguration, logger: Logger, drain: ShutdownDrain?, upstream: HTTPClientService
    ) async throws -> some ApplicationProtocol {
        let databases = Databases(
            config.layout, logger: logger, pipelineConnections: config.pipelineConnections, waitLimit: config.databaseTimeout)
        let reads = config.replicaReads.map {
            ReplicaReads(settings: $0, primary: databases.primary, applicationName: "\(name) reads", logger: logger)
        }
        let live = try await LiveServices.make(config, logger: logger)
        let routes = RouteTable()
        let tokens = try await TokenService(secret: config.tokenSecret, previousSecrets: config.tokenPreviousSecrets, lifetime: 3600)
        let revocations = config.authServiceURL.map { _ in SessionRevocations() }
        if revocations == nil {
            logger.notice("no AUTH_SERVICE_URL: sessions ended at the auth service (logout, password change) stay valid here until they expire")
        }
        let router = try buildRouter(
            config, databases: databases, live: live, tokens: tokens, upstream: upstream.client, routes: routes, logger: logger, drain: drain,
            revocations: revocations, reads: reads)
        var app = Application(
            router: router,
            server: FoodServer.builder(
                webSocketRouter: OrderWebSocket.router(hub: live.hub, tokens: tokens, revocations: revocations),
                configuration: .init(
                    http1: .init(additionalChannelHandlers: [ConnectionDrainHandler()]),
                    ws: .init(autoPing: .enabled(timePeriod: config.heartbeat)))),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: name),
            onServerRunning: { channel in drain?.serverRunning(channel) },
            logger: logger)
        for (_, client) in databases.all { app.addServices(client) }
        for pipeline in databases.distinctPipelines { app.addServices(pipeline.shutdownService) }
        if let reads { app.addServices(reads.client, reads) }
        app.addServices(upstream)
        for service in live.services { app.addServices(service) }
        if let revocations, let authURL = config.authServiceURL {
            let feed = RevocationFeedRequest(authURL: authURL, secret: config.tokenSecret)
            app.addServices(
                RevocationPoller(revocations: revocations, interval: config.revocationPollInterval, logger: logger) {
                    try await upstream.client.revocations(feed, after: $0)
                })
        }
        app.beforeServerStarts {
            await live.warmUp()
            for (settings, client) in databases.all {
                try await MigrationGate.pass(
                    settings, client: client, migrations: FoodMigrations.set, migrate: config.migrateOnStart, logger: logger)
            }
            // The shard list must be the layout the databases record (recorded here on first use).
            if config.layout.shardingEnabled {
                try await ShardLayoutRecord.check(
                    primary: databases.primary, shards: databases.shards, names: config.layout.shards.map(ShardLayoutRecord.name),
                    record: true, logger: logger)
            }
        }
        return app
    }

    /// Every HTTP route of the service, recorded in `routes` (the OpenAPI drift test reads it). `upstream` calls the
    /// auth service; its owner shuts it down. With `reads` (running), the catalogue lists read from its replica pool
    /// when it is fresh enough, and every write that clears the list cache tells it.
    public static func buildRouter(
        _ config: FoodConfiguration, databases: Databases, live: LiveServices, tokens: TokenService, upstream: HTTPClient,
        routes: RouteTable, logger: Logger, drain: ShutdownDrain? = nil, revocations: SessionRevocations? = nil, reads: ReplicaReads? = nil
    ) throws -> Router<ServiceRequestContext> {
        let catalogue = CatalogueStore(
            client: databases.primary, logger: logger, deadline: config.databaseTimeout,
            priceCacheTTL: .milliseconds(Int(config.listCacheSeconds * 1000)), gate: databases.gate(for: databases.primary),
            reads: reads)
        // Without the auth service, a valid session is the only proof an account may order (as the seed had it).
        let accounts: any AccountCheck
        if let authURL = config.authServiceURL {
            accounts = UserVerifier(authURL: authURL, http: upstream, cacheTTL: .seconds(config.authCheckCacheSeconds), logger: logger)
        } else {
            accounts = UncheckedAccounts()
        }
        let orders = OrderStore(
            shards: databases.shards, catalogue: catalogue, events: live.hub, accounts: accounts, logger: logger,
            deadline: config.databaseTimeout, gates: databases.shards.map(databases.gate(for:)), pipelines: databases.pipelines)
        let router = Router.service(routes: routes, tokens: tokens, corsOrigins: config.corsOrigins, drain: drain, revocations: revocations)
        if let limiter = live.rateLimiter, config.rateLimits.enabled {
            router.add(middleware: RateLimitMiddleware(limiter: limiter, settings: config.rateLimits))
        }
        FoodController(
            catalogue: catalogue, orders: orders, hub: live.hub,
            cache: ListCache(ttl: .milliseconds(Int(config.listCacheSeconds * 1000)), reads: reads),
            userLists: UserListCache(maximumEntries: config.userListCacheEntries),
            shardingEnabled: config.layout.shardingEnabled
        ).register(on: router, table: routes)
        router.addShardHealthRoute(layout: config.layout, databases: databases, logger: logger, in: routes)
        var checks = databases.all.enumerated().map { index, database in
            ReadinessCheck.database(
                database.client, gate: databases.gates[index], migrations: FoodMigrations.set, logger: logger,
                name: index == 0 ? "postgres" : "postgres_\(database.settings.database)")
        }
        checks.append(contentsOf: live.readinessChecks)
        router.addHealthRoutes(service: name, version: version, checks: checks, drain: drain, in: routes)
        router.addMetricsRoute(in: routes)
        router.addDocsRoutes(title: "Food Service", openAPIDocument: try FoodOpenAPI.json(), in: routes)
        return router
    }
}

extension Router where Context == ServiceRequestContext {
    /// `GET /health/shards`, in the seed's shape.
    func addShardHealthRoute(layout: ShardLayout, databases: FoodService.Databases, logger: Logger, in table: RouteTable) {
        add(.get, "/health/shards", in: table) { _, _ -> Response in
            guard layout.shardingEnabled else {
                return try Self.json(ShardsDisabled(), status: .ok)
            }
            let health = await withTaskGroup(of: (Int, Bool).self) { group in
                for (index, shard) in databases.shards.enumerated() {
                    group.addTask {
                        let gate = databases.gate(for: shard)
                        let ok = (try? await gate.run(deadline: .seconds(2)) { try await shard.rows("SELECT 1", logger: logger) }) != nil
                        return (index, ok)
                    }
                }
                return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            let report = ShardsReport(
                totalShards: layout.shards.count, shardIDs: Array(layout.shards.indices),
                health: Dictionary(uniqueKeysWithValues: health.map { ("shard_\($0.key)", $0.value ? "healthy" : "unhealthy") }),
                allHealthy: health.values.allSatisfy { $0 })
            return try Self.json(report, status: report.allHealthy ? .ok : .serviceUnavailable)
        }
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: try JSONCoding.encode(value))))
    }
}

struct ShardsDisabled: Encodable, Sendable {
    var shardingEnabled = false
    var message = "Sharding is not enabled. Set ENABLE_SHARDING=true to enable."

    enum CodingKeys: String, CodingKey {
        case message
        case shardingEnabled = "sharding_enabled"
    }
}

struct ShardsReport: Encodable, Sendable {
    var shardingEnabled = true
    var totalShards: Int
    var shardIDs: [Int]
    var health: [String: String]
    var allHealthy: Bool

    enum CodingKeys: String, CodingKey {
        case health
        case shardingEnabled = "sharding_enabled", totalShards = "total_shards", shardIDs = "shard_ids", allHealthy = "all_healthy"
    }
}
