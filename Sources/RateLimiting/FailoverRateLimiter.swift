import Logging
import Synchronization

/// Uses a shared (Redis) limiter and falls back to a local one while it fails or is slow.
///
/// Each primary call gets `timeout` (kept by the primary itself when it is a ``TimeBoundedRateLimiter``, else
/// by racing it against a timer); on an error or timeout the request is answered by `fallback`
/// and the limiter becomes degraded. While degraded, requests go straight to `fallback` and at most
/// one request per `probeInterval` tries the primary again; when that succeeds the limiter is
/// healthy again. Local counts are per process, so while degraded the effective limit is
/// `limit × instances`.
public final class FailoverRateLimiter: RateLimiter {
    private struct State {
        var isDegraded = false
        var probeInFlight = false
        var nextProbe = ContinuousClock.now
    }

    private enum Route {
        case primary
        case probe
        case fallback
    }

    private struct DeadlineExceeded: Error {}

    private let primary: any RateLimiter
    private let fallback: any RateLimiter
    private let timeout: Duration
    private let probeInterval: Duration
    private let logger: Logger
    private let state = Mutex(State())

    public init(
        primary: any RateLimiter,
        fallback: any RateLimiter = LocalRateLimiter(),
        timeout: Duration = .milliseconds(100),
        probeInterval: Duration = .milliseconds(500),
        logger: Logger = Logger(label: "ratelimit")
    ) {
        self.primary = primary
        self.fallback = fallback
        self.timeout = timeout
        self.probeInterval = probeInterval
        self.logger = logger
    }

    /// True while decisions come from the local fallback (for readiness reporting).
    public var isDegraded: Bool {
        self.state.withLock { $0.isDegraded }
    }

    public func acquire(key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision {
        let route = self.state.withLock { state -> Route in
            guard state.isDegraded else { return .primary }
            guard !state.probeInFlight, ContinuousClock.now >= state.nextProbe else { return .fallback }
            state.probeInFlight = true
            return .probe
        }
        if route == .fallback {
            return try await self.fallback.acquire(key: key, policy: policy)
        }
        do {
            let decision = try await self.primaryAcquire(key: key, policy: policy)
            if route == .probe {
                self.state.withLock { state in
                    state.isDegraded = false
                    state.probeInFlight = false
                }
                self.logger.info("Rate limiter back on its shared store")
            }
            return decision
        } catch {
            if Task.isCancelled {
                if route == .probe {
                    self.state.withLock { $0.probeInFlight = false }
                }
                throw error
            }
            let newlyDegraded = self.state.withLock { state -> Bool in
                let wasDegraded = state.isDegraded
                state.isDegraded = true
                state.probeInFlight = false
                state.nextProbe = .now + self.probeInterval
                return !wasDegraded
            }
            if newlyDegraded {
                let reason = error is DeadlineExceeded ? "timed out after \(self.timeout)" : "\(error)"
                self.logger.warning("Rate limiter degraded to local counting", metadata: ["reason": "\(reason)"])
            }
            return try await self.fallback.acquire(key: key, policy: policy)
        }
    }

    private func primaryAcquire(key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision {
        if let bounded = self.primary as? any TimeBoundedRateLimiter {
            return try await bounded.acquire(key: key, policy: policy, timeout: self.timeout)
        }
        let primary = self.primary
        let timeout = self.timeout
        return try await withThrowingTaskGroup(of: RateLimitDecision?.self) { group in
            group.addTask {
                try await primary.acquire(key: key, policy: policy)
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let decision = try await group.next()! else {
                throw DeadlineExceeded()
            }
            return decision
        }
    }
}
