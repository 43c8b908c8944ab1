import Foundation
import NIOCore
import PostgresNIO

/// Where a service's PostgreSQL database is, from a URL (`postgres://user:pass@host:port/db?sslmode=disable`) or from
/// the seed's `POSTGRES_HOST/PORT/USER/PASSWORD/DB` variables.
public struct DatabaseSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    /// How the connection uses TLS (libpq's sslmode, as mscli's resolver maps it).
    public var tls: DatabaseTLS
    /// A Unix-domain socket (the `.s.PGSQL.<port>` file) instead of `host`:`port` (libpq resolved a socket directory).
    public var unixSocketPath: String?
    /// TLS required. A URL's `sslmode=require|verify-ca|verify-full` checks the certificate against the system's trust
    /// store and the host name (stricter than libpq's `require`); mscli's resolver sets ``tls`` exactly instead.
    public var requireTLS: Bool {
        get { tls != .disable && tls != .prefer }
        set { tls = newValue ? .verifyFull(rootCertificates: nil) : .disable }
    }
    /// The pool's size (`pool_max`). Under load a smaller pool queues requests for a connection and hands a returned
    /// connection straight to the next one, which costs less than parking it; PostgreSQL on a few cores gains nothing
    /// from more connections running at once.
    public var maximumConnections: Int
    /// Connections kept open even when idle (`pool_min`); by default all of them (`pool_max`): a fixed-size pool.
    /// Connections beyond the minimum are opened on demand and closed after a minute idle, and PostgresNIO arms an
    /// idle timer (a task and a Dispatch timer) every time one is returned; on `user_details` those timers cost about
    /// 15% of the service's CPU per request (A/B of pool_min 2 and 10 in one session, CPU per request from /proc).
    /// A service that should give idle connections back (many instances, a small `max_connections`) sets it lower.
    public var minimumConnections: Int
    /// How long the pool waits for one new connection (TCP, TLS, login). A stopped server on the same network refuses
    /// at once; a hung one (or a black-holed address) does not answer at all, and every attempt waits this long.
    public var connectTimeout: Duration

    public init(
        host: String, port: Int = 5432, username: String, password: String?, database: String,
        requireTLS: Bool = false, maximumConnections: Int = DatabaseSettings.defaultMaximumConnections,
        minimumConnections: Int? = nil, connectTimeout: Duration = .seconds(3)
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = requireTLS ? .verifyFull(rootCertificates: nil) : .disable
        self.maximumConnections = maximumConnections
        self.minimumConnections = minimumConnections ?? maximumConnections
        self.connectTimeout = connectTimeout
    }

    public static let defaultMaximumConnections = 10
    /// What `pool_max` and `pool_min` accept.
    public static let poolSizes = 1...1000

    public struct InvalidURL: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { "invalid database URL: \(reason)" }
    }

    /// Parses `postgres://` or `postgresql://` URLs. The password is percent-decoded; `sslmode=require|verify-full`
    /// turns TLS on; `pool_max` sets the pool's size (default 10), `pool_min` the connections kept open (default: `pool_max`), and `connect_timeout` (seconds, as libpq reads it) the connect
    /// timeout.
    public init(url: String) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
            ["postgres", "postgresql"].contains(scheme)
        else {
            throw InvalidURL(reason: "expected postgres://user:password@host:port/database")
        }
        guard let host = components.host, !host.isEmpty else { throw InvalidURL(reason: "no host") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw InvalidURL(reason: "no database name") }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        self.init(
            host: host,
            port: components.port ?? 5432,
            username: components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? "postgres",
            password: components.percentEncodedPassword.flatMap { $0.removingPercentEncoding },
            database: database,
            requireTLS: ["require", "verify-ca", "verify-full"].contains(query["sslmode"] ?? "")
        )
        if let text = query["pool_max"] { maximumConnections = try Self.poolSize(text, name: "pool_max", range: Self.poolSizes) }
        minimumConnections = maximumConnections
        if let text = query["pool_min"] { minimumConnections = try Self.poolSize(text, name: "pool_min", range: 0...Self.poolSizes.upperBound) }
        guard minimumConnections <= maximumConnections || query["pool_min"] == nil else {
            throw InvalidURL(reason: "pool_min (\(minimumConnections)) is larger than pool_max (\(maximumConnections))")
        }
        if let seconds = query["connect_timeout"].flatMap(Int.init), seconds > 0 { connectTimeout = .seconds(seconds) }
    }

    static func poolSize(_ text: String, name: String, range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw InvalidURL(reason: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// `DATABASE_URL` when set, else the seed's `POSTGRES_*` variables with the seed's defaults and `defaultDatabase`,
    /// except its password `admin`: without `POSTGRES_PASSWORD` no password is sent (the server's own rules decide).
    public static func fromEnvironment(
        _ env: [String: String], urlVariable: String = "DATABASE_URL", defaultDatabase: String
    ) throws -> DatabaseSettings {
        if let url = env[urlVariable], !url.isEmpty { return try DatabaseSettings(url: url) }
        return DatabaseSettings(
            host: env["POSTGRES_HOST"] ?? "localhost",
            port: Int(env["POSTGRES_PORT"] ?? "") ?? 5432,
            username: env["POSTGRES_USER"] ?? "postgres",
            password: env["POSTGRES_PASSWORD"],
            database: env["POSTGRES_DB"] ?? defaultDatabase
        )
    }

    /// The same server with another database (used by tests and by tools that create databases).
    public func with(database: String) -> DatabaseSettings {
        var copy = self
        copy.database = database
        return copy
    }

    public var clientConfiguration: PostgresClient.Configuration {
        var config =
            if let unixSocketPath {
                PostgresClient.Configuration(unixSocketPath: unixSocketPath, username: username, password: password, database: database)
            } else {
                PostgresClient.Configuration(
                    host: host, port: port, username: username, password: password, database: database, tls: tls.clientTLS)
            }
        config.options.maximumConnections = maximumConnections
        config.options.connectTimeout = connectTimeout
        config.options.minimumConnections = min(minimumConnections, maximumConnections)
        // No keep-alive pings. PostgresNIO's pool arms a keep-alive timer (a task group and a Dispatch timer) every
        // time a connection is returned and cancels it at the next lease: about 40 µs of CPU per query, a third of a
        // one-SELECT request (perf, and CPU per request from /proc with and without it). A connection that died while idle fails its next query
        // (503, and the pool replaces it); a closed one (server restart, failover) is noticed at once without pings.
        config.options.keepAliveBehavior = nil
        return config
    }

    /// One connection outside a pool (start-up probe, the availability gate's check).
    public func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var config =
            if let unixSocketPath {
                PostgresConnection.Configuration(unixSocketPath: unixSocketPath, username: username, password: password, database: database)
            } else {
                PostgresConnection.Configuration(
                    host: host, port: port, username: username, password: password, database: database, tls: try tls.connectionTLS())
            }
        config.options.connectTimeout = TimeAmount(connectTimeout)
        return config
    }
}

