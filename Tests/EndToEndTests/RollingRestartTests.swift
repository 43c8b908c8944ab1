import AsyncHTTPClient
import Foundation
import NIOHTTP1
import PostgresNIO
import ServiceCore
import Synchronization
import Testing
import TestSupport

/// A rolling restart behind the gateway: two `booking-service` instances on one database behind nginx, steady load
/// through the gateway (lists, a seat map, seat holds and bookings of distinct seats), while instance 1 is stopped
/// with SIGTERM, left down for a second and started again, and 2 s after it is ready instance 2 the same. Not one
/// request may fail, and the database holds exactly the bookings that were answered 201.
@Suite("Rolling restart behind the gateway", .serialized, .tags(.endToEnd, .timed))
struct RollingRestartTests {
    static let drainSeconds = 3
    static let users = 3
    static let listReaders = 3

    struct Outcome: Sendable {
        var request: String
        var status: Int?
        var error: String?
        var bookingID: String?
        var at: Duration
        var took: Duration
    }

    @Test(.enabled(if: GatewayProcess.available, "needs nginx (NGINX_BIN; scripts/test installs it)"))
    func twoBookingInstancesRestartOneAfterTheOtherWithoutAFailedRequest() async throws {
        try await EndToEnd.run { e2e in
            let drain = ["SHUTDOWN_DRAIN_SECONDS": "\(Self.drainSeconds)"]
            let ports = [ProcessRunner.freePort(), ProcessRunner.freePort()]
            let fleet = Fleet()
            var gateway: GatewayProcess?
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 32
            let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            do {
                for port in ports {
                    fleet.started(try await e2e.startBookingService(databaseURL: e2e.databaseURL, port: port, env: drain).0)
                }
                // No auth or food behind this gateway: their upstreams point at a port nothing listens on.
                let nowhere = "127.0.0.1:\(ProcessRunner.freePort())"
                let started = try await GatewayProcess.start(auth: [nowhere], booking: ports.map { "127.0.0.1:\($0)" }, food: [nowhere])
                gateway = started
                try await run(db: e2e.db, gateway: started, http: http, ports: ports, fleet: fleet) { port in
                    try await e2e.startBookingService(databaseURL: e2e.databaseURL, port: port, env: drain).0
                }
            } catch {
                if let gateway { Issue.record("gateway logs:\n\(gateway.logs)") }
                for process in fleet.everyProcess { Issue.record("booking-service log:\n\(process.log)") }
                try? await http.shutdown()
                gateway?.stop()
                await fleet.stopAll()
                throw error
            }
            try await http.shutdown()
            gateway?.stop()
            await fleet.stopAll()
        }
    }

    /// What the load's tasks share: every request's outcome, the next free (showing, seat), when to stop, and the
    /// restarts' timeline.
    final class Load: Sendable {
        let started = ContinuousClock.now
        let outcomes = Mutex<[Outcome]>([])
        let nextSlot = Mutex(0)
        let stopping = Atomic<Bool>(false)
        let events = Mutex<[String]>([])

        /// Runs one request and records its outcome: failed when it has no answer or not the `expected` status.
        func record(_ request: String, expect expected: Int, _ call: () async throws -> Web.Reply) async -> Web.Reply? {
            let sent = ContinuousClock.now
            do {
                let reply = try await call()
                let outcome = Outcome(
                    request: request, status: reply.status, error: reply.status == expected ? nil : reply.text,
                    bookingID: request.hasPrefix("POST /booking/bookings") && reply.status == 201 ? reply.json["id"] as? String : nil,
                    at: started.duration(to: sent), took: sent.duration(to: .now))
                outcomes.withLock { $0.append(outcome) }
                return reply
            } catch {
                let outcome = Outcome(
                    request: request, status: nil, error: "\(error)", at: started.duration(to: sent), took: sent.duration(to: .now))
                outcomes.withLock { $0.append(outcome) }
                return nil
            }
        }

        func event(_ text: String) {
            let line = String(format: "%6.2f s ", started.duration(to: .now).seconds) + text
            events.withLock { $0.append(line) }
        }
    }

    /// The instances: the one running on each port, and every process started (all stopped at the end).
    final class Fleet: Sendable {
        private let state = Mutex<(current: [ProcessRunner.Background], all: [ProcessRunner.Background])>(([], []))

