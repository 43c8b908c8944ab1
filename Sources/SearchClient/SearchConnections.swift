import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// Keep-alive HTTP/1.1 connections to a plain `http://` search engine, for the request on the hot path (`_search`).
///
/// Why not AsyncHTTPClient: a search through the service spent more CPU in the client than anywhere else (issue 15;
/// perf on the release build under wrk: its transaction, pool state machine, request-body stream, tracing hooks and
/// response-body stream, with the answer collected through an async sequence). Here a request takes an idle
/// connection of the caller's own event loop (the handler runs there, so nothing hops between threads), writes the
/// head and body in one flush, and the answer is gathered in the channel and handed over once, at its end.
///
/// - A connection is kept while the server keeps it alive (HTTP/1.1 without `Connection: close`); at most
///   ``maximumIdlePerLoop`` idle ones per event loop.
/// - A request that finds its reused connection closed before any byte of an answer (the server dropped it while idle,
///   or restarted) is sent once more on a new connection. Only idempotent requests come here (searches).
/// - Every request has a deadline; when it passes, the connection is closed and the caller gets
///   ``Failure/timedOut``. A cancelled caller closes its connection too.
public final class SearchConnections: Sendable {
    /// What went wrong below HTTP; ``SearchClient`` turns each into ``SearchError/unreachable(_:)``.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case timedOut(TimeAmount)
        /// The connection closed before the whole answer came; `answered`: some of it had.
        case closed(answered: Bool)
        case tooLarge(Int)
        case shutDown
        case connect(any Error)

        public var description: String {
            switch self {
            case .timedOut(let limit): return "no answer within \(limit.nanoseconds / 1_000_000_000) s (request timeout)"
            case .closed: return "the server closed the connection"
            case .tooLarge(let limit): return "response larger than \(limit) bytes"
            case .shutDown: return "the HTTP client is already shut down"
            case .connect(let error): return String(describing: error)
            }
        }
    }

    /// An answer: its status and its whole body.
    public struct Answer: Sendable {
        public var status: Int
        public var body: ByteBuffer
    }

    public static let maximumIdlePerLoop = 64

    let host: String
    let port: Int
    /// The base URL's path, without a trailing slash ("" for none): requests' paths go after it.
    let pathPrefix: String
    let hostHeader: String
    let connectTimeout: TimeAmount
    let maximumResponseBytes: Int
    let group: MultiThreadedEventLoopGroup

    private struct Idle {
        var byLoop: [ObjectIdentifier: [Connection]] = [:]
        var shutDown = false
    }
    private let idle = Mutex(Idle())

    /// Connections for `baseURL`, or nil when it is not a plain `http://host[:port][/path]` URL without credentials
    /// (TLS, credentials and anything else stay with AsyncHTTPClient).
    public init?(
        baseURL: String, connectTimeout: TimeAmount, maximumResponseBytes: Int = SearchClient.maximumResponseBytes,
        group: MultiThreadedEventLoopGroup = .singleton
    ) {
        guard let url = URLComponents(string: baseURL), url.scheme?.lowercased() == "http", url.user == nil, url.password == nil,
            url.query == nil, url.fragment == nil, let host = url.host, !host.isEmpty
        else { return nil }
        let port = url.port ?? 80
        guard (1...65535).contains(port) else { return nil }
        var prefix = url.percentEncodedPath
        while prefix.hasSuffix("/") { prefix.removeLast() }
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = port
        self.pathPrefix = prefix
        self.hostHeader = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]:\(port)" : "\(host):\(port)"
        self.connectTimeout = connectTimeout
        self.maximumResponseBytes = maximumResponseBytes
        self.group = group
    }

    /// `POST path?query` with a JSON body, within `timeout`.
    public func post(_ pathAndQuery: String, json body: [UInt8], timeout: TimeAmount) async throws -> Answer {
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: pathPrefix + pathAndQuery)
        head.headers.reserveCapacity(4)
        head.headers.add(name: "Host", value: hostHeader)
        head.headers.add(name: "Accept", value: "application/json")
        head.headers.add(name: "Content-Type", value: "application/json")
        head.headers.add(name: "Content-Length", value: String(body.count))
        let request = Request(head: head, body: ByteBuffer(bytes: body), timeout: timeout, limit: maximumResponseBytes)
        // The caller's own event loop (a request handler's); a caller on none takes any idle connection.
        let loop = MultiThreadedEventLoopGroup.currentEventLoop
        var retried = false
        while true {
            // The resend goes on a new connection: after an engine restart every idle one may be dead.
            let (connection, reused) = retried ? (try await connect(on: loop ?? group.next()), false) : try await checkOut(on: loop)
            do {
                let (answer, keepAlive) = try await connection.exchange(request)
                if keepAlive { checkIn(connection) } else { connection.close() }
                return answer
            } catch Failure.closed(answered: false) where reused && !retried {
                retried = true
            }
        }
    }

    /// Closes the idle connections; requests from now on fail with ``Failure/shutDown``, and connections still in use
    /// close when their answer comes.
    public func shutdown() {
        let connections = idle.withLock { idle in
            idle.shutDown = true
            defer { idle.byLoop.removeAll() }
            return idle.byLoop.values.flatMap { $0 }
        }
        for connection in connections { connection.close() }
    }

    /// An idle connection of `loop` (of any loop when nil), or a new one there.
    private func checkOut(on loop: (any EventLoop)?) async throws -> (Connection, reused: Bool) {
        while true {
            let found: Connection? = try idle.withLock { idle in
                guard !idle.shutDown else { throw Failure.shutDown }
                if let loop { return idle.byLoop[ObjectIdentifier(loop)]?.popLast() }
                guard let key = idle.byLoop.first(where: { !$0.value.isEmpty })?.key else { return nil }
                return idle.byLoop[key]?.popLast()
            }
            guard let found else { break }
            if found.channel.isActive { return (found, true) }
            found.close()
        }
        return (try await connect(on: loop ?? group.next()), false)
    }

    private func checkIn(_ connection: Connection) {
        let key = ObjectIdentifier(connection.channel.eventLoop)
        let kept = connection.channel.isActive && idle.withLock { idle in
            guard !idle.shutDown, idle.byLoop[key, default: []].count < Self.maximumIdlePerLoop else { return false }
            idle.byLoop[key, default: []].append(connection)
            return true
        }
        if !kept { connection.close() }
    }

    private func connect(on loop: any EventLoop) async throws -> Connection {
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: loop)
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .connectTimeout(connectTimeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(ExchangeHandler())
                    }
                }
                .connect(host: host, port: port).get()
        } catch {
            throw Failure.connect(error)
        }
        return Connection(channel: channel)
    }
}

