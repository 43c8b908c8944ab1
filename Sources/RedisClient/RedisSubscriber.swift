import Logging
import NIOCore
import NIOPosix
import Synchronization

/// Pub/sub over one dedicated connection.
///
/// `subscribe(to:)` and `psubscribe(to:)` return once the server has confirmed the subscription (they
/// throw, e.g. `RedisError.connectFailed`, when it cannot be confirmed). From then on the subscription
/// survives connection loss: the subscriber reconnects with `reconnectBackoff` and subscribes again to
/// everything still listened to. Messages published while disconnected are lost (pub/sub is at-most-once).
/// A stream ends when its channels are unsubscribed, when its consumer stops iterating, or on `close()`.
public final class RedisSubscriber: Sendable {
    private struct Listener {
        var channels: Set<String>
        var patterns: Set<String>
        let continuation: AsyncStream<RedisPubSubMessage>.Continuation
    }

    private enum ConnectionState {
        case none
        case connecting(EventLoopFuture<RedisConnection>)
        case connected(RedisConnection)
    }

    private struct State {
        var connection: ConnectionState = .none
        var listeners: [UInt64: Listener] = [:]
        var channelListeners: [String: Set<UInt64>] = [:]
        var patternListeners: [String: Set<UInt64>] = [:]
        var nextListenerID: UInt64 = 0
        var reconnectTask: Task<Void, Never>?
        var isClosed = false

        var liveConnection: RedisConnection? {
            if case .connected(let connection) = self.connection, connection.isActive { connection } else { nil }
        }
    }

    private let configuration: RedisConfiguration
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let state = Mutex(State())

