import Synchronization

/// GCRA in this process's memory: exact under concurrency (one lock around each decision),
/// but each process counts on its own.
public final class LocalRateLimiter: RateLimiter {
    private struct Key: Hashable {
        let policy: String
        let key: String
    }

    private struct State {
        var tats: [Key: Int64] = [:]
        var lastPrune: Int64 = 0
    }

    private static let nanosecondsPerSecond: Int64 = 1_000_000_000
    private let origin = ContinuousClock.now
    private let pruneInterval: Int64
    private let state = Mutex(State())

    /// `pruneInterval`: how often keys whose quota is full again are dropped from memory.
    public init(pruneInterval: Duration = .seconds(60)) {
        self.pruneInterval = GCRA.units(of: pruneInterval, perSecond: Self.nanosecondsPerSecond)
    }

    public func acquire(key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision {
        let gcra = GCRA(policy: policy, unitsPerSecond: Self.nanosecondsPerSecond)
        let storageKey = Key(policy: policy.name, key: key)
        return self.state.withLock { state in
            let now = GCRA.units(of: ContinuousClock.now - self.origin, perSecond: Self.nanosecondsPerSecond)
            if now - state.lastPrune >= self.pruneInterval {
                state.tats = state.tats.filter { $0.value > now }
                state.lastPrune = now
            }
            let (decision, newTAT) = gcra.evaluate(storedTAT: state.tats[storageKey], now: now)
            if let newTAT {
                state.tats[storageKey] = newTAT
            }
            return decision
        }
    }

    /// Keys currently held in memory (for metrics and tests).
    public var trackedKeys: Int {
        self.state.withLock { $0.tats.count }
    }
}
