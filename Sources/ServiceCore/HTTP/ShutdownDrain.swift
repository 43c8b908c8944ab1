import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The drain before a service stops, so a load balancer can take it out of rotation without failing a request.
///
/// On SIGTERM or SIGINT (``ApplicationProtocol/runService(drain:)``) the service first drains for ``period``: `/ready`
/// answers 503 at once (check `shutdown`), every other request is served as before but answered with
/// `Connection: close` (and its connection closed after the response), so kept-alive connections end one by one at a
/// request boundary. Then new connection requests are ignored until the connections the kernel has already completed
/// are accepted (``holdConnectionRequests()``, at most ``acceptGraceLimit``). Only then does the HTTP server stop:
/// it closes its listener, finishes the requests in flight and the process exits 0.
///
/// It works by order: the drain runs in a service group after the application, and a group shuts its services down
/// in reverse order, one after the other, so the drain's graceful shutdown (set the flag, sleep the period, return)
/// completes before the application's (Hummingbird's server quiescing) begins.
public final class ShutdownDrain: Service, Sendable {
    /// `SHUTDOWN_DRAIN_SECONDS` when unset.
    public static let defaultSeconds = 5
    /// What `SHUTDOWN_DRAIN_SECONDS` may be: a drain longer than a minute holds a deploy for nothing (the gateway's
    /// idle upstream connections last 2 s). systemd's `TimeoutStopSec` (90 s in deploy/systemd) must exceed it.
    public static let allowedSeconds = 0...60

    /// The longest that new connection requests are ignored, after the drain, before the listener closes.
    public static let acceptGraceLimit: Duration = .seconds(1)

    public let period: Duration
    let logger: Logger
    /// When draining began; nil while serving normally.
    private let startedAt = Mutex<ContinuousClock.Instant?>(nil)
    /// The server's listening channel, once it runs (``serverRunning(_:)``).
    private let listener = Mutex<(any Channel)?>(nil)

    public init(period: Duration, logger: Logger) {
        self.period = period
        self.logger = logger
    }

    /// Whether the service is draining (after SIGTERM or SIGINT, before the server stops).
    public var isDraining: Bool { startedAt.withLock { $0 != nil } }

    /// How much of the drain is left, when draining.
    public var remaining: Duration? {
        startedAt.withLock { start in start.map { max(.zero, period - $0.duration(to: .now)) } }
    }

    /// The application calls this with its listening channel once the server runs (`onServerRunning`).
    public func serverRunning(_ channel: any Channel) {
        listener.withLock { $0 = channel }
    }

    /// Starts draining now (what a shutdown signal does through ``run()``).
    public func begin() {
        startedAt.withLock { start in
            if start == nil { start = .now }
        }
    }

    /// Waits for the group's graceful shutdown, then drains for ``period`` and returns (which lets the group shut the
    /// application down). Cancelled (the application failed), it returns at once.
    public func run() async throws {
        do {
            try await gracefulShutdown()
        } catch {
            return
        }
        begin()
        logger.notice(
            "shutting down: draining for \(period.seconds) s (/ready answers 503, responses close their connections), then stopping")
        if period > .zero {
            try? await Task.sleep(for: period)
            await holdConnectionRequests()
        }
        logger.notice("drain over: closing the listener and finishing the requests in flight")
    }

