import RateLimiting
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(1)), .tags(.redis))
struct LocalRateLimiterTests {
    @Test func concurrentBurstAdmitsExactlyTheLimit() async throws {
        try await RateLimiterScenarios.concurrentBurstAdmitsExactlyTheLimit(LocalRateLimiter())
    }

    @Test func remainingCountsDownAndDenialsSayWhenToRetry() async throws {
        try await RateLimiterScenarios.remainingCountsDownAndDenialsSayWhenToRetry(LocalRateLimiter())
    }

    @Test func quotaReturnsAfterTheWindow() async throws {
        try await RateLimiterScenarios.quotaReturnsAfterTheWindow(LocalRateLimiter())
    }

    @Test func keysAndPoliciesAreIndependent() async throws {
        try await RateLimiterScenarios.keysAndPoliciesAreIndependent(LocalRateLimiter())
    }

    @Test func idleKeysArePruned() async throws {
        let limiter = LocalRateLimiter(pruneInterval: .milliseconds(100))
        let policy = RateLimitPolicy(name: "p", limit: 5, window: .milliseconds(200))
        _ = try await limiter.acquire(key: "idle", policy: policy)
        _ = try await limiter.acquire(key: "busy", policy: policy)
        #expect(limiter.trackedKeys == 2)
        try await Task.sleep(for: .milliseconds(400))
        _ = try await limiter.acquire(key: "busy", policy: policy)
        #expect(limiter.trackedKeys == 1)
    }
}
