import Foundation
import Logging
import ServiceCore

/// Everything the food service reads at start-up, from the environment (the seed's names where it had one) and the
/// command line. A bad value stops the service with a message naming the variable.
public struct FoodConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8004
    public var layout: ShardLayout
    /// A read-only replica pool of the catalogue database the catalogue lists read from (`DATABASE_READ_URL`); nil:
    /// every read on the catalogue's primary. Orders are always read from their shard's primary.
    public var replicaReads: ReplicaReadSettings?
    public var tokenSecret: String
    /// Secrets that still verify tokens during a key rotation (`TOKEN_PREVIOUS_SECRETS`).
    public var tokenPreviousSecrets: [String] = []
    /// How often the auth service's revocation feed is read (with `AUTH_SERVICE_URL`).
    public var revocationPollInterval: Duration = .seconds(1)
    public var corsOrigins: [String] = []
    public var migrateOnStart = false
    public var databaseTimeout: Duration = .seconds(10)
    public var logLevel: Logger.Level = .info
    /// How long catalogue list answers, and the menu prices orders copy, may be served from memory (writes through
    /// this instance clear both at once).
    public var listCacheSeconds: Double = 1
    /// How many pages of users' own orders lists to keep, each served only while its rows are unchanged
    /// (``UserListCache``, `USER_LIST_CACHE_ENTRIES`). 0 turns it off.
    public var userListCacheEntries = 1024
    /// Connections of the libpq pipeline, per order shard, that reads those pages' fingerprints
    /// (`DATABASE_PIPELINE_CONNECTIONS`, as for auth; 0 reads them through PostgresNIO).
    public var pipelineConnections = 2
    /// Redis for rate limits and live-event fan-out across instances; without it both stay within this process.
    public var redisURL: String?
    /// The auth service, asked whether an ordering user's account is still active; without it orders trust the token.
    public var authServiceURL: String?
    /// How long an auth-service answer that an account is active is trusted.
    public var authCheckCacheSeconds = 30
    public var rateLimits = RateLimitSettings()
    /// How often the server pings WebSocket clients.
    public var heartbeat: Duration = .seconds(20)
    /// How long the service drains after SIGTERM before it stops (``ShutdownDrain``).
    public var shutdownDrain: Duration = .seconds(ShutdownDrain.defaultSeconds)

    public init(layout: ShardLayout, tokenSecret: String) {
        self.layout = layout
        self.tokenSecret = tokenSecret
    }

    /// Reads `DATABASE_URL` (or `POSTGRES_*`), `DATABASE_READ_URL`, `DATABASE_READ_MAX_LAG_MS`, the sharding variables (``ShardLayout/fromEnvironment(_:primary:)``),
    /// `TOKEN_SECRET`, `REDIS_URL`, `AUTH_SERVICE_URL`, `AUTH_CHECK_CACHE_SECONDS`, the rate-limit variables (``RateLimitSettings``),
    /// `CORS_ORIGINS`, `LOG_LEVEL`, `MIGRATE_ON_START`, `DATABASE_TIMEOUT_SECONDS`, `LIST_CACHE_MILLISECONDS`, `USER_LIST_CACHE_ENTRIES`, `DATABASE_PIPELINE_CONNECTIONS`,
    /// `WS_HEARTBEAT_SECONDS`, `SHUTDOWN_DRAIN_SECONDS`, `TOKEN_PREVIOUS_SECRETS` and `REVOCATION_POLL_MS`.
    public static func fromEnvironment(_ env: EnvironmentReader, development: Bool) throws -> FoodConfiguration {
        let primary = try DatabaseSettings.fromEnvironment(env.values, defaultDatabase: "food_service")
        let layout = try ShardLayout.fromEnvironment(env, primary: primary)
        let secret = try env.tokenSecret(development: development, hint: "the auth service's secret")
        var config = FoodConfiguration(layout: layout, tokenSecret: secret)
        config.replicaReads = try ReplicaReadSettings.fromEnvironment(env)
        config.tokenPreviousSecrets = env.tokenPreviousSecrets
        if let ms = try env.int("REVOCATION_POLL_MS", in: 50...60_000) { config.revocationPollInterval = .milliseconds(ms) }
        config.corsOrigins = env.list("CORS_ORIGINS") ?? (development ? ["http://localhost:5173"] : [])
        if let level = try env.logLevel("LOG_LEVEL") { config.logLevel = level }
        config.migrateOnStart = try env.bool("MIGRATE_ON_START") ?? false
        if let seconds = try env.int("DATABASE_TIMEOUT_SECONDS", in: 1...300) { config.databaseTimeout = .seconds(seconds) }
        if let ms = try env.int("LIST_CACHE_MILLISECONDS", in: 0...60_000) { config.listCacheSeconds = Double(ms) / 1000 }
        if let entries = try env.int("USER_LIST_CACHE_ENTRIES", in: 0...1_000_000) { config.userListCacheEntries = entries }
        if let count = try env.int("DATABASE_PIPELINE_CONNECTIONS", in: 0...64) { config.pipelineConnections = count }
        if let url = env["REDIS_URL"] {
            guard url.hasPrefix("redis://") else { throw ConfigurationError("REDIS_URL must start with redis://, not \(url.debugDescription)") }
            config.redisURL = url
        }
        if let url = env["AUTH_SERVICE_URL"] {
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw ConfigurationError("AUTH_SERVICE_URL must start with http:// or https://, not \(url.debugDescription)")
            }
            config.authServiceURL = url
        }
        if let seconds = try env.int("AUTH_CHECK_CACHE_SECONDS", in: 0...3600) { config.authCheckCacheSeconds = seconds }
        config.rateLimits = try RateLimitSettings.fromEnvironment(env)
        if let seconds = try env.int("WS_HEARTBEAT_SECONDS", in: 1...3600) { config.heartbeat = .seconds(seconds) }
        config.shutdownDrain = try env.shutdownDrain()
        return config
    }
}

/// The shared start-up (`ServiceRunner`) reads it with `fromEnvironment` and applies the command line on top.
extension FoodConfiguration: ServiceRunnerConfiguration {}
