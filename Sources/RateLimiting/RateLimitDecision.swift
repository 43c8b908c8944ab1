/// The answer to one `RateLimiter.acquire`.
public struct RateLimitDecision: Sendable, Hashable {
    public var allowed: Bool
    public var limit: Int
    /// Requests that could still be admitted right now, after this one.
    public var remaining: Int
    /// Seconds until the key has its full quota (`limit` requests) again, if no further request is admitted.
    /// Quota returns gradually, so after this one admitted request it is `window / limit`.
    public var resetAfter: Double
    /// When denied: seconds until one request would be admitted. Nil when allowed.
    public var retryAfter: Double?

    public init(allowed: Bool, limit: Int, remaining: Int, resetAfter: Double, retryAfter: Double?) {
        self.allowed = allowed
        self.limit = limit
        self.remaining = remaining
        self.resetAfter = resetAfter
        self.retryAfter = retryAfter
    }
}
