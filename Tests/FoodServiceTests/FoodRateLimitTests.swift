import FoodService
import Foundation
import ServiceCore
import Testing
import TestSupport

@Suite("Food rate limits", .tags(.timed))
struct FoodRateLimitTests {
    static var redisURL: String? { ProcessInfo.processInfo.environment["REDIS_URL"] }

    @Test(.enabled(if: redisURL != nil, "needs REDIS_URL (scripts/test starts Redis)"))
    func twoHundredConcurrentRequestsAgainstFiftyAdmitExactlyFifty() async throws {
        try await FoodHarness.run(configure: { config in
            config.redisURL = Self.redisURL
            config.rateLimits.enabled = true
            config.rateLimits.defaultLimit = .init(requests: 50, windowSeconds: 60)
            // The whole suite runs in parallel on two cores: give Redis time, so this measures the shared limiter's
            // atomicity rather than the local failover (which a slow answer triggers).
            config.rateLimits.redisTimeout = .seconds(5)
        }) { api in
            let user = try await api.session(.user)
            let replies = try await withThrowingTaskGroup(of: Reply.self) { group in
                for _ in 0..<200 { group.addTask { try await api.call(.get, "/food/categories/", as: user) } }
                return try await group.reduce(into: [Reply]()) { $0.append($1) }
            }
            #expect(replies.filter { $0.status == 200 }.count == 50)
            let limited = replies.filter { $0.status == 429 }
            #expect(limited.count == 150)
            let sample = try #require(limited.first)
            #expect(sample.detail == "Rate limit exceeded. Too many requests. Remaining requests: 0")
            #expect(Int(sample.header("Retry-After") ?? "") ?? 0 >= 1)
            #expect(sample.header("X-RateLimit-Limit") == "50")
            #expect(sample.header("X-RateLimit-Remaining") == "0")
            #expect(sample.header("RateLimit-Policy") == #""default";q=50;w=60"#)
            let reset = try #require(Int(sample.header("X-RateLimit-Reset") ?? ""))
            #expect(reset > Int(Date().timeIntervalSince1970))
            let remaining = replies.filter { $0.status == 200 }.compactMap { Int($0.header("X-RateLimit-Remaining") ?? "") }
            #expect(Set(remaining) == Set(0..<50))
            // Another user has a quota of their own; health is never limited.
            let other = try await api.session(.user)
            #expect(try await api.call(.get, "/food/categories/", as: other).status == 200)
            #expect(try await api.call(.get, "/health", as: nil).status == 200)
            let ready = try await api.call(.get, "/ready", as: nil)
            #expect(ready.json["status"] as? String == "pass", "\(ready.text)")
        }
    }

    @Test func withRedisDownTheServiceKeepsServingAndReadyReportsTheDegradation() async throws {
        let closedPort = ProcessRunner.freePort()
        try await FoodHarness.run(configure: { config in
            config.redisURL = "redis://127.0.0.1:\(closedPort)"
            config.rateLimits.enabled = true
            config.rateLimits.defaultLimit = .init(requests: 5, windowSeconds: 60)
        }) { api in
            let user = try await api.session(.user)
            var statuses: [Int] = []
            let start = ContinuousClock.now
            for _ in 0..<8 { statuses.append(try await api.call(.get, "/food/categories", as: user).status) }
            // The local limiter takes over: still exact per instance, and fast.
            #expect(statuses == [200, 200, 200, 200, 200, 429, 429, 429])
            #expect(start.duration(to: .now) < .seconds(3))
            let ready = try await api.call(.get, "/ready", as: nil)
            #expect(ready.status == 200)
            #expect(ready.json["status"] as? String == "warn", "\(ready.text)")
            #expect(try await api.call(.get, "/food/restaurants", as: try await api.session(.user)).status == 200)
        }
    }
}
