import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ServiceCore
import Testing
import TestSupport

/// `booking-service` under steady load while its PostgreSQL (a cluster of this test's own) restarts: `pg_ctl restart
/// -m fast`, then `-m immediate`, then a two-second stop. No request is a 500 or takes two seconds; the 503s carry
/// Retry-After and no internals; `/ready` fails while the database is down; requests succeed again soon after the
/// server is back, without restarting the service.
@Suite(.tags(.endToEnd, .timed)) struct DatabaseOutageTests {
    struct Sample: Sendable {
        var kind: String
        var start: Duration
        var elapsed: Duration
        var status: Int
        var retryAfter: String?
        var text: String
    }

    actor Recorder {
        let origin = ContinuousClock.now
        var samples: [Sample] = []
        var running = true

        func add(_ sample: Sample) { samples.append(sample) }
        func stop() { running = false }
        /// Stops the load and returns every sample once its clients have finished.
        func drain(_ load: Task<Void, Never>) async -> [Sample] {
            running = false
            await load.value
            return samples
        }
        func now() -> Duration { origin.duration(to: .now) }
        /// The first successful request of `kind` (a database read unless told) that started at or after `time`.
        func firstSuccess(after time: Duration, kind: String = "read", status: Int = 200) -> Sample? {
            samples.filter { $0.kind == kind && $0.status == status && $0.start >= time }.min { $0.start < $1.start }
        }
    }

    struct Phase: Sendable {
        var name: String
        /// When the restart (or stop) began, and when `pg_ctl` reported the server accepting connections again.
        var began: Duration
        var serverBack: Duration
    }

    /// The load's HTTP client: up to 16 connections per instance, a 5 s connect timeout.
    static func loadClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 16
        configuration.timeout.connect = .seconds(5)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    @Test func bookingServiceRidesOutPostgresRestarts() async throws {
        let cluster = try await PostgresCluster.start()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("outage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let http = Self.loadClient()
        var service: ProcessRunner.Background?
        do {
            try await cluster.createDatabase("booking")
            let e2e = EndToEnd(db: cluster.settings, home: home)
            let (started, url) = try await e2e.startBookingService(databaseURL: cluster.url(database: "booking"))
            service = started
            try await run(cluster: cluster, url: url, http: http, service: started)
        } catch {
            if let service { print("--- booking-service log\n\(service.log.suffix(6000))") }
            try? await http.shutdown()
            await service?.stop()
            await cluster.stop()
            throw error
        }
        try await http.shutdown()
        await service?.stop()
        await cluster.stop()
    }

    private func run(cluster: PostgresCluster, url: String, http: HTTPClient, service: ProcessRunner.Background) async throws {
        let tokens = try await TokenService(secret: EndToEnd.secret, lifetime: 3600)
        let admin = try await tokens.issue(userID: UUID(), email: "admin@example.com", role: .admin).token
        let recorder = Recorder()

        @Sendable func call(_ kind: String, _ method: HTTPMethod, _ path: String, _ body: [String: Any]? = nil) async -> Sample {
            let start = await recorder.now()
            let clock = ContinuousClock.now
            var request = HTTPClientRequest(url: url + path)
            request.method = method
            request.headers.add(name: "Cookie", value: "access_token=\(admin)")
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: Array((try? JSONSerialization.data(withJSONObject: body)) ?? Data())))
            }
            var sample = Sample(kind: kind, start: start, elapsed: .zero, status: 0, retryAfter: nil, text: "")
            do {
                let response = try await http.execute(request, timeout: .seconds(20))
                sample.text = String(buffer: try await response.body.collect(upTo: 1 << 20))
                sample.status = Int(response.status.code)
                sample.retryAfter = response.headers.first(name: "Retry-After")
            } catch {
                sample.text = "\(error)"
            }
            sample.elapsed = clock.duration(to: .now)
            await recorder.add(sample)
            return sample
        }

        // Something to read.
        let created = await call("setup", .POST, "/booking/movies/", ["title": "Outage", "duration_minutes": 90])
        let movieID = try #require(
            (try? JSONSerialization.jsonObject(with: Data(created.text.utf8)) as? [String: Any])?["id"] as? String, "\(created)")

        // Steady load: four readers (lists with the cache off, a movie by id), one writer, a /ready poller.
        let load = Task {
            await withTaskGroup(of: Void.self) { group in
                for reader in 0..<4 {
                    group.addTask {
                        var n = 0
                        while await recorder.running {
                            n += 1
                            if (n + reader) % 2 == 0 {
                                _ = await call("read", .GET, "/booking/theaters/?limit=20")
                            } else {
                                _ = await call("read", .GET, "/booking/movies/\(movieID)")
                            }
                            try? await Task.sleep(for: .milliseconds(5))
                        }
                    }
                }
                group.addTask {
                    var n = 0
                    while await recorder.running {
                        n += 1
                        _ = await call("write", .POST, "/booking/theaters/", ["name": "T\(n)", "location": "L", "address": "A", "city": "C"])
                        try? await Task.sleep(for: .milliseconds(40))
                    }
                }
                group.addTask {
                    while await recorder.running {
                        _ = await call("ready", .GET, "/ready")
                        try? await Task.sleep(for: .milliseconds(100))
                    }
                }
            }
        }

        func waitForRecovery(after time: Duration) async throws -> Sample {
            let deadline = ContinuousClock.now + .seconds(10)
            while ContinuousClock.now < deadline {
                if let success = await recorder.firstSuccess(after: time) { return success }
                try await Task.sleep(for: .milliseconds(20))
            }
            throw TestFailure("no successful read within 10 s of the database coming back")
        }

        var phases: [Phase] = []
        var stoppedAt = Duration.zero
        do {
            try await Task.sleep(for: .seconds(1))
            for mode in ["fast", "immediate"] {
                let began = await recorder.now()
                try await cluster.restart(mode: mode)
                let back = await recorder.now()
                phases.append(Phase(name: "restart -m \(mode)", began: began, serverBack: back))
                _ = try await waitForRecovery(after: back)
                try await Task.sleep(for: .seconds(1))
            }
            // A longer outage: stopped for two seconds (connections refused), then started again.
            let began = await recorder.now()
            try await cluster.stopServer(mode: "fast")
            stoppedAt = await recorder.now()
            try await Task.sleep(for: .seconds(2))
            try await cluster.startServer()
            let back = await recorder.now()
            phases.append(Phase(name: "stopped 2 s", began: began, serverBack: back))
            _ = try await waitForRecovery(after: back)
            try await Task.sleep(for: .seconds(1))
        } catch {
            _ = await recorder.drain(load)
            throw error
        }
        let samples = await recorder.drain(load)
        let serviceLog = service.log

        // Never a 500 (or anything but success and 503), never a request of two seconds.
        let unexpected = samples.filter { ![200, 201, 503].contains($0.status) }
        #expect(unexpected.isEmpty, "\(unexpected.prefix(5).map { "\($0.kind) \($0.status) \($0.text)" })")
        let slow = samples.filter { $0.elapsed >= .seconds(2) }
        #expect(slow.isEmpty, "\(slow.count) requests took 2 s or more, the longest \(slow.map(\.elapsed).max() ?? .zero)")
        if !unexpected.isEmpty || !slow.isEmpty {
            // What the service saw, for a failure that only a loaded CI machine shows.
            print("--- booking-service log (a request failed or was slow)\n\(serviceLog.suffix(12000))")
        }

        // Every 503 says when to come back and names nothing internal.
        let refused = samples.filter { $0.status == 503 && $0.kind != "ready" }
        #expect(!refused.isEmpty, "no request met the outage")
        for sample in refused {
            #expect(Int(sample.retryAfter ?? "") ?? 0 >= 1, "\(sample.kind) 503 without Retry-After: \(sample.text)")
            #expect(
                [#"{"detail":"The database is unavailable; try again shortly"}"#, #"{"detail":"The database did not answer in time; try again shortly"}"#]
                    .contains(sample.text), "\(sample.text)")
        }

        // /ready fails while the database is down, passes again afterwards.
        // (from when pg_ctl stop returned, for the two seconds the server is certainly down)
        let readyDown = samples.filter { $0.kind == "ready" && $0.start > stoppedAt + .milliseconds(100) && $0.start < stoppedAt + .seconds(2) }
        #expect(!readyDown.isEmpty && readyDown.allSatisfy { $0.status == 503 && $0.text.contains(#""status":"fail""#) },
                "\(readyDown.map { "\($0.status) \($0.text)" }.prefix(3))")
        let lastReady = samples.filter { $0.kind == "ready" }.max { $0.start < $1.start }
        #expect(lastReady?.status == 200, "\(lastReady?.text ?? "no /ready")")

        // Back soon after the server accepts connections; the last requests all succeed.
        var report: [String] = []
        for phase in phases {
            let recovered = try #require(await recorder.firstSuccess(after: phase.serverBack))
            let recovery = recovered.start + recovered.elapsed - phase.serverBack
            let during = samples.filter { $0.kind == "read" && $0.start >= phase.began && $0.start < phase.serverBack }
            let failed = during.filter { $0.status == 503 }
            report.append(
                "\(phase.name): server down for \(phase.serverBack - phase.began), \(during.count) reads meanwhile "
                    + "(\(failed.count) 503s, slowest \(during.map(\.elapsed).max() ?? .zero)), first read served \(recovery) after it was back")
            #expect(recovery < .seconds(2), "\(phase.name): reads came back \(recovery) after the server")
        }
        let backAgain = try #require(await recorder.firstSuccess(after: phases[2].serverBack))
        let finalReads = samples.filter { $0.kind == "read" && $0.start > backAgain.start + backAgain.elapsed }
        #expect(!finalReads.isEmpty && finalReads.allSatisfy { $0.status == 200 }, "\(finalReads.filter { $0.status != 200 }.prefix(3).map(\.text))")
        let total = samples.filter { $0.kind != "ready" }
        print("DatabaseOutageTests: \(total.count) requests, \(refused.count) answered 503, slowest \(total.map(\.elapsed).max() ?? .zero)")
        for line in report { print("DatabaseOutageTests: " + line) }
        #expect(serviceLog.contains("database unavailable"), "the service did not log the outage")
    }
}