    public init(
        configuration: RedisConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "redis.subscriber")
    ) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    /// Whether the pub/sub connection is currently up and subscribed.
    public var isConnected: Bool {
        self.state.withLock { $0.liveConnection != nil }
    }

    /// Messages published to any of `channels`.
    public func subscribe(to channels: [String]) async throws -> AsyncStream<RedisPubSubMessage> {
        try await self.listen(channels: Set(channels), patterns: [])
    }

    /// Messages published to channels matching any of the glob-style `patterns`.
    public func psubscribe(to patterns: [String]) async throws -> AsyncStream<RedisPubSubMessage> {
        try await self.listen(channels: [], patterns: Set(patterns))
    }

    /// Stops `channels` for every stream; a stream left with nothing to listen to finishes.
    public func unsubscribe(from channels: [String]) async throws {
        try await self.stopListening(names: Set(channels), patterns: false)
    }

    /// Stops `patterns` for every stream; a stream left with nothing to listen to finishes.
    public func punsubscribe(from patterns: [String]) async throws {
        try await self.stopListening(names: Set(patterns), patterns: true)
    }

    /// Closes the connection, stops reconnecting and finishes every stream. Idempotent.
    public func close() async {
        let (connection, continuations, reconnectTask) = self.state.withLock { state in
            guard !state.isClosed else {
                return (ConnectionState.none, [AsyncStream<RedisPubSubMessage>.Continuation](), Task<Void, Never>?.none)
            }
            state.isClosed = true
            let connection = state.connection
            state.connection = .none
            let continuations = state.listeners.values.map(\.continuation)
            state.listeners = [:]
            state.channelListeners = [:]
            state.patternListeners = [:]
            let task = state.reconnectTask
            state.reconnectTask = nil
            return (connection, continuations, task)
        }
        reconnectTask?.cancel()
        for continuation in continuations {
            continuation.finish()
        }
        switch connection {
        case .none:
            break
        case .connected(let connection):
            await connection.close()
        case .connecting(let future):
            if let connection = try? await future.get() {
                await connection.close()
            }
        }
        await reconnectTask?.value
    }

    // MARK: Listening

    private func listen(channels: Set<String>, patterns: Set<String>) async throws -> AsyncStream<RedisPubSubMessage> {
        precondition(!channels.isEmpty || !patterns.isEmpty, "subscribe to at least one channel or pattern")
        let (stream, continuation) = AsyncStream.makeStream(of: RedisPubSubMessage.self)
        let id = try self.state.withLock { state in
            guard !state.isClosed else { throw RedisError.shutdown }
            let id = state.nextListenerID
            state.nextListenerID += 1
            state.listeners[id] = Listener(channels: channels, patterns: patterns, continuation: continuation)
            for channel in channels {
                state.channelListeners[channel, default: []].insert(id)
            }
            for pattern in patterns {
                state.patternListeners[pattern, default: []].insert(id)
            }
            return id
        }
        continuation.onTermination = { [weak self] _ in
            self?.listenerEnded(id)
        }
        do {
            let connection = try await self.connection()
            // Written under the lock so SUBSCRIBE and a concurrent listener's UNSUBSCRIBE of the
            // same channel reach the server in the order their state changes were made.
            let pending = self.state.withLock { state -> [EventLoopPromise<RESPValue>]? in
                guard state.liveConnection === connection else { return nil }
                var pending: [EventLoopPromise<RESPValue>] = []
                if !channels.isEmpty {
                    pending.append(Self.enqueue("SUBSCRIBE", channels, on: connection))
                }
                if !patterns.isEmpty {
                    pending.append(Self.enqueue("PSUBSCRIBE", patterns, on: connection))
                }
                return pending
            }
            guard let pending else { throw RedisError.connectionClosed }
            for promise in pending {
                _ = try RedisConnection.throwingServerError(await RedisConnection.reply(to: promise))
            }
        } catch {
            continuation.finish()
            throw error
        }
        return stream
    }

    private func stopListening(names: Set<String>, patterns: Bool) async throws {
        let (finished, pending) = self.state.withLock { state in
            var finished: [AsyncStream<RedisPubSubMessage>.Continuation] = []
            var removed: [String] = []
            for name in names {
                let ids = (patterns ? state.patternListeners.removeValue(forKey: name) : state.channelListeners.removeValue(forKey: name)) ?? []
                if !ids.isEmpty { removed.append(name) }
                for id in ids {
                    if patterns {
                        state.listeners[id]?.patterns.remove(name)
                    } else {
                        state.listeners[id]?.channels.remove(name)
                    }
                    if let listener = state.listeners[id], listener.channels.isEmpty, listener.patterns.isEmpty {
                        state.listeners[id] = nil
                        finished.append(listener.continuation)
                    }
                }
            }
            var pending: EventLoopPromise<RESPValue>?
            if let connection = state.liveConnection, !removed.isEmpty {
                pending = Self.enqueue(patterns ? "PUNSUBSCRIBE" : "UNSUBSCRIBE", Set(removed), on: connection)
            }
            return (finished, pending)
        }
        for continuation in finished {
            continuation.finish()
        }
        if let pending {
            _ = try RedisConnection.throwingServerError(await RedisConnection.reply(to: pending))
        }
    }

    /// A stream ended (consumer stopped, unsubscribed, or subscribing failed): drop what nobody needs any more.
    private func listenerEnded(_ id: UInt64) {
        self.state.withLock { state in
            guard let listener = state.listeners.removeValue(forKey: id) else { return }
            var unusedChannels: Set<String> = []
            for channel in listener.channels {
                state.channelListeners[channel]?.remove(id)
                if state.channelListeners[channel]?.isEmpty == true {
                    state.channelListeners[channel] = nil
                    unusedChannels.insert(channel)
                }
            }
            var unusedPatterns: Set<String> = []
            for pattern in listener.patterns {
                state.patternListeners[pattern]?.remove(id)
                if state.patternListeners[pattern]?.isEmpty == true {
                    state.patternListeners[pattern] = nil
                    unusedPatterns.insert(pattern)
                }
            }
            guard let connection = state.liveConnection else { return }
            if !unusedChannels.isEmpty {
                _ = Self.enqueue("UNSUBSCRIBE", unusedChannels, on: connection)
            }
            if !unusedPatterns.isEmpty {
                _ = Self.enqueue("PUNSUBSCRIBE", unusedPatterns, on: connection)
            }
        }
    }

    /// Called on the connection's event loop for every `message`/`pmessage` push.
    private func deliver(_ push: RESPValue) {
        guard case .array(let elements?) = push, let kind = elements.first?.string else { return }
        let message: RedisPubSubMessage
        let matchedPattern: String?
        switch (kind, elements.count) {
        case ("message", 3):
            guard let channel = elements[1].string, let payload = elements[2].buffer else { return }
            message = RedisPubSubMessage(channel: channel, payload: payload)
            matchedPattern = nil
        case ("pmessage", 4):
            guard let pattern = elements[1].string, let channel = elements[2].string, let payload = elements[3].buffer else { return }
            message = RedisPubSubMessage(channel: channel, pattern: pattern, payload: payload)
            matchedPattern = pattern
        default:
            self.logger.debug("Ignoring unexpected pub/sub push", metadata: ["push": "\(push)"])
            return
        }
        let continuations = self.state.withLock { state in
            let listenerIDs =
                if let matchedPattern { state.patternListeners[matchedPattern] ?? [] } else { state.channelListeners[message.channel] ?? [] }
            return listenerIDs.compactMap { state.listeners[$0]?.continuation }
        }
        for continuation in continuations {
            continuation.yield(message)
        }
    }

    // MARK: Connection

    /// The live connection, connecting (and subscribing to everything listened to) if there is none.
    private func connection() async throws -> RedisConnection {
        let (start, future) = try self.state.withLock { state -> (EventLoopPromise<RedisConnection>?, EventLoopFuture<RedisConnection>) in
            guard !state.isClosed else { throw RedisError.shutdown }
            if let connection = state.liveConnection {
                return (nil, connection.channel.eventLoop.makeSucceededFuture(connection))
            }
            if case .connecting(let future) = state.connection {
                return (nil, future)
            }
            let promise = self.eventLoopGroup.next().makePromise(of: RedisConnection.self)
            state.connection = .connecting(promise.futureResult)
            return (promise, promise.futureResult)
        }
        if let start {
            self.startConnecting(promise: start)
        }
        let waiter = future.eventLoop.makePromise(of: RedisConnection.self)
        future.cascade(to: waiter)
        return try await withTaskCancellationHandler {
            try await waiter.futureResult.get()
        } onCancel: {
            waiter.fail(CancellationError())
        }
    }

    private func startConnecting(promise: EventLoopPromise<RedisConnection>) {
        let configuration = self.configuration
        let logger = self.logger
        let eventLoop = promise.futureResult.eventLoop
        promise.completeWithTask { [weak self] in
            let connection = try await RedisConnection.connect(
                configuration: configuration,
                eventLoop: eventLoop,
                logger: logger,
                pushHandler: { [weak self] push in self?.deliver(push) }
            )
            do {
                try await self?.subscribeEverything(on: connection)
            } catch {
                await connection.close()
                throw error
            }
            return connection
        }
        promise.futureResult.whenComplete { [weak self] result in
            self?.connectFinished(future: promise.futureResult, result: result)
        }
    }

    /// Subscribes a fresh connection to every channel and pattern that has a listener.
    /// A listener that ends while this runs leaves a server-side subscription behind until the next
    /// reconnect; its messages are dropped in `deliver`, which finds no listener for them.
    private func subscribeEverything(on connection: RedisConnection) async throws {
        let (channels, patterns) = self.state.withLock { state in
            (Set(state.channelListeners.keys), Set(state.patternListeners.keys))
        }
        var pending: [EventLoopPromise<RESPValue>] = []
        if !channels.isEmpty {
            pending.append(Self.enqueue("SUBSCRIBE", channels, on: connection))
        }
        if !patterns.isEmpty {
            pending.append(Self.enqueue("PSUBSCRIBE", patterns, on: connection))
        }
        for promise in pending {
            _ = try RedisConnection.throwingServerError(await RedisConnection.reply(to: promise))
        }
    }

    private func connectFinished(future: EventLoopFuture<RedisConnection>, result: Result<RedisConnection, any Error>) {
        let isCurrent = self.state.withLock { state -> Bool in
            guard case .connecting(let current) = state.connection, current === future, !state.isClosed else {
                return false
            }
            switch result {
            case .success(let connection): state.connection = .connected(connection)
            case .failure: state.connection = .none
            }
            return true
        }
        guard case .success(let connection) = result else { return }
        guard isCurrent else {
            connection.channel.close(promise: nil)
            return
        }
        self.logger.debug("Redis pub/sub connection established")
        connection.closeFuture.whenComplete { [weak self] _ in
            self?.connectionLost(connection)
        }
    }

    private func connectionLost(_ connection: RedisConnection) {
        let reconnecting = self.state.withLock { state -> Bool in
            guard case .connected(let current) = state.connection, current === connection else { return false }
            state.connection = .none
            guard !state.isClosed, !state.listeners.isEmpty, state.reconnectTask == nil else { return false }
            // Holds the subscriber only during attempts, so an abandoned subscriber stops retrying.
            state.reconnectTask = Task { [weak self] in
                var failures = 0
                var delay: Duration? = .zero
                while let wait = delay, !Task.isCancelled {
                    if wait > .zero {
                        try? await Task.sleep(for: wait)
                    }
                    delay = await self?.reconnectAttempt(failures: &failures)
                }
            }
            return true
        }
        if reconnecting {
            self.logger.warning("Redis pub/sub connection lost; reconnecting")
        }
    }

    /// One reconnection attempt; returns the delay before the next one, or nil when connected again
    /// (and subscribed) or when nothing needs the connection any more.
    private func reconnectAttempt(failures: inout Int) async -> Duration? {
        var connected = false
        do {
            _ = try await self.connection()
            connected = true
        } catch {
            failures += 1
            self.logger.debug("Redis pub/sub reconnect failed", metadata: ["error": "\(error)", "attempt": "\(failures)"])
        }
        let done = self.state.withLock { state -> Bool in
            // Checked after a success too: the new connection may already have dropped, and
            // `connectionLost` starts no second loop while this one is registered.
            if state.isClosed || state.listeners.isEmpty || state.liveConnection != nil {
                state.reconnectTask = nil
                return true
            }
            return false
        }
        if done {
            if connected {
                self.logger.info("Redis pub/sub connection restored and re-subscribed")
            }
            return nil
        }
        return self.configuration.reconnectBackoff.delay(afterFailures: max(failures, 1))
    }

    private static func enqueue(_ command: String, _ names: Set<String>, on connection: RedisConnection) -> EventLoopPromise<RESPValue> {
        var buffer = connection.channel.allocator.buffer(capacity: 64)
        RESPEncoder.encodeCommand(command, Array(names), into: &buffer)
        return connection.enqueue(encoded: buffer, expectedReplies: names.count)
    }
}
