import ArgumentParser
import FoodService
import Foundation
import Hummingbird
import Logging
import ServiceCore

/// `food-service`: reads its configuration, then runs the service library until SIGTERM or SIGINT.
@main
struct FoodServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "food-service",
        abstract: "Restaurants, menus, orders with live updates, rate limits and order sharding.",
        discussion: """
            Configuration comes from the environment: DATABASE_URL (or POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER,
            POSTGRES_PASSWORD (unset: no password is sent), POSTGRES_DB; the catalogue, and orders when not sharded),
            DATABASE_READ_URL (read-only replicas of the catalogue database, e.g. HAProxy's read-only port: the category,
            restaurant, food and menu lists read there once the replica has replayed this instance's writes and everything
            older than DATABASE_READ_MAX_LAG_MS, default 1000; unset: every read on DATABASE_URL), ENABLE_SHARDING with
            SHARD_DATABASE_URLS (comma-separated) or SHARD_COUNT and SHARD_<i>_HOST/PORT/DB/USER/PASSWORD/POOL_SIZE
            (no password is sent where none is set),
            TOKEN_SECRET (the auth service's, required), REDIS_URL (rate limits and live events across instances),
            AUTH_SERVICE_URL (checks an ordering user's account), RATE_LIMIT_ENABLED (default true),
            RATE_LIMIT_MAX_REQUESTS and RATE_LIMIT_WINDOW_SECONDS (default 100 per 60), RATE_LIMIT_ORDERS (default
            30/60), TRUSTED_PROXIES, WS_HEARTBEAT_SECONDS (default 20), LIST_CACHE_MILLISECONDS (default 1000; catalogue
            lists and the menu prices orders copy), USER_LIST_CACHE_ENTRIES (default 1024; pages of users' own orders,
            served while unchanged), CORS_ORIGINS, DATABASE_TIMEOUT_SECONDS (default 10), LOG_LEVEL
            (default info), LOG_FORMAT (text or json), SHUTDOWN_DRAIN_SECONDS (default 5, 0-60): on SIGTERM or SIGINT
            the service first drains for this long (GET /ready answers 503, requests are still served but answered with
            Connection: close), then stops accepting connections, finishes the requests in flight and exits 0.
            """,
        version: FoodService.version)

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8004
    @Flag(help: "Apply pending database migrations (on every database) before serving (otherwise the service refuses to start).")
    var migrate = false
    @Flag(help: "Development mode: the shared development token secret when TOKEN_SECRET is unset.")
    var dev = false

    static func main() async {
        ServiceRuntime.useEventLoopsAsGlobalExecutor()
        await Self.main(nil)
    }

    func run() async throws {
        try await ServiceRunner.run(
            FoodService.name, configuration: FoodConfiguration.self,
            options: ServiceRunnerOptions(host: host, port: port, migrate: migrate, development: dev),
            notices: { config, logger in
                if config.redisURL == nil {
                    logger.notice("no REDIS_URL: rate limits and live events stay within this instance")
                }
                if config.layout.shardingEnabled {
                    logger.notice("orders sharded over \(config.layout.shards.count) databases")
                }
            }
        ) { config, logger, drain in
            try await FoodService.buildApplication(config, logger: logger, drain: drain)
        }
    }
}
