import CLibPQ
import Foundation

/// One libpq connection of a ``PipelinePool`` and what it has in flight. Touched only by the pool's thread.
final class PipelineConnection {
    enum State {
        /// No connection; make one once `retryAt` has passed (nil: at once).
        case idle(retryAt: ContinuousClock.Instant?)
        /// `PQconnectStart` began it; `PQconnectPoll` goes on when the socket is ready for `polling`.
        case connecting(OpaquePointer, since: ContinuousClock.Instant, polling: PostgresPollingStatusType)
        /// Nonblocking, in pipeline mode.
        case ready(OpaquePointer)
    }

    /// A command sent and not yet fully answered, in the order the server answers.
    struct InFlight {
        enum Kind {
            /// A Parse (`PQsendPrepare`): its result, then the end of its results.
            case prepare(String)
            /// A Bind/Execute and its own Sync: its result, the end of its results, then the Sync's.
            case query(PipelineRequest)
        }
        enum Outcome {
            case rows(PipelineRows)
            case done
            case failed(PipelineError)
        }
        var kind: Kind
        let sent: ContinuousClock.Instant
        var outcome: Outcome?
        var commandEnded = false
    }

    var state: State = .idle(retryAt: nil)
    var inFlight: [InFlight] = []
    /// Statements prepared on this connection, and those whose Parse is in flight.
    var prepared: Set<String> = []
    var preparing: Set<String> = []
    /// Why a statement's last Parse failed here: the answer for the queries that counted on it.
    var prepareErrors: [String: PipelineError] = [:]
    /// Output is waiting in libpq's buffer (the socket was full).
    var flushPending = false
    /// Connection attempts that failed in a row (for the back-off).
    var failures = 0

    var pg: OpaquePointer? {
        switch state {
        case .ready(let pg), .connecting(let pg, _, _): pg
        case .idle: nil
        }
    }

    var isReady: Bool { if case .ready = state { true } else { false } }
    var isConnecting: Bool { if case .connecting = state { true } else { false } }

    /// Queries in flight (a Parse counts as little as a query).
    var load: Int { inFlight.count }

    /// Closes the connection and answers every query in flight with `error`; the statements must be prepared again on
    /// the next connection.
    func close(failing error: PipelineError, retryAt: ContinuousClock.Instant?) {
        for entry in inFlight {
            if case .query(let request) = entry.kind { request.finish(.failure(error)) }
        }
        inFlight.removeAll()
        if let pg { PQfinish(pg) }
        state = .idle(retryAt: retryAt)
        prepared.removeAll()
        preparing.removeAll()
        prepareErrors.removeAll()
        flushPending = false
    }

    /// The server's error in `result` (an error result of libpq's own has no SQLSTATE).
    static func error(of result: OpaquePointer?, connection pg: OpaquePointer) -> PipelineError {
        func field(_ code: Int32) -> String? {
            guard let result, let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        if let state = field(Diagnostic.sqlState) {
            return .server(sqlState: state, message: field(Diagnostic.message) ?? "error", detail: field(Diagnostic.detail))
        }
        if let result, let message = PQresultErrorMessage(result), message.pointee != 0 {
            return .connection(trimmed(String(cString: message)))
        }
        return .connection(message(of: pg))
    }

    /// libpq's error field codes (`PG_DIAG_*` in postgres_ext.h, character constants Swift does not import).
    enum Diagnostic {
        static let sqlState = Int32(UInt8(ascii: "C"))
        static let message = Int32(UInt8(ascii: "M"))
        static let detail = Int32(UInt8(ascii: "D"))
    }

    /// libpq's last error on the connection, on one line.
    static func message(of pg: OpaquePointer) -> String {
        guard let text = PQerrorMessage(pg), text.pointee != 0 else { return "the connection failed" }
        return trimmed(String(cString: text))
    }

    private static func trimmed(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "; ")
    }
}
