import Foundation
import Testing
import TestSupport

/// The web client (web/) in a real headless Chromium: the auth, booking and food binaries behind the nginx gateway,
/// the fixtures seeded with mscli, and `Tests/browser/web_client_test.py` (Selenium) driving two browser sessions
/// through sign-up, search, a contested seat, a booking, a food order and its live status; axe-core (vendored in
/// Tests/browser/vendor) on every page in the light and dark schemes, whose per-page summary is printed below; a seat
/// map held and booked by keyboard only.
/// `scripts/test` installs chromium, chromium-driver and selenium and exports CHROMEDRIVER_BIN; set SCREENSHOT_DIR to
/// keep screenshots of the main pages (`SCREENSHOT_DIR=$PWD/docs/screenshots scripts/test --filter WebClient`).
@Suite("Web client in a headless browser", .serialized, .tags(.endToEnd, .browser))
struct WebClientTests {
    static var browserAvailable: Bool {
        guard let driver = ProcessInfo.processInfo.environment["CHROMEDRIVER_BIN"], !driver.isEmpty else { return false }
        return FileManager.default.isExecutableFile(atPath: driver) && GatewayProcess.available
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("browser/web_client_test.py").path

    @Test(.enabled(if: browserAvailable, "needs chromium, chromium-driver and selenium (CHROMEDRIVER_BIN; scripts/test installs them)"))
    func theBrowserFlowsPass() async throws {
        try await EndToEnd.run { e2e in
            let running = Running()
            defer { running.stopAll() }
            let (auth, authURL) = try await e2e.startAuthService(["--migrate"])
            running.add(auth)
            try await TestDatabase.with { bookingDB in
                try await TestDatabase.with { foodDB in
                    let (booking, bookingURL) = try await e2e.startBookingService(databaseURL: TestDatabase.url(bookingDB))
                    running.add(booking)
                    let (food, foodURL) = try await e2e.startFoodService(
                        databaseURL: TestDatabase.url(foodDB), env: ["AUTH_SERVICE_URL": authURL, "TRUSTED_PROXIES": "127.0.0.1"])
                    running.add(food)
                    let seeded = try await e2e.mscli([
                        "seed", SeedAndReindexTests.fixtures, "--maintenance", "--booking-database-url", TestDatabase.url(bookingDB),
                        "--food-database-url", TestDatabase.url(foodDB),
                    ])
                    try #require(seeded.status == 0, "\(seeded)")
                    let gateway = try await GatewayProcess.start(
                        auth: [GatewayTests.hostPort(authURL)], booking: [GatewayTests.hostPort(bookingURL)], food: [GatewayTests.hostPort(foodURL)])
                    defer { gateway.stop() }

                    var env = ProcessInfo.processInfo.environment.filter { ["PATH", "HOME", "CHROMEDRIVER_BIN", "CHROMIUM_BIN", "SCREENSHOT_DIR", "TMPDIR"].contains($0.key) }
                    env["GATEWAY_URL"] = gateway.url
                    env["ADMIN_EMAIL"] = "ops-admin@example.com"
                    env["ADMIN_PASSWORD"] = "OpsAdmin#2024-Kolkata"
                    env["PYTHONUNBUFFERED"] = "1"
                    let result = try await ProcessRunner.run("/usr/bin/env", ["python3", Self.script], environment: env, timeout: 600)
                    print(result.stderr)
                    if result.status != 0 {
                        Issue.record("browser tests failed (exit \(result.status)):\n\(result.stdout)\n\(result.stderr)\ngateway logs:\n\(gateway.logs.suffix(4000))")
                    }
                }
            }
        }
    }
}
