import AsyncHTTPClient
import Foundation
import NIOHTTP1
import PostgresNIO
import ServiceCore
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A `booking-service` on the highly available PostgreSQL of `scripts/ha-cluster` with `DATABASE_READ_URL` on
/// HAProxy's read-only port (the replicas), its list cache off so every list read reaches a database:
///
/// - 200 catalogue writes, each followed at once (or after a pause that lets the instance's position sampler catch
///   up) by a list read through the same instance: every read shows the write;
/// - without writes, list reads are answered by the replicas (the service's `db_list_reads_total` counter, and the
///   read pool's statements in the replicas' `pg_stat_activity`; none of its connections is on the leader);
/// - with the replicas' Patroni killed (HAProxy's read-only port then has no member), lists keep answering 200 from
///   the leader, and the service says so once in its log, not once per request.
@Suite(.tags(.endToEnd, .timed)) struct HAReplicaReadTests {
    static let applicationName = "booking-service reads"

    @Test(.enabled(if: HACluster.available, "Patroni is not installed (scripts/test installs patroni, etcd-server and haproxy)"))
    func listsReadFromReplicasSeeTheirOwnWritesAndFallBackToTheLeader() async throws {
        try await withHACluster(database: "booking") { cluster, e2e, services in
            let (service, url) = try await e2e.startBookingService(
                databaseURL: cluster.url(database: "booking"),
                env: ["DATABASE_READ_URL": cluster.readOnlyURL(database: "booking"), "DATABASE_TIMEOUT_SECONDS": "5"])
            services.add("booking-service", service)
            try await run(cluster: cluster, url: url, service: service)
        }
    }

    private func run(cluster: HACluster, url: String, service: ProcessRunner.Background) async throws {
        let web = Web(http: HTTPClient.shared)
        let tokens = try await TokenService(secret: EndToEnd.secret, lifetime: 3600)
        let admin = "access_token=" + (try await tokens.issue(userID: UUID(), email: "admin@example.com", role: .admin)).token
        let clock = ContinuousClock()

        /// Every movie's title by id, as one list read through the instance shows them.
        func titles() async throws -> (status: Int, titles: [String: String], elapsed: Duration) {
            let start = clock.now
            let reply = try await web.call(.GET, url + "/booking/movies/?limit=1000", cookie: admin)
            let items = (try? JSONSerialization.jsonObject(with: Data(reply.text.utf8)) as? [[String: Any]]) ?? []
            var titles: [String: String] = [:]
            for item in items {
                if let id = item["id"] as? String, let title = item["title"] as? String { titles[id] = title }
            }
            return (reply.status, titles, start.duration(to: clock.now))
        }

        // The list is never empty (an empty answer from a replica would be asked again of the leader, which would
        // hide a stale replica): one movie first, renamed by every other write below.
        let seed = try await web.call(.POST, url + "/booking/movies/", body: ["title": "seed", "duration_minutes": 90], cookie: admin)
        let seedID = try #require(seed.json["id"] as? String, "\(seed.text)")

        // 1. Read-your-writes: a create or a rename, then a list read through the same instance, 200 times.
        let before = try await listReads(web, url)
        var stale: [String] = []
        let loopStart = clock.now
        for i in 0..<200 {
            let id: String
            let title = "ryw-\(i)"
            if i % 2 == 0 {
                let created = try await web.call(.POST, url + "/booking/movies/", body: ["title": title, "duration_minutes": 90], cookie: admin)
                id = try #require(created.json["id"] as? String, "\(created.text)")
            } else {
                let renamed = try await web.call(.PATCH, url + "/booking/movies/\(seedID)", body: ["title": title], cookie: admin)
                #expect(renamed.status == 200, "\(renamed.text)")
                id = seedID
            }
            // Half the reads come at once (the instance has no log position for the write yet: the leader answers),
            // half after 60 or 120 ms (a position sample covers the write: a replica answers if it has replayed it).
            if i % 4 >= 2 { try await Task.sleep(for: .milliseconds(60 * (i % 4 - 1))) }
            let read = try await titles()
            #expect(read.status == 200)
            if read.titles[id] != title { stale.append("write \(i): \(id) shows \(read.titles[id] ?? "nothing"), not \(title)") }
        }
        let afterLoop = try await listReads(web, url)
        print(
            """
            read-your-writes: 200 writes (100 creates, 100 renames), each followed by a list read through the same instance \
            (half at once, half after 60-120 ms): \(stale.count) stale; list reads answered by the replicas \
            \(afterLoop.replica - before.replica), by the leader \(afterLoop.primary - before.primary); \
            \(loopStart.duration(to: clock.now).secondsText)
            """)
        #expect(stale.isEmpty, "\(stale.prefix(5))")
        #expect(afterLoop.replica + afterLoop.primary - before.replica - before.primary == 200)

        // 2. Without writes, the replicas answer (after the lag bound, 1 s, has passed since the last write).
        try await Task.sleep(for: .milliseconds(1500))
        let quietStart = try await listReads(web, url)
        for _ in 0..<50 {
            let read = try await titles()
            #expect(read.status == 200)
            #expect(read.titles[seedID] == "ryw-199")
        }
        let quietEnd = try await listReads(web, url)
        let members = try await cluster.members()
        var onMembers: [String] = []
        var replicaStatements = 0
        for member in members {
            let (connections, statements) = try await PostgresClient.withClient(cluster.memberSettings(member, database: "booking"), logger: TestDatabase.logger) {
                client in
                var result = (0, 0)
                for try await (all, lists) in try await client.query(
                    """
                    SELECT count(*)::int, (count(*) FILTER (WHERE query LIKE '%FROM movies%' AND query LIKE '%pg_last_wal_replay_lsn%'))::int
                    FROM pg_stat_activity WHERE application_name = \(Self.applicationName)
                    """, logger: TestDatabase.logger
                ).decode((Int, Int).self) {
                    result = (all, lists)
                }
                return result
            }
            onMembers.append("\(member.name) (\(member.role)): \(connections) read-pool connections, \(statements) last ran a movie list")
            if member.role == "leader" {
                #expect(connections == 0, "the read pool has connections on the leader")
            } else {
                replicaStatements += statements
            }
        }
        print(
            """
            replica reads: 50 list reads without writes: \(quietEnd.replica - quietStart.replica) answered by the replicas, \
            \(quietEnd.primary - quietStart.primary) by the leader; \(onMembers.joined(separator: "; "))
            """)
        #expect(quietEnd.replica - quietStart.replica >= 45)
        #expect(replicaStatements > 0)

        // 3. The replicas' port goes away: kill both replicas' Patroni (HAProxy checks their REST API, marks them
        // down and closes their sessions). Lists keep answering from the leader.
        for member in members where member.role != "leader" {
            #expect(kill(try cluster.patroniPID(member), SIGKILL) == 0)
        }
        let killedAt = clock.now
        var statuses: [Int: Int] = [:]
        var slowest = Duration.zero
        var wrong = 0
        var portDownAfter: Duration?
        var lastPortCheck = killedAt - .seconds(1)
        let readOnly = DatabaseSettings(
            host: "127.0.0.1", port: cluster.readOnlyPort, username: "postgres", password: cluster.password, database: "booking")
        while killedAt.duration(to: clock.now) < .seconds(30) {
            let read = try await titles()
            statuses[read.status, default: 0] += 1
            slowest = max(slowest, read.elapsed)
            if read.titles[seedID] != "ryw-199" { wrong += 1 }
            if portDownAfter == nil, lastPortCheck.duration(to: clock.now) > .milliseconds(500) {
                lastPortCheck = clock.now
                if (try? await PostgresClient.probe(readOnly, logger: TestDatabase.logger)) == nil {
                    portDownAfter = killedAt.duration(to: clock.now)
                }
            }
            // Five seconds of reads once HAProxy's read-only port refuses.
            if let portDownAfter, killedAt.duration(to: clock.now) > portDownAfter + .seconds(5) { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        let fallback = try await listReads(web, url)
        let log = service.log
        let failingLines = log.components(separatedBy: "replica reads failing").count - 1
        print(
            """
            fallback: replicas' Patroni killed; HAProxy's read-only port refused after \
            \(portDownAfter?.secondsText ?? "never (within 30 s)"); \
            \(statuses.values.reduce(0, +)) list reads meanwhile: \(statuses.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")), \
            slowest \(slowest.secondsText); answered by the leader \(fallback.primary - quietEnd.primary), \
            by the replicas \(fallback.replica - quietEnd.replica); "replica reads failing" logged \(failingLines) time(s)
            """)
        #expect(portDownAfter != nil, "HAProxy's read-only port still accepted sessions 30 s after the replicas' Patroni died")
        #expect(statuses.keys.sorted() == [200], "\(statuses)")
        #expect(wrong == 0)
        #expect(fallback.primary > quietEnd.primary)
        #expect(failingLines <= 1, "the switch to the leader should be logged once, not per request")
    }

    /// The service's `db_list_reads_total` counters: list reads the replica pool and the leader answered.
    private func listReads(_ web: Web, _ url: String) async throws -> (replica: Int, primary: Int) {
        let text = try await web.call(.GET, url + "/metrics").text
        func value(_ pool: String) -> Int {
            for line in text.split(separator: "\n") where line.hasPrefix("db_list_reads_total{pool=\"\(pool)\"}") {
                return Int(Double(line.split(separator: " ").last ?? "") ?? 0)
            }
            return 0
        }
        return (value("replica"), value("primary"))
    }
}

extension Duration {
    /// `1.23 s`, for the timings the HA tests print.
    var secondsText: String {
        String(format: "%.2f s", Double(components.seconds) + Double(components.attoseconds) / 1e18)
    }
}