    /// Makes the listener ignore new connection requests, then waits until the connections the kernel has already
    /// completed are accepted (and served): until its accept queue is empty on two looks 10 ms apart (a handshake under
    /// way lands in it within a round trip), at most ``acceptGraceLimit``. Then the server may close the listener.
    ///
    /// Closing a listening socket resets the connections still waiting in its accept queue. The gateway keeps sending
    /// an instance its share of requests until a connection to it fails, and during the drain each is a new connection
    /// (`Connection: close`), so under load one is often in the queue (accepts lag by milliseconds when the event loop
    /// is busy): its request, already sent, gets a reset, and nginx does not resend a POST then. With connection
    /// requests (SYN) dropped by a socket filter instead, nothing new enters the queue; a client's kernel retries a
    /// dropped request after a second, finds the listener closed and reports a refused connection, which nginx passes
    /// to the next instance. Linux only; elsewhere, or when the filter cannot be attached, the listener simply closes.
    public func holdConnectionRequests() async {
        #if os(Linux)
        guard let provider = listener.withLock({ $0 }) as? SocketOptionProvider else { return }
        do {
            try await provider.unsafeSetSocketOption(
                level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_ATTACH_FILTER), value: SynDropFilter.program
            ).get()
        } catch {
            logger.warning("could not hold new connection requests before closing the listener: \(error)")
            return
        }
        let start = ContinuousClock.now
        var emptyLooks = 0
        while emptyLooks < 2, start.duration(to: .now) < Self.acceptGraceLimit {
            try? await Task.sleep(for: .milliseconds(10))
            // For a listening socket, TCP_INFO's tcpi_unacked is the length of its accept queue.
            let info: tcp_info? = try? await provider.unsafeGetSocketOption(
                level: SocketOptionLevel(IPPROTO_TCP), name: SocketOptionName(TCP_INFO)
            ).get()
            emptyLooks = info?.tcpi_unacked == 0 ? emptyLooks + 1 : 0
        }
        logger.debug("new connection requests held for \(start.duration(to: .now)) until the accept queue was empty")
        #endif
    }

    /// The `/ready` answer while draining.
    func readinessReport(service: String, version: String) -> HealthReport {
        let left = (remaining ?? .zero).seconds
        return HealthReport(
            status: "fail", service: service, version: version,
            checks: [
                "shutdown": .init(
                    status: "fail", durationMs: 0,
                    output: "draining before shutdown: stops accepting connections in \(String(format: "%.1f", left)) s")
            ])
    }
}

#if os(Linux)
/// A classic BPF socket filter that drops TCP connection requests (SYN without ACK) and passes every other packet.
/// Attached to a listening socket, the kernel completes no new connection while the handshakes under way finish.
/// Socket filters see a TCP segment from its header on: byte 13 holds the flags.
enum SynDropFilter {
    /// `struct sock_filter`.
    struct Instruction {
        var code: UInt16
        var jt: UInt8
        var jf: UInt8
        var k: UInt32
    }

    /// `struct sock_fprog`; the kernel copies the instructions while attaching.
    struct Program: @unchecked Sendable {
        var length: UInt16
        var instructions: UnsafePointer<Instruction>
    }

    static let program: Program = {
        let code: [Instruction] = [
            Instruction(code: 0x30, jt: 0, jf: 0, k: 13),  // ldb [13]        the flags byte
            Instruction(code: 0x54, jt: 0, jf: 0, k: 0x12),  // and #0x12       SYN | ACK
            Instruction(code: 0x15, jt: 1, jf: 0, k: 0x02),  // jeq #SYN, drop  SYN alone: a connection request
            Instruction(code: 0x06, jt: 0, jf: 0, k: 0xFFFF_FFFF),  // ret #-1  pass the whole segment
            Instruction(code: 0x06, jt: 0, jf: 0, k: 0),  // drop: ret #0
        ]
        // Allocated once and kept for the life of the process.
        let instructions = UnsafeMutablePointer<Instruction>.allocate(capacity: code.count)
        instructions.initialize(from: code, count: code.count)
        return Program(length: UInt16(code.count), instructions: UnsafePointer(instructions))
    }()
}
#endif

/// Adds `Connection: close` to every response while the service drains (except a protocol switch), so clients and
/// the gateway stop reusing connections to an instance that is about to stop.
public struct ShutdownDrainMiddleware<Context: RequestContext>: RouterMiddleware {
    let drain: ShutdownDrain

    public init(drain: ShutdownDrain) { self.drain = drain }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if drain.isDraining, response.status != .switchingProtocols {
            response.headers[.connection] = "close"
        }
        return response
    }
}

