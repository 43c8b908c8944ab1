import ServiceCore

/// Why a pipelined query failed. ``DatabaseFailure/classify(_:)`` reads it as it reads PostgresNIO's errors: a server
/// error by its SQLSTATE, a lost or impossible connection as an outage (503), a wait past the pool's limit as an
/// overloaded database (503).
public enum PipelineError: ClassifiedDatabaseError, CustomStringConvertible, Sendable {
    /// The server refused the statement (its SQLSTATE, message and detail).
    case server(sqlState: String, message: String, detail: String?)
    /// The connection broke, or no connection could be made (libpq's message).
    case connection(String)
    /// No connection took the query within the pool's wait limit, or its connection stopped answering.
    case timedOut
    /// The pool is shut down.
    case shutDown

    public var description: String {
        switch self {
        case .server(let state, let message, let detail):
            return message + (detail.map { ": \($0)" } ?? "") + " (SQLSTATE \(state))"
        case .connection(let message):
            return "connection to the database failed: \(message)"
        case .timedOut:
            return "the database did not answer in time"
        case .shutDown:
            return "the database connection pool is shut down"
        }
    }

    public var sqlState: String? {
        if case .server(let state, _, _) = self { return state }
        return nil
    }

    public var databaseFailure: DatabaseFailure? {
        switch self {
        case .server(let sqlState, _, _): DatabaseFailure.classify(sqlState: sqlState)
        case .connection, .shutDown: .unavailable
        case .timedOut: .overloaded
        }
    }
}
