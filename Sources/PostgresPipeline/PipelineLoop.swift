import CLibPQ
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// The thread of a ``PipelinePool``: takes submitted queries, sends them, reads the answers, makes and remakes the
/// connections. Everything here runs on that one thread (no locks but the pool's submission queue).
final class PipelineLoop: @unchecked Sendable {
    let pool: PipelinePool
    let conninfo: String
    let logger: Logger
    let waitLimit: Duration
    let connectTimeout: Duration
    var connections: [PipelineConnection]
    /// Submitted queries no connection has taken yet, oldest first.
    var waiting: [PipelineRequest] = []
    /// The pool has had a query: from then on it keeps every connection made.
    var inUse = false
    /// The last reason a connection could not be made or broke (for the queries failed meanwhile).
    var lastError = "no connection to the database yet"
    /// A connection broke or could not be made, and none has been made since (logs the outage once).
    var failing = false

    init(pool: PipelinePool, conninfo: String, connections: Int, logger: Logger, waitLimit: Duration, connectTimeout: Duration = .seconds(3)) {
        self.pool = pool
        self.conninfo = conninfo
        self.logger = logger
        self.waitLimit = waitLimit
        self.connectTimeout = connectTimeout
        self.connections = (0..<connections).map { _ in PipelineConnection() }
    }

