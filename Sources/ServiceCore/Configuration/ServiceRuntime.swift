import NIOCore
import NIOPosix

public enum ServiceRuntime {
    /// Makes NIO's event loops the executor of Swift concurrency, so a handler that awaits the database resumes on
    /// the loop that owns the connection instead of hopping to the Dispatch pool and back on every await.
    /// Measured with scripts/bench (see the README); must run before any task is started. Blocking work (bcrypt)
    /// never runs on these loops: it goes to the NIO thread pool.
    @discardableResult
    public static func useEventLoopsAsGlobalExecutor() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}

/// Why a service could not start, as one line for its log and exit message (no stack, no SQL).
public struct ServiceStartupError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }

    public init(message: String) { self.message = message }
}
