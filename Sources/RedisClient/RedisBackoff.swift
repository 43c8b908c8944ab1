/// Exponential backoff between reconnection attempts: `initial`, doubling up to `maximum`,
/// each delay shortened by a random part of up to `jitter` so many clients do not retry in lockstep.
public struct RedisBackoff: Sendable, Hashable {
    public var initial: Duration
    public var maximum: Duration
    /// Fraction (0...1) of each delay that is randomized away.
    public var jitter: Double

    public init(initial: Duration = .milliseconds(50), maximum: Duration = .seconds(1), jitter: Double = 0.2) {
        precondition(initial > .zero && maximum >= initial, "backoff needs 0 < initial <= maximum")
        precondition((0...1).contains(jitter), "jitter must be within 0...1")
        self.initial = initial
        self.maximum = maximum
        self.jitter = jitter
    }

    /// Delay before the next attempt after `failures` consecutive failed attempts (`failures >= 1`).
    public func delay(afterFailures failures: Int) -> Duration {
        let exponent = min(max(failures - 1, 0), 30)
        let uncapped = self.initial * (1 << exponent)
        let capped = min(uncapped, self.maximum)
        return capped * (1 - Double.random(in: 0...self.jitter))
    }
}
