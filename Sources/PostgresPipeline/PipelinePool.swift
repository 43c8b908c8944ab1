import CLibPQ
import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Point lookups through libpq in pipeline mode: a few connections driven by one thread of their own, each with many
/// queries in flight.
///
/// Why: PostgresNIO spends 37-43 µs of client CPU on a one-row SELECT, libpq in pipeline mode 7.7 µs
/// (`scripts/bench-driver`, README "The libpq spike"), and a route whose whole job is one such SELECT
/// (`GET /auth/user_details` with the user cache off) spent most of its CPU there. The services keep PostgresNIO for
/// everything else (transactions, lists, migrations); this pool serves only registered statements by primary key.
///
/// How: a caller's query goes into a queue and wakes the pool's thread (a byte on a pipe, written only while the thread
/// sleeps). The thread sends it on the ready connection with the fewest queries in flight (Bind/Execute and a Sync
/// of its own, so one failed query aborts no other), preparing the statement there first if that connection has
/// not yet; a `poll()` over every connection's socket reads the answers in order and resumes each caller with its
/// rows. Connections are made on demand without blocking (`PQconnectStart`), and again after one breaks (backing
/// off while the server refuses). Queries in flight on a connection that breaks fail as an outage (503); a query
/// that finds no connection and none being made fails the same way at once; none waits longer than
/// `waitLimit`. A caller that is cancelled (its deadline, the availability gate) is answered at once; its query's
/// answer, if it is already sent, is read and dropped.
public final class PipelinePool: Sendable {
    /// What callers and the pool's thread share.
    struct Shared {
        var submissions: [PipelineRequest] = []
        /// The thread is in (or about to enter) a blocking `poll()`: a new submission must wake it.
        var sleeping = false
        var stopping = false
        var stopped = false
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
    }

    public let name: String
    let shared = Mutex(Shared())
    /// Queries of tasks that run on a NIO event loop go through that loop's own connection (``LoopConnection``),
    /// made with the loop's first query; others through the pool's thread.
    let onEventLoops: Bool
    private let loopConnections = Mutex<[ObjectIdentifier: LoopConnection]>([:])
    private let conninfo: String
    private let logger: Logger
    private let waitLimit: Duration
    private let connectTimeout: Duration
    /// A pipe: the thread polls its read end, `wakeUp()` writes a byte to the other.
    let wakeFD: Int32
    private let wakeWriteFD: Int32

    /// - Parameters:
    ///   - conninfo: libpq's connection string (``DatabaseSettings/pipelineConninfo``).
    ///   - connections: how many connections to keep (each a PostgreSQL backend).
    ///   - name: the database, for logs.
    ///   - waitLimit: the longest a query waits for a connection, and for an answer on one.
    ///   - connectTimeout: the longest one connection attempt may take.
    ///   - onEventLoops: whether a query from a task on a NIO event loop goes through that loop's own connection
    ///     (one per loop, besides the thread's `connections`).
    public init(
        conninfo: String, connections: Int, name: String, logger: Logger, waitLimit: Duration = .seconds(10),
        connectTimeout: Duration = .seconds(3), onEventLoops: Bool = false
    ) {
        precondition(connections > 0, "a pipeline pool needs a connection")
        self.name = name
        self.onEventLoops = onEventLoops
        self.conninfo = conninfo
        self.logger = logger
        self.waitLimit = waitLimit
        self.connectTimeout = connectTimeout
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { fatalError("pipe() failed for the pipeline pool's wake-up: errno \(errno)") }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        wakeFD = ends[0]
        wakeWriteFD = ends[1]
        let loop = PipelineLoop(
            pool: self, conninfo: conninfo, connections: connections, logger: logger, waitLimit: waitLimit,
            connectTimeout: connectTimeout)
        // Named from inside: Linux names only the calling thread (pthread_setname_np, 15 characters), so `top -H` and
        // perf show it apart from the event loop that created it.
        let thread = Thread {
            Thread.current.name = "pg-pipeline"
            loop.run()
        }
        thread.start()
    }

    deinit {
        close(wakeFD)
        close(wakeWriteFD)
    }

