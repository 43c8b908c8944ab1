/// At most `limit` requests per `window` for each key.
///
/// The limiters enforce it with GCRA: a key starts with a burst of `limit` requests, and quota
/// comes back continuously, one request every `window / limit`.
public struct RateLimitPolicy: Sendable, Hashable {
    /// Names the policy in storage keys; policies sharing a name share their counters.
    public let name: String
    public let limit: Int
    public let window: Duration

    public init(name: String, limit: Int, window: Duration) {
        precondition(limit > 0, "rate limit must be positive")
        precondition(window > .zero, "rate limit window must be positive")
        self.name = name
        self.limit = limit
        self.window = window
    }

    public init(name: String, limit: Int, seconds: Double) {
        self.init(name: name, limit: limit, window: .seconds(seconds))
    }
}
