import CLibPQSpike
import Foundation
import PostgresNIO

// driver-spike postgresnio|connections|libpq SECONDS CONCURRENCY CONNECTIONS USER_ID
// Sends `SELECT id, email, name, role::text, created_at FROM users WHERE id = $1` (prepared) as fast as it can for
// SECONDS, CONCURRENCY queries in flight over CONNECTIONS connections, reading every row's values into Swift values,
// and prints one line: queries, queries/s, and this process's CPU (user + system) per query. The server comes from
// the usual PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE.

let sql = "SELECT id, email, name, role::text, created_at FROM users WHERE id = $1"

func cpuMicroseconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    func micro(_ t: timeval) -> Double { Double(t.tv_sec) * 1e6 + Double(t.tv_usec) }
    return micro(usage.ru_utime) + micro(usage.ru_stime)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("driver-spike: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count == 6, let seconds = Double(arguments[2]), let concurrency = Int(arguments[3]),
    let connections = Int(arguments[4]), let userID = UUID(uuidString: arguments[5]), connections > 0, concurrency >= connections
else { fail("usage: driver-spike postgresnio|connections|libpq SECONDS CONCURRENCY CONNECTIONS USER_ID") }
let env = ProcessInfo.processInfo.environment

func report(_ driver: String, queries: Int, elapsed: Double, cpu: Double) {
    print(
        String(
            format: "%-12@ %9d queries  %9.0f queries/s  %7.1f µs client CPU per query", driver as NSString, queries,
            Double(queries) / elapsed, cpu / Double(max(queries, 1))))
}

// MARK: PostgresNIO, as the services use it: a fixed pool, no keep-alive, CONCURRENCY tasks each awaiting its query.

struct FindUser: PostgresPreparedStatement {
    static let sql = """
        SELECT id, email, name, role::text, created_at FROM users WHERE id = $1
        """
    typealias Row = (UUID, String, String, String, Date)
    var id: UUID
    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(id)
        return bindings
    }
    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

func runPostgresNIO() async throws {
    var config = PostgresClient.Configuration(
        host: env["PGHOST"] ?? "127.0.0.1", port: Int(env["PGPORT"] ?? "") ?? 5432, username: env["PGUSER"] ?? "postgres",
        password: env["PGPASSWORD"], database: env["PGDATABASE"] ?? "postgres", tls: .disable)
    config.options.maximumConnections = connections
    config.options.minimumConnections = connections
    config.options.keepAliveBehavior = nil
    let client = PostgresClient(configuration: config)
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await client.run() }
        // warm up: every connection open and the statement prepared on it
        try await withThrowingTaskGroup(of: Void.self) { warm in
            for _ in 0..<concurrency { warm.addTask { for _ in 0..<20 { for try await _ in try await client.execute(FindUser(id: userID)) {} } } }
            try await warm.waitForAll()
        }
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        let start = Date()
        let cpu0 = cpuMicroseconds()
        let total = try await withThrowingTaskGroup(of: Int.self) { workers in
            for _ in 0..<concurrency {
                workers.addTask {
                    var count = 0
                    while ContinuousClock.now < deadline {
                        for try await row in try await client.execute(FindUser(id: userID)) { precondition(row.0 == userID) }
                        count += 1
                    }
                    return count
                }
            }
            return try await workers.reduce(0, +)
        }
        report("postgresnio", queries: total, elapsed: Date().timeIntervalSince(start), cpu: cpuMicroseconds() - cpu0)
        group.cancelAll()
    }
}

// MARK: PostgresNIO without the pool: CONNECTIONS `PostgresConnection`s, task i always on connection i % CONNECTIONS
// (each connection queues its tasks' queries and sends the next at each ReadyForQuery). Tells the pool's checkout
// apart from the connection's own cost.

/// Runs a task's jobs on a NIO event loop (Swift's task executor preference): the task that awaits a connection's
/// answer then wakes on the thread that read it.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    let loop: any EventLoop
    init(_ loop: any EventLoop) { self.loop = loop }
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

func runPostgresConnections(onTheirLoops: Bool) async throws {
    let config = PostgresConnection.Configuration(
        host: env["PGHOST"] ?? "127.0.0.1", port: Int(env["PGPORT"] ?? "") ?? 5432, username: env["PGUSER"] ?? "postgres",
        password: env["PGPASSWORD"], database: env["PGDATABASE"] ?? "postgres", tls: .disable)
    let logger = Logger(label: "driver-spike")
    var pool: [PostgresConnection] = []
    for id in 0..<connections { pool.append(try await PostgresConnection.connect(configuration: config, id: id, logger: logger)) }
    let lanes = pool
    for connection in lanes { for _ in 0..<20 { for try await _ in try await connection.execute(FindUser(id: userID), logger: logger) {} } }
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    let start = Date()
    let cpu0 = cpuMicroseconds()
    let total = try await withThrowingTaskGroup(of: Int.self) { workers in
        for index in 0..<concurrency {
            let connection = lanes[index % lanes.count]
            workers.addTask(executorPreference: onTheirLoops ? EventLoopTaskExecutor(connection.eventLoop) : nil) {
                var count = 0
                while ContinuousClock.now < deadline {
                    for try await row in try await connection.execute(FindUser(id: userID), logger: logger) { precondition(row.0 == userID) }
                    count += 1
                }
                return count
            }
        }
        return try await workers.reduce(0, +)
    }
    report(onTheirLoops ? "conn-on-loop" : "connections", queries: total, elapsed: Date().timeIntervalSince(start), cpu: cpuMicroseconds() - cpu0)
    for connection in lanes { try await connection.close() }
}

