import RateLimiting
import RedisClient
import RedisClientTests
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(1)), .tags(.redis))
struct RedisRateLimiterTests {
    @Test func concurrentBurstAdmitsExactlyTheLimit() async throws {
        try await withRedisLimiter { limiter, _ in
            try await RateLimiterScenarios.concurrentBurstAdmitsExactlyTheLimit(limiter)
        }
    }

    @Test func remainingCountsDownAndDenialsSayWhenToRetry() async throws {
        try await withRedisLimiter { limiter, _ in
            try await RateLimiterScenarios.remainingCountsDownAndDenialsSayWhenToRetry(limiter)
        }
    }

    @Test func quotaReturnsAfterTheWindow() async throws {
        try await withRedisLimiter { limiter, _ in
            try await RateLimiterScenarios.quotaReturnsAfterTheWindow(limiter)
        }
    }

    @Test func keysAndPoliciesAreIndependent() async throws {
        try await withRedisLimiter { limiter, _ in
            try await RateLimiterScenarios.keysAndPoliciesAreIndependent(limiter)
        }
    }

    @Test func stateIsKeyedByPolicyTimedByRedisAndExpires() async throws {
        try await withRedisLimiter { limiter, client in
            let policy = RateLimitPolicy(name: "api", limit: 10, seconds: 5)
            _ = try await limiter.acquire(key: "user-7", policy: policy)
            let key = limiter.storageKey(for: "user-7", policy: policy)
            #expect(key == "ratelimit:api:user-7")

            let ttl = try #require(try await client.send("PTTL", key).int)
            #expect((1...500).contains(ttl), "expires once the quota is full again (one interval = 500 ms)")

            let tat = try #require(try await client.get(key).flatMap { Int($0) })
            let time = try #require(try await client.send("TIME").array?.compactMap(\.int))
            let serverNow = time[0] * 1_000_000 + time[1]
            #expect(tat > serverNow && tat <= serverNow + 500_000, "stored in microseconds of the server's clock")
        }
    }

    @Test func keepsWorkingAfterTheScriptCacheIsFlushed() async throws {
        try await withRedisLimiter { limiter, client in
            let policy = RateLimitPolicy(name: "flush", limit: 2, seconds: 60)
            #expect(try await limiter.acquire(key: "k", policy: policy).remaining == 1)
            _ = try await client.send("SCRIPT", "FLUSH")
            #expect(try await limiter.acquire(key: "k", policy: policy).remaining == 0)
            #expect(try await !limiter.acquire(key: "k", policy: policy).allowed)
        }
    }

    private func withRedisLimiter(_ body: (RedisRateLimiter, RedisClient) async throws -> Void) async throws {
        try await withRedisServer { server in
            try await withRedisClient(server.configuration) { client in
                try await body(RedisRateLimiter(client: client), client)
            }
        }
    }
}
