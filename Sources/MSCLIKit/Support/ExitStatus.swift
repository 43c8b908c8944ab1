import ArgumentParser

/// mscli's exit codes. Stable: scripts branch on them. `mscli help exit-codes` prints this table.
public enum ExitStatus: Int32, CaseIterable, Sendable {
    case success = 0
    /// Anything else: a server error, a failed migration, a broken local file.
    case failure = 1
    /// A confirmation was declined, or was needed and no terminal could answer it (pass --yes).
    case cancelled = 2
    /// `migrate status --check`: migrations are pending.
    case pending = 3
    /// The service or database refused: not signed in, not allowed, not found, conflicting or invalid input.
    case refused = 4
    /// A service, database or other dependency could not be reached.
    case unreachable = 5
    /// The command line itself is wrong (ArgumentParser's usage code).
    case usage = 64
    /// Interrupted (Ctrl-C).
    case interrupted = 130

    public var summary: String {
        switch self {
        case .success: "success"
        case .failure: "error (server error, failed migration, unreadable local file)"
        case .cancelled: "cancelled, or confirmation needed without a terminal (pass --yes)"
        case .pending: "migrations pending (migrate status --check)"
        case .refused: "refused: not signed in, forbidden, not found, conflict or invalid input"
        case .unreachable: "service or database unreachable"
        case .usage: "usage error in the command line"
        case .interrupted: "interrupted"
        }
    }
}

/// An error with the one line mscli prints and the code it exits with.
public struct CLIError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var status: ExitStatus

    public init(_ message: String, status: ExitStatus = .failure) {
        self.message = message
        self.status = status
    }

    public var description: String { message }

    public static func usage(_ message: String) -> CLIError { CLIError(message, status: .usage) }
}
