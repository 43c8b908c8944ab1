import LoadGeneratorCore
import NIOCore
import NIOHTTP1
import NIOPosix

/// One kept-alive HTTP/1.1 connection of a worker's pool: one request at a time, no pipelining. When the server
/// ends the connection (`Connection: close`, as nginx does after `keepalive_requests`), on a timeout or an error, the
/// same object connects again; requests wait in the worker's queue meanwhile, and that wait counts in their latency.
///
/// Confined to its worker's event loop (every method runs there): `@unchecked Sendable` only so NIO's callbacks,
/// which all run on that loop, may capture it.
final class Connection: @unchecked Sendable {
    /// Strong: a retry timer may still fire after the command let go of the workers (the process ends soon after).
    private let worker: LoopWorker
    private var channel: Channel?
    private var handler: ResponseHandler?
    private var current: Pending?
    private var status: UInt16 = 0
    private var keepAlive = true
    private var timeout: Scheduled<Void>?

    init(worker: LoopWorker) { self.worker = worker }

    var isBusy: Bool { current != nil }

    /// Connects, then reports to the worker (ready, or failed and retried in 100 ms).
    func connect() {
        guard !worker.stopping else { return }
        let handler = ResponseHandler(connection: self)
        self.handler = handler
        worker.connectionsOpened += 1
        ClientBootstrap(group: worker.loop)
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                do {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(handler)
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
            .connect(to: worker.plan.address)
            .whenComplete { result in
                guard self.handler === handler else { return }
                switch result {
                case .success(let channel):
                    self.channel = channel
                    self.worker.connectionReady(self)
                case .failure:
                    self.handler = nil
                    self.worker.connectFailures += 1
                    guard !self.worker.stopping else { return }
                    self.worker.loop.scheduleTask(in: .milliseconds(100)) { self.connect() }
                }
            }
    }

    func send(_ request: Pending, template: RequestTemplate) {
        guard let channel else { preconditionFailure("send on a connection that is not connected") }
        current = request
        status = 0
        keepAlive = true
        channel.write(HTTPClientRequestPart.head(template.head), promise: nil)
        if let body = template.body { channel.write(HTTPClientRequestPart.body(.byteBuffer(body)), promise: nil) }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        timeout = worker.loop.scheduleTask(in: worker.plan.timeout) { self.timedOut() }
    }

    // The handler's events.

    func responseHead(_ head: HTTPResponseHead) {
        status = UInt16(clamping: head.status.code)
        keepAlive = head.isKeepAlive
    }

    func responseEnd() {
        timeout?.cancel()
        timeout = nil
        guard let request = current else { return }
        current = nil
        let outcome: Outcome = worker.plan.routes[request.route].expected.contains(Int(status)) ? .expected : .unexpectedStatus
        worker.complete(request, outcome: outcome, status: status)
        if keepAlive {
            worker.connectionIdle(self)
        } else {
            drop()
            reconnect()
        }
    }

    func failed() {
        timeout?.cancel()
        timeout = nil
        if let request = current {
            current = nil
            worker.complete(request, outcome: .closed, status: 0)
        }
        drop()
        reconnect()
    }

    private func timedOut() {
        timeout = nil
        guard let request = current else { return }
        current = nil
        worker.complete(request, outcome: .timeout, status: 0)
        drop()
        reconnect()
    }

    /// Gives up the request in flight (the run's drain time is over) and closes.
    func abandon() -> Pending? {
        timeout?.cancel()
        timeout = nil
        let request = current
        current = nil
        drop()
        return request
    }

    /// Closes the channel; its handler no longer reports to this object.
    func drop() {
        handler?.connection = nil
        handler = nil
        channel?.close(promise: nil)
        channel = nil
        worker.forgetIdle(self)
    }

    private func reconnect() {
        if !worker.stopping { connect() }
    }
}

/// Passes a connection's response parts to it; the body is read and dropped. Lives on the connection's event loop;
/// `@unchecked Sendable` because the bootstrap's (Sendable) channel initializer adds it there.
final class ResponseHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart

    /// Nil once the connection dropped this channel: later events of the closing channel are ignored.
    var connection: Connection?

    init(connection: Connection) { self.connection = connection }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): connection?.responseHead(head)
        case .body: break
        case .end: connection?.responseEnd()
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection?.failed()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
