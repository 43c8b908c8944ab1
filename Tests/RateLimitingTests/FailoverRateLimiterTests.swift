import RateLimiting
import RedisClient
import RedisClientTests
import Synchronization
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(1)), .tags(.redis))
struct FailoverRateLimiterTests {
    @Test func fallsBackWhileRedisIsDownAndReturnsWhenItIsBack() async throws {
        try await withRedisServer { server in
            let configuration = server.configuration.with {
                $0.reconnectBackoff = RedisBackoff(initial: .milliseconds(20), maximum: .milliseconds(100))
            }
            try await withRedisClient(configuration) { client in
                let redis = RedisRateLimiter(client: client)
                // A generous deadline: this test is about a down server, not a slow one, and must not
                // degrade just because a loaded machine was slow to connect.
                let limiter = FailoverRateLimiter(primary: redis, timeout: .seconds(1), probeInterval: .milliseconds(100))
                let policy = RateLimitPolicy(name: "failover", limit: 3, seconds: 60)
                try await client.ping()

                #expect(try await limiter.acquire(key: "k", policy: policy).remaining == 2)
                #expect(!limiter.isDegraded)
                #expect(try await client.send("EXISTS", redis.storageKey(for: "k", policy: policy)) == .integer(1))

                await server.stop()
                let downSince = ContinuousClock.now
                var local: [RateLimitDecision] = []
                for _ in 0..<4 {
                    local.append(try await limiter.acquire(key: "k", policy: policy))
                }
                #expect(ContinuousClock.now - downSince < .seconds(1), "answers without waiting on Redis")
                #expect(limiter.isDegraded)
                #expect(local.map(\.allowed) == [true, true, true, false], "the local limiter counts on its own")

                try await server.start()
                #expect(await eventually { _ = try? await limiter.acquire(key: "back", policy: policy); return !limiter.isDegraded })
                let decision = try await limiter.acquire(key: "k", policy: policy)
                #expect(decision.remaining == 2, "counted in the restarted (empty) Redis again")
                #expect(try await client.send("EXISTS", redis.storageKey(for: "k", policy: policy)) == .integer(1))
            }
        }
    }

    @Test func slowPrimaryIsCutOffAndProbedOnlyPeriodically() async throws {
        let primary = ScriptedLimiter(delay: .seconds(5))
        let limiter = FailoverRateLimiter(primary: primary, timeout: .milliseconds(50), probeInterval: .milliseconds(300))
        let policy = RateLimitPolicy(name: "slow", limit: 100, seconds: 60)

        let started = ContinuousClock.now
        #expect(try await limiter.acquire(key: "k", policy: policy).allowed)
        #expect(ContinuousClock.now - started < .seconds(2), "the 5 s primary call was abandoned at the deadline")
        #expect(limiter.isDegraded)

        for _ in 0..<20 {
            _ = try await limiter.acquire(key: "k", policy: policy)
        }
        #expect(primary.calls == 1, "no primary call, and so no timeout, while waiting for the next probe")

        primary.delay = .zero
        try await Task.sleep(for: .milliseconds(400))
        _ = try await limiter.acquire(key: "k", policy: policy)
        #expect(primary.calls == 2)
        #expect(!limiter.isDegraded)
    }

    @Test func silentRedisIsCutOffAtTheLimitersDeadline() async throws {
        // The Redis limiter keeps the deadline itself (per command), not the client's much longer command timeout.
        try await withSilentServer { silent in
            let configuration = RedisConfiguration(host: "127.0.0.1", port: silent.port, commandTimeout: .seconds(30))
            try await withRedisClient(configuration) { client in
                let limiter = FailoverRateLimiter(
                    primary: RedisRateLimiter(client: client), timeout: .milliseconds(200), probeInterval: .seconds(60))
                let started = ContinuousClock.now
                let decision = try await limiter.acquire(key: "k", policy: RateLimitPolicy(name: "silent", limit: 5, seconds: 60))
                #expect(decision.allowed)
                #expect(ContinuousClock.now - started < .seconds(5), "answered at the 200 ms deadline, not after 30 s")
                #expect(limiter.isDegraded)
            }
        }
    }

    @Test func primaryErrorsDegradeImmediately() async throws {
        let primary = ScriptedLimiter(delay: .zero, failing: true)
        let limiter = FailoverRateLimiter(primary: primary, probeInterval: .seconds(60))
        let policy = RateLimitPolicy(name: "err", limit: 1, seconds: 60)
        #expect(try await limiter.acquire(key: "k", policy: policy).allowed)
        #expect(try await !limiter.acquire(key: "k", policy: policy).allowed)
        #expect(limiter.isDegraded)
        #expect(primary.calls == 1)
    }
}

/// A primary limiter that answers after `delay` (or throws), counting its calls.
final class ScriptedLimiter: RateLimiter {
    private struct State {
        var delay: Duration
        var failing: Bool
        var calls = 0
    }

    private let state: Mutex<State>

    init(delay: Duration, failing: Bool = false) {
        self.state = Mutex(State(delay: delay, failing: failing))
    }

    var calls: Int { self.state.withLock { $0.calls } }

    var delay: Duration {
        get { self.state.withLock { $0.delay } }
        set { self.state.withLock { $0.delay = newValue } }
    }

    func acquire(key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision {
        let (delay, failing) = self.state.withLock { state in
            state.calls += 1
            return (state.delay, state.failing)
        }
        try await Task.sleep(for: delay)
        if failing {
            throw RedisError.connectionClosed
        }
        return RateLimitDecision(allowed: true, limit: policy.limit, remaining: policy.limit - 1, resetAfter: 1, retryAfter: nil)
    }
}
