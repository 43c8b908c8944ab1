import Foundation
import Logging
import RateLimiting
import RedisClient
import ServiceCore
import ServiceLifecycle

/// The parts of the food service that live beside the HTTP server: the live-event hub and its fan-out, and the
/// rate limiter. With `REDIS_URL` both are shared by every instance (pub/sub and one Lua script per request);
/// without it, or while Redis is down, they work within this process and `/ready` says so (`warn`).
public struct LiveServices: Sendable {
    public let hub: OrderEventHub
    public let rateLimiter: (any RateLimiter)?
    /// Long-running tasks to add to the application's service group.
    let services: [any Service]
    let readinessChecks: [ReadinessCheck]
    /// Run before the server accepts requests: opens the Redis connections and loads the limiter's script, so the
    /// first burst does not pay for them (and time out into the local fallback).
    var warmUp: @Sendable () async -> Void = {}

    public static func make(_ config: FoodConfiguration, logger: Logger) async throws -> LiveServices {
        guard let url = config.redisURL else {
            let hub = OrderEventHub(fanout: LocalFanout(), logger: logger)
            return LiveServices(
                hub: hub, rateLimiter: LocalRateLimiter(), services: [TaskService(name: "event-hub") { await hub.run() }],
                readinessChecks: [])
        }
        let redisConfig: RedisConfiguration
        do {
            redisConfig = try RedisConfiguration(url: url)
        } catch {
            throw ConfigurationError("REDIS_URL: \(error)")
        }
        let redisLogger = Logger(label: "\(FoodService.name).redis")
        let client = RedisClient(configuration: redisConfig, logger: redisLogger)
        let subscriber = RedisSubscriber(configuration: redisConfig, logger: redisLogger)
        let fanout = RedisFanout(client: client, subscriber: subscriber, logger: logger)
        let hub = OrderEventHub(fanout: fanout, logger: logger)
        let limiter = FailoverRateLimiter(
            primary: RedisRateLimiter(client: client), timeout: config.rateLimits.redisTimeout, logger: logger)
        let checks = [
            ReadinessCheck(name: "redis", critical: false) {
                try await client.ping()
                guard subscriber.isConnected else { throw DegradedError(reason: "live events are not shared: pub/sub is reconnecting") }
                guard !limiter.isDegraded else { throw DegradedError(reason: "rate limits are per instance: the Redis limiter is failing") }
            }
        ]
        var live = LiveServices(
            hub: hub, rateLimiter: limiter,
            services: [
                TaskService(name: "redis-fanout") { await fanout.run() },
                TaskService(name: "event-hub") { await hub.run() },
                TaskService(name: "redis-shutdown") {
                    try? await gracefulShutdown()
                    await subscriber.close()
                    await client.shutdown()
                },
            ],
            readinessChecks: checks)
        live.warmUp = {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<redisConfig.poolSize { group.addTask { try? await client.ping() } }
            }
            _ = try? await limiter.acquire(key: "warm-up", policy: RateLimitPolicy(name: "warm-up", limit: 1, seconds: 1))
        }
        return live
    }
}

struct DegradedError: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
