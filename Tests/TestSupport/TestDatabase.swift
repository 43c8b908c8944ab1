import Foundation
import Logging
import PostgresNIO
import ServiceCore

/// A private database per test on the cluster `scripts/test` started (PGHOST, PGPORT, PGUSER, PGPASSWORD), so tests
/// run in parallel without seeing each other's rows.
public enum TestDatabase {
    public static let logger: Logger = {
        var logger = Logger(label: "test")
        logger.logLevel = ProcessInfo.processInfo.environment["TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        return logger
    }()

    /// The cluster's maintenance database. Fails loudly when the test script did not start a cluster.
    public static func admin() throws -> DatabaseSettings {
        let env = ProcessInfo.processInfo.environment
        guard let host = env["PGHOST"], let port = env["PGPORT"].flatMap(Int.init) else {
            throw ConfigurationError("PGHOST/PGPORT are not set: run the tests through scripts/test, which starts PostgreSQL")
        }
        return DatabaseSettings(
            host: host, port: port, username: env["PGUSER"] ?? "postgres", password: env["PGPASSWORD"], database: "postgres",
            // Hundreds of in-process services start and stop in parallel: none keeps connections it does not use.
            maximumConnections: 4, minimumConnections: 0)
    }

    /// Creates an empty database, runs `body` with its settings, and drops it afterwards (also when `body` throws).
    public static func with<T: Sendable>(_ body: (DatabaseSettings) async throws -> T) async throws -> T {
        let settings = try await create()
        do {
            let result = try await body(settings)
            try await drop(settings)
            return result
        } catch {
            try? await drop(settings)
            throw error
        }
    }

    public static func create() async throws -> DatabaseSettings {
        let admin = try admin()
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        try await PostgresClient.withClient(admin, logger: logger) { client in
            try await client.query("CREATE DATABASE \(unescaped: name)", logger: logger)
        }
        return admin.with(database: String(name))
    }

    public static func drop(_ settings: DatabaseSettings) async throws {
        let admin = try admin()
        try await PostgresClient.withClient(admin, logger: logger) { client in
            try await client.query("DROP DATABASE IF EXISTS \(unescaped: settings.database) WITH (FORCE)", logger: logger)
        }
    }

    /// `postgres://` URL of a test database, for binaries and environment variables.
    public static func url(_ settings: DatabaseSettings) -> String {
        let password = settings.password.map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""
        return "postgres://\(settings.username)\(password)@\(settings.host):\(settings.port)/\(settings.database)"
    }
}