    func run() {
        var fds: [pollfd] = []
        var owners: [Int] = []
        var stopBy: ContinuousClock.Instant?
        while true {
            let now = ContinuousClock.now
            let (taken, stopping) = pool.shared.withLock { shared in
                defer { shared.submissions.removeAll(keepingCapacity: true) }
                return (shared.submissions, shared.stopping)
            }
            if !taken.isEmpty {
                inUse = true
                waiting.append(contentsOf: taken)
            }
            if stopping {
                for request in waiting { request.finish(.failure(PipelineError.shutDown)) }
                waiting.removeAll()
                let by = stopBy ?? now.advanced(by: waitLimit)
                stopBy = by
                if connections.allSatisfy({ $0.inFlight.isEmpty }) || now >= by { break }
            } else {
                connectWhereNeeded(now)
                dispatch()
            }
            expire(now)
            flush()

            fds.removeAll(keepingCapacity: true)
            owners.removeAll(keepingCapacity: true)
            fds.append(pollfd(fd: pool.wakeFD, events: Int16(POLLIN), revents: 0))
            owners.append(-1)
            for (index, connection) in connections.enumerated() {
                guard let pg = connection.pg else { continue }
                let socket = PQsocket(pg)
                guard socket >= 0 else { continue }
                var events: Int16 = 0
                switch connection.state {
                case .connecting(_, _, let polling):
                    events = polling == PGRES_POLLING_READING ? Int16(POLLIN) : Int16(POLLOUT)
                case .ready:
                    events = Int16(POLLIN) | (connection.flushPending ? Int16(POLLOUT) : 0)
                case .idle:
                    continue
                }
                fds.append(pollfd(fd: socket, events: events, revents: 0))
                owners.append(index)
            }
            // Sleep only when nothing was taken this turn and nothing is queued (a submission from now on wakes us);
            // while stopping, only answers are awaited. 100 ms at most: back-offs and limits are checked each turn.
            let sleep = taken.isEmpty && (stopping || pool.shared.withLock { shared in
                guard shared.submissions.isEmpty, !shared.stopping else { return false }
                shared.sleeping = true
                return true
            })
            let ready = poll(&fds, nfds_t(fds.count), sleep ? 100 : 0)
            if sleep && !stopping { pool.shared.withLock { $0.sleeping = false } }
            guard ready > 0 else { continue }
            if fds[0].revents != 0 {
                var drain = [UInt8](repeating: 0, count: 64)
                while Glibc.read(pool.wakeFD, &drain, drain.count) > 0 {}
            }
            for slot in 1..<fds.count where fds[slot].revents != 0 {
                service(connections[owners[slot]], revents: fds[slot].revents)
            }
        }
        for connection in connections { connection.close(failing: .shutDown, retryAt: nil) }
        let waiters = pool.shared.withLock { shared in
            shared.stopped = true
            defer { shared.stopWaiters.removeAll() }
            return shared.stopWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    // MARK: connections

    private func connectWhereNeeded(_ now: ContinuousClock.Instant) {
        guard inUse else { return }
        for connection in connections {
            guard case .idle(let retryAt) = connection.state, retryAt.map({ $0 <= now }) ?? true else { continue }
            guard let pg = PQconnectStart(conninfo) else {
                connectFailed(connection, "out of memory", now: now)
                continue
            }
            if PQstatus(pg) == CONNECTION_BAD {
                let message = PipelineConnection.message(of: pg)
                PQfinish(pg)
                connectFailed(connection, message, now: now)
                continue
            }
            // libpq: act as if PQconnectPoll had asked to wait for the socket to be writable.
            connection.state = .connecting(pg, since: now, polling: PGRES_POLLING_WRITING)
        }
    }

    private func advanceConnect(_ connection: PipelineConnection, now: ContinuousClock.Instant) {
        guard case .connecting(let pg, let since, _) = connection.state else { return }
        let status = PQconnectPoll(pg)
        switch status {
        case PGRES_POLLING_READING, PGRES_POLLING_WRITING:
            connection.state = .connecting(pg, since: since, polling: status)
        case PGRES_POLLING_OK:
            guard PQsetnonblocking(pg, 1) == 0, PQenterPipelineMode(pg) == 1 else {
                let message = PipelineConnection.message(of: pg)
                PQfinish(pg)
                connectFailed(connection, message, now: now)
                return
            }
            connection.state = .ready(pg)
            connection.failures = 0
            if failing {
                failing = false
                logger.info("pipelined connection to the database made again", metadata: ["database": "\(pool.name)"])
            }
        default:
            let message = PipelineConnection.message(of: pg)
            PQfinish(pg)
            connectFailed(connection, message, now: now)
        }
    }

    private func connectFailed(_ connection: PipelineConnection, _ message: String, now: ContinuousClock.Instant) {
        connection.failures += 1
        // 50 ms, doubling, at most 2 s between attempts while the server refuses.
        let delay = Duration.milliseconds(min(2000, 50 << min(connection.failures - 1, 6)))
        connection.state = .idle(retryAt: now.advanced(by: delay))
        noteFailure(message)
        // The queries waiting have waited through a failed attempt: with no connection up they fail now, not after
        // the wait limit (attempts of several connections overlap, so one is nearly always under way).
        if !connections.contains(where: \.isReady) {
            for request in waiting { request.finish(.failure(PipelineError.connection(message))) }
            waiting.removeAll()
        }
    }

    /// A connection that broke is made again at once (with the next query: a server that restarted answers, one that
    /// is down refuses, and the back-off starts).
    private func broken(_ connection: PipelineConnection, _ error: PipelineError, reason: String) {
        connection.close(failing: error, retryAt: nil)
        noteFailure(reason)
    }

    private func noteFailure(_ message: String) {
        lastError = message
        if !failing {
            failing = true
            logger.warning("pipelined connection to the database failed", metadata: ["database": "\(pool.name)", "error": "\(message)"])
        }
    }

    // MARK: sending

    private func dispatch() {
        if waiting.isEmpty { return }
        var sent = 0
        for request in waiting {
            if request.isFinished {
                sent += 1
                continue
            }
            var best: PipelineConnection?
            for connection in connections where connection.isReady && (best.map { connection.load < $0.load } ?? true) {
                best = connection
            }
            guard let best else { break }
            send(request, on: best)
            sent += 1
        }
        waiting.removeFirst(sent)
        // Nothing to wait for: no connection is up and none is being made (the server refuses); an outage, at once.
        if !waiting.isEmpty && !connections.contains(where: { $0.isReady || $0.isConnecting }) {
            for request in waiting { request.finish(.failure(PipelineError.connection(lastError))) }
            waiting.removeAll()
        }
    }

    private func send(_ request: PipelineRequest, on connection: PipelineConnection) {
        guard case .ready(let pg) = connection.state else { return }
        let now = ContinuousClock.now
        let statement = request.statement
        if !connection.prepared.contains(statement.name) && !connection.preparing.contains(statement.name) {
            guard PQsendPrepare(pg, statement.name, statement.sql, 0, nil) == 1 else {
                waiting.append(request)  // another connection, or the next one, takes it
                broken(connection, .connection(PipelineConnection.message(of: pg)), reason: PipelineConnection.message(of: pg))
                return
            }
            connection.preparing.insert(statement.name)
            connection.inFlight.append(.init(kind: .prepare(statement.name), sent: now))
        }
        // One buffer for every value; a pointer per value (never NULL: libpq reads a NULL pointer as SQL NULL).
        var bytes: [UInt8] = []
        var lengths: [Int32] = []
        for value in request.parameters {
            lengths.append(Int32(value.count))
            bytes.append(contentsOf: value)
        }
        bytes.append(0)
        let count = Int32(request.parameters.count)
        let formats = [Int32](repeating: 1, count: request.parameters.count)
        let queued = bytes.withUnsafeBufferPointer { buffer -> Bool in
            var values: [UnsafePointer<CChar>?] = []
            var offset = 0
            let base = UnsafeRawPointer(buffer.baseAddress!)
            for length in lengths {
                values.append((base + offset).assumingMemoryBound(to: CChar.self))
                offset += Int(length)
            }
            return PQsendQueryPrepared(pg, statement.name, count, values, lengths, formats, 1) == 1 && PQpipelineSync(pg) == 1
        }
        guard queued else {
            let message = PipelineConnection.message(of: pg)
            request.finish(.failure(PipelineError.connection(message)))
            broken(connection, .connection(message), reason: message)
            return
        }
        connection.inFlight.append(.init(kind: .query(request), sent: now))
        connection.flushPending = true
    }

    private func flush() {
        for connection in connections where connection.flushPending {
            guard case .ready(let pg) = connection.state else { continue }
            switch PQflush(pg) {
            case 0: connection.flushPending = false
            case 1: break  // the socket is full: poll for POLLOUT
            default:
                let message = PipelineConnection.message(of: pg)
                broken(connection, .connection(message), reason: message)
            }
        }
    }

    // MARK: receiving

    private func service(_ connection: PipelineConnection, revents: Int16) {
        let now = ContinuousClock.now
        switch connection.state {
        case .idle:
            return
        case .connecting:
            advanceConnect(connection, now: now)
        case .ready(let pg):
            guard PQconsumeInput(pg) == 1 else {
                let message = PipelineConnection.message(of: pg)
                broken(connection, .connection(message), reason: message)
                return
            }
            read(connection, pg)
            if connection.isReady, PQstatus(pg) == CONNECTION_BAD {
                let message = PipelineConnection.message(of: pg)
                broken(connection, .connection(message), reason: message)
            }
        }
    }

    /// Every complete answer libpq has read, each to the command it answers.
    ///
    /// libpq ends each command's results with a NULL. A NULL before the head command has any result is not taken
    /// as the end of the reading at once: while libpq says it is not busy, the next answers may already sit in its
    /// buffer, and no more bytes would arrive on the socket to wake the loop for them. Two NULLs in a row mean that
    /// nothing complete is left.
    private func read(_ connection: PipelineConnection, _ pg: OpaquePointer) {
        var nulls = 0
        while !connection.inFlight.isEmpty && PQisBusy(pg) == 0 {
            guard let result = PQgetResult(pg) else {
                nulls += 1
                // The end of the head command's results, or libpq moving on to the next command.
                guard connection.inFlight[0].outcome != nil, !connection.inFlight[0].commandEnded else {
                    if nulls >= 2 { break }
                    continue
                }
                if case .prepare(let name) = connection.inFlight[0].kind {
                    let entry = connection.inFlight.removeFirst()
                    connection.preparing.remove(name)
                    if case .failed(let error) = entry.outcome {
                        connection.prepareErrors[name] = error
                    } else {
                        connection.prepared.insert(name)
                        connection.prepareErrors[name] = nil
                    }
                } else {
                    connection.inFlight[0].commandEnded = true
                }
                continue
            }
            nulls = 0
            let status = PQresultStatus(result)
            if status == PGRES_PIPELINE_SYNC {
                PQclear(result)
                let entry = connection.inFlight.removeFirst()
                guard case .query(let request) = entry.kind else {
                    broken(connection, .connection("the database's answers are out of order"), reason: "answers out of order")
                    return
                }
                switch entry.outcome {
                case .rows(let rows)?: request.finish(.success(rows))
                case .failed(let error)?: request.finish(.failure(error))
                case .done?, nil: request.finish(.failure(PipelineError.connection("the database sent no answer for a query")))
                }
                continue
            }
            let statementName: String
            switch connection.inFlight[0].kind {
            case .prepare(let name): statementName = name
            case .query(let request): statementName = request.statement.name
            }
            let outcome: PipelineConnection.InFlight.Outcome
            switch status {
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
                if case .query = connection.inFlight[0].kind {
                    outcome = .rows(PipelineRows(result: .init(result)))
                } else {
                    PQclear(result)
                    outcome = .done
                }
            case PGRES_PIPELINE_ABORTED:
                PQclear(result)
                outcome = .failed(connection.prepareErrors[statementName] ?? .connection("the query was not run: an earlier command failed"))
            default:
                var error = PipelineConnection.error(of: result, connection: pg)
                PQclear(result)
                // 26000: the statement's Parse failed (sent with an earlier query); its reason is the answer.
                if error.sqlState == "26000", let cause = connection.prepareErrors[statementName] { error = cause }
                outcome = .failed(error)
            }
            connection.inFlight[0].outcome = outcome
        }
    }

    // MARK: limits

    private func expire(_ now: ContinuousClock.Instant) {
        if !waiting.isEmpty {
            waiting.removeAll { request in
                if request.isFinished { return true }
                guard request.submitted.duration(to: now) > waitLimit else { return false }
                request.finish(.failure(PipelineError.timedOut))
                return true
            }
        }
        for connection in connections {
            switch connection.state {
            case .connecting(let pg, let since, _) where since.duration(to: now) > connectTimeout:
                PQfinish(pg)
                connectFailed(connection, "no answer within \(connectTimeout) while connecting", now: now)
            case .ready where connection.inFlight.first.map({ $0.sent.duration(to: now) > waitLimit }) ?? false:
                // A server that stopped answering (hung, or a peer gone without a reset): start again.
                broken(connection, .timedOut, reason: "no answer within \(waitLimit)")
            default:
                break
            }
        }
    }
}
