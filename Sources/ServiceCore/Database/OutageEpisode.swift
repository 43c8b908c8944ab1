/// When a dependency that fails and answers by turns is worth a log line. An outage begins at the first failure
/// and ends only once the dependency has answered for `settle` with no failure in between. So a pool whose members
/// go down one after another (HAProxy marks two replicas down up to a check interval apart, and the pool's
/// reconnect lands on the one still up meanwhile) logs one warning and, later, one recovery: not a pair per member.
public struct OutageEpisode: Sendable, Equatable {
    /// A line worth logging.
    public enum Change: Equatable, Sendable {
        /// The first failure after answering (or ever).
        case began
        /// Answers for `settle` with no failure, after an outage.
        case ended
    }

    /// How long answers must last, with no failure, before an outage is over.
    public let settle: Duration
    /// In an outage (its start was reported, its end not yet).
    public private(set) var isOngoing = false
    /// The first answer since the last failure, while in an outage.
    private var answeringSince: ContinuousClock.Instant?

    public init(settle: Duration) {
        self.settle = settle
    }

    /// A call failed.
    public mutating func failed() -> Change? {
        answeringSince = nil
        if isOngoing { return nil }
        isOngoing = true
        return .began
    }

    /// A call answered at `now`.
    public mutating func answered(at now: ContinuousClock.Instant) -> Change? {
        guard isOngoing else { return nil }
        let since = answeringSince ?? now
        answeringSince = since
        guard since.duration(to: now) >= settle else { return nil }
        isOngoing = false
        answeringSince = nil
        return .ended
    }
}
