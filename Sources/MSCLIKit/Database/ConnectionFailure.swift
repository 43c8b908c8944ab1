import Foundation

/// A failed libpq connection attempt as one line and an exit status: the login refused (4), the server not reached
/// (5), a setting libpq cannot use (64). A server's refusal is told by its SQLSTATE (libpq's verbose messages carry
/// it); libpq's own failures have no code, so its message decides: the network ones name the server they tried.
enum ConnectionFailure {
    /// libpq's words for a server it did not reach (fe-connect.c); any other failure before a server answered is a
    /// setting it could not use (sslmode, service name or file, port, host/port counts).
    static let networkPhrases = [
        "could not translate host name", "connection to server", "could not connect", "timeout expired",
        "server closed the connection", "could not receive data", "could not send",
    ]
    static let tlsPhrases = ["SSL", "certificate", "GSSAPI"]

    static func classify(_ attempt: LibPQAttempt, label: String, masking secrets: [String]) -> CLIError {
        let (text, sqlstate) = serverCode(attempt.errorMessage)
        let message = ConnectionResolver.oneLine(text, masking: secrets)
        if attempt.timedOut {
            return CLIError("cannot reach the database for \(label): \(message)", status: .unreachable)
        }
        if let sqlstate {
            switch sqlstate {
            case _ where sqlstate.hasPrefix("28"), "3D000":
                return CLIError("the database refused the login for \(label): \(message)", status: .refused)
            case _ where sqlstate.hasPrefix("08"), _ where sqlstate.hasPrefix("53"), "57P01", "57P02", "57P03":
                return CLIError("cannot reach the database for \(label): \(message)", status: .unreachable)
            default:
                return CLIError("database error for \(label): \(message)", status: .failure)
            }
        }
        if attempt.needsPassword {
            return CLIError(
                "the database for \(label) asks for a password and none was found (in the setting, PGPASSWORD, or a "
                    + ".pgpass/PGPASSFILE entry): \(message)", status: .refused)
        }
        // Something answered, but not PostgreSQL (libpq asks for TLS first under prefer/require).
        if text.contains("invalid response to SSL negotiation") {
            return CLIError("cannot reach the database for \(label) (is that a PostgreSQL server?): \(message)", status: .unreachable)
        }
        if tlsPhrases.contains(where: { text.contains($0) }) {
            let mode = attempt.options["sslmode"] ?? "prefer"
            return CLIError("TLS with the database for \(label) failed (sslmode=\(mode)): \(message)", status: .usage)
        }
        if networkPhrases.contains(where: { text.localizedCaseInsensitiveContains($0) }) {
            return CLIError("cannot reach the database for \(label): \(message)", status: .unreachable)
        }
        return CLIError("invalid database setting for \(label): \(message)", status: .usage)
    }

    /// A verbose libpq message without its LOCATION lines, each `FATAL:  28P01: text` as `text (SQLSTATE 28P01)`, and
    /// the last SQLSTATE (the last server libpq tried).
    static func serverCode(_ message: String) -> (text: String, sqlstate: String?) {
        let pattern = try! NSRegularExpression(pattern: #"(?:FATAL|ERROR|PANIC):\s+([0-9A-Z]{5}):\s+"#)
        var sqlstate: String?
        var lines: [String] = []
        for line in message.split(whereSeparator: \.isNewline).map(String.init) {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("LOCATION:") { continue }
            let range = NSRange(line.startIndex..., in: line)
            if let match = pattern.firstMatch(in: line, range: range), let code = Range(match.range(at: 1), in: line) {
                let state = String(line[code])
                sqlstate = state
                lines.append(pattern.stringByReplacingMatches(in: line, range: range, withTemplate: "") + " (SQLSTATE \(state))")
            } else {
                lines.append(line)
            }
        }
        return (lines.joined(separator: "\n"), sqlstate)
    }
}