extension SearchConnections {
    struct Request: Sendable {
        var head: HTTPRequestHead
        var body: ByteBuffer
        var timeout: TimeAmount
        var limit: Int
    }

    /// One keep-alive connection; its ``ExchangeHandler`` runs one request at a time.
    final class Connection: Sendable {
        let channel: any Channel

        init(channel: any Channel) {
            self.channel = channel
        }

        /// Sends `request` and waits for the whole answer; also says whether the connection may be used again.
        func exchange(_ request: Request) async throws -> (SearchConnections.Answer, keepAlive: Bool) {
            let channel = self.channel
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    let start = {
                        do {
                            let handler = try channel.pipeline.syncOperations.handler(type: ExchangeHandler.self)
                            handler.start(request, continuation)
                        } catch {
                            continuation.resume(throwing: Failure.closed(answered: false))
                        }
                    }
                    if channel.eventLoop.inEventLoop {
                        start()
                    } else {
                        channel.eventLoop.execute(start)
                    }
                }
            } onCancel: {
                channel.close(promise: nil)
            }
        }

        func close() {
            channel.close(promise: nil)
        }
    }

    /// Writes a request and gathers its answer (HTTP parts from NIO's decoder); fails the waiting caller if the
    /// connection closes, errs, or the deadline passes first.
    final class ExchangeHandler: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPClientResponsePart
        typealias OutboundOut = HTTPClientRequestPart

        private var context: ChannelHandlerContext?
        private var waiting: CheckedContinuation<(SearchConnections.Answer, keepAlive: Bool), any Error>?
        private var status = 0
        private var keepAlive = true
        private var answered = false
        private var body = ByteBuffer()
        private var limit = 0
        private var timer: Scheduled<Void>?

        func handlerAdded(context: ChannelHandlerContext) {
            self.context = context
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            self.context = nil
            fail(Failure.closed(answered: answered))
        }

        func start(_ request: Request, _ continuation: CheckedContinuation<(SearchConnections.Answer, keepAlive: Bool), any Error>) {
            guard let context, context.channel.isActive, waiting == nil else {
                continuation.resume(throwing: Failure.closed(answered: false))
                return
            }
            waiting = continuation
            status = 0
            keepAlive = request.head.isKeepAlive
            answered = false
            body.clear()
            limit = request.limit
            let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
            timer = context.eventLoop.scheduleTask(in: request.timeout) {
                bound.value.fail(Failure.timedOut(request.timeout))
                bound.value.context?.close(promise: nil)
            }
            context.write(wrapOutboundOut(.head(request.head)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(request.body))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                answered = true
                status = Int(head.status.code)
                keepAlive = keepAlive && head.isKeepAlive
            case .body(var part):
                answered = true
                guard body.readableBytes + part.readableBytes <= limit else {
                    fail(Failure.tooLarge(limit))
                    context.close(promise: nil)
                    return
                }
                body.writeBuffer(&part)
            case .end:
                timer?.cancel()
                timer = nil
                guard let waiting else { return }
                self.waiting = nil
                let answer = SearchConnections.Answer(status: status, body: body)
                body = ByteBuffer()
                waiting.resume(returning: (answer, keepAlive))
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            fail(Failure.closed(answered: answered))
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            fail(Failure.closed(answered: answered))
            context.close(promise: nil)
        }

        private func fail(_ error: Failure) {
            timer?.cancel()
            timer = nil
            guard let waiting else { return }
            self.waiting = nil
            waiting.resume(throwing: error)
        }
    }
}
