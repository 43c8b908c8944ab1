import Logging
import NIOCore
import NIOPosix

/// The Redis client services use: a pool of pipelined connections plus typed helpers for common commands.
///
/// Connections open on first use and reopen after failures (see `RedisConnectionPool`). While the
/// server is unreachable, commands fail fast with `RedisError.connectFailed`. Commands are never
/// retried automatically, so a non-idempotent command that fails may or may not have run.
/// Call `shutdown()` once when done.
public final class RedisClient: Sendable {
    public let configuration: RedisConfiguration
    private let pool: RedisConnectionPool

    public init(
        configuration: RedisConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "redis")
    ) {
        self.configuration = configuration
        self.pool = RedisConnectionPool(configuration: configuration, eventLoopGroup: eventLoopGroup, logger: logger)
    }

    // MARK: Raw commands

    /// Sends a command; an error reply is thrown as `RedisError.server`.
    public func send(_ command: String, _ arguments: String...) async throws -> RESPValue {
        try await self.send(command, arguments: arguments)
    }

    public func send(_ command: String, arguments: [String]) async throws -> RESPValue {
        try await self.pool.connection().send(command, arguments: arguments)
    }

    /// Sends a command that must be answered within `timeout`, waiting for a connection included; otherwise it
    /// fails with `RedisError.timeout` (and, when the command was already sent, its connection closes). For
    /// callers with a deadline of their own: cheaper than racing the call against a timer task.
    public func send(_ command: String, arguments: [String], timeout: Duration) async throws -> RESPValue {
        let start = ContinuousClock.now
        let connection = try await self.pool.connection(timeout: timeout)
        let left = timeout - (ContinuousClock.now - start)
        guard left > .zero else { throw RedisError.timeout }
        return try await connection.send(command, arguments: arguments, timeout: left)
    }

    /// Binary-safe variant: each argument is sent as the given bytes.
    public func send(_ command: String, arguments: [ByteBuffer]) async throws -> RESPValue {
        try await self.pool.connection().send(command, arguments: arguments)
    }

    // MARK: Keys and strings

    public func ping() async throws {
        let reply = try await self.send("PING")
        guard reply.string == "PONG" else {
            throw RedisError.protocolError("unexpected PING reply \(reply)")
        }
    }

    /// The value at `key` as UTF-8 text, or nil when the key does not exist.
    public func get(_ key: String) async throws -> String? {
        try await self.send("GET", key).string
    }

    /// The value at `key` as bytes, or nil when the key does not exist.
    public func getBuffer(_ key: String) async throws -> ByteBuffer? {
        try await self.send("GET", key).buffer
    }

    public enum SetCondition: Sendable {
        case always
        /// SET ... NX
        case ifNotExists
        /// SET ... XX
        case ifExists
    }

    /// Sets `key`; `expiresIn` is applied with millisecond precision (PX).
    /// Returns false when `condition` was not met and nothing was written.
    @discardableResult
    public func set(
        _ key: String,
        to value: String,
        expiresIn: Duration? = nil,
        condition: SetCondition = .always
    ) async throws -> Bool {
        try await self.set(key, to: ByteBuffer(string: value), expiresIn: expiresIn, condition: condition)
    }

    @discardableResult
    public func set(
        _ key: String,
        to value: ByteBuffer,
        expiresIn: Duration? = nil,
        condition: SetCondition = .always
    ) async throws -> Bool {
        var arguments = [ByteBuffer(string: key), value]
        if let expiresIn {
            arguments += [ByteBuffer(string: "PX"), ByteBuffer(string: String(Self.milliseconds(expiresIn)))]
        }
        switch condition {
        case .always: break
        case .ifNotExists: arguments.append(ByteBuffer(string: "NX"))
        case .ifExists: arguments.append(ByteBuffer(string: "XX"))
        }
        return try await !self.send("SET", arguments: arguments).isNull
    }

    /// Deletes the keys; returns how many existed.
    @discardableResult
    public func del(_ keys: String...) async throws -> Int {
        try await self.del(keys)
    }

    @discardableResult
    public func del(_ keys: [String]) async throws -> Int {
        try await self.integer(self.send("DEL", arguments: keys))
    }

    /// Increments the integer at `key` (missing counts as 0); returns the new value.
    @discardableResult
    public func incr(_ key: String, by amount: Int = 1) async throws -> Int {
        if amount == 1 {
            return try await self.integer(self.send("INCR", key))
        }
        return try await self.integer(self.send("INCRBY", key, String(amount)))
    }

    /// Sets a timeout on `key` (PEXPIRE); returns false when the key does not exist.
    @discardableResult
    public func expire(_ key: String, in timeout: Duration) async throws -> Bool {
        try await self.integer(self.send("PEXPIRE", key, String(Self.milliseconds(timeout)))) == 1
    }

    // MARK: Pub/sub

    /// Publishes `message`; returns the number of subscribers that received it.
    @discardableResult
    public func publish(channel: String, message: String) async throws -> Int {
        try await self.integer(self.send("PUBLISH", channel, message))
    }

    @discardableResult
    public func publish(channel: String, message: ByteBuffer) async throws -> Int {
        try await self.integer(self.send("PUBLISH", arguments: [ByteBuffer(string: channel), message]))
    }

    // MARK: Scripts

    /// Runs `script` with EVALSHA; when the server does not know it (NOSCRIPT, e.g. after a restart or
    /// SCRIPT FLUSH) runs it with EVAL, which also caches it for the next EVALSHA.
    public func eval(_ script: RedisScript, keys: [String] = [], arguments: [String] = []) async throws -> RESPValue {
        do {
            return try await self.evalSHA(script.sha1, keys: keys, arguments: arguments)
        } catch let error as RedisError where error.serverErrorCode == "NOSCRIPT" {
            return try await self.send("EVAL", arguments: [script.source, String(keys.count)] + keys + arguments)
        }
    }

    /// `eval` answered within `timeout` (see `send(_:arguments:timeout:)`); the NOSCRIPT retry gets what is left.
    public func eval(_ script: RedisScript, keys: [String] = [], arguments: [String] = [], timeout: Duration) async throws -> RESPValue {
        let start = ContinuousClock.now
        do {
            return try await self.send("EVALSHA", arguments: [script.sha1, String(keys.count)] + keys + arguments, timeout: timeout)
        } catch let error as RedisError where error.serverErrorCode == "NOSCRIPT" {
            let left = timeout - (ContinuousClock.now - start)
            guard left > .zero else { throw RedisError.timeout }
            return try await self.send("EVAL", arguments: [script.source, String(keys.count)] + keys + arguments, timeout: left)
        }
    }

    public func evalSHA(_ sha1: String, keys: [String] = [], arguments: [String] = []) async throws -> RESPValue {
        try await self.send("EVALSHA", arguments: [sha1, String(keys.count)] + keys + arguments)
    }

    /// Loads a script into the server's cache; returns its SHA-1.
    public func scriptLoad(_ source: String) async throws -> String {
        let reply = try await self.send("SCRIPT", "LOAD", source)
        guard let sha1 = reply.string else {
            throw RedisError.protocolError("unexpected SCRIPT LOAD reply \(reply)")
        }
        return sha1
    }

    // MARK: Lifecycle

    /// Closes all connections; commands sent afterwards fail with `RedisError.shutdown`. Idempotent.
    public func shutdown() async {
        await self.pool.shutdown()
    }

    private func integer(_ reply: RESPValue) throws -> Int {
        guard case .integer(let value) = reply else {
            throw RedisError.protocolError("expected an integer reply, got \(reply)")
        }
        return value
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        max(1, Int((duration / .milliseconds(1)).rounded(.up)))
    }
}