extension PostgresClient {
    /// Runs `body` with a client whose connection pool is running, and shuts the pool down afterwards.
    /// For one-shot work (mscli, tests); a service adds its client to its `ServiceGroup` instead.
    ///
    /// One connection is opened first, on its own: the pool retries failed connections for a minute and then reports
    /// only that it gave up, while a single attempt fails at once with the real reason (refused, bad password,
    /// no such database).
    public static func withClient<T: Sendable>(
        _ settings: DatabaseSettings, logger: Logger, _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        try await probe(settings, logger: logger)
        let client = PostgresClient(configuration: settings.clientConfiguration, backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    /// ``withClient(_:logger:_:)`` for several databases at once (a primary and its shards): one client per distinct
    /// settings, handed to `body` in the order given (repeated settings share a client).
    public static func withClients<T: Sendable>(
        _ settings: [DatabaseSettings], logger: Logger, _ body: @Sendable ([PostgresClient]) async throws -> T
    ) async throws -> T {
        var distinct: [DatabaseSettings] = []
        for entry in settings where !distinct.contains(entry) { distinct.append(entry) }
        for entry in distinct { try await probe(entry, logger: logger) }
        let clients = distinct.map { PostgresClient(configuration: $0.clientConfiguration, backgroundLogger: logger) }
        let ordered = settings.map { entry in clients[distinct.firstIndex(of: entry)!] }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            for client in clients {
                group.addTask {
                    await client.run()
                    return nil
                }
            }
            defer { group.cancelAll() }
            return try await body(ordered)
        }
    }

    /// Opens and closes one connection, failing within 10 seconds with the server's or the network's reason.
    public static func probe(_ settings: DatabaseSettings, logger: Logger) async throws {
        var probeConfig = try settings.connectionConfiguration()
        probeConfig.options.connectTimeout = .seconds(10)
        let config = probeConfig
        let connection = try await withTimeout(.seconds(10)) {
            try await PostgresConnection.connect(configuration: config, id: 0, logger: logger)
        }
        try? await connection.close()
    }
}
