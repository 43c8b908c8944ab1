import AsyncHTTPClient
import Foundation
import NIOHTTP1
import ServiceCore
import Testing
import TestSupport

/// The drain before a service stops (SHUTDOWN_DRAIN_SECONDS): after SIGTERM or SIGINT `/ready` answers 503 at once,
/// requests are still served (with `Connection: close`), then the listener closes, a request in flight finishes, and
/// the process exits 0. Each service's binary, as systemd or a terminal stops it.
@Suite(.tags(.endToEnd, .timed)) struct ShutdownDrainTests {
    /// booking-service: ready, then SIGTERM; during the 2 s drain `/ready` is 503 while a list and a write are served;
    /// a scrape whose page takes 3 s starts during the drain and is answered after the listener has closed; exit 0.
    @Test func bookingDrainsThenFinishesARequestInFlightAndExitsZero() async throws {
        try await EndToEnd.run { e2e in
            let pages = try SlowPageServer(delaySeconds: 3)
            defer { pages.stop() }
            let (service, url) = try await e2e.startBookingService(
                databaseURL: e2e.databaseURL,
                env: ["SHUTDOWN_DRAIN_SECONDS": "2", "IPO_PAGE_URL": pages.url, "IPO_FETCH_TIMEOUT_SECONDS": "30"])
            let web = Web(http: HTTPClient.shared)
            let tokens = try await TokenService(secret: EndToEnd.secret, lifetime: 600)
            let admin = "access_token=" + (try await tokens.issue(userID: UUID(), email: "boss@example.com", role: .admin)).token
            do {
                let ready = try await web.call(.GET, url + "/ready")
                #expect(ready.status == 200, "\(ready.text)")
                let before = try await web.call(.GET, url + "/booking/movies/", cookie: admin)
                #expect(before.status == 200 && before.headers["Connection"].isEmpty, "\(before.headers)")

                let signalled = ContinuousClock.now
                kill(service.process.processIdentifier, SIGTERM)
                let draining = try await Self.waitForReady(url, status: 503, within: .seconds(1))
                #expect(draining.json["status"] as? String == "fail", "\(draining.text)")
                let shutdown = (draining.json["checks"] as? [String: Any])?["shutdown"] as? [String: Any]
                #expect(shutdown?["status"] as? String == "fail", "\(draining.text)")
                #expect((shutdown?["output"] as? String)?.contains("draining") == true, "\(draining.text)")
                #expect(signalled.duration(to: .now) < .seconds(1), "/ready took \(signalled.duration(to: .now)) to say 503")

                // Still serving, reads and writes, each answer closing its connection.
                let list = try await web.call(.GET, url + "/booking/movies/", cookie: admin)
                #expect(list.status == 200, "\(list.text)")
                #expect(list.headers["Connection"].map { $0.lowercased() } == ["close"], "\(list.headers)")
                let created = try await web.call(
                    .POST, url + "/booking/theaters/", body: ["name": "Drain", "location": "L", "address": "A", "city": "Pune"], cookie: admin)
                #expect(created.status == 201 && created.headers["Connection"].map { $0.lowercased() } == ["close"], "\(created.text)")

                // A request that is still running when the drain ends: its page answers after 3 s.
                try await Task.sleep(until: signalled + .milliseconds(800))
                async let scrape = web.call(.GET, url + "/booking/scrap/upcoming_ipos")
                // After the drain no new connection is accepted (ignored, then refused) while the scrape is in flight.
                try await Task.sleep(until: signalled + .seconds(2))
                let port = try #require(Int(url.split(separator: ":").last ?? ""))
                var refusedAt: Duration?
                while refusedAt == nil, signalled.duration(to: .now) < .seconds(10) {
                    if tcpAccepts(port: port) {
                        try await Task.sleep(for: .milliseconds(20))
                    } else {
                        refusedAt = signalled.duration(to: .now)
                    }
                }
                let scraped = try await scrape
                let answeredAt = signalled.duration(to: .now)
                #expect(scraped.status == 200 && scraped.json["success"] as? Bool == true, "\(scraped.status) \(scraped.text)")
                let refused = try #require(refusedAt, "still accepting connections 10 s after SIGTERM")
                #expect(refused >= .seconds(2) && refused < answeredAt, "refused at \(refused), scrape answered at \(answeredAt)")

                let status = try await Self.exitStatus(of: service, within: .seconds(20))
                let exitedAt = signalled.duration(to: .now)
                #expect(status == 0, "exit status \(status)\n\(service.log)")
                #expect(exitedAt >= .seconds(2), "exited \(exitedAt) after SIGTERM, before its 2 s drain")
                print("booking-service drain: /ready 503 at once, no new connections from \(refused), scrape answered at \(answeredAt), exit 0 at \(exitedAt)")
            } catch {
                Issue.record("booking-service log:\n\(service.log)")
                await service.stop()
                throw error
            }
            await service.stop()
        }
    }

    /// auth-service on SIGTERM and food-service on SIGINT: `/ready` 503 with the `shutdown` check while `/health` is
    /// still answered (with `Connection: close`), exit 0 once the 1 s drain is over.
    @Test func authAndFoodDrainOnSIGTERMAndSIGINT() async throws {
        try await EndToEnd.run { e2e in
            let (auth, authURL) = try await e2e.startAuthService(["--migrate"], env: ["SHUTDOWN_DRAIN_SECONDS": "1"])
            try await Self.drains(auth, at: authURL, signal: SIGTERM, seconds: 1)
            try await TestDatabase.with { foodDB in
                let (food, foodURL) = try await e2e.startFoodService(databaseURL: TestDatabase.url(foodDB), env: ["SHUTDOWN_DRAIN_SECONDS": "1"])
                try await Self.drains(food, at: foodURL, signal: SIGINT, seconds: 1)
            }
        }
    }

    /// With SHUTDOWN_DRAIN_SECONDS=0 the service stops at once, as before.
    @Test func noDrainStopsAtOnce() async throws {
        try await EndToEnd.run { e2e in
            let (auth, _) = try await e2e.startAuthService(["--migrate"], env: ["SHUTDOWN_DRAIN_SECONDS": "0"])
            let signalled = ContinuousClock.now
            kill(auth.process.processIdentifier, SIGTERM)
            let status = try await Self.exitStatus(of: auth, within: .seconds(10))
            #expect(status == 0, "\(auth.log)")
            #expect(signalled.duration(to: .now) < .seconds(2), "took \(signalled.duration(to: .now))")
            await auth.stop()
        }
    }

    /// A value outside 0-60, or not a number, stops the service at start with a message naming the variable.
    @Test(arguments: ["61", "-1", "5s"]) func refusesABadDrainSetting(_ value: String) async throws {
        try await EndToEnd.run { e2e in
            let result = try await ProcessRunner.run(
                Binaries.path("booking-service"), ["--port", "\(ProcessRunner.freePort())"],
                environment: ["DATABASE_URL": e2e.databaseURL, "TOKEN_SECRET": EndToEnd.secret, "SHUTDOWN_DRAIN_SECONDS": value], timeout: 30)
            #expect(result.status != 0)
            #expect(
                result.stderr.contains("SHUTDOWN_DRAIN_SECONDS must be a whole number from 0 to 60, not \"\(value)\""), "\(result)")
        }
    }

    // MARK: -

    static func drains(_ service: ProcessRunner.Background, at url: String, signal: Int32, seconds: Int) async throws {
        let web = Web(http: HTTPClient.shared)
        do {
            let ready = try await web.call(.GET, url + "/ready")
            #expect(ready.status == 200, "\(ready.text)")
            let signalled = ContinuousClock.now
            kill(service.process.processIdentifier, signal)
            let draining = try await waitForReady(url, status: 503, within: .seconds(1))
            let checks = draining.json["checks"] as? [String: Any]
            #expect((checks?["shutdown"] as? [String: Any])?["status"] as? String == "fail", "\(draining.text)")
            let health = try await web.call(.GET, url + "/health")
            #expect(health.status == 200 && health.headers["Connection"].map { $0.lowercased() } == ["close"], "\(health.headers)")
            let status = try await exitStatus(of: service, within: .seconds(20))
            #expect(status == 0, "exit status \(status)\n\(service.log)")
            #expect(signalled.duration(to: .now) >= .seconds(seconds), "exited before the drain was over")
        } catch {
            Issue.record("log:\n\(service.log)")
            await service.stop()
            throw error
        }
        await service.stop()
    }

    /// Polls `/ready` until it answers `status`.
    static func waitForReady(_ url: String, status: Int, within timeout: Duration) async throws -> Web.Reply {
        let deadline = ContinuousClock.now + timeout
        var last: Web.Reply?
        while ContinuousClock.now < deadline {
            let reply = try await Web(http: HTTPClient.shared).call(.GET, url + "/ready")
            if reply.status == status { return reply }
            last = reply
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestFailure("/ready did not answer \(status) within \(timeout); last: \(last.map { "\($0.status) \($0.text)" } ?? "none")")
    }

    /// Waits for the process to exit; its exit status (a signal's number plus 128 when a signal ended it).
    static func exitStatus(of service: ProcessRunner.Background, within timeout: Duration) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while service.process.isRunning {
            guard ContinuousClock.now < deadline else { throw TestFailure("still running \(timeout) after the signal") }
            try await Task.sleep(for: .milliseconds(20))
        }
        return service.process.terminationReason == .exit ? service.process.terminationStatus : 128 + service.process.terminationStatus
    }
}

