/// Admits or denies one request for `key` under `policy`, counting it when admitted.
public protocol RateLimiter: Sendable {
    func acquire(key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision
}

/// A limiter that keeps a deadline itself: it answers, or throws, within `timeout`. ``FailoverRateLimiter`` calls
/// such a primary directly instead of racing it against a timer task (two child tasks and a timer per request).
public protocol TimeBoundedRateLimiter: RateLimiter {
    func acquire(key: String, policy: RateLimitPolicy, timeout: Duration) async throws -> RateLimitDecision
}
