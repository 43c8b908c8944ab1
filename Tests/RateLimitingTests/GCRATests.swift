import Testing

@testable import RateLimiting
import TestSupport

@Suite(.tags(.redis)) struct GCRATests {
    /// Milliseconds as the unit keeps the arithmetic readable.
    let gcra = GCRA(policy: RateLimitPolicy(name: "p", limit: 5, seconds: 10), unitsPerSecond: 1000)

    @Test func burstOfLimitThenOnePerInterval() {
        var tat: Int64?
        var decisions: [RateLimitDecision] = []
        for _ in 0..<6 {
            let (decision, newTAT) = self.gcra.evaluate(storedTAT: tat, now: 0)
            decisions.append(decision)
            tat = newTAT ?? tat
        }
        #expect(decisions.map(\.allowed) == [true, true, true, true, true, false])
        #expect(decisions.map(\.remaining) == [4, 3, 2, 1, 0, 0])
        #expect(decisions.map(\.resetAfter) == [2, 4, 6, 8, 10, 10])
        #expect(decisions.map(\.retryAfter) == [nil, nil, nil, nil, nil, 2])
        #expect(tat == 10_000)

        let early = self.gcra.evaluate(storedTAT: tat, now: 1_500)
        #expect(!early.decision.allowed)
        #expect(early.decision.retryAfter == 0.5)
        #expect(early.newTAT == nil, "denied requests do not consume quota")

        let onTime = self.gcra.evaluate(storedTAT: tat, now: 2_000)
        #expect(onTime.decision.allowed)
        #expect(onTime.decision.remaining == 0)
        #expect(onTime.newTAT == 12_000)
    }

    @Test func fullQuotaIsBackAfterResetAfter() {
        let afterBurst: Int64 = 10_000
        let (decision, _) = self.gcra.evaluate(storedTAT: afterBurst, now: 10_000)
        #expect(decision.allowed)
        #expect(decision.remaining == 4)
        #expect(decision.resetAfter == 2)
        let (later, _) = self.gcra.evaluate(storedTAT: afterBurst, now: 60_000)
        #expect(later.remaining == 4, "an old TAT counts as a full quota")
    }

    @Test func burstStaysExactWhenTheIntervalIsRounded() {
        let gcra = GCRA(policy: RateLimitPolicy(name: "p", limit: 3, seconds: 1), unitsPerSecond: 1_000_000)
        #expect(gcra.interval == 333_333)
        var tat: Int64?
        var allowed = 0
        for _ in 0..<10 {
            let (decision, newTAT) = gcra.evaluate(storedTAT: tat, now: 5_000_000)
            allowed += decision.allowed ? 1 : 0
            tat = newTAT ?? tat
        }
        #expect(allowed == 3)
    }

    @Test func durationsConvertToUnits() {
        #expect(GCRA.units(of: .milliseconds(1500), perSecond: 1_000_000) == 1_500_000)
        #expect(GCRA.units(of: .seconds(2), perSecond: 1_000_000_000) == 2_000_000_000)
        #expect(GCRA.units(of: .microseconds(7), perSecond: 1_000_000) == 7)
    }
}
