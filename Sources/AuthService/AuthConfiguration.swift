import Foundation
import Logging
import ServiceCore

/// Everything the auth service reads at start-up. Built from the environment (the seed's variable names where the
/// seed had one) and the command line; a bad value stops the service with a message naming the variable.
public struct AuthConfiguration: Sendable {
    public static let developmentSecret = TokenService.developmentSecret

    public var host = "127.0.0.1"
    public var port = 8000
    public var database: DatabaseSettings
    public var tokenSecret: String
    /// Secrets that still verify but no longer sign (`TOKEN_PREVIOUS_SECRETS`), for key rotation.
    public var tokenPreviousSecrets: [String] = []
    public var tokenLifetime: TimeInterval = 60 * 60
    public var bcryptCost: UInt8 = PasswordHasher.defaultCost
    public var cookieSecure = true
    public var corsOrigins: [String] = []
    /// Apply pending migrations at start-up instead of refusing to start.
    public var migrateOnStart = false
    /// How long `GET /auth/user_details` may answer from memory; changes made on another instance show within it.
    public var userCacheSeconds: TimeInterval = 2
    /// How long a request waits for the database before answering 503.
    public var databaseTimeout: Duration = .seconds(10)
    /// Connections of the libpq pipeline that serves the lookup of a signed-in request's user by id
    /// (``PipelinePool``); 0: that lookup goes through the PostgresNIO pool like every other query.
    public var pipelineConnections = 2
    public var logLevel: Logger.Level = .info
    /// How long the service drains after SIGTERM before it stops (``ShutdownDrain``).
    public var shutdownDrain: Duration = .seconds(ShutdownDrain.defaultSeconds)
    /// Redis for the login throttle's shared counts; without it (or while it fails) each instance counts alone.
    public var redisURL: String?
    public var loginThrottle = LoginThrottleSettings()
    /// How often this instance reads the revocations other auth instances wrote (its own apply at once).
    public var revocationPollInterval: Duration = .seconds(1)

    public init(database: DatabaseSettings, tokenSecret: String) {
        self.database = database
        self.tokenSecret = tokenSecret
    }

    /// Reads `DATABASE_URL` (or `POSTGRES_*`), `TOKEN_SECRET`, `ACCESS_TOKEN_EXPIRE_MINUTES`, `BCRYPT_COST`,
    /// `COOKIE_SECURE`, `CORS_ORIGINS`, `LOG_LEVEL`, `MIGRATE_ON_START`, `USER_CACHE_SECONDS`, `DATABASE_TIMEOUT_SECONDS`, `DATABASE_PIPELINE_CONNECTIONS`, `SHUTDOWN_DRAIN_SECONDS`, `TOKEN_PREVIOUS_SECRETS`, `REDIS_URL`, the login
    /// throttle's variables (``LoginThrottleSettings``) and `REVOCATION_POLL_MS`; secrets also from files
    /// (``EnvironmentReader/resolvingSecretFiles(_:)``). Without `TOKEN_SECRET` it refuses unless `development` is set,
    /// in which case it uses a fixed, loudly named secret and plain-HTTP cookies.
    public static func fromEnvironment(_ env: EnvironmentReader, development: Bool) throws -> AuthConfiguration {
        let database = try DatabaseSettings.fromEnvironment(env.values, defaultDatabase: "auth_service")
        let secret = try env.tokenSecret(development: development, hint: "at least 32 random bytes (`openssl rand -hex 32`)")
        var config = AuthConfiguration(database: database, tokenSecret: secret)
        config.tokenPreviousSecrets = env.tokenPreviousSecrets
        if let minutes = try env.int("ACCESS_TOKEN_EXPIRE_MINUTES", in: 1...(60 * 24 * 30)) {
            config.tokenLifetime = TimeInterval(minutes * 60)
        }
        if let cost = try bcryptCost(env) { config.bcryptCost = cost }
        config.cookieSecure = try env.bool("COOKIE_SECURE") ?? !development
        config.corsOrigins = env.list("CORS_ORIGINS") ?? (development ? ["http://localhost:5173"] : [])
        if let level = try env.logLevel("LOG_LEVEL") { config.logLevel = level }
        config.migrateOnStart = try env.bool("MIGRATE_ON_START") ?? false
        if let seconds = try env.int("USER_CACHE_SECONDS", in: 0...300) { config.userCacheSeconds = TimeInterval(seconds) }
        if let seconds = try env.int("DATABASE_TIMEOUT_SECONDS", in: 1...300) { config.databaseTimeout = .seconds(seconds) }
        if let count = try env.int("DATABASE_PIPELINE_CONNECTIONS", in: 0...64) { config.pipelineConnections = count }
        config.shutdownDrain = try env.shutdownDrain()
        if let url = env["REDIS_URL"] {
            guard url.hasPrefix("redis://") else { throw ConfigurationError("REDIS_URL must start with redis://") }
            config.redisURL = url
        }
        config.loginThrottle = try LoginThrottleSettings.fromEnvironment(env)
        if let ms = try env.int("REVOCATION_POLL_MS", in: 50...60_000) { config.revocationPollInterval = .milliseconds(ms) }
        return config
    }

    /// `BCRYPT_COST`: 4 to 31 (nil: not set). mscli's maintenance mode hashes passwords with the cost this reads, so
    /// a value the service refuses to start with is refused there too.
    public static func bcryptCost(_ env: EnvironmentReader) throws -> UInt8? {
        try env.int("BCRYPT_COST", in: 4...31).map { UInt8($0) }
    }
}

/// The shared start-up (`ServiceRunner`) reads it with `fromEnvironment` and applies the command line on top.
extension AuthConfiguration: ServiceRunnerConfiguration {}
