import Logging
import NIOCore
import Synchronization

/// Up to `poolSize` pipelined connections, opened on demand and shared by all callers.
///
/// A closed connection leaves its slot empty and the next command that picks the slot reconnects.
/// After a failed connect, attempts are spaced by `reconnectBackoff`; while no connection is live
/// and the backoff has not elapsed, commands fail at once with the last connect error instead of waiting.
final class RedisConnectionPool: Sendable {
    private enum Slot {
        case empty
        case connecting(EventLoopFuture<RedisConnection>)
        case connected(RedisConnection)
    }

    private enum Lease {
        case use(RedisConnection)
        case wait(EventLoopFuture<RedisConnection>)
        case fail(RedisError)
    }

    private struct State {
        var slots: [Slot]
        var nextSlot = 0
        var consecutiveFailures = 0
        var retryNotBefore: ContinuousClock.Instant?
        var lastConnectError: RedisError?
        var isShutdown = false
    }

    private let configuration: RedisConfiguration
    /// The group's loops; slot i connects on loop i modulo their number.
    private let eventLoops: [any EventLoop]
    private let logger: Logger
    private let state: Mutex<State>

    init(configuration: RedisConfiguration, eventLoopGroup: any EventLoopGroup, logger: Logger) {
        precondition(configuration.poolSize > 0, "poolSize must be positive")
        self.configuration = configuration
        self.eventLoops = Array(eventLoopGroup.makeIterator())
        self.logger = logger
        self.state = Mutex(State(slots: Array(repeating: .empty, count: configuration.poolSize)))
    }

    /// A live connection: the next one in turn, or any live one while that one is being (re)opened.
    /// With `timeout`, waiting for a connection that is still being opened fails with `.timeout` after it.
    func connection(timeout: Duration? = nil) async throws -> RedisConnection {
        let (start, lease) = self.state.withLock { self.lease(&$0) }
        if let start {
            self.startConnecting(slot: start.slot, promise: start.promise)
        }
        switch lease {
        case .use(let connection):
            return connection
        case .fail(let error):
            throw error
        case .wait(let future):
            let promise = future.eventLoop.makePromise(of: RedisConnection.self)
            future.cascade(to: promise)
            if let timeout {
                let timer = future.eventLoop.scheduleTask(in: TimeAmount(timeout)) { promise.fail(RedisError.timeout) }
                promise.futureResult.whenComplete { _ in timer.cancel() }
            }
            return try await withTaskCancellationHandler {
                try await promise.futureResult.get()
            } onCancel: {
                promise.fail(CancellationError())
            }
        }
    }

    private func lease(_ state: inout State) -> ((slot: Int, promise: EventLoopPromise<RedisConnection>)?, Lease) {
        guard !state.isShutdown else { return (nil, .fail(.shutdown)) }
        for index in state.slots.indices {
            if case .connected(let connection) = state.slots[index], !connection.isActive {
                state.slots[index] = .empty
            }
        }
        // A live connection on the caller's own event loop first: the command is written and its reply read on
        // the thread that is already running, with no hop to another loop and back.
        for slot in state.slots {
            if case .connected(let connection) = slot, connection.channel.eventLoop.inEventLoop { return (nil, .use(connection)) }
        }
        let preferred = state.nextSlot
        state.nextSlot = (preferred + 1) % state.slots.count
        if case .connected(let connection) = state.slots[preferred] {
            return (nil, .use(connection))
        }

        let anyConnecting = state.slots.contains { if case .connecting = $0 { true } else { false } }
        let backoffElapsed = state.retryNotBefore.map { ContinuousClock.now >= $0 } ?? true
        // While failing, one attempt at a time is enough to find out whether the server is back.
        let mayConnect = backoffElapsed && !(state.consecutiveFailures > 0 && anyConnecting)
        var start: (slot: Int, promise: EventLoopPromise<RedisConnection>)?
        if case .empty = state.slots[preferred], mayConnect {
            // slot i lives on loop i mod the number of loops, so every loop gets its own connections
            let promise = self.eventLoops[preferred % self.eventLoops.count].makePromise(of: RedisConnection.self)
            state.slots[preferred] = .connecting(promise.futureResult)
            start = (preferred, promise)
        }

        for slot in state.slots {
            if case .connected(let connection) = slot { return (start, .use(connection)) }
        }
        if case .connecting(let future) = state.slots[preferred] {
            return (start, .wait(future))
        }
        for slot in state.slots {
            if case .connecting(let future) = slot { return (start, .wait(future)) }
        }
        return (nil, .fail(state.lastConnectError ?? .connectFailed("no connection available")))
    }

    private func startConnecting(slot: Int, promise: EventLoopPromise<RedisConnection>) {
        let configuration = self.configuration
        let logger = self.logger
        let eventLoop = promise.futureResult.eventLoop
        promise.completeWithTask {
            try await RedisConnection.connect(
                configuration: configuration,
                eventLoop: eventLoop,
                logger: logger,
                pushHandler: nil
            )
        }
        promise.futureResult.whenComplete { result in
            self.connectFinished(slot: slot, future: promise.futureResult, result: result)
        }
    }

    private func connectFinished(
        slot: Int,
        future: EventLoopFuture<RedisConnection>,
        result: Result<RedisConnection, any Error>
    ) {
        let (keep, failures) = self.state.withLock { state -> (Bool, Int) in
            guard case .connecting(let current) = state.slots[slot], current === future, !state.isShutdown else {
                return (false, 0)
            }
            switch result {
            case .success(let connection):
                state.slots[slot] = .connected(connection)
                state.consecutiveFailures = 0
                state.retryNotBefore = nil
                state.lastConnectError = nil
                return (true, 0)
            case .failure(let error):
                state.slots[slot] = .empty
                state.consecutiveFailures += 1
                state.retryNotBefore = .now + self.configuration.reconnectBackoff.delay(afterFailures: state.consecutiveFailures)
                state.lastConnectError = (error as? RedisError) ?? .connectFailed("\(error)")
                return (false, state.consecutiveFailures)
            }
        }
        switch result {
        case .success(let connection):
            guard keep else {
                connection.channel.close(promise: nil)
                return
            }
            connection.closeFuture.whenComplete { _ in
                self.connectionClosed(slot: slot, connection: connection)
            }
        case .failure(let error):
            // Only the first failure of a streak is worth a warning; the rest repeat it.
            let level: Logger.Level = failures == 1 ? .warning : .debug
            self.logger.log(level: level, "Redis connect failed", metadata: ["error": "\(error)", "attempt": "\(failures)"])
        }
    }

    private func connectionClosed(slot: Int, connection: RedisConnection) {
        self.state.withLock { state in
            if case .connected(let current) = state.slots[slot], current === connection {
                state.slots[slot] = .empty
            }
        }
        self.logger.debug("Redis connection closed", metadata: ["slot": "\(slot)"])
    }

    /// Closes every connection and waits for connects still in progress; later commands fail with `.shutdown`.
    func shutdown() async {
        let slots = self.state.withLock { state -> [Slot] in
            guard !state.isShutdown else { return [] }
            state.isShutdown = true
            let slots = state.slots
            state.slots = Array(repeating: .empty, count: slots.count)
            return slots
        }
        for slot in slots {
            switch slot {
            case .empty:
                break
            case .connected(let connection):
                await connection.close()
            case .connecting(let future):
                if let connection = try? await future.get() {
                    await connection.close()
                }
            }
        }
    }
}
