import Foundation
import ServiceCore

/// Which requests are limited, how much, and whose address to trust.
///
/// Groups: `orders` (placing orders and moving them along: every POST under `/food/orders`) and `default` (every
/// other `/food/` request). Health, metrics, docs and CORS preflights are never limited. A request is counted
/// against its user when it carries a valid session, else against its client address; `X-Forwarded-For` is
/// believed only when the connection comes from a trusted proxy.
public struct RateLimitSettings: Sendable, Equatable {
    public struct Limit: Sendable, Equatable {
        public var requests: Int
        public var windowSeconds: Int

        public init(requests: Int, windowSeconds: Int) {
            self.requests = requests
            self.windowSeconds = windowSeconds
        }
    }

    public var enabled = true
    public var defaultLimit = Limit(requests: 100, windowSeconds: 60)
    public var ordersLimit = Limit(requests: 30, windowSeconds: 60)
    /// Peers whose `X-Forwarded-For` is believed (the gateway).
    public var trustedProxies: [IPRange] = []
    /// How long a request waits for the Redis limiter before the local one answers (and the limiter is degraded).
    public var redisTimeout: Duration = .seconds(1)

    public init() {}

    /// `RATE_LIMIT_ENABLED` (default true), `RATE_LIMIT_MAX_REQUESTS` and `RATE_LIMIT_WINDOW_SECONDS` (the seed's
    /// names, for the default group; default 100 per 60 s), `RATE_LIMIT_ORDERS` (`N/SECONDS`, default `30/60`),
    /// `TRUSTED_PROXIES` (comma-separated addresses or CIDR ranges), `RATE_LIMIT_REDIS_TIMEOUT_MS` (default 1000: a slow answer under load must not double-count through the
    /// local limiter; a Redis that is down fails at once anyway).
    public static func fromEnvironment(_ env: EnvironmentReader) throws -> RateLimitSettings {
        var settings = RateLimitSettings()
        settings.enabled = try env.bool("RATE_LIMIT_ENABLED") ?? true
        if let requests = try env.int("RATE_LIMIT_MAX_REQUESTS", in: 1...10_000_000) { settings.defaultLimit.requests = requests }
        if let seconds = try env.int("RATE_LIMIT_WINDOW_SECONDS", in: 1...86_400) { settings.defaultLimit.windowSeconds = seconds }
        if let raw = env["RATE_LIMIT_ORDERS"] {
            let parts = raw.split(separator: "/")
            guard parts.count == 2, let requests = Int(parts[0]), let seconds = Int(parts[1]), requests > 0, (1...86_400).contains(seconds) else {
                throw ConfigurationError("RATE_LIMIT_ORDERS must look like 30/60 (requests per seconds), not \(raw.debugDescription)")
            }
            settings.ordersLimit = Limit(requests: requests, windowSeconds: seconds)
        }
        if let ms = try env.int("RATE_LIMIT_REDIS_TIMEOUT_MS", in: 10...10_000) { settings.redisTimeout = .milliseconds(ms) }
        settings.trustedProxies = try env.trustedProxies()
        return settings
    }
}
