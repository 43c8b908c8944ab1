import Foundation
import BookingService
import IPOScraper
import PostgresNIO
import SearchClient
import ServiceCore

/// Maps anything a command throws to a one-line message and an exit status. No stack traces, no SQL.
/// (HTTP transport failures arrive already as ``CLIError``s from ``ServiceHTTPClient``.)
enum ErrorClassifier {
    /// The error's line with any password in it masked (``Secrets``): drivers and parsers quote URLs.
    static func classify(_ error: any Error) -> CLIError {
        var failure = classifyUnmasked(error)
        failure.message = Secrets.mask(failure.message)
        return failure
    }

    private static func classifyUnmasked(_ error: any Error) -> CLIError {
        switch error {
        case let error as CLIError:
            return error
        case let error as APIError:
            return CLIError(error.cliMessage, status: status(forHTTP: Int(error.status.code)))
        case let error as MigrationError:
            return CLIError(error.description, status: .failure)
        case let error as ConfigurationError:
            return CLIError(error.description, status: .usage)
        case let error as DatabaseSettings.InvalidURL:
            return CLIError(error.description, status: .usage)
        case let error as SearchError:
            if case .unreachable = error { return CLIError(error.description, status: .unreachable) }
            return CLIError(error.description, status: .failure)
        case let error as SearchRollbackRefused:
            return CLIError(error.description, status: .refused)
        case let error as SearchReindexer.Failure:
            return CLIError(error.description, status: .failure)
        case let error as ScrapeError:
            return CLIError(error.description, status: error.isFetchFailure ? .unreachable : .failure)
        case let error as SeatsUnavailable:
            return CLIError(error.detail, status: .refused)
        case is TimeoutError:
            return CLIError("timed out waiting for the service or database", status: .unreachable)
        case is CancellationError:
            return CLIError("interrupted", status: .interrupted)
        default:
            if let failure = DatabaseFailure.classify(error) { return classify(failure, error) }
            if error is PSQLError || error is PostgresTransactionError {
                return CLIError("database error: \(PostgresErrorText.describe(error))", status: .failure)
            }
            return CLIError("\(error)", status: .failure)
        }
    }

    /// A database error by the services' own classification (``DatabaseFailure``): what the database refused as
    /// invalid, conflicting or too large is the operator's input (exit 4, as the service's 422/409/413 would be);
    /// a database that is down, restarting or too slow is unreachable (exit 5, as the service's 503 would be).
    /// An operator also sees the server's words.
    static func classify(_ failure: DatabaseFailure, _ error: any Error) -> CLIError {
        let server = PostgresErrorText.describe(error)
        switch failure {
        case .invalidInput, .conflict, .tooLarge:
            return CLIError("\(failure.message) (the database said: \(server))", status: .refused)
        case .unavailable:
            return CLIError("cannot reach the database: \(server)", status: .unreachable)
        case .overloaded:
            return CLIError("the database did not answer in time: \(server)", status: .unreachable)
        }
    }

    static func status(forHTTP code: Int) -> ExitStatus {
        switch code {
        case 200..<300: .success
        case 400..<500: .refused
        case 502, 503, 504: .unreachable
        default: .failure
        }
    }
}

extension APIError {
    /// `detail` as one line: the message, or each validation issue as `field: message`.
    var cliMessage: String {
        switch detail {
        case .message(let m): return m
        case .issues(let issues):
            return issues.map { issue in
                let field = issue.loc.drop(while: { ["body", "query", "path"].contains($0) }).joined(separator: ".")
                return field.isEmpty ? issue.msg : "\(field): \(issue.msg)"
            }.joined(separator: "; ")
        }
    }
}
