import ArgumentParser
import AuthService
import Foundation
import Hummingbird
import Logging
import ServiceCore

/// `auth-service`: reads its configuration, then runs the service library until SIGTERM or SIGINT.
@main
struct AuthServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth-service",
        abstract: "Users, roles and sessions for the movie and food services.",
        discussion: """
            Configuration comes from the environment: DATABASE_URL (or POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER,
            POSTGRES_PASSWORD, POSTGRES_DB), TOKEN_SECRET (required, at least 32 bytes), ACCESS_TOKEN_EXPIRE_MINUTES
            (default 60), BCRYPT_COST (default 12), COOKIE_SECURE (default true), CORS_ORIGINS (comma-separated),
            LOG_LEVEL (default info), LOG_FORMAT (text or json), SHUTDOWN_DRAIN_SECONDS (default 5, 0-60): on SIGTERM or
            SIGINT the service first drains for this long (GET /ready answers 503, requests are still served but
            answered with Connection: close), then stops accepting connections, finishes the requests in flight and
            exits 0.
            """,
        version: AuthService.version)

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8000
    @Flag(help: "Apply pending database migrations before serving (otherwise the service refuses to start).")
    var migrate = false
    @Flag(help: "Development mode: a fixed token secret when TOKEN_SECRET is unset, cookies without Secure.")
    var dev = false
    @Option(
        name: .customLong("measure-bcrypt"),
        help: ArgumentHelp(
            "Measure password checks per second at BCRYPT_COST on every core for this many seconds, print it, and exit.",
            valueName: "seconds"))
    var measureBcrypt: Int?

    static func main() async {
        let installed = ServiceRuntime.useEventLoopsAsGlobalExecutor()
        if ProcessInfo.processInfo.environment["DEBUG_EXECUTOR"] != nil { print("executor installed: \(installed)") }
        await Self.main(nil)
    }

    func run() async throws {
        if let seconds = measureBcrypt {
            let cost = UInt8(try EnvironmentReader().int("BCRYPT_COST", in: 4...31) ?? 12)
            let rate = try await PasswordHasher(cost: cost).measureVerificationsPerSecond(for: .seconds(seconds))
            print(String(format: "bcrypt cost %d: %.1f verifications/s on %d cores", cost, rate, ProcessInfo.processInfo.activeProcessorCount))
            return
        }
        try await ServiceRunner.run(
            AuthService.name, configuration: AuthConfiguration.self,
            options: ServiceRunnerOptions(host: host, port: port, migrate: migrate, development: dev)
        ) { config, logger, drain in
            try await AuthService.buildApplication(config, logger: logger, drain: drain)
        }
    }
}
