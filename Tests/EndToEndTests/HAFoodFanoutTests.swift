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

/// `food-service` on the highly available PostgreSQL of `scripts/ha-cluster` (catalogue and orders through HAProxy's
/// read-write port; Redis for the fan-out when `REDIS_URL` is set, as scripts/test runs it), a staff WebSocket client
/// following every order, and `kill -9` of the leader's postmaster: after the failover an order advanced through the
/// service reaches the same WebSocket client, within a bound the test prints.
@Suite(.tags(.endToEnd, .timed)) struct HAFoodFanoutTests {
    @Test(.enabled(if: HACluster.available, "Patroni is not installed (scripts/test installs patroni, etcd-server and haproxy)"))
    func orderEventsReachAStaffClientAfterTheLeaderIsKilled() async throws {
        try await withHACluster(database: "food") { cluster, e2e, services in
            var env = ["DATABASE_TIMEOUT_SECONDS": "5"]
            if let redis = FoodLiveTests.redisURL { env["REDIS_URL"] = redis }
            let (service, url) = try await e2e.startFoodService(databaseURL: cluster.url(database: "food"), env: env)
            services.add("food-service", service)
            try await run(cluster: cluster, url: url)
        }
    }

    private func run(cluster: HACluster, url: String) async throws {
        let web = Web(http: HTTPClient.shared)
        let tokens = try await TokenService(secret: EndToEnd.secret, lifetime: 3600)
        let admin = "access_token=" + (try await tokens.issue(userID: UUID(), email: "chef@example.com", role: .admin)).token
        let user = "access_token=" + (try await tokens.issue(userID: UUID(), email: "eater@example.com", role: .user)).token
        let menuItem = try await web.menuItem(base: url, admin: admin)
        let order = try await web.call(.POST, url + "/food/orders/", body: ["items": [["menu_id": menuItem, "quantity": 1]]], cookie: user)
        #expect(order.status == 201, "\(order.text)")
        let orderID = try #require(order.json["id"] as? String, "\(order.text)")

        // Staff follow every order.
        let received = ReceivedMessages()
        let socket = followOrderEvents(base: url, cookie: admin, into: received, sending: [#"{"action":"subscribe","all":true}"#])
        defer { socket.cancel() }
        try await waitUntil { received.contains { $0.contains(#""type":"subscribed""#) } }
        @Sendable func saw(_ status: String) -> Bool { received.contains { $0.contains(orderID) && $0.contains(#""status":"\#(status)""#) } }

        // Before the failure: pending -> confirmed reaches the client.
        let confirmed = try await web.call(.POST, url + "/food/orders/\(orderID)/advance", cookie: admin)
        #expect(confirmed.status == 200, "\(confirmed.text)")
        try await waitUntil { saw("confirmed") }

        // kill -9 of the leader's postmaster; once Patroni has promoted another member, advance the order until the
        // service takes it (503s meanwhile). Advancing only after the promotion matters: a backend of the dead
        // postmaster can still finish a statement for a moment, which would prove nothing about the failover.
        let clock = ContinuousClock()
        let leader = try #require(try await cluster.leader(), "no leader")
        #expect(kill(try cluster.postmasterPID(port: leader.port), SIGKILL) == 0)
        let killedAt = clock.now
        var newLeader: HACluster.Member?
        while killedAt.duration(to: clock.now) < .seconds(60) {
            if let current = try? await cluster.leader(), current.name != leader.name {
                newLeader = current
                break
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        let promoted = try #require(newLeader, "no new leader within 60 s of the kill")
        let promotedAfter = killedAt.duration(to: clock.now)
        var statuses: [Int: Int] = [:]
        var advancedAfter: Duration?
        while killedAt.duration(to: clock.now) < .seconds(90) {
            let reply = try await web.call(.POST, url + "/food/orders/\(orderID)/advance", cookie: admin)
            statuses[reply.status, default: 0] += 1
            if reply.status == 200 {
                advancedAfter = killedAt.duration(to: clock.now)
                break
            }
            #expect(reply.status == 503, "\(reply.status): \(reply.text)")
            try await Task.sleep(for: .milliseconds(200))
        }
        let advanced = try #require(advancedAfter, "the order could not be advanced after the failover: \(statuses)")
        try await waitUntil(timeout: .seconds(10)) { saw("preparing") }
        let deliveredAfter = killedAt.duration(to: clock.now)
        print(
            """
            food fan-out after kill -9 of \(leader.name)'s postmaster: \(promoted.name) leads \(promotedAfter.secondsText) after the \
            kill; advance then answered \(statuses.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")), \
            taken \(advanced.secondsText) after the kill; its event on the staff WebSocket \(deliveredAfter.secondsText) after the kill \
            (bound 30 s), over \(FoodLiveTests.redisURL == nil ? "the in-process hub" : "Redis pub/sub"), on the connection opened before it
            """)
        #expect(deliveredAfter < .seconds(30))
        // One event per move, none lost or repeated on this connection.
        #expect(received.all.filter { $0.contains(orderID) && $0.contains(#""status":"preparing""#) }.count == 1)
    }
}
