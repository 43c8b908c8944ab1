import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// Fails a pool's database calls fast while its PostgreSQL is down, and notices by itself when it is back.
///
/// A PostgreSQL pool whose server refuses connections does not fail a query: it queues it and retries in the
/// background, so without this every request waited for its whole database deadline (10 s) during an outage.
///
/// - **Suspicion.** A call that fails with a connection-level error (``DatabaseFailure/unavailable``: 57P01 admin
///   shutdown, a closed connection, ...) or is still waiting after `suspectAfter` makes the gate check the server
///   with one connection of its own, outside the pool (one check at a time; after one passed, slow calls start no
///   other for `quietAfterPass`, connection-level errors do).
/// - **Down.** When the check is refused (connection refused, 57P03 starting up or shutting down, 08xxx, ...) and
///   no call got an answer from the database meanwhile (a row, or an error of its own such as a conflict: an
///   overloaded server still answers, a down one does not), the gate is down: every call in flight fails at once
///   with ``DatabaseUnavailable`` (their pool waits are cancelled), and so does every new one (503 with
///   `Retry-After`). A check that gets no answer within `probeTimeout` proves less (a busy machine opens a pool's
///   first connections slowly too, and no call answers while they open): checks go on while calls wait, and the
///   gate goes down once calls have waited `hungAfter` with no answer from the database (a hung server).
/// - **Recovery.** While down, one probe at a time runs `SELECT 1` through the pool itself, every `probeInterval`;
///   the first that succeeds (the pool has a connection again) reopens the gate. Probing stops when the pool is shut
///   down, or when nobody has called for `idleStop`, and starts again with the next call.
///
/// So while the server is stopped or restarting a request takes at most about `suspectAfter + probeTimeout`
/// (usually a few milliseconds: a stopped server refuses at once), while it hangs about `hungAfter`, and requests
/// succeed again as soon as the pool reconnects.
public final class DatabaseGate: Sendable {
    public struct Timing: Sendable {
        /// A call still running after this long makes the gate check the server.
        public var suspectAfter: Duration
        /// How long one check or probe may take.
        public var probeTimeout: Duration
        /// The pause between recovery probes.
        public var probeInterval: Duration
        /// No new check for this long after one found the server up.
        public var quietAfterPass: Duration
        /// Recovery probing stops after this long without a call (and starts again with the next, which is still
        /// answered 503 at once).
        public var idleStop: Duration
        /// Checks that time out close the gate once calls have waited this long with no answer from the database.
        public var hungAfter: Duration

        public init(
            suspectAfter: Duration = .milliseconds(500), probeTimeout: Duration = .milliseconds(750),
            probeInterval: Duration = .milliseconds(200), quietAfterPass: Duration = .milliseconds(500), idleStop: Duration = .seconds(60),
            hungAfter: Duration = .seconds(3)
        ) {
            self.suspectAfter = suspectAfter
            self.probeTimeout = probeTimeout
            self.probeInterval = probeInterval
            self.quietAfterPass = quietAfterPass
            self.idleStop = idleStop
            self.hungAfter = hungAfter
        }
    }

    private struct State {
        var downSince: ContinuousClock.Instant?
        var reason: String?
        var checking = false
        var recovering = false
        var quietUntil: ContinuousClock.Instant?
        var lastDemand = ContinuousClock.now
        /// Calls that got an answer from the database (any but an outage, a timeout or a cancellation), and when the
        /// last did.
        var answered: UInt64 = 0
        var lastAnswer = ContinuousClock.now
        var calls: [UInt64: any AbortableCall] = [:]
        var nextID: UInt64 = 0
    }

    public let name: String
    let logger: Logger
    let timing: Timing
    /// Can a new connection be made (outside the pool)? nil: a gate that only bounds calls by their deadline.
    let checkServer: (@Sendable () async throws -> Void)?
    /// Does the pool answer a query?
    let checkPool: (@Sendable () async throws -> Void)?
    private let state = Mutex(State())

    /// A gate that never closes: calls are only bounded by their deadline (mscli, tests, tools).
    public static let unguarded = DatabaseGate(name: "unguarded", logger: Logger(label: "database-gate"), timing: .init(), checkServer: nil, checkPool: nil)

