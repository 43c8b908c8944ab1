import Foundation
import Hummingbird
import PostgresNIO
@testable import ServiceCore
import Testing
import TestSupport

/// What a database error means for the client: the SQLSTATE (or driver error) to status table, the bodies (no SQL,
/// no driver text), and real server errors of each kind classified as the table says.
@Suite struct DatabaseFailureTests {
    static func status(_ sqlState: String) -> Int? { DatabaseFailure.classify(sqlState: sqlState).map { Int($0.status.code) } }

    @Test func dataExceptionsAre422() {
        for state in ["22021", "22001", "22003", "22P02", "22007", "22008", "22012", "22023", "2201B", "22025", "22P05", "22000"] {
            #expect(Self.status(state) == 422, "\(state)")
        }
        #expect(DatabaseFailure.classify(sqlState: "22021")?.message.contains("NUL") == true)
        #expect(DatabaseFailure.classify(sqlState: "22001") == .invalidInput(type: "string_too_long", message: "A text value is longer than its field allows"))
    }

    @Test func integrityViolationsAre409Or422() {
        for state in ["23505", "23503", "23P01", "23001", "23000"] { #expect(Self.status(state) == 409, "\(state)") }
        for state in ["23502", "23514"] { #expect(Self.status(state) == 422, "\(state)") }
        // serialization failures and deadlocks: another request got there first
        for state in ["40001", "40P01"] { #expect(Self.status(state) == 409, "\(state)") }
    }

    @Test func programLimitsAre413() {
        for state in ["54000", "54001", "54011", "54023"] { #expect(Self.status(state) == 413, "\(state)") }
        #expect(DatabaseFailure.classify(code: .tooManyParameters)?.status == .contentTooLarge)
    }

    @Test func outagesAndTimeoutsAre503() {
        for state in ["25006", "57P01", "57P02", "57P03", "57P04", "57P05", "57000", "08000", "08001", "08003", "08006", "08P01", "3D000", "28P01", "28000"] {
            #expect(DatabaseFailure.classify(sqlState: state) == .unavailable, "\(state)")
        }
        for state in ["57014", "55P03", "53300", "53100", "53200"] {
            #expect(DatabaseFailure.classify(sqlState: state) == .overloaded, "\(state)")
        }
        for code in [PSQLError.Code.serverClosedConnection, .connectionError, .clientClosedConnection, .uncleanShutdown, .poolClosed] {
            #expect(DatabaseFailure.classify(code: code) == .unavailable, "\(code)")
        }
        #expect(DatabaseFailure.classify(code: .queryCancelled) == .overloaded)
        #expect(DatabaseFailure.classify(TimeoutError()) == .overloaded)
        #expect(DatabaseFailure.classify(DatabaseUnavailable(database: "db", reason: "refused")) == .unavailable)
        #expect(PostgresErrorText.isConnectionFailure(DatabaseUnavailable(database: "db", reason: nil)))
        #expect(!PostgresErrorText.isConnectionFailure(TimeoutError()))
    }

    @Test func ourOwnMistakesStay500() {
        // undefined table or column, syntax, a failed transaction, internal errors: bugs of ours, not the client's
        for state in ["42P01", "42703", "42601", "25P02", "XX000", "0A000", "58030", "P0001"] {
            #expect(DatabaseFailure.classify(sqlState: state) == nil, "\(state)")
        }
        for code in [PSQLError.Code.messageDecodingFailure, .unexpectedBackendMessage, .invalidCommandTag] {
            #expect(DatabaseFailure.classify(code: code) == nil, "\(code)")
        }
        struct Other: Error {}
        #expect(DatabaseFailure.classify(Other()) == nil)
        #expect(DatabaseFailure.classify(APIError.notFound("x")) == nil)
    }

    @Test func answersCarryNoInternals() throws {
        let failures = ["22021", "22001", "22003", "22P02", "22007", "2201B", "22000", "23505", "23503", "23P01", "23502", "23514", "23000",
                        "40001", "54000", "57014", "57P01"].compactMap { DatabaseFailure.classify(sqlState: $0) }
        for failure in failures {
            let error = failure.apiError(location: ["body"])
            let body = String(decoding: error.bodyBytes(), as: UTF8.self)
            for word in ["SQL", "sql", "Postgres", "PSQL", "varchar", "character varying", "tsvector", "constraint", "relation", "table",
                         "column", "Error", "0x", "UTF8\""] {
                #expect(!body.contains(word), "\(failure): \(body) mentions \(word)")
            }
            switch failure {
            case .invalidInput:
                #expect(error.status == .unprocessableContent)
                #expect(body.hasPrefix(#"{"detail":[{"loc":["body"],"msg":"#), "\(body)")
            case .unavailable:
                #expect(error.headers[.retryAfter] == "1")
                #expect(body == #"{"detail":"The database is unavailable; try again shortly"}"#)
            case .overloaded:
                #expect(error.headers[.retryAfter] == "2")
            case .conflict, .tooLarge:
                #expect(error.headers[.retryAfter] == nil)
            }
        }
    }

    // MARK: real server errors

    /// Runs `query` and reads every row (errors of a running statement arrive with the rows).
    static func drain(_ conn: PostgresConnection, _ query: PostgresQuery) async throws {
        for try await _ in try await conn.query(query, logger: TestDatabase.logger) {}
    }

    /// The failure of `body` run on one connection of the shared cluster.
    func failure(_ body: @escaping @Sendable (PostgresConnection) async throws -> Void) async throws -> (DatabaseFailure?, String) {
        try await PostgresClient.withClient(try TestDatabase.admin(), logger: TestDatabase.logger) { client in
            do {
                try await client.withConnection { try await body($0) }
            } catch {
                return (DatabaseFailure.classify(error), PostgresErrorText.describe(error))
            }
            Issue.record("no error")
            return (nil, "")
        }
    }

    @Test func realServerErrorsClassify() async throws {
        let nul = try await failure { try await Self.drain($0, "SELECT \("a\u{0}b")::text") }
        #expect(nul.0?.status == .unprocessableContent && nul.1.contains("22021"), "\(nul)")
        let long = try await failure { conn in
            try await Self.drain(conn, "CREATE TEMP TABLE short_text (v varchar(3))")
            try await Self.drain(conn, "INSERT INTO short_text VALUES (\("e\u{301}e\u{301}"))")  // 2 characters, 4 code points
        }
        #expect(long.0 == DatabaseFailure.classify(sqlState: "22001") && long.1.contains("22001"), "\(long)")
        let range = try await failure { try await Self.drain($0, "SELECT 2147483647::int4 + 1") }
        #expect(range.0?.status == .unprocessableContent && range.1.contains("22003"), "\(range)")
        let syntax = try await failure { try await Self.drain($0, "SELECT \("x")::int") }
        #expect(syntax.0?.status == .unprocessableContent && syntax.1.contains("22P02"), "\(syntax)")
        let tsvector = try await failure { try await Self.drain($0, "SELECT to_tsvector('simple', \(TestInputs.expandingWords(22_000)))") }
        #expect(tsvector.0?.status == .contentTooLarge && tsvector.1.contains("54000"), "\(tsvector)")
        let unique = try await failure { conn in
            try await Self.drain(conn, "CREATE TEMP TABLE once (v int PRIMARY KEY)")
            try await Self.drain(conn, "INSERT INTO once VALUES (1), (1)")
        }
        #expect(unique.0?.status == .conflict, "\(unique)")
        let timeout = try await failure { conn in
            try await Self.drain(conn, "SET statement_timeout = '50ms'")
            try await Self.drain(conn, "SELECT pg_sleep(5)")
        }
        #expect(timeout.0 == .overloaded && timeout.1.contains("57014"), "\(timeout)")
        // a write on a server that only reads (a replica, or the primary being demoted): the primary is elsewhere
        let readOnly = try await failure { conn in
            try await Self.drain(conn, "SET default_transaction_read_only = on")
            try await Self.drain(conn, "CREATE TEMP TABLE written (v int)")
        }
        #expect(readOnly.0 == .unavailable && readOnly.1.contains("25006"), "\(readOnly)")
        let missing = try await failure { try await Self.drain($0, "SELECT * FROM no_such_table") }
        #expect(missing.0 == nil, "\(missing)")
    }

    /// A connection terminated by an administrator mid-query (57P01, then a closed connection): an outage, 503.
    @Test func terminatedBackendIsUnavailable() async throws {
        let logger = TestDatabase.logger
        try await PostgresClient.withClient(try TestDatabase.admin(), logger: logger) { admin in
            let result = try await failure { conn in
                var pid = 0
                for try await value in try await conn.query("SELECT pg_backend_pid()", logger: logger).decode(Int.self) { pid = value }
                let victim = pid
                // Until the server says it terminated the backend: on a busy machine one attempt can come too early
                // (before pg_sleep runs) or fail, and the statement would then finish without an error.
                // The statement sleeps far longer than the killer can need (it ends as soon as the backend is
                // terminated): a loaded machine once let a 5 s sleep outlast 40 attempts.
                let killer = Task {
                    for _ in 0..<250 {
                        try await Task.sleep(for: .milliseconds(100))
                        let rows = try? await admin.query(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = \(Int32(victim)) AND query LIKE '%pg_sleep%'",
                            logger: logger)
                        var terminated = false
                        if let rows { for try await value in rows.decode(Bool.self) { terminated = terminated || value } }
                        if terminated { return }
                    }
                }
                defer { killer.cancel() }
                try await Self.drain(conn, "SELECT pg_sleep(30)")
            }
            #expect(result.0 == .unavailable, "\(result)")
        }
    }
}