/// How each HTTP/1 connection ends while the service drains and stops; in every service's pipeline
/// (``HTTPServerBuilder/serviceHTTP1()``).
///
/// - After a response that says `Connection: close` the connection is closed (RFC 9112 §9.6: the server that sends
///   `close` closes the connection after that response); Hummingbird itself only honours a request's `close`.
/// - When the server stops (NIO's `ChannelShouldQuiesceEvent`), Hummingbird closes every connection that has no
///   request in progress. A connection accepted just before the listener closed, whose first request is on its way or
///   not yet read, would be closed under it: the client sees a reset after it sent the request, and the gateway does
///   not resend a POST then. So on a connection that has not delivered a request yet, the event waits until the first
///   request arrives (it is then served, and the connection closed after it) or ``firstRequestGrace`` passes.
public final class ConnectionDrainHandler: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = HTTPRequestPart
    public typealias InboundOut = HTTPRequestPart
    public typealias OutboundIn = HTTPResponsePart
    public typealias OutboundOut = HTTPResponsePart

    /// How long a connection without a request yet may stay open once the server stops.
    public static let firstRequestGrace: TimeAmount = .seconds(1)

    private var requestSeen = false
    private var heldQuiesce: Scheduled<Void>?
    private var closeAfterEnd = false

    public init() {}

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let isHead = if case .head = unwrapInboundIn(data) { true } else { false }
        context.fireChannelRead(data)
        guard isHead, !requestSeen else { return }
        requestSeen = true
        if let held = heldQuiesce {
            // The server is stopping: this request is served, then the connection closes.
            held.cancel()
            heldQuiesce = nil
            context.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
    }

    public func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent, !requestSeen else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        guard heldQuiesce == nil else { return }
        heldQuiesce = context.eventLoop.assumeIsolated().scheduleTask(in: Self.firstRequestGrace) { [self] in
            heldQuiesce = nil
            context.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        heldQuiesce?.cancel()
        heldQuiesce = nil
    }

    public func channelInactive(context: ChannelHandlerContext) {
        heldQuiesce?.cancel()
        heldQuiesce = nil
        context.fireChannelInactive()
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            closeAfterEnd = head.status != .switchingProtocols
                && head.headerFields[.connection]?.lowercased().split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == "close" } == true
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            guard closeAfterEnd else {
                context.write(data, promise: promise)
                return
            }
            closeAfterEnd = false
            // Closed once the response is written, not at once: an immediate close would drop what the socket did
            // not take yet.
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.assumeIsolated().whenComplete { result in
                promise?.completeWith(result)
                context.close(promise: nil)
            }
            context.writeAndFlush(data, promise: written)
        }
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 as every service serves it: Hummingbird's, with ``ConnectionDrainHandler``, each connection handled
    /// on its channel's event loop (``OnConnectionEventLoop``).
    public static func serviceHTTP1() -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            OnConnectionEventLoop(
                HTTP1Channel(responder: responder, configuration: .init(additionalChannelHandlers: [ConnectionDrainHandler()])))
        }
    }
}

extension ApplicationProtocol {
    /// Runs the application until SIGTERM or SIGINT, then drains (``ShutdownDrain``) before the server stops.
    /// Hummingbird's own `runService()` stops the server at once: its listener closes with the signal.
    public func runService(drain: ShutdownDrain) async throws {
        let group = ServiceGroup(
            configuration: .init(services: [self, drain], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

extension EnvironmentReader {
    /// `SHUTDOWN_DRAIN_SECONDS` (``ShutdownDrain/allowedSeconds``, default ``ShutdownDrain/defaultSeconds``).
    public func shutdownDrain() throws -> Duration {
        .seconds(try int("SHUTDOWN_DRAIN_SECONDS", in: ShutdownDrain.allowedSeconds) ?? ShutdownDrain.defaultSeconds)
    }
}
