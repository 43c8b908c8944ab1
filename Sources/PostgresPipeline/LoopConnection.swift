import CLibPQ
import Foundation
import Logging
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// A ``PipelinePool``'s connection on one NIO event loop, for the queries of tasks that run on that loop: the query is
/// written, and its answer read and handed over, on the caller's own thread.
///
/// Why: through the pool's thread, each query crossed threads twice (a wake-up of the pool's thread, then of the
/// caller's loop); on `GET /auth/user_details` with the cache off, thread wake-ups led what the database added to the
/// service's CPU per request (perf, README "Ninth pass").
///
/// How: libpq makes the connection (on `NIOThreadPool`: startup and authentication, SCRAM included, stay libpq's),
/// then the loop takes a duplicate of its socket (`ClientBootstrap.withConnectedSocket`) and speaks the extended query
/// protocol itself (``WireMessage``): per query a Bind, an Execute and a Sync (Parse and Describe first, the first
/// time a statement runs on the connection), written together with the other queries of the same loop turn. Each
/// Sync is answered by exactly one ReadyForQuery, which ends that query's answer: its rows, or its error (a failed
/// query aborts no other). A connection whose session is encrypted cannot be taken over; its queries, and every later
/// one, go through the pool's thread. A connection that breaks fails its queries as an outage (503) and is made again
/// with the next query, backing off while the server refuses; a query waits at most the pool's `waitLimit` for its
/// answer. Everything here runs on `loop`.
final class LoopConnection: @unchecked Sendable {
    private enum State {
        /// No connection; make one with the next query once `retryAt` has passed (nil: at once).
        case idle(retryAt: NIODeadline?)
        case connecting
        case ready(any Channel, libpq: OpaquePointer)
        /// The session is encrypted: the pool's thread serves this loop's queries.
        case unsupported
        case stopped
    }

    /// One query sent: its Sync's ReadyForQuery ends it.
    private struct Unit {
        let request: PipelineRequest
        let sent: NIODeadline
        /// The statement this unit parses (and describes) first, if it does.
        var parses: String?
        var parsed = false
        var types: [Oid]?
        var rows: [[[UInt8]?]] = []
        var error: PipelineError?
    }

    let loop: any EventLoop
    private let conninfo: String
    private let logger: Logger
    private let waitLimit: Duration
    private let connectTimeout: Duration
    private let poolName: String
    /// Where queries go once this loop cannot serve them (an encrypted session).
    private let fallback: @Sendable (PipelineRequest) -> Void

    private var state = State.idle(retryAt: nil)
    private var waiting: [PipelineRequest] = []
    private var inFlight = CircularBuffer<Unit>()
    /// Statements prepared on this connection (their column types), those whose Parse is in flight, and why the last
    /// Parse of a statement failed.
    private var prepared: [String: [Oid]] = [:]
    private var preparing: Set<String> = []
    private var prepareErrors: [String: PipelineError] = [:]
    private var failures = 0
    private var lastError = "no connection to the database yet"
    private var failing = false
    private var flushScheduled = false
    private var watchdog: RepeatedTask?
    private var stopPromise: EventLoopPromise<Void>?
    private var stopBy: NIODeadline?

    init(
        loop: any EventLoop, conninfo: String, poolName: String, logger: Logger, waitLimit: Duration, connectTimeout: Duration,
        fallback: @escaping @Sendable (PipelineRequest) -> Void
    ) {
        self.connectTimeout = connectTimeout
        self.loop = loop
        self.conninfo = conninfo
        self.poolName = poolName
        self.logger = logger
        self.waitLimit = waitLimit
        self.fallback = fallback
    }

    // MARK: queries

    func submit(_ request: PipelineRequest) {
        loop.preconditionInEventLoop()
        guard !request.isFinished else { return }
        guard stopPromise == nil else {
            // stopping: the queries in flight are waited for, new ones refused
            request.finish(.failure(PipelineError.shutDown))
            return
        }
        switch state {
        case .ready(let channel, _):
            send(request, on: channel)
        case .connecting:
            waiting.append(request)
        case .idle(let retryAt):
            if let retryAt, retryAt > .now() {
                // the server refused a moment ago: an outage, at once
                request.finish(.failure(PipelineError.connection(lastError)))
                return
            }
            waiting.append(request)
            connect()
        case .unsupported:
            fallback(request)
        case .stopped:
            request.finish(.failure(PipelineError.shutDown))
        }
    }

    private func send(_ request: PipelineRequest, on channel: any Channel) {
        let statement = request.statement
        var buffer = channel.allocator.buffer(capacity: 64 + request.parameters.reduce(0) { $0 + $1.count + 4 })
        var unit = Unit(request: request, sent: .now())
        if prepared[statement.name] == nil && !preparing.contains(statement.name) {
            WireMessage.parse(&buffer, statement: statement.name, sql: statement.sql)
            WireMessage.describe(&buffer, statement: statement.name)
            preparing.insert(statement.name)
            unit.parses = statement.name
        }
        WireMessage.bind(&buffer, statement: statement.name, parameters: request.parameters)
        WireMessage.execute(&buffer)
        WireMessage.sync(&buffer)
        inFlight.append(unit)
        channel.write(buffer, promise: nil)
        // one flush (one write(2)) for every query of this loop turn
        if !flushScheduled {
            flushScheduled = true
            loop.execute { [self] in
                flushScheduled = false
                if case .ready(let channel, _) = state { channel.flush() }
            }
        }
    }

