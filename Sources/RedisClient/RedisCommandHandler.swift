import Logging
import NIOCore

/// A command on its way to the server, with the promise its reply completes.
struct RedisRequest: Sendable {
    var encoded: ByteBuffer
    /// Replies that belong to this command: 1, or one per channel for (P)SUBSCRIBE/(P)UNSUBSCRIBE.
    var expectedReplies: Int
    var timeout: TimeAmount
    var promise: EventLoopPromise<RESPValue>
}

/// Matches replies to commands in FIFO order (so any number of commands can be in flight),
/// enforces each command's deadline, and fails everything pending when the connection ends.
///
/// A top-level error reply completes its command's promise successfully with `.error`; the caller
/// decides whether to throw. Multi-reply commands are answered with `.array` of their replies.
final class RedisCommandHandler: ChannelDuplexHandler {
    typealias InboundIn = RESPValue
    typealias OutboundIn = RedisRequest
    typealias OutboundOut = ByteBuffer

    private struct Pending {
        let id: UInt64
        let promise: EventLoopPromise<RESPValue>
        var remainingReplies: Int
        var replies: [RESPValue]
        let timer: Scheduled<Void>
    }

    private var pending = CircularBuffer<Pending>()
    private var nextID: UInt64 = 0
    /// Set once the connection is unusable; later writes fail with it at once.
    private var failure: RedisError?
    /// Receives pub/sub `message`/`pmessage` pushes, which answer no command.
    private let pushHandler: (@Sendable (RESPValue) -> Void)?
    private let logger: Logger

    init(pushHandler: (@Sendable (RESPValue) -> Void)?, logger: Logger) {
        self.pushHandler = pushHandler
        self.logger = logger
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = Self.unwrapOutboundIn(data)
        if let failure = self.failure {
            request.promise.fail(failure)
            promise?.fail(failure)
            return
        }
        let id = self.nextID
        self.nextID += 1
        let timer = context.eventLoop.assumeIsolated().scheduleTask(in: request.timeout) {
            self.commandTimedOut(id: id, context: context)
        }
        self.pending.append(
            Pending(
                id: id,
                promise: request.promise,
                remainingReplies: request.expectedReplies,
                replies: [],
                timer: timer
            )
        )
        context.write(Self.wrapOutboundOut(request.encoded), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let value = Self.unwrapInboundIn(data)
        if let pushHandler = self.pushHandler, Self.isPubSubMessage(value) {
            pushHandler(value)
            return
        }
        guard !self.pending.isEmpty else {
            self.failAll(.protocolError("reply without a pending command: \(value)"), context: context)
            return
        }
        if case .error = value {
            let head = self.pending.removeFirst()
            head.timer.cancel()
            head.promise.succeed(value)
            return
        }
        let head = self.pending.startIndex
        self.pending[head].remainingReplies -= 1
        self.pending[head].replies.append(value)
        if self.pending[head].remainingReplies == 0 {
            let done = self.pending.removeFirst()
            done.timer.cancel()
            done.promise.succeed(done.replies.count == 1 ? done.replies[0] : .array(done.replies))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.failAll(.connectionClosed, context: context)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        let redisError = (error as? RedisError) ?? .connectionClosed
        self.logger.debug("Redis connection error", metadata: ["error": "\(error)"])
        self.failAll(redisError, context: context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.failAll(.connectionClosed, context: context)
    }

    private func commandTimedOut(id: UInt64, context: ChannelHandlerContext) {
        guard let index = self.pending.firstIndex(where: { $0.id == id }) else { return }
        let timedOut = self.pending.remove(at: index)
        timedOut.promise.fail(RedisError.timeout)
        self.logger.warning("Redis command timed out; closing the connection")
        self.failAll(.connectionClosed, context: context)
    }

    /// Fails every pending command with `error` and closes the channel (once).
    private func failAll(_ error: RedisError, context: ChannelHandlerContext) {
        guard self.failure == nil else { return }
        self.failure = error
        while let request = self.pending.popFirst() {
            request.timer.cancel()
            request.promise.fail(error)
        }
        context.close(promise: nil)
    }

    private static func isPubSubMessage(_ value: RESPValue) -> Bool {
        guard case .array(let elements?) = value, let kind = elements.first?.buffer else { return false }
        return kind.readableBytesView.elementsEqual("message".utf8) || kind.readableBytesView.elementsEqual("pmessage".utf8)
    }
}