    /// The gate of `client`, whose server is at `settings`.
    public convenience init(settings: DatabaseSettings, client: PostgresClient, logger: Logger, timing: Timing = .init()) {
        self.init(
            name: "\(settings.host):\(settings.port)/\(settings.database)", logger: logger, timing: timing,
            checkServer: { [logger] in
                let connection = try await PostgresConnection.connect(configuration: settings.connectionConfiguration(), id: 0, logger: logger)
                try? await connection.close()
            },
            checkPool: { [logger] in
                try await client.run("SELECT 1", logger: logger)
            })
    }

    /// A gate with its own checks (tests).
    public init(
        name: String, logger: Logger, timing: Timing, checkServer: (@Sendable () async throws -> Void)?,
        checkPool: (@Sendable () async throws -> Void)?
    ) {
        self.name = name
        self.logger = logger
        self.timing = timing
        self.checkServer = checkServer
        self.checkPool = checkPool
    }

    /// False while the database is known to be down.
    public var isAvailable: Bool { state.withLock { $0.downSince == nil } }

    /// Runs `body` (database calls) unless the database is known to be down, failing with ``TimeoutError`` after
    /// `deadline` and with ``DatabaseUnavailable`` as soon as the gate finds the database down. The answer does not
    /// wait for `body` to notice its cancellation (a query on a connection to a hung server never would).
    public func run<T: Sendable>(deadline: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard checkServer != nil else { return try await withTimeout(deadline, body) }
        try Task.checkCancellation()
        let call = GateCall<T>(gate: self)
        try admit(call)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                call.install(continuation)
                // On the connection's event loop when there is one (the caller's preference, which `Task {}` drops).
                let task = Task(executorPreference: EventLoopTaskExecutor.current) {
                    let result: Result<T, any Error>
                    do {
                        result = .success(try await body())
                    } catch {
                        result = .failure(error)
                    }
                    self.completed(call, result)
                }
                call.started(task, timer: armTimer(call, deadline: deadline))
            }
        } onCancel: {
            call.finish(.failure(CancellationError()))
        }
    }

    /// Runs `body` as ``run(deadline:_:)`` does, but in the caller's own task: for bodies that end as soon as the
    /// ``GateAbort`` they are given fires (the libpq pipeline's queries: ``GateAbort/onAbort(_:)`` answers the query
    /// with the gate's error at once). The deadline and the gate going down fire it; the caller's cancellation reaches
    /// `body` as any task's does.
    ///
    /// Why: ``run(deadline:_:)`` starts a task per call so that it can answer without waiting for a body that would
    /// not notice its cancellation (a query to a hung server on PostgresNIO); without the gate the auth service spent up
    /// to a tenth less CPU on `GET /auth/user_details` (an A/B, README "Ninth pass").
    public func runInline<T>(deadline: Duration, _ body: (GateAbort) async throws -> T) async throws -> T {
        try Task.checkCancellation()
        let guarded = checkServer != nil
        let call = GateAbort(gate: guarded ? self : nil)
        if guarded { try admit(call) }
        call.started(timer: armTimer(call, deadline: deadline))
        let result: Result<T, any Error>
        do {
            result = .success(try await body(call))
        } catch {
            result = .failure(error)
        }
        if let abortedWith = call.complete(answered: Self.answered(result)) { throw abortedWith }
        if guarded, case .failure(let error) = result, DatabaseFailure.classify(error) == .unavailable {
            suspect(because: PostgresErrorText.describe(error), urgent: true)
        }
        return try result.get()
    }

    // MARK: calls

    private func admit(_ call: some AbortableCall) throws {
        let admitted: Result<Void, DatabaseUnavailable> = state.withLock { state in
            if state.downSince != nil {
                state.lastDemand = .now
                if !state.recovering {
                    state.recovering = true
                    startRecovery()
                }
                return .failure(DatabaseUnavailable(database: name, reason: state.reason))
            }
            state.nextID += 1
            call.id = state.nextID
            state.calls[state.nextID] = call
            return .success(())
        }
        try admitted.get()
    }

    /// A call finished (first): it leaves the registry; an answer from the database counts as a sign of life.
    fileprivate func remove(_ id: UInt64, answered: Bool) {
        state.withLock { state in
            state.calls[id] = nil
            if answered {
                state.answered &+= 1
                state.lastAnswer = .now
            }
        }
    }

    /// Whether a call that ended with `result` heard from the database: a value, or an error that is not an outage,
    /// a timeout or a cancellation (a 409 the store threw after reading rows, a unique violation, a bad value).
    static func answered<T>(_ result: Result<T, any Error>) -> Bool {
        guard case .failure(let error) = result else { return true }
        if error is CancellationError { return false }
        switch DatabaseFailure.classify(error) {
        case .unavailable, .overloaded: return false
        default: return true
        }
    }

    private func completed<T>(_ call: GateCall<T>, _ result: Result<T, any Error>) {
        guard call.finish(result), case .failure(let error) = result else { return }
        if DatabaseFailure.classify(error) == .unavailable {
            suspect(because: PostgresErrorText.describe(error), urgent: true)
        }
    }

    private func armTimer(_ call: some TimedCall, deadline: Duration) -> Scheduled<Void> {
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        let first = min(timing.suspectAfter, deadline)
        return loop.scheduleTask(in: TimeAmount(first)) { [self] in
            guard first < deadline else {
                call.abort(TimeoutError())
                return
            }
            guard !call.isFinished else { return }
            suspect(because: "a database call has waited \(first)")
            call.rearm(loop.scheduleTask(in: TimeAmount(deadline - first)) { call.abort(TimeoutError()) })
        }
    }

    // MARK: checks

    /// Something looks wrong: check the server with a connection of its own, unless a check runs, or (for a slow call,
    /// not for a connection-level error: `urgent`) one just passed.
    func suspect(because cause: String, urgent: Bool = false) {
        let answeredBefore: UInt64? = state.withLock { state in
            guard state.downSince == nil, !state.checking else { return nil }
            if !urgent, let quiet = state.quietUntil, quiet > .now { return nil }
            state.checking = true
            return state.answered
        }
        guard var answeredBefore, let checkServer else { return }
        Task.detached { [self] in
            var attempt = 0
            while true {
                attempt += 1
                var failure: String?
                var detail: String?
                var timedOut = false
                do {
                    try await Self.detached(timeout: timing.probeTimeout) { try await checkServer() }
                } catch let error as PSQLError where (error.serverInfo?[.sqlState] ?? "").hasPrefix("53") {
                    // too many connections, out of memory: the server is up (and the pool's own connections work)
                } catch {
                    timedOut = error is TimeoutError
                    failure = timedOut ? "no new connection within \(timing.probeTimeout)" : PostgresErrorText.brief(error)
                    detail = timedOut ? failure : PostgresErrorText.describe(error)
                }
                enum Outcome { case up, busy, checkAgain(UInt64), down([any AbortableCall]) }
                let outcome: Outcome = state.withLock { state in
                    let now = ContinuousClock.now
                    guard let failure else {
                        state.checking = false
                        state.quietUntil = now + timing.quietAfterPass
                        return .up
                    }
                    // A call answered meanwhile: the server is slow to take a new connection, or refuses new ones, but
                    // still serves the pool's.
                    guard state.answered == answeredBefore, state.downSince == nil else {
                        state.checking = false
                        state.quietUntil = now + timing.probeInterval
                        return .busy
                    }
                    if timedOut {
                        // No answer from a new connection, none from any call: hung, or only slow? Slow servers
                        // answer within hungAfter; keep checking while calls wait, until then.
                        let oldestCall = state.calls.values.map(\.startedAt).min()
                        guard let oldestCall else {
                            state.checking = false
                            return .busy
                        }
                        if max(state.lastAnswer, oldestCall).duration(to: now) < timing.hungAfter {
                            return .checkAgain(state.answered)
                        }
                    }
                    state.checking = false
                    state.downSince = now
                    state.reason = failure
                    state.lastDemand = now
                    let calls = Array(state.calls.values)
                    state.calls.removeAll()
                    if !state.recovering {
                        state.recovering = true
                        startRecovery()
                    }
                    return .down(calls)
                }
                switch outcome {
                case .up:
                    return
                case .busy:
                    if let failure {
                        logger.debug("database check failed while queries are answered", metadata: ["database": "\(name)", "error": "\(failure)"])
                    }
                    return
                case .checkAgain(let answered):
                    answeredBefore = answered
                    continue
                case .down(let aborted):
                    logger.error(
                        "database unavailable: failing its requests at once until it answers again",
                        metadata: [
                            "database": "\(name)", "cause": "\(cause)", "error": "\(detail ?? failure ?? "")", "checks": "\(attempt)",
                            "aborted_calls": "\(aborted.count)",
                        ])
                    let error = DatabaseUnavailable(database: name, reason: failure)
                    for call in aborted { call.abort(error) }
                    return
                }
            }
        }
    }

    /// Runs `body` in a task of its own, answering with ``TimeoutError`` after `timeout` without waiting for `body` to
    /// notice its cancellation (a connection attempt to a hung server would not before its own connect timeout).
    static func detached<T: Sendable>(timeout: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let call = GateCall<T>(gate: nil)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                call.install(continuation)
                let task = Task {
                    do {
                        call.finish(.success(try await body()))
                    } catch {
                        call.finish(.failure(error))
                    }
                }
                let timer = MultiThreadedEventLoopGroup.singleton.any().scheduleTask(in: TimeAmount(timeout)) {
                    _ = call.finish(.failure(TimeoutError()))
                }
                call.started(task, timer: timer)
            }
        } onCancel: {
            call.finish(.failure(CancellationError()))
        }
    }

    /// While down: one `SELECT 1` through the pool at a time until one succeeds, or until nobody has called for a while.
    private func startRecovery() {
        guard let checkPool else { return }
        Task.detached { [self] in
            while true {
                var failure: (any Error)?
                do {
                    try await Self.detached(timeout: timing.probeTimeout) { try await checkPool() }
                } catch {
                    failure = error
                }
                let now = ContinuousClock.now
                let outcome: (done: Bool, downFor: Duration?) = state.withLock { state in
                    guard let failure else {
                        let downFor = state.downSince.map { $0.duration(to: now) }
                        state.downSince = nil
                        state.reason = nil
                        state.recovering = false
                        state.quietUntil = now + timing.quietAfterPass
                        return (true, downFor)
                    }
                    if !(failure is TimeoutError) { state.reason = PostgresErrorText.brief(failure) }
                    if state.lastDemand + timing.idleStop < now || PostgresErrorText.poolErrorCase(failure) == "poolShutdown" {
                        state.recovering = false
                        return (true, nil)
                    }
                    return (false, nil)
                }
                if outcome.done {
                    if let downFor = outcome.downFor {
                        logger.notice("database available again", metadata: ["database": "\(name)", "down_for": "\(downFor)"])
                    }
                    return
                }
                try? await sleepOnEventLoop(for: timing.probeInterval)
            }
        }
    }
}

