import Foundation
import Hummingbird
import Logging
import PostgresNIO
import PostgresPipeline
import RateLimiting
import RedisClient
import ServiceCore
import ServiceLifecycle

public enum AuthService {
    public static let name = "auth-service"
    public static let version = "1.0.0"

    /// Builds the auth service: the PostgreSQL pool as a lifecycle service, the migration gate before the server
    /// starts (refuse, or migrate with `migrateOnStart`), the revocation poller, the login limiter (Redis with a
    /// per-instance fallback, or per instance), and the router. Tests call this with port 0. With a
    /// `drain`, `/ready` and every response follow it (run the result with `runService(drain:)`).
    public static func buildApplication(
        _ config: AuthConfiguration, logger: Logger, drain: ShutdownDrain? = nil
    ) async throws -> some ApplicationProtocol {
        let client = PostgresClient(configuration: config.database.clientConfiguration, backgroundLogger: logger)
        let routes = RouteTable()
        let revocations = SessionRevocations()
        var services: [any Service] = [client]
        let pipeline = makePipeline(config, logger: logger)
        if let pipeline { services.append(pipeline.shutdownService) }
        var limiter: any RateLimiter = LocalRateLimiter()
        if let url = config.redisURL {
            let redisConfig: RedisConfiguration
            do {
                redisConfig = try RedisConfiguration(url: url)
            } catch {
                throw ConfigurationError("REDIS_URL: \(error)")
            }
            let redis = RedisClient(configuration: redisConfig, logger: Logger(label: "\(name).redis"))
            limiter = FailoverRateLimiter(
                primary: RedisRateLimiter(client: redis, keyPrefix: "ratelimit:auth"), timeout: config.loginThrottle.redisTimeout,
                logger: logger)
            services.append(TaskService(name: "redis-shutdown") {
                try? await gracefulShutdown()
                await redis.shutdown()
            })
        }
        let router = try await buildRouter(
            config, client: client, routes: routes, logger: logger, drain: drain, revocations: revocations, limiter: limiter,
            pipeline: pipeline)
        let repository = UserRepository(client: client, logger: logger, deadline: config.databaseTimeout)
        services.append(
            RevocationPoller(
                revocations: revocations, interval: config.revocationPollInterval, logger: logger,
                initialDelay: config.revocationPollInterval,
                housekeeping: { try? await repository.pruneRevocations() },
                fetch: { try await repository.revocations(after: $0) }))
        var app = Application(
            router: router,
            server: .serviceHTTP1(),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: name),
            onServerRunning: { channel in drain?.serverRunning(channel) },
            logger: logger)
        app.addServices(services)
        app.beforeServerStarts {
            try await MigrationGate.pass(
                config.database, client: client, migrations: AuthMigrations.set, migrate: config.migrateOnStart, logger: logger)
            try await revocations.sync { try await repository.revocations(after: $0) }
        }
        return app
    }

    /// The libpq pipeline for the lookup of a request's user by id, unless it is off or libpq cannot express the
    /// database settings (``DatabaseSettings/pipelineConninfo``); a point lookup, so on each event loop's own connection.
    static func makePipeline(_ config: AuthConfiguration, logger: Logger) -> PipelinePool? {
        PipelinePool.make(
            config.database, connections: config.pipelineConnections, waitLimit: config.databaseTimeout,
            purpose: "the user lookup", logger: logger, onEventLoops: true)
    }

    /// Every route of the service, recorded in `routes` (the OpenAPI drift test reads it).
    public static func buildRouter(
        _ config: AuthConfiguration, client: PostgresClient, routes: RouteTable, logger: Logger, drain: ShutdownDrain? = nil,
        revocations: SessionRevocations = SessionRevocations(), limiter: any RateLimiter = LocalRateLimiter(),
        pipeline: PipelinePool? = nil
    ) async throws -> Router<ServiceRequestContext> {
        let tokens = try await TokenService(
            secret: config.tokenSecret, previousSecrets: config.tokenPreviousSecrets, lifetime: config.tokenLifetime)
        let gate = DatabaseGate(settings: config.database, client: client, logger: logger)
        let repository = UserRepository(
            client: client, logger: logger, deadline: config.databaseTimeout, gate: gate, pipeline: pipeline)
        let directory = UserDirectory(
            repository: repository, hasher: PasswordHasher(cost: config.bcryptCost),
            cacheSeconds: config.userCacheSeconds, sessionLifetime: config.tokenLifetime,
            sessionsChanged: {
                do {
                    try await revocations.sync { try await repository.revocations(after: $0) }
                } catch {
                    logger.warning("could not apply a session revocation at once", metadata: ["error": "\(error)"])
                }
            })
        let throttle = config.loginThrottle.enabled
            ? LoginThrottle(limiter: limiter, settings: config.loginThrottle, secret: config.tokenSecret) : nil
        let router = Router.service(routes: routes, tokens: tokens, corsOrigins: config.corsOrigins, drain: drain, revocations: revocations)
        AuthController(
            directory: directory, tokens: tokens, cookie: SessionCookie(secure: config.cookieSecure), throttle: throttle,
            trustedProxies: config.loginThrottle.trustedProxies
        ).register(on: router, table: routes)
        router.addHealthRoutes(
            service: name, version: version,
            checks: [.database(client, gate: gate, migrations: AuthMigrations.set, logger: logger)], drain: drain, in: routes)
        router.addMetricsRoute(in: routes)
        router.addDocsRoutes(title: "Auth Service", openAPIDocument: try AuthOpenAPI.json(), in: routes)
        return router
    }
}
