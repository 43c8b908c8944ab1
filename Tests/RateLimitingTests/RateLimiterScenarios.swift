import RateLimiting
import Testing

/// Behaviour every `RateLimiter` must show, run against the local and the Redis implementation.
enum RateLimiterScenarios {
    static func concurrentBurstAdmitsExactlyTheLimit(_ limiter: any RateLimiter) async throws {
        let policy = RateLimitPolicy(name: "burst", limit: 50, window: .seconds(3600))
        let decisions = try await withThrowingTaskGroup(of: RateLimitDecision.self) { group in
            for _ in 0..<200 {
                group.addTask { try await limiter.acquire(key: "client-1", policy: policy) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let admitted = decisions.filter(\.allowed)
        #expect(admitted.count == 50)
        #expect(Set(admitted.map(\.remaining)) == Set(0..<50), "each admitted request saw its own remaining count")
        #expect(decisions.filter { !$0.allowed }.allSatisfy { $0.remaining == 0 && ($0.retryAfter ?? 0) > 0 })
    }

    static func remainingCountsDownAndDenialsSayWhenToRetry(_ limiter: any RateLimiter) async throws {
        // A long window: the four calls must land within one emission interval even on a loaded machine.
        let policy = RateLimitPolicy(name: "sequence", limit: 3, seconds: 60)
        var decisions: [RateLimitDecision] = []
        for _ in 0..<4 {
            decisions.append(try await limiter.acquire(key: "k", policy: policy))
        }
        #expect(decisions.map(\.allowed) == [true, true, true, false])
        #expect(decisions.map(\.remaining) == [2, 1, 0, 0])
        #expect(decisions.map(\.limit) == [3, 3, 3, 3])
        #expect(decisions.prefix(3).allSatisfy { $0.retryAfter == nil })
        // One request's worth of quota comes back every 20 seconds.
        let retryAfter = try #require(decisions[3].retryAfter)
        #expect(retryAfter > 10 && retryAfter <= 20)
        #expect(decisions[2].resetAfter > 50 && decisions[2].resetAfter <= 60)
        #expect(decisions[0].resetAfter > 10 && decisions[0].resetAfter <= 20)
    }

    static func quotaReturnsAfterTheWindow(_ limiter: any RateLimiter) async throws {
        // Long enough that the three calls fit in one emission interval (2 s) on a loaded machine.
        let policy = RateLimitPolicy(name: "short", limit: 2, window: .seconds(4))
        #expect(try await limiter.acquire(key: "k", policy: policy).allowed)
        #expect(try await limiter.acquire(key: "k", policy: policy).allowed)
        #expect(try await !limiter.acquire(key: "k", policy: policy).allowed)
        try await Task.sleep(for: .milliseconds(4300))
        let refreshed = try await limiter.acquire(key: "k", policy: policy)
        #expect(refreshed.allowed)
        #expect(refreshed.remaining == 1, "the full quota was back")
    }

    static func keysAndPoliciesAreIndependent(_ limiter: any RateLimiter) async throws {
        let login = RateLimitPolicy(name: "login", limit: 1, seconds: 60)
        let search = RateLimitPolicy(name: "search", limit: 1, seconds: 60)
        #expect(try await limiter.acquire(key: "alice", policy: login).allowed)
        #expect(try await !limiter.acquire(key: "alice", policy: login).allowed)
        #expect(try await limiter.acquire(key: "bob", policy: login).allowed)
        #expect(try await limiter.acquire(key: "alice", policy: search).allowed)
    }
}
