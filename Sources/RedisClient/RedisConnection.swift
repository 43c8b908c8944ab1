import Logging
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One TCP connection to Redis. Commands may be sent concurrently; they are pipelined and
/// answered in order. Safe to share between tasks.
public final class RedisConnection: Sendable {
    public let configuration: RedisConfiguration
    let channel: any Channel
    private let logger: Logger

    private init(channel: any Channel, configuration: RedisConfiguration, logger: Logger) {
        self.channel = channel
        self.configuration = configuration
        self.logger = logger
    }

    /// Connects, then sends AUTH (when a password is configured) and SELECT (when the database is not 0).
    /// Any failure on the way is reported as `RedisError.connectFailed`.
    public static func connect(
        configuration: RedisConfiguration,
        eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.next(),
        logger: Logger = Logger(label: "redis")
    ) async throws -> RedisConnection {
        try await self.connect(configuration: configuration, eventLoop: eventLoop, logger: logger, pushHandler: nil)
    }

    /// `pushHandler` is called on the connection's event loop with every pub/sub `message`/`pmessage`.
    static func connect(
        configuration: RedisConfiguration,
        eventLoop: any EventLoop,
        logger: Logger,
        pushHandler: (@Sendable (RESPValue) -> Void)?
    ) async throws -> RedisConnection {
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers(
                        ByteToMessageHandler(RESPDecoder()),
                        RedisCommandHandler(pushHandler: pushHandler, logger: logger)
                    )
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: configuration.host, port: configuration.port).get()
        } catch {
            throw RedisError.connectFailed(Self.describe(connectError: error, configuration: configuration))
        }
        let connection = RedisConnection(channel: channel, configuration: configuration, logger: logger)
        do {
            try await connection.handshake()
        } catch {
            await connection.close()
            throw RedisError.connectFailed("\(configuration.host):\(configuration.port): \(error)")
        }
        logger.debug("Connected to Redis", metadata: ["redis.address": "\(configuration.host):\(configuration.port)"])
        return connection
    }

    private func handshake() async throws {
        if let password = self.configuration.password {
            var arguments = [password]
            if let username = self.configuration.username {
                arguments.insert(username, at: 0)
            }
            _ = try await self.send("AUTH", arguments: arguments)
        }
        if self.configuration.database != 0 {
            _ = try await self.send("SELECT", String(self.configuration.database))
        }
    }

    /// False once the connection has closed or broken; a closed connection does not reopen.
    public var isActive: Bool { self.channel.isActive }

    /// Completes when the connection has closed.
    public var closeFuture: EventLoopFuture<Void> { self.channel.closeFuture }

    public func send(_ command: String, _ arguments: String...) async throws -> RESPValue {
        try await self.send(command, arguments: arguments)
    }

    /// Sends one command and returns its reply; an error reply is thrown as `RedisError.server`.
    /// `timeout` replaces the configured `commandTimeout` for this command (on expiry: `.timeout`, and the
    /// connection closes, as for the configured one).
    public func send(_ command: String, arguments: [String], timeout: Duration? = nil) async throws -> RESPValue {
        var buffer = self.channel.allocator.buffer(capacity: 64)
        RESPEncoder.encodeCommand(command, arguments, into: &buffer)
        return try Self.throwingServerError(await self.send(encoded: buffer, expectedReplies: 1, timeout: timeout))
    }

    /// Binary-safe variant: each argument is sent as the given bytes.
    public func send(_ command: String, arguments: [ByteBuffer]) async throws -> RESPValue {
        var buffer = self.channel.allocator.buffer(capacity: 64)
        RESPEncoder.encodeCommand(command, arguments, into: &buffer)
        return try Self.throwingServerError(await self.send(encoded: buffer, expectedReplies: 1))
    }

    /// Sends an encoded command and returns its reply as is (error replies included).
    ///
    /// Cancelling the calling task stops the wait with `CancellationError`; the command stays in the
    /// pipeline and its reply is discarded, so the connection stays usable.
    func send(encoded: ByteBuffer, expectedReplies: Int, timeout: Duration? = nil) async throws -> RESPValue {
        try Task.checkCancellation()
        return try await Self.reply(to: self.enqueue(encoded: encoded, expectedReplies: expectedReplies, timeout: timeout))
    }

    /// Writes a command now and returns the promise its reply completes; callers that must order
    /// writes with other state changes call this under their lock, then await `reply(to:)`.
    func enqueue(encoded: ByteBuffer, expectedReplies: Int, timeout: Duration? = nil) -> EventLoopPromise<RESPValue> {
        let promise = self.channel.eventLoop.makePromise(of: RESPValue.self)
        let request = RedisRequest(
            encoded: encoded,
            expectedReplies: expectedReplies,
            timeout: TimeAmount(timeout ?? self.configuration.commandTimeout),
            promise: promise
        )
        // Once the channel has closed its pipeline is gone and the request never reaches the
        // handler; the failed write is then the only signal. Completing a promise twice is a no-op.
        self.channel.writeAndFlush(request).whenFailure { _ in
            promise.fail(RedisError.connectionClosed)
        }
        return promise
    }

    static func reply(to promise: EventLoopPromise<RESPValue>) async throws -> RESPValue {
        try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: {
            promise.fail(CancellationError())
        }
    }

    /// Closes the connection; pending commands fail with `RedisError.connectionClosed`.
    public func close() async {
        try? await self.channel.close()
    }

    static func throwingServerError(_ reply: RESPValue) throws -> RESPValue {
        if case .error(let message) = reply {
            throw RedisError.server(message)
        }
        return reply
    }

    private static func describe(connectError error: any Error, configuration: RedisConfiguration) -> String {
        let address = "\(configuration.host):\(configuration.port)"
        if let connectionError = error as? NIOConnectionError {
            if let first = connectionError.connectionErrors.first {
                if let ioError = first.error as? IOError {
                    return "\(address): \(String(cString: strerror(ioError.errnoCode)))"
                }
                return "\(address): \(first.error)"
            }
            if let dnsError = connectionError.dnsAError ?? connectionError.dnsAAAAError {
                return "\(address): name resolution failed: \(dnsError)"
            }
        }
        return "\(address): \(error)"
    }
}
