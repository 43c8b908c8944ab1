import Synchronization

/// Fails calls to another service fast while it is down, and finds out by itself when it is back.
///
/// Closed: calls go through; `failureThreshold` failures in a row open it. Open: calls fail at once with
/// ``CircuitOpenError`` for `openDuration`. Then half-open: one trial call goes through (the others still fail fast);
/// its success closes the breaker, its failure opens it again.
public final class CircuitBreaker: Sendable {
    public enum State: String, Sendable { case closed, open, halfOpen = "half_open" }

    private struct Status {
        var state = State.closed
        var failures = 0
        var openedAt: ContinuousClock.Instant?
        var trialRunning = false
    }

    public let name: String
    let failureThreshold: Int
    let openDuration: Duration
    private let status = Mutex(Status())

    public init(name: String, failureThreshold: Int = 5, openDuration: Duration = .seconds(5)) {
        self.name = name
        self.failureThreshold = failureThreshold
        self.openDuration = openDuration
    }

    public var state: State {
        status.withLock { status in
            if status.state == .open, let opened = status.openedAt, opened + openDuration <= .now { return .halfOpen }
            return status.state
        }
    }

    /// Runs `body` unless the breaker is open. `isFailure` decides which errors count against the other service
    /// (a 404 it answered is not its failure; a refused connection or a timeout is).
    public func run<T: Sendable>(
        isFailure: @Sendable (any Error) -> Bool = { _ in true }, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        let trial: Bool = try status.withLock { status in
            switch status.state {
            case .closed:
                return false
            case .open, .halfOpen:
                let retryAt = (status.openedAt ?? .now) + openDuration
                guard retryAt <= .now, !status.trialRunning else {
                    throw CircuitOpenError(name: name, retryAfter: max(.zero, ContinuousClock.now.duration(to: retryAt)))
                }
                status.state = .halfOpen
                status.trialRunning = true
                return true
            }
        }
        do {
            let value = try await body()
            record(success: true, trial: trial)
            return value
        } catch {
            record(success: !isFailure(error), trial: trial)
            throw error
        }
    }

    private func record(success: Bool, trial: Bool) {
        status.withLock { status in
            if trial { status.trialRunning = false }
            if success {
                status = Status()
                return
            }
            status.failures += 1
            if trial || status.failures >= failureThreshold {
                status.state = .open
                status.openedAt = .now
            }
        }
    }
}

public struct CircuitOpenError: Error, CustomStringConvertible {
    public let name: String
    public let retryAfter: Duration

    public var description: String { "\(name) is unavailable (circuit open); retrying in \(retryAfter.components.seconds + 1) s" }
}
