/// Generic cell rate algorithm over integer time units (nanoseconds in `LocalRateLimiter`,
/// microseconds in `RedisRateLimiter`'s script, which mirrors `evaluate` line by line).
///
/// The only state per key is its theoretical arrival time (TAT): when the key will have its full
/// quota back. A request is admitted when, after adding one `interval` to the TAT, the TAT is at most
/// `capacity` ahead of now. Using `capacity = limit * interval` (rather than the window) keeps the
/// burst at exactly `limit` even when `window / limit` had to be rounded down to whole units.
struct GCRA: Sendable {
    let limit: Int
    let interval: Int64
    let unitsPerSecond: Int64

    init(policy: RateLimitPolicy, unitsPerSecond: Int64) {
        self.limit = policy.limit
        self.unitsPerSecond = unitsPerSecond
        let windowUnits = Self.units(of: policy.window, perSecond: unitsPerSecond)
        self.interval = max(1, windowUnits / Int64(policy.limit))
    }

    var capacity: Int64 { self.interval * Int64(self.limit) }

    /// Decides one request at `now`; `newTAT` is the value to store when admitted (nil when denied).
    func evaluate(storedTAT: Int64?, now: Int64) -> (decision: RateLimitDecision, newTAT: Int64?) {
        let tat = max(storedTAT ?? now, now)
        let newTAT = tat + self.interval
        let allowAt = newTAT - self.capacity
        if now < allowAt {
            let decision = RateLimitDecision(
                allowed: false,
                limit: self.limit,
                remaining: 0,
                resetAfter: self.seconds(tat - now),
                retryAfter: self.seconds(allowAt - now)
            )
            return (decision, nil)
        }
        let decision = RateLimitDecision(
            allowed: true,
            limit: self.limit,
            remaining: Int((self.capacity - (newTAT - now)) / self.interval),
            resetAfter: self.seconds(newTAT - now),
            retryAfter: nil
        )
        return (decision, newTAT)
    }

    func seconds(_ units: Int64) -> Double {
        Double(units) / Double(self.unitsPerSecond)
    }

    static func units(of duration: Duration, perSecond: Int64) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * perSecond + attoseconds / (1_000_000_000_000_000_000 / perSecond)
    }
}
