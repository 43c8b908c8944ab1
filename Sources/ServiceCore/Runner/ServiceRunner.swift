import Foundation
import Hummingbird
import Logging

/// What the shared start-up needs to know of a service's configuration (each service's own type conforms).
public protocol ServiceRunnerConfiguration: Sendable {
    /// Reads the configuration from the environment (`development`: `--dev`).
    static func fromEnvironment(_ env: EnvironmentReader, development: Bool) throws -> Self
    var host: String { get set }
    var port: Int { get set }
    var migrateOnStart: Bool { get set }
    var logLevel: Logger.Level { get }
    var shutdownDrain: Duration { get }
    var tokenSecret: String { get }
}

/// The command-line options every service main has (each main declares its own, with its own defaults and help).
public struct ServiceRunnerOptions: Sendable {
    public var host: String
    public var port: Int
    public var migrate: Bool
    public var development: Bool

    public init(host: String, port: Int, migrate: Bool, development: Bool) {
        self.host = host
        self.port = port
        self.migrate = migrate
        self.development = development
    }
}

/// The start-up the three service mains share: configuration from the environment (secret files resolved) with the
/// command line on top, logging, the development-secret warning, then the application in a ``ServiceGroup`` with the
/// shutdown drain until SIGTERM or SIGINT. Any failure becomes a ``ServiceStartupError`` of one line (a migration
/// error's own text, or the database failure described without SQL).
public enum ServiceRunner {
    /// Runs the service `name` until it is stopped. `notices` logs what is particular to the service's configuration
    /// (an optional dependency left out, sharding); `build` makes the application (its tests call the same builder).
    /// `fileID`: the main's, so the lines logged here name the main's module as their source, as they always did.
    public static func run<Configuration: ServiceRunnerConfiguration, App: ApplicationProtocol>(
        _ name: String, configuration: Configuration.Type, options: ServiceRunnerOptions,
        notices: (Configuration, Logger) -> Void = { _, _ in },
        fileID: String = #fileID,
        build: (Configuration, Logger, ShutdownDrain) async throws -> App
    ) async throws {
        var config: Configuration
        do {
            config = try Configuration.fromEnvironment(try EnvironmentReader.resolvingSecretFiles(), development: options.development)
        } catch {
            throw ServiceStartupError(message: "\(error)")
        }
        config.host = options.host
        config.port = options.port
        config.migrateOnStart = config.migrateOnStart || options.migrate
        ServiceLogging.bootstrap(service: name, format: ProcessInfo.processInfo.environment["LOG_FORMAT"], level: config.logLevel)
        let logger = Logger(label: name)
        if options.development && config.tokenSecret == TokenService.developmentSecret {
            logger.warning("development mode: using the built-in token secret; never run like this in production", file: fileID)
        }
        notices(config, logger)
        do {
            let drain = ShutdownDrain(period: config.shutdownDrain, logger: logger)
            let app = try await build(config, logger, drain)
            try await app.runService(drain: drain)
        } catch {
            throw ServiceStartupError(message: (error as? MigrationError)?.description ?? PostgresErrorText.describe(error))
        }
    }
}