/// A page server that answers every GET with the saved upcoming-IPO page after `delaySeconds`.
final class SlowPageServer: Sendable {
    let url: String
    let process: ProcessRunner.Background

    init(delaySeconds: Double) throws {
        let port = ProcessRunner.freePort()
        let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/scrape/upcoming-ipos.html").path
        let script = """
            import http.server, sys, time
            page = open(sys.argv[2], "rb").read()
            class Slow(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    time.sleep(float(sys.argv[3]))
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(page)))
                    self.end_headers()
                    self.wfile.write(page)
                def log_message(self, *args):
                    pass
            http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Slow).serve_forever()
            """
        process = try ProcessRunner.Background(
            "/usr/bin/env", ["python3", "-c", script, "\(port)", page, "\(delaySeconds)"],
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
        url = "http://127.0.0.1:\(port)/upcoming-ipos"
        // Up when it accepts a connection (a GET would take delaySeconds).
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, !tcpAccepts(port: port) { usleep(50_000) }
    }

    /// SIGKILL: a process started from the test runner inherits its blocked SIGTERM.
    func stop() {
        if process.process.isRunning { kill(process.process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: process.logURL)
    }
}

/// Whether 127.0.0.1:`port` accepts a TCP connection within `milliseconds`: a closed listener refuses at once, a
/// service past its drain ignores the request (``ShutdownDrain/holdConnectionRequests()``).
func tcpAccepts(port: Int, milliseconds: Int32 = 200) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    let started = connectLoopback(fd, port: port)
    if started == 0 { return true }
    guard errno == EINPROGRESS else { return false }
    var waiting = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
    guard poll(&waiting, 1, milliseconds) == 1 else { return false }
    var failure: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length)
    return failure == 0
}