// MARK: libpq: nonblocking connections in pipeline mode on one thread, CONCURRENCY / CONNECTIONS queries in flight on
// each, a poll() loop reading results and sending the next query as each one's sync arrives.

final class Pipe {
    let conn: OpaquePointer
    var inFlight = 0
    init(_ conn: OpaquePointer) { self.conn = conn }
}

func runLibpq() {
    let conninfo = "host=\(env["PGHOST"] ?? "127.0.0.1") port=\(env["PGPORT"] ?? "5432") user=\(env["PGUSER"] ?? "postgres") dbname=\(env["PGDATABASE"] ?? "postgres")"
    var pipes: [Pipe] = []
    for _ in 0..<connections {
        guard let conn = PQconnectdb(conninfo), PQstatus(conn) == CONNECTION_OK else { fail("connect: \(conninfo)") }
        let prepared = PQprepare(conn, "find_user", sql, 1, nil)
        guard PQresultStatus(prepared) == PGRES_COMMAND_OK else { fail("prepare: \(String(cString: PQerrorMessage(conn)))") }
        PQclear(prepared)
        guard PQsetnonblocking(conn, 1) == 0, PQenterPipelineMode(conn) == 1 else { fail("pipeline mode") }
        pipes.append(Pipe(conn))
    }
    let parameter = strdup(userID.uuidString.lowercased())!
    defer { free(parameter) }
    func send(_ pipe: Pipe) {
        var values: [UnsafePointer<CChar>?] = [UnsafePointer(parameter)]
        guard PQsendQueryPrepared(pipe.conn, "find_user", 1, &values, nil, nil, 0) == 1, PQpipelineSync(pipe.conn) == 1 else {
            fail("send: \(String(cString: PQerrorMessage(pipe.conn)))")
        }
        pipe.inFlight += 1
    }
    var completed = 0
    var measuring = false
    var start = Date()
    var cpu0 = 0.0
    let warmUntil = Date().addingTimeInterval(1)
    var deadline = Date.distantFuture
    let depth = concurrency / connections
    for pipe in pipes {
        for _ in 0..<depth { send(pipe) }
        _ = PQflush(pipe.conn)
    }
    var fds = pipes.map { pollfd(fd: PQsocket($0.conn), events: Int16(POLLIN), revents: 0) }
    while pipes.contains(where: { $0.inFlight > 0 }) {
        for index in fds.indices { fds[index].events = Int16(POLLIN) | (PQflush(pipes[index].conn) == 1 ? Int16(POLLOUT) : 0) }
        guard poll(&fds, nfds_t(fds.count), 1000) >= 0 else { fail("poll") }
        let now = Date()
        if !measuring && now >= warmUntil {
            measuring = true
            start = now
            cpu0 = cpuMicroseconds()
            completed = 0
            deadline = now.addingTimeInterval(seconds)
        }
        for (index, pipe) in pipes.enumerated() where fds[index].revents != 0 {
            guard PQconsumeInput(pipe.conn) == 1 else { fail("consume: \(String(cString: PQerrorMessage(pipe.conn)))") }
            while pipe.inFlight > 0 && PQisBusy(pipe.conn) == 0 {
                guard let result = PQgetResult(pipe.conn) else { continue }  // the end of one query's results
                switch PQresultStatus(result) {
                case PGRES_TUPLES_OK:
                    for row in 0..<PQntuples(result) {
                        // read the values as the service would: id, email, name, role, created_at
                        let id = UUID(uuidString: String(cString: PQgetvalue(result, row, 0)))
                        precondition(id == userID)
                        _ = String(cString: PQgetvalue(result, row, 1))
                        _ = String(cString: PQgetvalue(result, row, 2))
                        _ = String(cString: PQgetvalue(result, row, 3))
                        _ = String(cString: PQgetvalue(result, row, 4))
                    }
                case PGRES_PIPELINE_SYNC:
                    pipe.inFlight -= 1
                    completed += 1
                    if now < deadline { send(pipe) }
                default:
                    fail("result: \(String(cString: PQresultErrorMessage(result)))")
                }
                PQclear(result)
            }
        }
    }
    report("libpq", queries: completed, elapsed: Date().timeIntervalSince(start), cpu: cpuMicroseconds() - cpu0)
    for pipe in pipes { PQfinish(pipe.conn) }
}

switch arguments[1] {
case "postgresnio": try await runPostgresNIO()
case "connections": try await runPostgresConnections(onTheirLoops: false)
case "conn-on-loop": try await runPostgresConnections(onTheirLoops: true)
case "libpq": runLibpq()
default: fail("driver must be postgresnio, connections or libpq")
}
