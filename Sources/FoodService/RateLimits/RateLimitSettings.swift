import Foundation
#if canImport(Glibc)
import Glibc
#endif
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
        settings.trustedProxies = try (env.list("TRUSTED_PROXIES") ?? []).map { entry in
            guard let range = IPRange(entry) else {
                throw ConfigurationError("TRUSTED_PROXIES entry \(entry.debugDescription) is not an IP address or CIDR range")
            }
            return range
        }
        return settings
    }
}

/// An IPv4 or IPv6 address range in CIDR notation (a bare address is a range of one).
public struct IPRange: Sendable, Equatable {
    let bytes: [UInt8]
    let prefix: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard let address = IPRange.parse(String(parts[0])) else { return nil }
        let bits = address.count * 8
        if parts.count == 2 {
            guard let prefix = Int(parts[1]), (0...bits).contains(prefix) else { return nil }
            self.prefix = prefix
        } else {
            self.prefix = bits
        }
        bytes = address
    }

    public func contains(_ text: String) -> Bool {
        guard let address = IPRange.parse(text), address.count == bytes.count else { return false }
        var remaining = prefix
        for (a, b) in zip(address, bytes) where remaining > 0 {
            let take = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - take))
            if a & mask != b & mask { return false }
            remaining -= take
        }
        return true
    }

    static func parse(_ text: String) -> [UInt8]? {
        var trimmed = text
        if trimmed.hasPrefix("::ffff:"), trimmed.contains(".") { trimmed.removeFirst(7) }
        if trimmed.contains(".") {
            let octets = trimmed.split(separator: ".", omittingEmptySubsequences: false).compactMap { UInt8($0) }
            return octets.count == 4 ? octets : nil
        }
        guard trimmed.contains(":") else { return nil }
        var addr = in6_addr()
        guard inet_pton(AF_INET6, trimmed, &addr) == 1 else { return nil }
        return withUnsafeBytes(of: &addr) { Array($0) }
    }
}