    /// One message of the server's answers, in order.
    func received(_ message: WireMessage.Backend) {
        guard case .ready(let channel, _) = state else { return }
        if message == .ignored { return }
        guard !inFlight.isEmpty else {
            fail("the database answered a query that was not asked")
            return
        }
        switch message {
        case .parseComplete:
            inFlight[inFlight.startIndex].parsed = true
        case .rowDescription(let types):
            described(types)
        case .noData:
            described([])
        case .bindComplete:
            let head = inFlight[inFlight.startIndex]
            if head.types == nil { inFlight[inFlight.startIndex].types = prepared[head.request.statement.name] }
        case .dataRow(let cells):
            inFlight[inFlight.startIndex].rows.append(cells)
        case .error(let sqlState, let text, let detail):
            var error = PipelineError.server(sqlState: sqlState, message: text, detail: detail)
            let head = inFlight[inFlight.startIndex]
            let name = head.request.statement.name
            if let parses = head.parses, !head.parsed {
                // the Parse failed: the answer for every query that counted on it
                preparing.remove(parses)
                prepareErrors[parses] = error
            } else if sqlState == "26000", let cause = prepareErrors[name] {
                error = cause
            }
            inFlight[inFlight.startIndex].error = error
        case .readyForQuery:
            let unit = inFlight.removeFirst()
            if let error = unit.error {
                unit.request.finish(.failure(error))
            } else if let types = unit.types {
                unit.request.finish(.success(PipelineRows(wire: .init(types: types, rows: unit.rows))))
            } else {
                unit.request.finish(.failure(PipelineError.connection("the database did not describe the answer of \(unit.request.statement.name)")))
            }
            if stopPromise != nil && inFlight.isEmpty { close(failing: .shutDown) }
        case .parameterDescription, .commandComplete, .emptyQuery, .ignored:
            break
        }
    }

    private func described(_ types: [Oid]) {
        let head = inFlight[inFlight.startIndex]
        inFlight[inFlight.startIndex].types = types
        if let parses = head.parses {
            preparing.remove(parses)
            prepared[parses] = types
            prepareErrors[parses] = nil
        }
    }

    // MARK: the connection

    private struct Made: @unchecked Sendable {
        let pg: OpaquePointer?
        let socket: Int32
    }

