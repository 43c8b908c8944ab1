import CLibPQ
import Foundation
import Logging
import NIOPosix
import PostgresNIO
@testable import PostgresPipeline
import ServiceCore
import Synchronization
import Testing
import TestSupport

/// The libpq pipeline (``PipelinePool``) against a real PostgreSQL: answers decoded as PostgresNIO decodes them, each
/// query its own answer under concurrency, server errors that fail only their query and are classified as
/// PostgresNIO's are, statements prepared lazily (so a missing table is an error, and works once created), lost
/// connections failing their queries as an outage and coming back, a refusing or silent server failing queries
/// instead of hanging, cancellation, and shutdown.
@Suite(.tags(.timed)) struct PipelinePoolTests {
    static func pool(_ settings: DatabaseSettings, connections: Int = 2, waitLimit: Duration = .seconds(10)) throws -> PipelinePool {
        let conninfo = try #require(settings.pipelineConninfo)
        return PipelinePool(
            conninfo: conninfo, connections: connections, name: settings.database, logger: TestDatabase.logger,
            waitLimit: waitLimit, connectTimeout: .seconds(1), onEventLoops: true)
    }

    /// Runs each statement of `sql` (separated by `;\n`).
    static func run(_ settings: DatabaseSettings, _ sql: String) async throws {
        try await PostgresClient.withClient(settings, logger: TestDatabase.logger) { client in
            for statement in sql.split(separator: ";\n") {
                try await client.run(PostgresQuery(unsafeSQL: String(statement)), logger: TestDatabase.logger)
            }
        }
    }

    /// Waits (up to 10 s) until `count` of the pool's backends are running a query (or, with `active` false, are
    /// connected), and says whether they were.
    static func awaitActive(
        _ settings: DatabaseSettings, count: Int, active: Bool = true, also condition: @Sendable () -> Bool = { true }
    ) async throws -> Bool {
        try await PostgresClient.withClient(settings, logger: TestDatabase.logger) { client in
            for _ in 0..<200 {
                let found = try await client.values(
                    """
                    SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pipeline' AND datname = current_database()
                    AND (state = 'active' OR NOT \(active))
                    """, as: Int.self, logger: TestDatabase.logger
                ).first
                if found == count && condition() { return true }
                try await Task.sleep(for: .milliseconds(50))
            }
            return false
        }
    }

    /// Where a test's queries come from: a task on Swift's global executor (the pool's thread answers them) or a task
    /// on a NIO event loop (that loop's own connection does, ``LoopConnection``).
    enum Path: String, Sendable, CustomTestStringConvertible {
        case thread, loop
        var testDescription: String { rawValue }
    }

    /// Runs `body` as `path` says; `loop` picks one of the singleton group's event loops.
    static func on<T: Sendable>(_ path: Path, loop: Int = 0, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await task(path, loop: loop, body).value
    }

    static func task<T: Sendable>(_ path: Path, loop: Int = 0, _ body: @escaping @Sendable () async throws -> T) -> Task<T, any Error> {
        switch path {
        case .thread:
            return Task { try await body() }
        case .loop:
            let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator())
            return Task(executorPreference: EventLoopTaskExecutor(loops[loop % loops.count])) {
                // on the loop's thread: the pool sends through that loop's connection
                #expect(MultiThreadedEventLoopGroup.currentEventLoop === loops[loop % loops.count])
                return try await body()
            }
        }
    }

    static let double = PipelineStatement(name: "double", sql: "SELECT $1::int8 * 2, $2::text || '!'")

    @Test(arguments: [Path.thread, .loop]) func answersDecodeAsPostgresNIODecodesThem(path: Path) async throws {
        try await TestDatabase.with { settings in
            try await Self.run(settings, """
                CREATE TABLE cells (id uuid PRIMARY KEY, label text NOT NULL, code varchar(8), flag bool NOT NULL,
                    at timestamptz NOT NULL, small int2 NOT NULL, count int4 NOT NULL, big int8 NOT NULL);
                INSERT INTO cells VALUES
                    (gen_random_uuid(), 'ünïcode ✓', NULL, true, '2026-12-06 17:45:12.345678+00', -3, 2147483647, -9223372036854775807),
                    (gen_random_uuid(), '', 'x', false, '1999-12-31 23:59:59.999999+00', 0, -1, 0)
                """)
            let pool = try Self.pool(settings)
            defer { Task { await pool.shutdown() } }
            typealias Row = (UUID, String, String?, Bool, Date, Int32, Int32, Int64)
            let expected = try await PostgresClient.withClient(settings, logger: TestDatabase.logger) { client in
                try await client.values(
                    "SELECT id, label, code, flag, at, small::int4, count, big FROM cells ORDER BY label DESC", as: Row.self,
                    logger: TestDatabase.logger)
            }
            let statement = PipelineStatement(name: "cells", sql: "SELECT id, label, code, flag, at, small, count, big FROM cells WHERE id = $1")
            for row in expected {
                let rows = try await Self.on(path) { try await pool.query(statement, [.uuid(row.0)]) }
                #expect(rows.count == 1 && rows.columns == 8)
                #expect(try rows.decode(UUID.self, row: 0, column: 0) == row.0)
                #expect(try rows.decode(String.self, row: 0, column: 1) == row.1)
                #expect(try rows.decode(String?.self, row: 0, column: 2) == row.2)
                #expect(try rows.decode(Bool.self, row: 0, column: 3) == row.3)
                #expect(try rows.decode(Date.self, row: 0, column: 4) == row.4)
                #expect(try rows.decode(Int32.self, row: 0, column: 5) == row.5)
                #expect(try rows.decode(Int32.self, row: 0, column: 6) == row.6)
                #expect(try rows.decode(Int64.self, row: 0, column: 7) == row.7)
                // a reader that disagrees with the query is an error, not a wrong value
                #expect(throws: PipelineDecodingError.self) { try rows.decode(Int32.self, row: 0, column: 1) }
                #expect(throws: PipelineDecodingError.self) { try rows.decode(String.self, row: 0, column: 0) }
                #expect(throws: PipelineDecodingError.self) { try rows.decode(String.self, row: 1, column: 0) }
            }
            #expect(try await Self.on(path) { try await pool.query(statement, [.uuid(UUID())]) }.count == 0)
            let nullID = expected.first { $0.2 == nil }!.0
            let nulls = try await Self.on(path) { try await pool.query(statement, [.uuid(nullID)]) }
            #expect(throws: PipelineDecodingError.self) { try nulls.decode(String.self, row: 0, column: 2) }
        }
    }

    @Test(arguments: [Path.thread, .loop]) func concurrentQueriesEachGetTheirOwnAnswer(path: Path) async throws {
        try await TestDatabase.with { settings in
            let pool = try Self.pool(settings, connections: 3)
            defer { Task { await pool.shutdown() } }
            let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
                for worker in 0..<32 {
                    group.addTask {
                        try await Self.on(path, loop: worker) {
                            var wrong = 0
                            for n in stride(from: worker, to: 4000, by: 32) {
                                let rows = try await pool.query(Self.double, [.int64(Int64(n)), .text("n\(n)")])
                                if try rows.decode(Int64.self, row: 0, column: 0) != Int64(2 * n) { wrong += 1 }
                                if try rows.decode(String.self, row: 0, column: 1) != "n\(n)!" { wrong += 1 }
                            }
                            return wrong
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(mismatches == 0)
            // the pool's three connections, or one per event loop, no more
            let backends = try await PostgresClient.withClient(settings, logger: TestDatabase.logger) { client in
                try await client.values(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pipeline' AND datname = current_database()",
                    as: Int.self, logger: TestDatabase.logger
                ).first
            }
            #expect(backends == (path == .thread ? 3 : Array(MultiThreadedEventLoopGroup.singleton.makeIterator()).count))
        }
    }

    @Test(arguments: [Path.thread, .loop]) func serverErrorsFailOnlyTheirQueryAndAreClassified(path: Path) async throws {
        try await TestDatabase.with { settings in
            let pool = try Self.pool(settings, connections: 1)
            defer { Task { await pool.shutdown() } }
            let divide = PipelineStatement(name: "divide", sql: "SELECT 100 / $1::int4")
            let echo = PipelineStatement(name: "echo", sql: "SELECT $1::text")
            let outcomes = try await withThrowingTaskGroup(of: (Int, DatabaseFailure?).self) { group in
                for n in 0..<300 {
                    group.addTask {
                        do {
                            try await Self.on(path, loop: n) {
                                switch n % 3 {
                                case 0: _ = try await pool.query(divide, [.int32(0)])
                                case 1: _ = try await pool.query(echo, [.text("nul \u{0} byte")])
                                default:
                                    let rows = try await pool.query(divide, [.int32(4)])
                                    #expect(try rows.decode(Int32.self, row: 0, column: 0) == 25)
                                }
                            }
                            return (n, nil)
                        } catch {
                            return (n, DatabaseFailure.classify(error))
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for (n, failure) in outcomes {
                switch n % 3 {
                case 0: #expect(failure == .invalidInput(type: "value_error", message: "A value in the request is not valid for its field"), "\(n)")
                case 1: #expect(failure == .invalidInput(type: "string_type", message: "Text must be valid UTF-8 and must not contain NUL (\\u0000) characters"), "\(n)")
                default: #expect(failure == nil, "query \(n) failed: \(String(describing: failure))")
                }
            }
            #expect(outcomes.count == 300)
        }
    }

    @Test(arguments: [Path.thread, .loop]) func aStatementOnAMissingTableFailsUntilTheTableExists(path: Path) async throws {
        try await TestDatabase.with { settings in
            let pool = try Self.pool(settings, connections: 1)
            defer { Task { await pool.shutdown() } }
            let later = PipelineStatement(name: "later", sql: "SELECT name FROM later WHERE id = $1")
            // several at once: one carries the Parse, the others count on it
            let states = await withTaskGroup(of: String?.self) { group in
                for _ in 0..<5 {
                    group.addTask {
                        do {
                            _ = try await Self.on(path) { try await pool.query(later, [.int32(1)]) }
                            return nil
                        } catch {
                            return PostgresErrorText.sqlState(error)
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(states == Array(repeating: "42P01", count: 5), "undefined table, each: \(states)")
            try await Self.run(settings, "CREATE TABLE later (id int PRIMARY KEY, name text);\nINSERT INTO later VALUES (1, 'here')")
            let rows = try await Self.on(path) { try await pool.query(later, [.int32(1)]) }
            #expect(try rows.decode(String.self, row: 0, column: 0) == "here")
        }
    }

    @Test(arguments: [Path.thread, .loop]) func lostConnectionsFailTheirQueriesAsAnOutageAndComeBack(path: Path) async throws {
        try await TestDatabase.with { settings in
            let pool = try Self.pool(settings, connections: 2)
            defer { Task { await pool.shutdown() } }
            let sleep = PipelineStatement(name: "sleep", sql: "SELECT pg_sleep($1::int4 / 1000.0)::text")
            _ = try await Self.on(path, loop: 0) { try await pool.query(sleep, [.int32(0)]) }
            _ = try await Self.on(path, loop: 1) { try await pool.query(sleep, [.int32(0)]) }
            // both connections made (the first query may find one still connecting and take the other)
            #expect(try await Self.awaitActive(settings, count: 2, active: false), "the pool never had two connections")
            let submitted = SubmittedCount()
            let inFlight = Task {
                await withTaskGroup(of: DatabaseFailure?.self) { group in
                    for n in 0..<6 {
                        group.addTask {
                            do {
                                submitted.value.withLock { $0 += 1 }
                                _ = try await Self.on(path, loop: n) { try await pool.query(sleep, [.int32(30_000)]) }
                                return nil
                            } catch {
                                return DatabaseFailure.classify(error) ?? .invalidInput(type: "unclassified", message: "\(error)")
                            }
                        }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
            }
            // every query submitted, both backends busy with the first of theirs (a loaded machine schedules slowly)
            let busy = try await Self.awaitActive(settings, count: 2) { submitted.value.withLock { $0 } == 6 }
            #expect(busy, "the pool's two backends never both ran a query")
            try await Task.sleep(for: .milliseconds(300))
            let started = ContinuousClock.now
            try await Self.run(
                settings,
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pipeline' AND datname = current_database()")
            let failures = await inFlight.value
            #expect(started.duration(to: .now) < .seconds(4), "answered when the connections broke, not after the sleep")
            #expect(failures == Array(repeating: .unavailable, count: 6), "\(failures)")
            // the next query finds a new connection
            let rows = try await Self.on(path) { try await pool.query(Self.double, [.int64(21), .text("back")]) }
            #expect(try rows.decode(Int64.self, row: 0, column: 0) == 42)
        }
    }

    @Test(arguments: [Path.thread, .loop]) func aRefusingOrSilentServerFailsQueriesInsteadOfHanging(path: Path) async throws {
        let admin = try TestDatabase.admin()
        var refused = admin
        refused.port = ProcessRunner.freePort()  // nothing listens there
        let silent = try SilentListener()
        defer { silent.close() }
        var hung = admin
        hung.port = silent.port
        for settings in [refused, hung] {
            let pool = try Self.pool(settings, connections: 2, waitLimit: .seconds(10))
            for attempt in 0..<3 {
                let started = ContinuousClock.now
                await #expect(throws: PipelineError.self) { _ = try await Self.on(path) { try await pool.query(Self.double, [.int64(1), .text("")]) } }
                do {
                    _ = try await Self.on(path) { try await pool.query(Self.double, [.int64(1), .text("")]) }
                } catch {
                    #expect(DatabaseFailure.classify(error) == .unavailable, "port \(settings.port), attempt \(attempt): \(error)")
                }
                // refused: at once; silent: the connect timeout (1 s, twice at most), never the 10 s wait limit (with
                // room for a loaded machine)
                #expect(started.duration(to: .now) < .seconds(8), "port \(settings.port), attempt \(attempt)")
            }
            await pool.shutdown()
        }
    }

    /// Runs `body` while another session holds advisory lock 42: a pipelined `pg_advisory_lock(42)` waits until
    /// `body` returns (no timing to guess on a loaded machine).
    static func holdingLock(_ settings: DatabaseSettings, _ body: @Sendable () async throws -> Void) async throws {
        try await PostgresClient.withClient(settings, logger: TestDatabase.logger) { client in
            try await client.withConnection { holder in
                for try await _ in try await holder.query("SELECT pg_advisory_lock(42)", logger: TestDatabase.logger) {}
                do {
                    try await body()
                } catch {
                    for try await _ in try await holder.query("SELECT pg_advisory_unlock_all()", logger: TestDatabase.logger) {}
                    throw error
                }
                for try await _ in try await holder.query("SELECT pg_advisory_unlock_all()", logger: TestDatabase.logger) {}
            }
        }
    }

    /// Waits for lock 42 and lets it go with its transaction (each pipelined query is one).
    static let waitForLock = PipelineStatement(name: "wait_for_lock", sql: "SELECT pg_advisory_xact_lock($1::int8)::text")

    @Test(arguments: [Path.thread, .loop]) func aCancelledQueryIsAnsweredAtOnceAndThePoolGoesOn(path: Path) async throws {
        try await TestDatabase.with { settings in
            let pool = try Self.pool(settings, connections: 1)
            defer { Task { await pool.shutdown() } }
            try await Self.holdingLock(settings) {
                let blocked = Self.task(path) { try await pool.query(Self.waitForLock, [.int64(42)]) }
                let reached = try await Self.awaitActive(settings, count: 1)
                #expect(reached, "the query never reached the server")
                let started = ContinuousClock.now
                blocked.cancel()
                await #expect(throws: CancellationError.self) { _ = try await blocked.value }
                // at once, not when the lock is released (a loaded machine may take a moment)
                #expect(started.duration(to: .now) < .seconds(5))
            }
            // the cancelled query's answer is read and dropped; the next gets its own
            let rows = try await Self.on(path) { try await pool.query(Self.double, [.int64(5), .text("after")]) }
            #expect(try rows.decode(String.self, row: 0, column: 1) == "after!")
        }
    }

    /// A query run inline under a gate (``DatabaseGate/runInline``): the gate's deadline answers it at once with
    /// ``TimeoutError`` while the server still holds it, and the pool goes on (its answer is read and dropped).
    @Test(arguments: [Path.thread, .loop]) func aGateDeadlineAnswersAnInlineQueryAtOnce(path: Path) async throws {
        try await TestDatabase.with { settings in
            let pool = try Self.pool(settings, connections: 1)
            defer { Task { await pool.shutdown() } }
            let gate = DatabaseGate(
                name: "pipeline", logger: TestDatabase.logger, timing: .init(suspectAfter: .seconds(30)), checkServer: {},
                checkPool: {})
            try await Self.holdingLock(settings) {
                let started = ContinuousClock.now
                await #expect(throws: TimeoutError.self) {
                    try await Self.on(path) {
                        try await gate.runInline(deadline: .milliseconds(300)) { abort in
                            try await pool.query(Self.waitForLock, [.int64(42)], abortedBy: abort)
                        }
                    }
                }
                // at the deadline, not when the lock is released (a loaded machine may take a moment)
                #expect(started.duration(to: .now) < .seconds(5))
                let held = try await Self.awaitActive(settings, count: 1)
                #expect(held, "the query never reached the server")
            }
            let rows = try await Self.on(path) {
                try await gate.runInline(deadline: .seconds(10)) { abort in
                    try await pool.query(Self.double, [.int64(5), .text("after")], abortedBy: abort)
                }
            }
            #expect(try rows.decode(String.self, row: 0, column: 1) == "after!")
            #expect(gate.isAvailable)
        }
    }

    @Test(arguments: [Path.thread, .loop]) func shutdownAnswersQueriesInFlightThenRefusesNewOnes(path: Path) async throws {
        try await TestDatabase.with { settings in
            let pool = try Self.pool(settings, connections: 1, waitLimit: .seconds(60))
            let blocked = BlockedQuery()
            try await Self.holdingLock(settings) {
                blocked.task.withLock { $0 = Self.task(path) { try await pool.query(Self.waitForLock, [.int64(42)]) } }
                let reached = try await Self.awaitActive(settings, count: 1)
                #expect(reached, "the query never reached the server")
                let stopping = Task { await pool.shutdown() }
                // new queries are refused once the shutdown has begun (sent before, one would queue behind the
                // blocked query), while the one in flight still waits
                while !pool.shared.withLock({ $0.stopping }) { try await Task.sleep(for: .milliseconds(10)) }
                do {
                    _ = try await Self.on(path) { try await pool.query(Self.double, [.int64(1), .text("")]) }
                    Issue.record("a query sent during the shutdown was answered")
                } catch {
                    #expect(DatabaseFailure.classify(error) == .unavailable && error is PipelineError, "\(error)")
                }
                _ = stopping
            }
            // the lock released: the query in flight is answered, then the shutdown completes
            let answer = try #require(blocked.task.withLock { $0 })
            #expect(try await answer.value.count == 1, "the query in flight was answered")
            await pool.shutdown()  // twice is fine
            await #expect(throws: PipelineError.self) { _ = try await Self.on(path) { try await pool.query(Self.double, [.int64(1), .text("")]) } }
        }
    }

    /// A loop takes over a connection made over PostgreSQL's Unix socket as it does a TCP one.
    @Test func aLoopServesAConnectionOverTheUnixSocket() async throws {
        try await TestDatabase.with { settings in
            let directory = try await PostgresClient.withClient(settings, logger: TestDatabase.logger) { client in
                try await client.values("SELECT current_setting('unix_socket_directories')", as: String.self, logger: TestDatabase.logger).first
            }
            var local = settings
            let first = try #require(directory?.split(separator: ",").first)
            local.unixSocketPath = "\(first.trimmingCharacters(in: .whitespaces))/.s.PGSQL.\(settings.port)"
            let pool = try Self.pool(local, connections: 1)
            defer { Task { await pool.shutdown() } }
            let rows = try await Self.on(.loop) { try await pool.query(Self.double, [.int64(4), .text("local")]) }
            #expect(try rows.decode(Int64.self, row: 0, column: 0) == 8)
            #expect(try rows.decode(String.self, row: 0, column: 1) == "local!")
            let backends = try await PostgresClient.withClient(settings, logger: TestDatabase.logger) { client in
                try await client.values(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pipeline' AND client_port = -1 AND datname = current_database()",
                    as: Int.self, logger: TestDatabase.logger
                ).first
            }
            #expect(backends == 1, "the query did not come over the socket")
        }
    }

    /// Values with quotes, backslashes and spaces reach libpq as they are.
    @Test func conninfoQuotesEveryValue() throws {
        var settings = DatabaseSettings(
            host: "127.0.0.1", port: 5433, username: "o'brien", password: #"p\a ss'word"#, database: "db name", maximumConnections: 1)
        settings.tls = .verifyFull(rootCertificates: "/etc/ssl/my root.pem")
        let conninfo = try #require(settings.pipelineConninfo)
        var error: UnsafeMutablePointer<CChar>?
        let parsed = try #require(PQconninfoParse(conninfo, &error), "\(conninfo)")
        defer { PQconninfoFree(parsed) }
        var options: [String: String] = [:]
        var option = parsed
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { options[String(cString: keyword)] = String(cString: value) }
            option += 1
        }
        #expect(options["user"] == "o'brien")
        #expect(options["password"] == #"p\a ss'word"#)
        #expect(options["dbname"] == "db name")
        #expect(options["port"] == "5433")
        #expect(options["sslmode"] == "verify-full")
        #expect(options["sslrootcert"] == "/etc/ssl/my root.pem")
        // the system's trust store needs libpq 16: PostgresNIO keeps those queries
        settings.tls = .verifyCA(rootCertificates: nil)
        #expect(settings.pipelineConninfo == nil)
        var socket = settings
        socket.unixSocketPath = "/run/postgresql/.s.PGSQL.5432"
        socket.tls = .disable
        #expect(socket.pipelineConninfo?.contains("host='/run/postgresql' port='5432'") == true)
        socket.unixSocketPath = "/tmp/some.sock"
        #expect(socket.pipelineConninfo == nil)
    }
}

final class SubmittedCount: Sendable {
    let value = Mutex(0)
}

final class BlockedQuery: Sendable {
    let task = Mutex<Task<PipelineRows, any Error>?>(nil)
}
