/// Admits or denies one request for `key` under `policy`, counting it when admitted.
public protocol RateLimiter: Sendable {
    func acquire(key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision
}