    private func connect() {
        state = .connecting
        startWatchdog()
        // libpq takes the last value of a repeated option: the pool's own limit on one attempt
        let seconds = Double(connectTimeout.components.seconds) + Double(connectTimeout.components.attoseconds) / 1e18
        let conninfo = conninfo + " connect_timeout='\(max(1, Int(seconds.rounded(.up))))'"
        // A thread of its own for the blocking connect (name lookup, TLS negotiation, authentication): not the shared
        // NIOThreadPool, where bcrypt's hashing could keep a reconnect waiting. Attempts are rare (the first query,
        // then after a failure, backing off).
        let promise = loop.makePromise(of: Made.self)
        let attempt = Thread { promise.completeWith(Result { try Self.connect(conninfo) }) }
        attempt.name = "pg-connect"
        attempt.start()
        promise.futureResult.flatMap { [loop] (made: Made) -> EventLoopFuture<(Made, (any Channel)?)> in
            guard made.pg != nil else { return loop.makeSucceededFuture((made, nil)) }
            return ClientBootstrap(group: loop)
                .channelInitializer { [self] channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(WireDecoder()))
                        try channel.pipeline.syncOperations.addHandler(LoopConnectionHandler(connection: self))
                    }
                }
                .withConnectedSocket(made.socket)
                .map { (made, $0) }
                .flatMapErrorThrowing { error in
                    // the socket is the channel's now, made or not (NIO closes it): only libpq's own is closed here
                    PQfinish(made.pg!)
                    throw PipelineError.connection("the event loop could not take the connection: \(error)")
                }
        }.whenComplete { [self] result in
            connected(result)
        }
    }

    /// Connects with libpq (blocking) and duplicates the socket for the event loop; nil `pg` for an encrypted session.
    private static func connect(_ conninfo: String) throws -> Made {
        guard let pg = PQconnectdb(conninfo) else { throw PipelineError.connection("out of memory") }
        guard PQstatus(pg) == CONNECTION_OK else {
            let message = PipelineConnection.message(of: pg)
            PQfinish(pg)
            throw PipelineError.connection(message)
        }
        if PQsslInUse(pg) != 0 {
            PQfinish(pg)
            return Made(pg: nil, socket: -1)
        }
        let socket = dup(PQsocket(pg))
        guard socket >= 0 else {
            PQfinish(pg)
            throw PipelineError.connection("dup() of the connection's socket failed: errno \(errno)")
        }
        return Made(pg: pg, socket: socket)
    }

    private func connected(_ result: Result<(Made, (any Channel)?), any Error>) {
        let requests = waiting
        waiting.removeAll()
        guard case .connecting = state else {
            // stopped meanwhile
            if case .success((let made, let channel?)) = result {
                channel.close(promise: nil)
                if let pg = made.pg { PQfinish(pg) }
            }
            for request in requests { request.finish(.failure(PipelineError.shutDown)) }
            return
        }
        switch result {
        case .success((let made, let channel?)):
            state = .ready(channel, libpq: made.pg!)
            failures = 0
            if failing {
                failing = false
                logger.info("pipelined connection to the database made again", metadata: ["database": "\(poolName)"])
            }
            for request in requests where !request.isFinished { send(request, on: channel) }
        case .success((_, nil)):
            logger.notice(
                "the database session is encrypted: pipelined queries of this event loop go through the pool's thread",
                metadata: ["database": "\(poolName)"])
            state = .unsupported
            for request in requests { fallback(request) }
        case .failure(let error):
            failures += 1
            // 50 ms, doubling, at most 2 s between attempts while the server refuses
            let delay = TimeAmount.milliseconds(Int64(min(2000, 50 << min(failures - 1, 6))))
            state = .idle(retryAt: .now() + delay)
            let message = (error as? PipelineError).map { if case .connection(let text) = $0 { text } else { "\($0)" } } ?? "\(error)"
            noteFailure(message)
            for request in requests { request.finish(.failure(PipelineError.connection(message))) }
        }
    }

    /// The connection is lost (the server went away, a read failed, an answer made no sense, or none came in time):
    /// its queries fail as an outage, and the next query makes a new one.
    func fail(_ reason: String) {
        guard case .ready = state else { return }
        close(failing: .connection(reason))
        noteFailure(reason)
    }

    /// Closes the connection, answering every query in flight with `error`; the statements are prepared again on the
    /// next connection.
    private func close(failing error: PipelineError) {
        let open = state
        // the state first: closing the channel tells the handler at once (channelInactive), which must find it closed
        state = stopPromise == nil ? .idle(retryAt: nil) : .stopped
        if case .ready(let channel, let pg) = open {
            channel.close(promise: nil)
            PQfinish(pg)
        }
        let units = inFlight
        inFlight.removeAll()
        prepared.removeAll()
        preparing.removeAll()
        prepareErrors.removeAll()
        for unit in units { unit.request.finish(.failure(error)) }
        if let stopPromise {
            watchdog?.cancel()
            watchdog = nil
            stopPromise.succeed()
            self.stopPromise = nil
        }
    }

    private func noteFailure(_ message: String) {
        lastError = message
        if !failing {
            failing = true
            logger.warning("pipelined connection to the database failed", metadata: ["database": "\(poolName)", "error": "\(message)"])
        }
    }

    /// Once a second: a connection whose oldest query has waited past `waitLimit` is made again (a hung server, or a
    /// peer gone without a reset), and a stop that waited that long for answers closes.
    private func startWatchdog() {
        guard watchdog == nil else { return }
        watchdog = loop.scheduleRepeatedTask(initialDelay: .seconds(1), delay: .seconds(1)) { [self] _ in
            let now = NIODeadline.now()
            if let stopBy, now >= stopBy, stopPromise != nil {
                close(failing: .shutDown)
                return
            }
            if !waiting.isEmpty {
                let clock = ContinuousClock.now
                waiting.removeAll { request in
                    guard request.isFinished || request.submitted.duration(to: clock) > waitLimit else { return false }
                    request.finish(.failure(PipelineError.timedOut))
                    return true
                }
            }
            if let oldest = inFlight.first, oldest.sent + TimeAmount(waitLimit) < now {
                fail("no answer within \(waitLimit)")
            }
        }
    }

    /// Stops taking queries, lets those in flight finish (up to `waitLimit`), then closes.
    func stop() -> EventLoopFuture<Void> {
        loop.flatSubmit { [self] in
            for request in waiting { request.finish(.failure(PipelineError.shutDown)) }
            waiting.removeAll()
            switch state {
            case .ready where !inFlight.isEmpty:
                let promise = loop.makePromise(of: Void.self)
                stopPromise = promise
                stopBy = .now() + TimeAmount(waitLimit)
                startWatchdog()
                return promise.futureResult
            case .ready:
                close(failing: .shutDown)
                state = .stopped
            default:
                state = .stopped
            }
            watchdog?.cancel()
            watchdog = nil
            return loop.makeSucceededVoidFuture()
        }
    }
}

/// Hands a ``LoopConnection`` the server's messages and the end of its channel.
private final class LoopConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = WireMessage.Backend

    let connection: LoopConnection

    init(connection: LoopConnection) { self.connection = connection }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        connection.received(unwrapInboundIn(data))
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection.fail("the database closed the connection")
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        connection.fail("the connection to the database failed: \(error)")
        context.close(promise: nil)
    }
}
