import Foundation
import ServiceCore
import Testing
import TestSupport

/// Runs the built `mscli` and `auth-service` binaries against a fresh database, with a private config directory.
struct EndToEnd: Sendable {
    static let secret = "e2e-secret-0123456789-0123456789-0123456789"
    /// Services started here stop at once on SIGTERM (`stop()` waits 5 s before SIGKILL); the drain tests set their own.
    static let drainSeconds = "0"
    let db: DatabaseSettings
    let home: URL
    var serviceURL: String?
    /// Whether the operator's shell exports target variables (AUTH_DATABASE_URL, and AUTH_SERVICE_URL once
    /// `serviceURL` is set). Tests that work through complete profiles (``profile(_:_:)``) turn it off: mscli uses
    /// one environment at a time, and exported variables would be the environment of every command without -p.
    var exportsTargets = true

    var databaseURL: String { TestDatabase.url(db) }

    static func run(_ body: @Sendable (EndToEnd) async throws -> Void) async throws {
        try await TestDatabase.with { db in
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("mscli-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: home) }
            try await body(EndToEnd(db: db, home: home))
        }
    }

    /// The environment of an operator's shell: nothing inherited but PATH.
    var environment: [String: String] {
        var env = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home.path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "BCRYPT_COST": "4",
        ]
        if exportsTargets {
            env["AUTH_DATABASE_URL"] = databaseURL
            if let serviceURL { env["AUTH_SERVICE_URL"] = serviceURL }
        }
        return env
    }

    /// A profile setting, as `mscli config set` names it.
    enum ProfileSetting: String, Sendable {
        case authURL = "auth_url", authDatabaseURL = "auth_database_url", bookingURL = "booking_url"
        case bookingDatabaseURL = "booking_database_url", foodURL = "food_url", foodDatabaseURL = "food_database_url"
        case foodShardURLs = "food_shard_urls", redisURL = "redis_url", searchURL = "search_url", output
    }

    /// Writes a complete profile with `mscli config set` (the first profile written becomes the current one), failing
    /// the test when a setting is refused.
    func profile(_ name: String, _ settings: [ProfileSetting: String]) async throws {
        for (key, value) in settings.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let set = try await mscli("config", "set", key.rawValue, value, "--profile", name)
            guard set.status == 0 else { throw TestFailure("config set \(key.rawValue) --profile \(name): \(set)") }
        }
    }

    @discardableResult
    func mscli(_ arguments: String..., input: String? = nil, env extra: [String: String] = [:]) async throws -> ProcessResult {
        try await mscli(arguments, input: input, env: extra)
    }

    func mscli(_ arguments: [String], input: String? = nil, env extra: [String: String] = [:]) async throws -> ProcessResult {
        try await ProcessRunner.run(
            Binaries.path("mscli"), arguments, environment: environment.merging(extra) { $1 }, input: input, timeout: 60)
    }

    /// Starts `auth-service` on a free port and waits until `/health` answers.
    /// Login throttling per address is raised far out of the way (every test logs in from 127.0.0.1); `extra` adds
    /// or overrides variables (a value of "" removes one).
    func startAuthService(
        _ arguments: [String] = [], port fixedPort: Int? = nil, env extra: [String: String] = [:]
    ) async throws -> (ProcessRunner.Background, String) {
        let port = fixedPort ?? ProcessRunner.freePort()
        var env = [
            "PATH": environment["PATH"]!, "DATABASE_URL": databaseURL, "TOKEN_SECRET": Self.secret, "BCRYPT_COST": "4",
            "COOKIE_SECURE": "false", "SHUTDOWN_DRAIN_SECONDS": Self.drainSeconds, "LOGIN_RATE_LIMIT_ADDRESS": "100000/60",
        ]
        env.merge(extra) { _, new in new }
        return try await Self.start("auth-service", port: port, arguments, environment: env.filter { !$0.value.isEmpty })
    }

    /// Starts `booking-service` on a free port over `databaseURL` (a second test database, migrated on start), checking
    /// session cookies with the auth service's secret, with its list cache off; `extra` adds or overrides environment
    /// variables; waits until `/health` answers. `port` fixes the port (a restarted instance keeps its address).
    func startBookingService(
        databaseURL: String, _ arguments: [String] = [], port fixedPort: Int? = nil, env extra: [String: String] = [:]
    ) async throws -> (ProcessRunner.Background, String) {
        let port = fixedPort ?? ProcessRunner.freePort()
        var env = [
            "PATH": environment["PATH"]!, "DATABASE_URL": databaseURL, "TOKEN_SECRET": Self.secret, "LIST_CACHE_MILLISECONDS": "0",
            "SHUTDOWN_DRAIN_SECONDS": Self.drainSeconds,
        ]
        env.merge(extra) { _, new in new }
        return try await Self.start("booking-service", port: port, ["--migrate"] + arguments, environment: env.filter { !$0.value.isEmpty })
    }

    /// A food service on `databaseURL`, migrated at start; `extra` adds or overrides environment variables.
    func startFoodService(databaseURL: String, env extra: [String: String] = [:]) async throws -> (ProcessRunner.Background, String) {
        let port = ProcessRunner.freePort()
        var env = [
            "PATH": environment["PATH"]!, "DATABASE_URL": databaseURL, "TOKEN_SECRET": Self.secret, "LIST_CACHE_MILLISECONDS": "0",
            "RATE_LIMIT_ENABLED": "false", "SHUTDOWN_DRAIN_SECONDS": Self.drainSeconds,
        ]
        env.merge(extra) { _, new in new }
        return try await Self.start("food-service", port: port, ["--migrate"], environment: env)
    }

    /// The services keep their whole pool open by default (`pool_min` = `pool_max`); dozens of them run at once here
    /// against one PostgreSQL, so each keeps one idle connection per database unless a test sets `pool_min` itself.
    static func fewIdleConnections(_ environment: [String: String]) -> [String: String] {
        var environment = environment
        for name in ["DATABASE_URL", "SHARD_DATABASE_URLS", "DATABASE_READ_URL"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            environment[name] = value.split(separator: ",").map { url in
                url.contains("pool_min=") ? String(url) : url + (url.contains("?") ? "&" : "?") + "pool_min=1"
            }.joined(separator: ",")
        }
        return environment
    }

    /// Starts the service `binary` on `port` and waits until its `/health` answers; one that does not come up is
    /// stopped, and the failure carries its log.
    static func start(
        _ binary: String, port: Int, _ arguments: [String], environment: [String: String]
    ) async throws -> (ProcessRunner.Background, String) {
        let environment = fewIdleConnections(environment)
        let service = try ProcessRunner.Background(Binaries.path(binary), ["--port", "\(port)"] + arguments, environment: environment)
        let url = "http://127.0.0.1:\(port)"
        // Alive after the answer too: a service that exited (its port taken) must not pass on another's health check.
        guard await ProcessRunner.waitForHTTP(url + "/health"), service.process.isRunning else {
            let log = service.log
            await service.stop()
            throw TestFailure("\(binary) did not come up on port \(port):\n\(log)")
        }
        return (service, url)
    }

    func json(_ result: ProcessResult) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