extension ReadinessCheck {
    /// The database answers through `gate` and is at the schema version this build expects; fails at once while the
    /// gate knows the database is down.
    public static func database(
        _ client: PostgresClient, gate: DatabaseGate, migrations: MigrationSet, logger: Logger, name: String = "postgres",
        timeout: Duration = .seconds(2)
    ) -> ReadinessCheck {
        ReadinessCheck(name: name) {
            try await gate.run(deadline: timeout) {
                try await Migrator(client: client, set: migrations, logger: logger).requireCurrent()
            }
        }
    }
}

/// A call in flight the gate may fail when it finds the database down.
protocol AbortableCall: AnyObject, Sendable {
    var id: UInt64 { get set }
    var startedAt: ContinuousClock.Instant { get }
    func abort(_ error: any Error)
}

/// A call whose deadline an event-loop timer keeps (``DatabaseGate/armTimer``).
protocol TimedCall: AbortableCall {
    var isFinished: Bool { get }
    func rearm(_ timer: Scheduled<Void>)
}

/// One ``DatabaseGate/runInline(deadline:_:)`` call, as its body sees it: the gate fires it (once) when the call's
/// deadline passes or the database is found down, and the body ends with the error it is given.
public final class GateAbort: TimedCall, @unchecked Sendable {
    private struct State {
        var handler: (@Sendable (any Error) -> Void)?
        var error: (any Error)?
        var finished = false
        var timer: Scheduled<Void>?
    }

