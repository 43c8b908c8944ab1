import Hummingbird
import PostgresNIO

/// What a database error means for whoever sent the request: the one classification behind the services' HTTP
/// statuses (``ErrorMiddleware``) and mscli's exit codes, so a value the database refuses is the client's mistake
/// (422/409/413, "refused") and a database that is down or restarting is an outage (503 with `Retry-After`,
/// "unreachable"), never a 500.
///
/// The messages a client sees name no SQL, table, column, driver or Swift type; the server's own text is for the log
/// (``PostgresErrorText/describe(_:)``).
public enum DatabaseFailure: Sendable, Equatable {
    /// A value the database cannot store or read as its type (SQLSTATE class 22, a NOT NULL or CHECK rule of class
    /// 23): 422. `type` is the pydantic-style issue type.
    case invalidInput(type: String, message: String)
    /// The request collides with stored rows or a concurrent change (unique, foreign key, exclusion; class 40): 409.
    case conflict(String)
    /// The request is past one of the database's limits (class 54, too many bind parameters): 413.
    case tooLarge(String)
    /// The database cannot be reached, is shutting down or starting up, or dropped the connection mid-query
    /// (class 08, 57P01-57P05, 3D000, 28xxx, 25006 a write on a replica, closed connections, the pool giving up,
    /// ``DatabaseUnavailable``): 503.
    case unavailable
    /// The database is up but did not answer in time or is out of resources (57014, 55P03, class 53, the service's
    /// own deadline): 503.
    case overloaded

    /// The `Retry-After` seconds of the 503s: the availability gate probes several times a second, so an outage's
    /// clients may come back soon; a database that timed out is given a little longer.
    public static let unavailableRetryAfter = 1
    public static let overloadedRetryAfter = 2

    public static let unavailableMessage = "The database is unavailable; try again shortly"
    public static let overloadedMessage = "The database did not answer in time; try again shortly"

    /// The classification of `error`, looking through transaction wrappers; nil when it is no database error the
    /// client or an outage explains (a bug of ours, a broken query: those stay 500s).
    public static func classify(_ error: any Error) -> DatabaseFailure? {
        let error = PostgresErrorText.unwrap(error)
        switch error {
        case is DatabaseUnavailable:
            return .unavailable
        case is TimeoutError:
            return .overloaded
        case let error as ClassifiedDatabaseError:
            return error.databaseFailure
        case let error as PSQLError:
            if error.code == .server {
                return error.serverInfo?[.sqlState].flatMap { classify(sqlState: $0) }
            }
            return classify(code: error.code)
        default:
            switch PostgresErrorText.poolErrorCase(error) {
            case "connectionCreationCircuitBreakerTripped", "poolShutdown": return .unavailable
            // a request the caller gave up on (its deadline, the gate, a client that went away)
            case "requestCancelled": return .overloaded
            default: return nil
            }
        }
    }

