import PostgresNIO

/// Turns PostgresNIO errors into text fit for an operator or a log line: the server's message and SQLSTATE, never
/// the query text or bound values.
public enum PostgresErrorText {
    public static func describe(_ error: any Error) -> String {
        if isPoolError(error) { return "could not connect to the database server" }
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
            case .connectionError, .serverClosedConnection, .clientClosedConnection: return "connection to the database failed"
            case .tooManyParameters: return "too many bind parameters"
            default: return "database error \(error.code)"
            }
        }
        return String(describing: error)
    }

    /// PostgresNIO's pool reports failed connection attempts with a type of its internal module.
    static func isPoolError(_ error: any Error) -> Bool {
        String(describing: type(of: error)) == "ConnectionPoolError"
    }

    /// The constraint a server error names (unique, foreign key, check).
    public static func constraint(_ error: any Error) -> String? {
        if let error = error as? PostgresTransactionError, let inner = error.closureError { return constraint(inner) }
        return (error as? PSQLError)?.serverInfo?[.constraintName]
    }

    /// The SQLSTATE of a server error, looking through transaction wrappers.
    public static func sqlState(_ error: any Error) -> String? {
        if let error = error as? PostgresTransactionError, let inner = error.closureError { return sqlState(inner) }
        return (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// True when the error says the database could not be reached at all.
    public static func isConnectionFailure(_ error: any Error) -> Bool {
        if let error = error as? PostgresTransactionError, let inner = error.closureError ?? error.beginError {
            return isConnectionFailure(inner)
        }
        if isPoolError(error) { return true }
        guard let error = error as? PSQLError else { return false }
        if error.serverInfo != nil {
            // 08xxx: connection exceptions; 57P03: cannot connect now; 3D000: database does not exist; 28xxx: auth
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || state == "57P03" || state == "3D000" || state.hasPrefix("28")
        }
        return [.connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed].contains(error.code)
    }
}
