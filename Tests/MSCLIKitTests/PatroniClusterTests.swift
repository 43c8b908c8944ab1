import Foundation
import Testing

@testable import MSCLIKit

/// `mscli doctor`'s reading of Patroni's `GET /cluster`: who leads, the synchronous standby, lag and timelines.
@Suite struct PatroniClusterTests {
    /// What Patroni 3.0 answers (trimmed): a leader, its synchronous standby, an asynchronous replica.
    static let healthy = """
        {"members": [
          {"name": "member-0", "role": "replica", "state": "running", "api_url": "http://127.0.0.1:8008/patroni", "host": "127.0.0.1", "port": 5433, "timeline": 2, "lag": 0},
          {"name": "member-1", "role": "leader", "state": "running", "host": "127.0.0.1", "port": 5434, "timeline": 2},
          {"name": "member-2", "role": "sync_standby", "state": "streaming", "host": "127.0.0.1", "port": 5435, "timeline": 2, "lag": 512}
        ], "scope": "msvc"}
        """

    func decode(_ text: String) throws -> PatroniCluster { try JSONDecoder().decode(PatroniCluster.self, from: Data(text.utf8)) }

    @Test func aHealthyClusterNamesItsLeaderAndSynchronousStandby() throws {
        let checks = PatroniCluster.checks(try decode(Self.healthy), source: "http://127.0.0.1:8008")
        #expect(checks.map(\.name) == ["postgres cluster", "postgres member-0", "postgres member-1", "postgres member-2"])
        #expect(checks.allSatisfy { $0.status == .ok }, "\(checks)")
        #expect(checks[0].detail.hasPrefix("member-1 leads at 127.0.0.1:5434 (timeline 2); 2 of 2 replica(s) up"))
        #expect(checks[0].detail.hasSuffix("synchronous standby member-2"))
        #expect(checks[3].detail == "sync_standby, streaming at 127.0.0.1:5435, timeline 2, lag 512 B")
    }

    @Test func noSynchronousStandbyIsAWarning() throws {
        let text = Self.healthy.replacingOccurrences(of: "\"sync_standby\"", with: "\"replica\"")
        let checks = PatroniCluster.checks(try decode(text), source: "x")
        #expect(checks[0].status == .warn)
        #expect(checks[0].detail.contains("no synchronous standby"))
    }

    @Test func aLaggingStoppedOrUnknownReplicaIsAWarning() throws {
        var text = Self.healthy.replacingOccurrences(of: "\"lag\": 0}", with: "\"lag\": 3145728}")
        var checks = PatroniCluster.checks(try decode(text), source: "x")
        #expect(checks[1].status == .warn && checks[1].detail.contains("lag 3.0 MiB"), "\(checks[1])")
        text = Self.healthy.replacingOccurrences(of: "\"lag\": 0}", with: "\"lag\": \"unknown\"}")
        checks = PatroniCluster.checks(try decode(text), source: "x")
        #expect(checks[1].status == .warn && checks[1].detail.hasSuffix("lag unknown"))
        text = Self.healthy.replacingOccurrences(of: "\"state\": \"running\", \"api_url\"", with: "\"state\": \"stopped\", \"api_url\"")
        checks = PatroniCluster.checks(try decode(text), source: "x")
        #expect(checks[1].status == .warn && checks[1].detail.contains("stopped"))
        // A replica still on the old timeline after a failover.
        text = Self.healthy.replacingOccurrences(of: "\"timeline\": 2, \"lag\": 0", with: "\"timeline\": 1, \"lag\": 0")
        checks = PatroniCluster.checks(try decode(text), source: "x")
        #expect(checks[1].status == .warn && checks[1].detail.contains("the leader is on timeline 2"))
    }

    @Test func noLeaderOrTwoLeadersFail() throws {
        let none = Self.healthy.replacingOccurrences(of: "\"role\": \"leader\"", with: "\"role\": \"replica\"")
        #expect(PatroniCluster.checks(try decode(none), source: "x")[0].status == .fail)
        let two = Self.healthy.replacingOccurrences(of: "\"role\": \"sync_standby\"", with: "\"role\": \"leader\"")
        let checks = PatroniCluster.checks(try decode(two), source: "x")
        #expect(checks[0].status == .fail && checks[0].detail.contains("2 leaders"))
    }
}