    /// The rows `statement` answers for `parameters`. When `abort` fires (a ``DatabaseGate``'s deadline, or the
    /// database found down) the query is answered at once with its error, as on cancellation.
    public func query(_ statement: PipelineStatement, _ parameters: [PipelineParameter], abortedBy abort: GateAbort? = nil) async throws -> PipelineRows {
        let request = PipelineRequest(statement: statement, parameters: parameters)
        abort?.onAbort { error in request.finish(.failure(error)) }
        let onLoop = onEventLoops ? MultiThreadedEventLoopGroup.currentEventLoop.flatMap(loopConnection(on:)) : nil
        return try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { continuation in
                request.install(continuation)
                guard !request.isFinished else { return }
                if let onLoop {
                    if onLoop.loop.inEventLoop {
                        onLoop.submit(request)
                    } else {
                        onLoop.loop.execute { onLoop.submit(request) }
                    }
                } else {
                    submit(request)
                }
            }
        } onCancel: {
            request.finish(.failure(CancellationError()))
        }
    }

    /// `loop`'s connection, made on first use; nil once the pool is shutting down (the thread answers `shutDown`).
    private func loopConnection(on loop: any EventLoop) -> LoopConnection? {
        let key = ObjectIdentifier(loop)
        if let connection = loopConnections.withLock({ $0[key] }) { return connection }
        guard !shared.withLock({ $0.stopping }) else { return nil }
        return loopConnections.withLock { connections in
            if let connection = connections[key] { return connection }
            let connection = LoopConnection(
                loop: loop, conninfo: conninfo, poolName: name, logger: logger, waitLimit: waitLimit,
                connectTimeout: connectTimeout, fallback: { [weak self] request in
                    guard let self else {
                        request.finish(.failure(PipelineError.shutDown))
                        return
                    }
                    self.submit(request)
                })
            connections[key] = connection
            return connection
        }
    }

    private func submit(_ request: PipelineRequest) {
        let wake: Bool? = shared.withLock { shared in
            if shared.stopping { return nil }
            shared.submissions.append(request)
            guard shared.sleeping else { return false }
            shared.sleeping = false
            return true
        }
        switch wake {
        case nil: request.finish(.failure(PipelineError.shutDown))
        case true?: wakeUp()
        case false?: break
        }
    }

    func wakeUp() {
        var byte: UInt8 = 1
        _ = write(wakeWriteFD, &byte, 1)  // a full pipe already wakes the thread
    }

    /// Stops taking queries, lets those in flight finish (up to `waitLimit`), closes every connection and ends the
    /// thread. Queries sent afterwards fail with ``PipelineError/shutDown``.
    public func shutdown() async {
        shared.withLock { $0.stopping = true }
        for connection in loopConnections.withLock({ Array($0.values) }) {
            try? await connection.stop().get()
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done: Bool = shared.withLock { shared in
                if shared.stopped { return true }
                shared.stopping = true
                shared.sleeping = false
                shared.stopWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() } else { wakeUp() }
        }
    }
}

/// One caller's query: answered exactly once, by its result, its connection's failure, or its cancellation,
/// whichever comes first.
final class PipelineRequest: Sendable {
    private enum State {
        case pending
        case waiting(UnsafeContinuation<PipelineRows, any Error>)
        case done(Result<PipelineRows, any Error>?)
    }

    let statement: PipelineStatement
    let parameters: [[UInt8]]
    let submitted = ContinuousClock.now
    private let state = Mutex(State.pending)

    init(statement: PipelineStatement, parameters: [PipelineParameter]) {
        self.statement = statement
        self.parameters = parameters.map(\.binary)
    }

    func install(_ continuation: UnsafeContinuation<PipelineRows, any Error>) {
        let early: Result<PipelineRows, any Error>? = state.withLock { state in
            switch state {
            case .pending:
                state = .waiting(continuation)
                return nil
            case .done(let result):
                state = .done(nil)
                return result
            case .waiting:
                preconditionFailure("a pipeline request's continuation installed twice")
            }
        }
        if let early { continuation.resume(with: early) }
    }

    /// Answers the caller unless it was answered already.
    @discardableResult
    func finish(_ result: Result<PipelineRows, any Error>) -> Bool {
        let continuation: UnsafeContinuation<PipelineRows, any Error>?? = state.withLock { state in
            switch state {
            case .pending:
                state = .done(result)
                return .some(nil)
            case .waiting(let continuation):
                state = .done(nil)
                return .some(continuation)
            case .done:
                return nil
            }
        }
        guard let continuation else { return false }
        continuation?.resume(with: result)
        return true
    }

    var isFinished: Bool {
        state.withLock { if case .done = $0 { true } else { false } }
    }
}