        func started(_ process: ProcessRunner.Background, replacing index: Int? = nil) {
            state.withLock {
                if let index { $0.current[index] = process } else { $0.current.append(process) }
                $0.all.append(process)
            }
        }
        func current(_ index: Int) -> ProcessRunner.Background { state.withLock { $0.current[index] } }
        var everyProcess: [ProcessRunner.Background] { state.withLock { $0.all } }
        func stopAll() async {
            await withTaskGroup(of: Void.self) { group in
                for process in everyProcess { group.addTask { await process.stop() } }
            }
        }
    }

    private func run(
        db: DatabaseSettings, gateway: GatewayProcess, http: HTTPClient, ports: [Int], fleet: Fleet,
        start: @escaping @Sendable (Int) async throws -> ProcessRunner.Background
    ) async throws {
        let base = gateway.url
        let web = Web(http: http)
        let tokens = try await TokenService(secret: EndToEnd.secret, lifetime: 3600)
        let admin = "access_token=" + (try await tokens.issue(userID: UUID(), email: "boss@example.com", role: .admin)).token

        // A theater of 400 seats and six showings: 2,400 (showing, seat) pairs, each booked at most once.
        let theater = try await web.call(.POST, base + "/booking/theaters/", body: ["name": "Rolling", "location": "L", "address": "A", "city": "Pune"], cookie: admin)
        let theaterID = try #require(theater.json["id"] as? String, "\(theater.text)")
        let grid = try await web.call(.POST, base + "/booking/seats/\(theaterID)/initialize?rows=20&seats_per_row=20", cookie: admin)
        let seats = try #require(try JSONSerialization.jsonObject(with: Data(grid.text.utf8)) as? [[String: Any]], "\(grid.text)")
            .compactMap { $0["id"] as? String }
        #expect(seats.count == 400)
        let movie = try await web.call(.POST, base + "/booking/movies/", body: ["title": "Rolling", "duration_minutes": 100], cookie: admin)
        let movieID = try #require(movie.json["id"] as? String, "\(movie.text)")
        var showings: [String] = []
        for day in 1...6 {
            let start = Date().addingTimeInterval(Double(day) * 86_400)
            let showing = try await web.call(
                .POST, base + "/booking/showings/",
                body: [
                    "movie_id": movieID, "theater_id": theaterID, "show_start_datetime": start.formatted(Date.ISO8601FormatStyle()),
                    "show_end_datetime": start.addingTimeInterval(7200).formatted(Date.ISO8601FormatStyle()),
                ], cookie: admin)
            showings.append(try #require(showing.json["id"] as? String, "\(showing.text)"))
        }
        var sessions: [String] = []
        for i in 0..<Self.users {
            sessions.append("access_token=" + (try await tokens.issue(userID: UUID(), email: "roll\(i)@example.com", role: .user)).token)
        }
        let users = sessions
        let slots = showings.flatMap { showing in seats.map { (showing, $0) } }
        let load = Load()
        let started = load.started
        let getPaths = [
            "/booking/movies/", "/booking/showings/", "/booking/theaters/", "/booking/showings/\(showings[0])",
            "/booking/booking_seats/\(showings[0])/map", "/booking/bookings/",
        ]
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Readers: lists, a showing, its seat map and the user's bookings, round and round.
            for reader in 0..<Self.listReaders {
                group.addTask {
                    var n = reader
                    while !load.stopping.load(ordering: .relaxed) {
                        let path = getPaths[n % getPaths.count]
                        n += 1
                        _ = await load.record("GET \(path)", expect: 200) { try await web.call(.GET, base + path, cookie: users[reader % users.count]) }
                        try await Task.sleep(for: .milliseconds(5))
                    }
                }
            }
            // Customers: hold a free seat, then book it; every seat of every showing once.
            for user in users {
                group.addTask {
                    while !load.stopping.load(ordering: .relaxed) {
                        let index = load.nextSlot.withLock { next in
                            defer { next += 1 }
                            return next
                        }
                        guard index < slots.count else { return }
                        let (showing, seat) = slots[index]
                        let hold = await load.record("POST /booking/booking_seats/lock", expect: 201) {
                            try await web.call(
                                .POST, base + "/booking/booking_seats/lock", body: ["showing_id": showing, "seat_id": seat, "lock_seat": true], cookie: user)
                        }
                        if hold?.status == 201 {
                            _ = await load.record("POST /booking/bookings/", expect: 201) {
                                try await web.call(.POST, base + "/booking/bookings/", body: ["showing_id": showing, "seats_ids": [seat]], cookie: user)
                            }
                        }
                        try await Task.sleep(for: .milliseconds(5))
                    }
                }
            }
            // The operator: instance 1, then instance 2, each stopped with SIGTERM, left down for a second, started
            // again on its port, and the next one 2 s after it is ready.
            group.addTask {
                defer { load.stopping.store(true, ordering: .relaxed) }
                try await Task.sleep(for: .seconds(1))
                for (index, port) in ports.enumerated() {
                    let old = fleet.current(index)
                    load.event("SIGTERM to instance \(index + 1)")
                    kill(old.process.processIdentifier, SIGTERM)
                    let status = try await ShutdownDrainTests.exitStatus(of: old, within: .seconds(30))
                    load.event("instance \(index + 1) exited with status \(status)")
                    #expect(status == 0, "instance \(index + 1) exit status \(status)")
                    // Down for a second, as a slower start would leave it: the gateway sees refused connections.
                    try await Task.sleep(for: .seconds(1))
                    fleet.started(try await start(port), replacing: index)
                    _ = try await ShutdownDrainTests.waitForReady("http://127.0.0.1:\(port)", status: 200, within: .seconds(30))
                    load.event("instance \(index + 1) ready again")
                    try await Task.sleep(for: .seconds(2))
                }
                load.event("load stops")
            }
            // The operator's task ends the load; a failing task ends the test.
            try await group.waitForAll()
        }
        let timeline = load.events.withLock { $0 }

        let all = load.outcomes.withLock { $0 }
        let failed = all.filter { $0.error != nil }
        let bookings = all.compactMap(\.bookingID)
        let perRequest = Dictionary(grouping: all, by: \.request).mapValues(\.count)
        let slow = all.filter { $0.took > .milliseconds(500) }
        let summary = "\(all.count) requests in \(String(format: "%.1f", started.duration(to: .now).seconds)) s "
            + "(\(perRequest.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))), "
            + "\(failed.count) failed, \(bookings.count) bookings, \(slow.count) took over 0.5 s "
            + "(longest \(String(format: "%.2f", (all.map(\.took).max() ?? .zero).seconds)) s)"
        // What nginx saw of the instances: refused connections it passed to the other instance, resets, no instance left.
        let gatewayErrors = gateway.logs.split(separator: "\n").filter { $0.contains("[error]") }
        let seen = ["Connection refused", "reset by peer", "prematurely closed", "no live upstreams", "timed out"].map { kind in
            "\(kind): \(gatewayErrors.filter { $0.contains(kind) }.count)"
        }
        print("rolling restart: \(summary); gateway errors: \(seen.joined(separator: ", "))\n" + timeline.joined(separator: "\n"))
        #expect(failed.isEmpty, """
            \(failed.count) failed requests (\(summary)); the first:
            \(failed.prefix(10).map { String(format: "%6.2f s ", $0.at.seconds) + "\($0.request): \($0.status.map(String.init) ?? "no answer") \($0.error ?? "")" }.joined(separator: "\n"))
            timeline:
            \(timeline.joined(separator: "\n"))
            """)
        if !failed.isEmpty {
            Issue.record("the gateway's errors:\n\(gatewayErrors.prefix(40).joined(separator: "\n"))")
        }
        #expect(bookings.count > 100, "too little load to say anything: \(summary)")
        #expect(load.nextSlot.withLock { $0 } < slots.count, "the customers ran out of seats: \(summary)")

        // Every 201 is stored, nothing else is: no booking half-made by a failed POST.
        try await PostgresClient.withClient(db, logger: TestDatabase.logger) { pg in
            var stored: Set<String> = []
            for try await id in try await pg.query("SELECT id::text FROM bookings", logger: TestDatabase.logger).decode(String.self) {
                stored.insert(id.lowercased())
            }
            var seatsSold = 0
            for try await n in try await pg.query(
                "SELECT count(*)::int FROM booking_seats WHERE released_at IS NULL", logger: TestDatabase.logger
            ).decode(Int.self) { seatsSold = n }
            let answered = Set(bookings.map { $0.lowercased() })
            #expect(answered.count == bookings.count, "a booking id answered twice")
            #expect(stored == answered, "stored but not answered 201: \(stored.subtracting(answered).count), answered but not stored: \(answered.subtracting(stored).count)")
            #expect(seatsSold == bookings.count, "\(seatsSold) seats sold for \(bookings.count) one-seat bookings")
        }
    }
}
