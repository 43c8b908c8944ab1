import Foundation
import PostgresNIO
import ServiceCore
import Testing

/// The rule that sends a list read to the replica pool or the primary (``ReadRoute``), its log positions, the query
/// that makes a replica prove it has replayed far enough, and the settings that turn it on.
struct ReadRouteTests {
    let start = ContinuousClock.now
    let lag = Duration.seconds(1)

    func at(_ ms: Int) -> ContinuousClock.Instant { start + .milliseconds(ms) }

    /// One sample every 100 ms from `from` to `to` (ms), the position growing by 0x100 each time.
    func samples(from: Int, to: Int) -> [ReadRoute.Sample] {
        stride(from: from, through: to, by: 100).map { ReadRoute.Sample(sentAt: at($0), position: position($0)) }
    }

    /// The route at `now` ms with samples every 100 ms from 0 to `sampledUntil` ms and the last write at `written` ms.
    func route(at now: Int, sampledUntil: Int, written: Int? = nil, replicaAvailable: Bool = true) -> ReadRoute {
        ReadRoute.choose(
            now: at(now), samples: samples(from: 0, to: sampledUntil), lastWrite: written.map(at), replicaAvailable: replicaAvailable,
            maximumLag: lag)
    }

    /// The position of the sample sent at `ms`.
    func position(_ ms: Int) -> WALPosition { WALPosition(UInt64(0x1_0000_0000 + ms * 0x100)) }

    @Test func positionsParseAndPrintAsPostgreSQLWritesThem() {
        #expect(WALPosition("16/B374D848")?.value == 0x16_B374_D848)
        #expect(WALPosition("0/0")?.value == 0)
        #expect(WALPosition("16/B374D848")?.description == "16/B374D848")
        #expect(WALPosition(UInt64(0x1_0000_0000)).description == "1/0")
        #expect(WALPosition("16/B374D848")! < WALPosition("17/0")!)
        #expect(WALPosition("16") == nil)
        #expect(WALPosition("x/1") == nil)
        #expect(WALPosition("1/2/3") == nil)
        #expect(WALPosition("1FFFFFFFF/0") == nil)
    }

    @Test func withoutWritesTheReplicaMustHaveReplayedThePrimaryAsOfTheLagBound() {
        // the first sample sent after now - 1 s (4,000 ms) is the one at 4,100 ms
        #expect(route(at: 5_000, sampledUntil: 4_950) == .replica(atLeast: position(4_100)))
    }

    @Test func aReplicaDownSendsEveryReadToThePrimary() {
        #expect(route(at: 5_000, sampledUntil: 4_950, replicaAvailable: false) == .primary(.replicaDown))
    }

    @Test func aWriteNotYetCoveredByASampleGoesToThePrimary() {
        // written at 4,960 ms, the last sample was sent at 4,900 ms: nothing says where the write is yet
        #expect(route(at: 4_970, sampledUntil: 4_950, written: 4_960) == .primary(.ownWriteNotSampled))
    }

    @Test func afterAWriteTheReplicaMustHaveReplayedTheFirstSampleSentAfterIt() {
        // written at 4,960 ms; the sample sent at 5,000 ms covers it (and is newer than the lag bound asks)
        #expect(route(at: 5_100, sampledUntil: 5_000, written: 4_960) == .replica(atLeast: position(5_000)))
        // a sample sent at the very instant of the write does not count: it may have been sent before the commit
        #expect(route(at: 5_000, sampledUntil: 4_900, written: 4_900) == .primary(.ownWriteNotSampled))
    }

    @Test func anOldWriteBindsLessThanTheLagBound() {
        #expect(route(at: 9_000, sampledUntil: 8_950, written: 1_000) == .replica(atLeast: position(8_100)))
    }

    @Test func withoutARecentSampleThePrimaryAnswers() {
        // the sampler stopped hearing from the primary at 2,000 ms
        #expect(route(at: 5_000, sampledUntil: 2_000) == .primary(.noRecentPosition))
        #expect(
            ReadRoute.choose(now: at(5_000), samples: [], lastWrite: nil, replicaAvailable: true, maximumLag: lag) == .primary(.noRecentPosition))
    }

    @Test func pruningKeepsOnlyTheSamplesTheRuleCanStillChoose() {
        let all = samples(from: 0, to: 4_950)
        let kept = ReadRoute.pruned(all, now: at(5_000), maximumLag: lag)
        #expect(kept.first?.sentAt == at(4_100))
        #expect(kept.last?.sentAt == at(4_900))
        for write: Int? in [nil, 4_200, 4_920] {
            let lastWrite = write.map(at)
            #expect(
                ReadRoute.choose(now: at(5_000), samples: kept, lastWrite: lastWrite, replicaAvailable: true, maximumLag: lag)
                    == ReadRoute.choose(now: at(5_000), samples: all, lastWrite: lastWrite, replicaAvailable: true, maximumLag: lag))
        }
    }

    @Test func theReplicaQueryChecksTheReplayedPositionOnceWithTheNextBind() {
        let city = "Pune"
        let query: PostgresQuery = "SELECT t.id FROM theaters t WHERE t.city = \(city) ORDER BY t.id LIMIT \(10)"
        let wrapped = ReadRoute.replicaQuery(query, replayedAtLeast: WALPosition("2/A0")!)
        #expect(wrapped.binds.count == 3)
        #expect(wrapped.sql.contains("FROM (\(query.sql)) AS replica_read"))
        #expect(wrapped.sql.contains("(SELECT pg_last_wal_replay_lsn() >= $3::text::pg_lsn)"))
    }

    @Test func theReadURLIsOptionalAndCheckedLikeTheOtherDatabaseSettings() throws {
        #expect(try ReplicaReadSettings.fromEnvironment(EnvironmentReader([:])) == nil)
        #expect(try ReplicaReadSettings.fromEnvironment(EnvironmentReader(["DATABASE_READ_URL": ""])) == nil)
        let settings = try #require(
            try ReplicaReadSettings.fromEnvironment(EnvironmentReader(["DATABASE_READ_URL": "postgres://u:secret@db-ro:5001/booking?pool_max=7"])))
        #expect(settings.database.host == "db-ro")
        #expect(settings.database.port == 5001)
        #expect(settings.database.maximumConnections == 7)
        #expect(settings.maximumLag == .seconds(1))
        let tight = try ReplicaReadSettings.fromEnvironment(
            EnvironmentReader(["DATABASE_READ_URL": "postgres://u@db-ro/booking", "DATABASE_READ_MAX_LAG_MS": "250"]))
        #expect(tight?.maximumLag == .milliseconds(250))
        for bad in ["50", "60001", "soon"] {
            #expect(throws: ConfigurationError.self) {
                try ReplicaReadSettings.fromEnvironment(
                    EnvironmentReader(["DATABASE_READ_URL": "postgres://u@db-ro/booking", "DATABASE_READ_MAX_LAG_MS": bad]))
            }
        }
        // a bad lag is an error even without a read URL (a typo should not pass unnoticed)
        #expect(throws: ConfigurationError.self) { try ReplicaReadSettings.fromEnvironment(EnvironmentReader(["DATABASE_READ_MAX_LAG_MS": "1"])) }
        do {
            _ = try ReplicaReadSettings.fromEnvironment(EnvironmentReader(["DATABASE_READ_URL": "mysql://u:secret@db/x"]))
            Issue.record("a mysql:// read URL was accepted")
        } catch {
            #expect("\(error)".contains("DATABASE_READ_URL"))
            #expect(!"\(error)".contains("secret"))
        }
    }
}