    /// The gate that counts the call (none for an unguarded gate, which only keeps the deadline).
    let gate: DatabaseGate?
    let startedAt = ContinuousClock.now
    /// Set once, by the gate's admission, before anyone else sees the call.
    var id: UInt64 = 0
    private let state = Mutex(State())

    init(gate: DatabaseGate?) { self.gate = gate }

    var isFinished: Bool { state.withLock { $0.finished } }

    /// Calls `handler` with the gate's error when it ends the call; at once if it has already. Not called when the
    /// body finished first.
    public func onAbort(_ handler: @escaping @Sendable (any Error) -> Void) {
        let fired: (any Error)? = state.withLock { state in
            if let error = state.error { return error }
            if !state.finished { state.handler = handler }
            return nil
        }
        if let fired { handler(fired) }
    }

    func started(timer: Scheduled<Void>) {
        let finished = state.withLock { state in
            if !state.finished { state.timer = timer }
            return state.finished
        }
        if finished { timer.cancel() }
    }

    func rearm(_ timer: Scheduled<Void>) { started(timer: timer) }

    /// The deadline passed or the database is down: the body is told, and the call leaves the gate.
    func abort(_ error: any Error) {
        let taken: (handler: (@Sendable (any Error) -> Void)?, timer: Scheduled<Void>?)? = state.withLock { state in
            guard !state.finished else { return nil }
            state.finished = true
            state.error = error
            defer {
                state.handler = nil
                state.timer = nil
            }
            return (state.handler, state.timer)
        }
        guard let taken else { return }
        taken.timer?.cancel()
        gate?.remove(id, answered: false)
        taken.handler?(error)
    }

