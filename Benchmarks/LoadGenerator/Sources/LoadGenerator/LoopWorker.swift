import LoadGeneratorCore
import NIOCore

/// What every worker shares, fixed before the run.
struct Plan: Sendable {
    /// Resolved once: a name lookup per connection would run getaddrinfo again on every reconnect.
    var address: SocketAddress
    var routes: [Route]
    var rate: Double
    var arrival: ArrivalProcess
    var seed: UInt64
    var warmup: Int64       // ns: arrivals before this are sent but not recorded
    var duration: Int64     // ns: the measured window after the warm-up
    var timeout: TimeAmount
    var drain: Int64        // ns after the last arrival before what is left is given up
    var loops: Int
}

/// The share of the run one event loop carries: its part of the arrival schedule, its connections, its queue of
/// requests waiting for a connection, and the samples it recorded. Each worker is confined to its loop (created
/// there, driven by that loop's timers and its connections' events), so nothing here needs a lock; `@unchecked
/// Sendable` only lets the loop's callbacks capture it.
final class LoopWorker: @unchecked Sendable {
    let loop: EventLoop
    let plan: Plan
    private var schedule: ArrivalSchedule
    private var picker: RoutePicker
    private var start: Int64 = 0          // uptime ns of arrival time 0
    private var nextArrival: Int64 = 0
    private var queue = FIFO<Pending>()
    private var idle: [Connection] = []
    private var connections: [Connection] = []
    private var readyWaiters: (count: Int, promise: EventLoopPromise<Void>)?
    private var ready = 0
    private var schedulingDone = false
    private let finished: EventLoopPromise<Void>

    private(set) var samples: [Sample] = []
    private(set) var lateness: [Int64] = []
    /// Per route, the statuses of the warm-up's answers (0: no answer).
    private(set) var warmupStatuses: [[UInt16: Int]]
    /// Answers (to any request) by the second of the measured window they arrived in.
    private(set) var answersPerSecond: [Int]
    var connectionsOpened = 0
    var connectFailures = 0
    private(set) var stopping = false

    init(loop: EventLoop, plan: Plan, index: Int) {
        self.loop = loop
        self.plan = plan
        schedule = ArrivalSchedule(process: plan.arrival, rate: plan.rate, loops: plan.loops, loop: index, seed: plan.seed)
        picker = RoutePicker(weights: plan.routes.map(\.weight), variantCounts: plan.routes.map(\.variants.count),
                             loops: plan.loops, loop: index, seed: plan.seed)
        finished = loop.makePromise()
        warmupStatuses = Array(repeating: [:], count: plan.routes.count)
        answersPerSecond = Array(repeating: 0, count: Int((Double(plan.duration) / 1e9).rounded(.up)))
        samples.reserveCapacity(Int(Double(plan.duration) / 1e9 * plan.rate / Double(plan.loops) * 1.1))
    }

    /// Opens `count` connections; the future succeeds when all are up.
    func open(_ count: Int) -> EventLoopFuture<Void> {
        loop.preconditionInEventLoop()
        let promise = loop.makePromise(of: Void.self)
        readyWaiters = (count, promise)
        for _ in 0..<count {
            let connection = Connection(worker: self)
            connections.append(connection)
            connection.connect()
        }
        if count == 0 { promise.succeed() }
        return promise.futureResult
    }

    /// Starts sending at uptime `start` (ns); the future succeeds when every request was answered or given up.
    func run(start: Int64) -> EventLoopFuture<Void> {
        loop.preconditionInEventLoop()
        self.start = start
        nextArrival = schedule.next()
        arm()
        // The drain bound: whatever is still waiting then is recorded as unfinished.
        let giveUp = start + plan.warmup + plan.duration + plan.drain
        loop.scheduleTask(deadline: .uptimeNanoseconds(UInt64(giveUp))) { self.abandon() }
        return finished.futureResult
    }

    private var end: Int64 { plan.warmup + plan.duration }

    private func arm() {
        guard nextArrival < end else {
            schedulingDone = true
            checkFinished()
            return
        }
        loop.scheduleTask(deadline: .uptimeNanoseconds(UInt64(start + nextArrival))) { self.fire() }
    }

    /// Queues every request whose time has come, hands them to idle connections, and sets the timer for the next.
    private func fire() {
        guard !stopping else { return }
        let now = Int64(NIODeadline.now().uptimeNanoseconds) - start
        if now >= nextArrival { lateness.append(now - nextArrival) }
        while nextArrival <= now && nextArrival < end {
            let (route, variant) = picker.next()
            queue.append(Pending(route: route, variant: variant, scheduled: nextArrival))
            nextArrival = schedule.next()
        }
        dispatch()
        arm()
    }

    private func dispatch() {
        while !queue.isEmpty, let connection = idle.popLast() {
            let request = queue.popFirst()!
            connection.send(request, template: plan.routes[request.route].variants[request.variant])
        }
    }

    // Connections report here.

    func connectionReady(_ connection: Connection) {
        if stopping {
            connection.drop()
            return
        }
        if let waiters = readyWaiters {
            ready += 1
            if ready == waiters.count {
                readyWaiters = nil
                waiters.promise.succeed()
            }
        }
        connectionIdle(connection)
    }

    func connectionIdle(_ connection: Connection) {
        if stopping {
            connection.drop()
            return
        }
        idle.append(connection)
        dispatch()
        checkFinished()
    }

    func forgetIdle(_ connection: Connection) {
        if let i = idle.firstIndex(where: { $0 === connection }) { idle.remove(at: i) }
    }

    func complete(_ request: Pending, outcome: Outcome, status: UInt16) {
        let now = Int64(NIODeadline.now().uptimeNanoseconds) - start
        record(request, outcome: outcome, status: status, latency: now - request.scheduled)
        if outcome == .expected || outcome == .unexpectedStatus, now >= plan.warmup {
            let second = Int((now - plan.warmup) / 1_000_000_000)
            if second < answersPerSecond.count { answersPerSecond[second] += 1 }
        }
        checkFinished()
    }

    private func record(_ request: Pending, outcome: Outcome, status: UInt16, latency: Int64) {
        guard request.scheduled >= plan.warmup else {
            warmupStatuses[request.route][status, default: 0] += 1
            return
        }
        samples.append(Sample(route: UInt16(request.route), outcome: outcome, status: status,
                              scheduled: request.scheduled - plan.warmup, latency: latency))
    }

    private func checkFinished() {
        guard schedulingDone, !stopping, queue.isEmpty, !connections.contains(where: \.isBusy) else { return }
        stop()
    }

    /// The drain time is over: everything still queued or in flight is recorded as unfinished.
    private func abandon() {
        guard !stopping else { return }
        let now = Int64(NIODeadline.now().uptimeNanoseconds) - start
        for request in queue.drain() + connections.compactMap({ $0.abandon() }) {
            record(request, outcome: .unfinished, status: 0, latency: now - request.scheduled)
        }
        stop()
    }

    /// Ends the run at once (the pool could not be opened): nothing more is sent or retried.
    func shutdown() {
        if !stopping { stop() }
    }

    private func stop() {
        stopping = true
        for connection in connections { _ = connection.abandon() }
        idle.removeAll()
        if let waiters = readyWaiters {
            readyWaiters = nil
            waiters.promise.fail(ChannelError.ioOnClosedChannel)
        }
        finished.succeed()
    }
}
