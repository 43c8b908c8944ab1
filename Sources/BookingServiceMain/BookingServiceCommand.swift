import ArgumentParser
import BookingService
import Foundation
import Hummingbird
import Logging
import ServiceCore

/// `booking-service`: reads its configuration, then runs the service library until SIGTERM or SIGINT.
@main
struct BookingServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "booking-service",
        abstract: "Theaters, movies, showings, seat holds, bookings and search.",
        discussion: """
            Configuration comes from the environment: DATABASE_URL (or POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER,
            POSTGRES_PASSWORD (unset: no password is sent), POSTGRES_DB), DATABASE_READ_URL (read-only replicas, e.g. HAProxy's
            read-only port: the theater, movie and showing lists read there once the replica has replayed this instance's
            writes and everything older than DATABASE_READ_MAX_LAG_MS, default 1000; unset: every read on DATABASE_URL),
            TOKEN_SECRET (the auth service's, required), ELASTICSEARCH_URL (or
            SEARCH_URL; without it search runs on PostgreSQL), SEARCH_INDEXER (default true), SEARCH_INDEXER_INTERVAL_MS
            (default 200), SEAT_HOLD_SECONDS (default 600), LIST_CACHE_MILLISECONDS (default 1000),
            USER_LIST_CACHE_ENTRIES (default 1024; pages of users' own bookings, served while unchanged), CORS_ORIGINS
            (comma-separated), DATABASE_TIMEOUT_SECONDS (default 10), LOG_LEVEL (default info), LOG_FORMAT (text or
            json), SHUTDOWN_DRAIN_SECONDS (default 5, 0-60): on SIGTERM or SIGINT the service first drains for this long
            (GET /ready answers 503, requests are still served but answered with Connection: close), then stops
            accepting connections, finishes the requests in flight and exits 0.
            """,
        version: BookingService.version)

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8003
    @Flag(help: "Apply pending database migrations before serving (otherwise the service refuses to start).")
    var migrate = false
    @Flag(help: "Development mode: the shared development token secret when TOKEN_SECRET is unset.")
    var dev = false

    static func main() async {
        ServiceRuntime.useEventLoopsAsGlobalExecutor()
        await Self.main(nil)
    }

    func run() async throws {
        try await ServiceRunner.run(
            BookingService.name, configuration: BookingConfiguration.self,
            options: ServiceRunnerOptions(host: host, port: port, migrate: migrate, development: dev),
            notices: { config, logger in
                if config.searchURL == nil {
                    logger.notice("no ELASTICSEARCH_URL: search runs on PostgreSQL full-text search")
                }
            }
        ) { config, logger, drain in
            try await BookingService.buildApplication(config, logger: logger, drain: drain)
        }
    }
}