    /// The body returned or threw: the gate's error if it ended the call first, else nil (and the call leaves the gate).
    func complete(answered: Bool) -> (any Error)? {
        let taken: (error: (any Error)?, timer: Scheduled<Void>?) = state.withLock { state in
            if state.finished { return (state.error, nil) }
            state.finished = true
            defer {
                state.handler = nil
                state.timer = nil
            }
            return (nil, state.timer)
        }
        if let error = taken.error { return error }
        taken.timer?.cancel()
        gate?.remove(id, answered: answered)
        return nil
    }
}

/// One ``DatabaseGate/run(deadline:_:)``: whichever comes first (the body's result, the deadline, the gate going down,
/// the caller's cancellation) answers; the others find it finished. The body's task is cancelled when it lost.
private final class GateCall<T: Sendable>: TimedCall, @unchecked Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var early: Result<T, any Error>?
        var finished = false
        var task: Task<Void, Never>?
        var timer: Scheduled<Void>?
    }

    /// The gate that counts the call (none for a gate's own checks).
    let gate: DatabaseGate?
    let startedAt = ContinuousClock.now
    /// Set once, by the gate's admission, before anyone else sees the call.
    var id: UInt64 = 0
    private let state = Mutex(State())

    init(gate: DatabaseGate?) { self.gate = gate }

    var isFinished: Bool { state.withLock { $0.finished } }

    func install(_ continuation: CheckedContinuation<T, any Error>) {
        let early: Result<T, any Error>? = state.withLock { state in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    func started(_ task: Task<Void, Never>, timer: Scheduled<Void>) {
        let finished = state.withLock { state in
            if !state.finished {
                state.task = task
                state.timer = timer
            }
            return state.finished
        }
        if finished {
            task.cancel()
            timer.cancel()
        }
    }

    func rearm(_ timer: Scheduled<Void>) {
        let finished = state.withLock { state in
            if !state.finished { state.timer = timer }
            return state.finished
        }
        if finished { timer.cancel() }
    }

    func abort(_ error: any Error) { finish(.failure(error)) }

    /// Answers the caller with `result` unless something answered first; true when this was the answer.
    @discardableResult
    func finish(_ result: Result<T, any Error>) -> Bool {
        let taken:
            (first: Bool, continuation: CheckedContinuation<T, any Error>?, task: Task<Void, Never>?, timer: Scheduled<Void>?) =
                state.withLock { state in
                    guard !state.finished else { return (false, nil, nil, nil) }
                    state.finished = true
                    defer {
                        state.continuation = nil
                        state.task = nil
                        state.timer = nil
                    }
                    if state.continuation == nil { state.early = result }
                    return (true, state.continuation, state.task, state.timer)
                }
        guard taken.first else { return false }
        taken.timer?.cancel()
        if case .failure = result { taken.task?.cancel() }
        // counted before the caller goes on, so what it does next sees this answer
        gate?.remove(id, answered: DatabaseGate.answered(result))
        taken.continuation?.resume(with: result)
        return true
    }
}
