import ServiceCore
import Testing

/// The rule that decides when replica reads' failure and recovery are logged (``OutageEpisode``).
struct OutageEpisodeTests {
    let start = ContinuousClock.now
    func at(_ ms: Int) -> ContinuousClock.Instant { start + .milliseconds(ms) }

    @Test func answersWithoutAFailureLogNothing() {
        var episode = OutageEpisode(settle: .seconds(10))
        for ms in stride(from: 0, through: 60_000, by: 500) {
            #expect(episode.answered(at: at(ms)) == nil)
        }
        #expect(!episode.isOngoing)
    }

    @Test func anOutageBeginsOnceHoweverManyFailuresFollow() {
        var episode = OutageEpisode(settle: .seconds(10))
        #expect(episode.failed() == .began)
        for _ in 0..<50 {
            #expect(episode.failed() == nil)
        }
        #expect(episode.isOngoing)
    }

    /// Two replicas marked down a second apart: fail, answer (the other replica), fail again. One outage.
    @Test func failuresBetweenShortRunsOfAnswersAreOneOutage() {
        var episode = OutageEpisode(settle: .seconds(10))
        #expect(episode.failed() == .began)
        #expect(episode.answered(at: at(200)) == nil)
        #expect(episode.answered(at: at(900)) == nil)
        #expect(episode.failed() == nil)
        // Answers again; the clock for `settle` starts over at the first answer after the last failure.
        #expect(episode.answered(at: at(5_000)) == nil)
        #expect(episode.answered(at: at(14_999)) == nil)
        #expect(episode.answered(at: at(15_000)) == .ended)
        #expect(!episode.isOngoing)
        #expect(episode.answered(at: at(16_000)) == nil)
    }

    @Test func aFailureAfterTheEndBeginsANewOutage() {
        var episode = OutageEpisode(settle: .seconds(1))
        #expect(episode.failed() == .began)
        #expect(episode.answered(at: at(100)) == nil)
        #expect(episode.answered(at: at(1_100)) == .ended)
        #expect(episode.failed() == .began)
    }

    @Test func aZeroSettleEndsAtTheFirstAnswer() {
        var episode = OutageEpisode(settle: .zero)
        #expect(episode.answered(at: at(0)) == nil)
        #expect(episode.failed() == .began)
        #expect(episode.answered(at: at(2)) == .ended)
    }
}
