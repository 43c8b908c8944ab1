import Foundation
import Hummingbird
import Logging
import PostgresNIO
import ServiceCore

public enum AuthService {
    public static let name = "auth-service"
    public static let version = "1.0.0"

    /// Builds the auth service: the PostgreSQL pool as a lifecycle service, the migration gate before the server
    /// starts (refuse, or migrate with `migrateOnStart`), and the router. Tests call this with port 0.
    public static func buildApplication(
        _ config: AuthConfiguration, logger: Logger
    ) async throws -> some ApplicationProtocol {
        let client = PostgresClient(configuration: config.database.clientConfiguration, backgroundLogger: logger)
        let routes = RouteTable()
        let router = try await buildRouter(config, client: client, routes: routes, logger: logger)
        var app = Application(
            router: router,
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: name),
            logger: logger)
        app.addServices(client)
        app.beforeServerStarts {
            try await PostgresClient.probe(config.database, logger: logger)
            let migrator = Migrator(client: client, set: AuthMigrations.set, logger: logger)
            if config.migrateOnStart {
                try await migrator.up()
            } else {
                try await migrator.requireCurrent()
            }
        }
        return app
    }

    /// Every route of the service, recorded in `routes` (the OpenAPI drift test reads it).
    public static func buildRouter(
        _ config: AuthConfiguration, client: PostgresClient, routes: RouteTable, logger: Logger
    ) async throws -> Router<ServiceRequestContext> {
        let tokens = try await TokenService(secret: config.tokenSecret, lifetime: config.tokenLifetime)
        let gate = DatabaseGate(settings: config.database, client: client, logger: logger)
        let directory = UserDirectory(
            repository: UserRepository(client: client, logger: logger, deadline: config.databaseTimeout, gate: gate),
            hasher: PasswordHasher(cost: config.bcryptCost), cacheSeconds: config.userCacheSeconds)
        let router = Router.service(routes: routes, tokens: tokens, corsOrigins: config.corsOrigins)
        AuthController(directory: directory, tokens: tokens, cookie: SessionCookie(secure: config.cookieSecure))
            .register(on: router, table: routes)
        router.addHealthRoutes(
            service: name, version: version,
            checks: [.database(client, gate: gate, migrations: AuthMigrations.set, logger: logger)], in: routes)
        router.addMetricsRoute(in: routes)
        router.addDocsRoutes(title: "Auth Service", openAPIDocument: AuthOpenAPI.document, in: routes)
        return router
    }
}