    /// The classification of a driver error that carries no server error.
    public static func classify(code: PSQLError.Code) -> DatabaseFailure? {
        switch code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
            return .unavailable
        case .queryCancelled:
            return .overloaded
        case .tooManyParameters:
            return .tooLarge("The request has too many items for the database to process at once; send fewer")
        default:
            return nil
        }
    }

    /// The classification of a server error by its SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html).
    public static func classify(sqlState: String) -> DatabaseFailure? {
        switch sqlState {
        // class 22: data exception
        case "22021", "22P05":
            return .invalidInput(
                type: "string_type", message: "Text must be valid UTF-8 and must not contain NUL (\\u0000) characters")
        case "22001":
            return .invalidInput(type: "string_too_long", message: "A text value is longer than its field allows")
        case "22003":
            return .invalidInput(type: "value_error", message: "A number is out of the range its field allows")
        case "22P02":
            return .invalidInput(type: "value_error", message: "A value is not in the format its field expects")
        case "22007", "22008", "22009":
            return .invalidInput(type: "value_error", message: "A date or time value is invalid or out of range")
        case "2201B", "22019", "22025", "2200C", "2200D":
            return .invalidInput(type: "value_error", message: "A pattern or escape sequence in the request is invalid")
        case _ where sqlState.hasPrefix("22"):
            return .invalidInput(type: "value_error", message: "A value in the request is not valid for its field")
        // class 23: integrity constraint violation
        case "23502":
            return .invalidInput(type: "missing", message: "A required value is missing")
        case "23514":
            return .invalidInput(type: "value_error", message: "A value is outside what its field allows")
        case "23505":
            return .conflict("The request conflicts with an existing record")
        case "23503":
            return .conflict("A record the request refers to does not exist, or the record is still referred to")
        case "23P01":
            return .conflict("The request overlaps an existing record")
        case _ where sqlState.hasPrefix("23"):
            return .conflict("The request conflicts with stored data")
        // class 40: transaction rollback (serialization failure, deadlock): another request got there first
        case _ where sqlState.hasPrefix("40"):
            return .conflict("The request collided with a concurrent change; try again")
        // class 54: program limit exceeded (54000 "string is too long for tsvector", 54001 statement too complex)
        case _ where sqlState.hasPrefix("54"):
            return .tooLarge("The request is larger than the database can process; send less data")
        // 57014: statement timeout or query cancelled; 55P03: lock timeout; class 53: out of connections, memory, disk
        case "57014", "55P03":
            return .overloaded
        case _ where sqlState.hasPrefix("53"):
            return .overloaded
        // 25006 read-only transaction: a write reached a server in recovery, which happens while a primary is demoted
        // (a switchover: a new connection can land on the old primary, restarted as a replica, before HAProxy's health
        // check moves the read-write port); the primary is elsewhere, and the request may succeed on a retry.
        case "25006":
            return .unavailable
        // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 57P04 database dropped,
        // 57P05 idle session timeout; class 08: connection exceptions; 3D000: no such database; class 28: login refused
        case "3D000":
            return .unavailable
        case _ where sqlState.hasPrefix("57") || sqlState.hasPrefix("08") || sqlState.hasPrefix("28"):
            return .unavailable
        default:
            return nil
        }
    }

    public var status: HTTPResponse.Status {
        switch self {
        case .invalidInput: .unprocessableContent
        case .conflict: .conflict
        case .tooLarge: .contentTooLarge
        case .unavailable, .overloaded: .serviceUnavailable
        }
    }

    /// True for the failures an operator's retry later may fix (the outage kinds).
    public var isTransient: Bool { self == .unavailable || self == .overloaded }

    /// The client's message, without a location.
    public var message: String {
        switch self {
        case .invalidInput(_, let message), .conflict(let message), .tooLarge(let message): message
        case .unavailable: Self.unavailableMessage
        case .overloaded: Self.overloadedMessage
        }
    }

    /// The answer to a client. A 422 is a one-issue list in the validation errors' shape, at `location` (`body` for
    /// a request with a body, `query` otherwise: the database does not say which field it was).
    public func apiError(location: [String] = ["body"]) -> APIError {
        switch self {
        case .invalidInput(let type, let message):
            return APIError(validation: [ValidationIssue(type: type, loc: location, msg: message)])
        case .conflict, .tooLarge:
            return APIError(status, message)
        case .unavailable:
            return APIError(status, message, headers: [.retryAfter: "\(Self.unavailableRetryAfter)"])
        case .overloaded:
            return APIError(status, message, headers: [.retryAfter: "\(Self.overloadedRetryAfter)"])
        }
    }
}

/// What a request gets, at once, while its database is known to be down.
public struct DatabaseUnavailable: Error, CustomStringConvertible, Sendable {
    /// The gate's database (`host:port/name`), for logs.
    public let database: String
    /// Why the last check failed, in brief (no address: `/ready` shows it).
    public let reason: String?

    public init(database: String, reason: String?) {
        self.database = database
        self.reason = reason
    }

    public var description: String {
        "the database is unavailable" + (reason.map { " (\($0))" } ?? "") + "; checking for its return"
    }
}

/// An error of a database path other than PostgresNIO's (PostgresPipeline's libpq pool) that says what it means for
/// a client, so ``DatabaseFailure/classify(_:)`` and ``PostgresErrorText/sqlState(_:)`` read it as they read
/// PostgresNIO's errors.
public protocol ClassifiedDatabaseError: Error {
    var databaseFailure: DatabaseFailure? { get }
    /// The server's SQLSTATE, when the server refused the statement.
    var sqlState: String? { get }
}
