import PostgresNIO

/// Turns PostgresNIO errors into text fit for an operator or a log line: the server's message and SQLSTATE, never
/// the query text or bound values. (What an error means for a client is ``DatabaseFailure``.)
public enum PostgresErrorText {
    public static func describe(_ error: any Error) -> String {
        if let pool = poolErrorCase(error) {
            switch pool {
            case "requestCancelled": return "the wait for a database connection was cancelled"
            case "poolShutdown": return "the database connection pool is shut down"
            default: return "could not connect to the database server"
            }
        }
        if let error = error as? PostgresTransactionError {
            return describe(error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError ?? error)
        }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                let detail = error.serverInfo?[.detail].map { ": \($0)" } ?? ""
                return message + detail + state
            }
            if error.code == .connectionError, let underlying = error.underlying {
                return "connection to the database failed: \(underlying)"
            }
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
                return "connection to the database failed"
            case .tooManyParameters: return "too many bind parameters"
            default: return "database error \(error.code)"
            }
        }
        return String(describing: error)
    }

    /// ``describe(_:)`` without the network layer's details (addresses, descriptors): the server's message and
    /// SQLSTATE, or what kind of failure it was. For texts a health document shows.
    public static func brief(_ error: any Error) -> String {
        let error = unwrap(error)
        if let error = error as? PSQLError, error.serverInfo == nil {
            switch error.code {
            case .connectionError: return "cannot connect to the database server"
            case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown: return "the connection to the database closed"
            default: break
            }
        }
        return describe(error)
    }

    /// The error a transaction wrapper carries (the closure's own first), or `error` itself.
    public static func unwrap(_ error: any Error) -> any Error {
        guard let error = error as? PostgresTransactionError else { return error }
        guard let inner = error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError else { return error }
        return unwrap(inner)
    }

    /// PostgresNIO's pool reports its own failures (`requestCancelled`, `poolShutdown`,
    /// `connectionCreationCircuitBreakerTripped`) with a type of its internal module; this is that case's name.
    static func poolErrorCase(_ error: any Error) -> String? {
        guard String(describing: type(of: error)) == "ConnectionPoolError" else { return nil }
        guard let base = Mirror(reflecting: error).children.first(where: { $0.label == "base" })?.value else {
            return "unknown"
        }
        return String(describing: base)
    }

    static func isPoolError(_ error: any Error) -> Bool { poolErrorCase(error) != nil }

    /// The constraint a server error names (unique, foreign key, check).
    public static func constraint(_ error: any Error) -> String? {
        if let error = error as? PostgresTransactionError, let inner = error.closureError { return constraint(inner) }
        return (error as? PSQLError)?.serverInfo?[.constraintName]
    }

    /// The SQLSTATE of a server error, looking through transaction wrappers.
    public static func sqlState(_ error: any Error) -> String? {
        if let error = error as? PostgresTransactionError, let inner = error.closureError { return sqlState(inner) }
        if let error = error as? ClassifiedDatabaseError { return error.sqlState }
        return (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// True when the error says the database could not be reached, is restarting, or dropped the connection.
    public static func isConnectionFailure(_ error: any Error) -> Bool {
        DatabaseFailure.classify(error) == .unavailable
    }
}
