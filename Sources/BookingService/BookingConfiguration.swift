import Foundation
import IPOScraper
import Logging
import ServiceCore

/// Everything the booking service reads at start-up, from the environment (the seed's names where it had one) and
/// the command line. A bad value stops the service with a message naming the variable.
public struct BookingConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8003
    public var database: DatabaseSettings
    /// A read-only replica pool the catalogue lists read from (`DATABASE_READ_URL`); nil: every read on `database`.
    public var replicaReads: ReplicaReadSettings?
    /// The auth service's secret: booking checks session cookies locally.
    public var tokenSecret: String
    /// Secrets that still verify tokens during a key rotation (`TOKEN_PREVIOUS_SECRETS`).
    public var tokenPreviousSecrets: [String] = []
    /// The auth service, whose revocation feed this instance reads every `revocationPollInterval` (logouts, password
    /// and role changes, disabled accounts); without it a token stays valid here until it expires.
    public var authServiceURL: String?
    public var revocationPollInterval: Duration = .seconds(1)
    public var corsOrigins: [String] = []
    public var migrateOnStart = false
    public var databaseTimeout: Duration = .seconds(10)
    public var logLevel: Logger.Level = .info
    /// How long a seat hold lasts.
    public var holdDuration: Duration = BookingConfiguration.defaultHoldDuration
    public static let defaultHoldDuration: Duration = .seconds(600)
    /// How long list answers (`GET /booking/movies/` …) may be served from memory; writes through this instance
    /// clear it at once, writes through another instance show within it. 0 turns the cache off.
    public var listCacheSeconds: Double = 1
    /// How many pages of users' own bookings lists to keep, each served only while its rows are unchanged
    /// (``UserListCache``, `USER_LIST_CACHE_ENTRIES`). 0 turns it off.
    public var userListCacheEntries = 1024
    /// How many showings' seat maps to keep, each served only while the showing's sold seats, live holds and catalogue
    /// are unchanged (``UserListCache`` keyed by showing, `SEAT_MAP_CACHE_ENTRIES`), in at most
    /// ``seatMapCacheBytes``. 0 turns it off.
    public var seatMapCacheEntries = 1024
    /// At ~250 bytes a seat, a 300-seat map is ~75 KB: 64 MB keep about 850 of them.
    public var seatMapCacheBytes = 64 << 20
    /// Connections of the libpq pipeline that reads those pages' fingerprints (`DATABASE_PIPELINE_CONNECTIONS`, as
    /// for auth; 0 reads them through PostgresNIO).
    public var pipelineConnections = 2
    /// Elasticsearch or OpenSearch base URL; without one, search runs on PostgreSQL full-text search.
    public var searchURL: String?
    /// How often the indexer looks for outbox rows when it found none last time.
    public var indexerInterval: Duration = .milliseconds(200)
    /// Run the outbox indexer in this process (turn off on instances that should only serve requests).
    public var runIndexer = true
    /// The page `GET /booking/scrap/upcoming_ipos` scrapes.
    public var ipoPageURL = IPOPageFetcher.defaultURL
    /// How long fetching that page may take.
    public var ipoFetchTimeoutSeconds = BookingConfiguration.defaultIPOFetchTimeoutSeconds
    public static let defaultIPOFetchTimeoutSeconds = 30
    /// How long the service drains after SIGTERM before it stops (``ShutdownDrain``).
    public var shutdownDrain: Duration = .seconds(ShutdownDrain.defaultSeconds)

    public init(database: DatabaseSettings, tokenSecret: String) {
        self.database = database
        self.tokenSecret = tokenSecret
    }

    /// Reads `DATABASE_URL` (or `POSTGRES_*`), `DATABASE_READ_URL`, `DATABASE_READ_MAX_LAG_MS`, `TOKEN_SECRET`, `CORS_ORIGINS`, `LOG_LEVEL`, `MIGRATE_ON_START`,
    /// `DATABASE_TIMEOUT_SECONDS`, `SEAT_HOLD_SECONDS`, `LIST_CACHE_MILLISECONDS`, `USER_LIST_CACHE_ENTRIES`, `DATABASE_PIPELINE_CONNECTIONS`, `ELASTICSEARCH_URL` (or `SEARCH_URL`),
    /// `SEARCH_INDEXER`, `SEARCH_INDEXER_INTERVAL_MS`, `IPO_PAGE_URL`, `IPO_FETCH_TIMEOUT_SECONDS`,
    /// `SHUTDOWN_DRAIN_SECONDS`, `TOKEN_PREVIOUS_SECRETS`, `AUTH_SERVICE_URL` and `REVOCATION_POLL_MS`.
    public static func fromEnvironment(_ env: EnvironmentReader, development: Bool) throws
        -> BookingConfiguration
    {
        let database = try DatabaseSettings.fromEnvironment(env.values, defaultDatabase: "booking_service")
        let secret = try env.tokenSecret(development: development, hint: "the auth service's secret")
        var config = BookingConfiguration(database: database, tokenSecret: secret)
        config.replicaReads = try ReplicaReadSettings.fromEnvironment(env)
        config.tokenPreviousSecrets = env.tokenPreviousSecrets
        if let url = env["AUTH_SERVICE_URL"] {
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw ConfigurationError("AUTH_SERVICE_URL must start with http:// or https://, not \(url.debugDescription)")
            }
            config.authServiceURL = url
        }
        if let ms = try env.int("REVOCATION_POLL_MS", in: 50...60_000) { config.revocationPollInterval = .milliseconds(ms) }
        config.corsOrigins = env.list("CORS_ORIGINS") ?? (development ? ["http://localhost:5173"] : [])
        if let level = try env.logLevel("LOG_LEVEL") { config.logLevel = level }
        config.migrateOnStart = try env.bool("MIGRATE_ON_START") ?? false
        if let seconds = try env.int("DATABASE_TIMEOUT_SECONDS", in: 1...300) { config.databaseTimeout = .seconds(seconds) }
        if let hold = try holdDuration(env) { config.holdDuration = hold }
        if let ms = try env.int("LIST_CACHE_MILLISECONDS", in: 0...60_000) { config.listCacheSeconds = Double(ms) / 1000 }
        if let entries = try env.int("USER_LIST_CACHE_ENTRIES", in: 0...1_000_000) { config.userListCacheEntries = entries }
        if let entries = try env.int("SEAT_MAP_CACHE_ENTRIES", in: 0...1_000_000) { config.seatMapCacheEntries = entries }
        if let count = try env.int("DATABASE_PIPELINE_CONNECTIONS", in: 0...64) { config.pipelineConnections = count }
        if let url = env["ELASTICSEARCH_URL"] ?? env["SEARCH_URL"] {
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw ConfigurationError("ELASTICSEARCH_URL must start with http:// or https://, not \(url.debugDescription)")
            }
            config.searchURL = url
        }
        config.runIndexer = try env.bool("SEARCH_INDEXER") ?? true
        if let ms = try env.int("SEARCH_INDEXER_INTERVAL_MS", in: 10...60_000) { config.indexerInterval = .milliseconds(ms) }
        if let url = try ipoPageURL(env) { config.ipoPageURL = url }
        if let seconds = try ipoFetchTimeoutSeconds(env) { config.ipoFetchTimeoutSeconds = seconds }
        config.shutdownDrain = try env.shutdownDrain()
        return config
    }

    // The settings mscli's maintenance mode reads too: one parser and one range each, so a value the service refuses
    // to start with is refused by mscli as well (nil: not set).

    /// `SEAT_HOLD_SECONDS`: 5 to 86,400.
    public static func holdDuration(_ env: EnvironmentReader) throws -> Duration? {
        try env.int("SEAT_HOLD_SECONDS", in: 5...86_400).map { .seconds($0) }
    }

    /// `IPO_PAGE_URL`: an http:// or https:// URL.
    public static func ipoPageURL(_ env: EnvironmentReader) throws -> String? {
        guard let url = env["IPO_PAGE_URL"] else { return nil }
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw ConfigurationError("IPO_PAGE_URL must start with http:// or https://, not \(url.debugDescription)")
        }
        return url
    }

    /// `IPO_FETCH_TIMEOUT_SECONDS`: 1 to 300.
    public static func ipoFetchTimeoutSeconds(_ env: EnvironmentReader) throws -> Int? {
        try env.int("IPO_FETCH_TIMEOUT_SECONDS", in: 1...300)
    }
}

/// The shared start-up (`ServiceRunner`) reads it with `fromEnvironment` and applies the command line on top.
extension BookingConfiguration: ServiceRunnerConfiguration {}
