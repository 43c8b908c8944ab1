import Logging
import ServiceCore
import ServiceLifecycle

extension PipelinePool {
    /// A pool of `connections` for `settings`, or nil when `connections` is 0 or libpq cannot express the settings
    /// (``DatabaseSettings/pipelineConninfo``; a notice says what stays on PostgresNIO, `purpose`). Queries wait at
    /// most `waitLimit` (the service's database timeout).
    public static func make(
        _ settings: DatabaseSettings, connections: Int, waitLimit: Duration, purpose: String, logger: Logger
    ) -> PipelinePool? {
        guard connections > 0 else { return nil }
        guard let conninfo = settings.pipelineConninfo else {
            logger.notice("\(purpose) stays on PostgresNIO: libpq cannot express these database settings")
            return nil
        }
        return PipelinePool(
            conninfo: conninfo, connections: connections, name: "\(settings.host):\(settings.port)/\(settings.database)",
            logger: logger, waitLimit: waitLimit, connectTimeout: settings.connectTimeout)
    }

    /// A lifecycle service that closes the pool once the server has stopped (services stop in the reverse order of
    /// their start, so add it after the database pools).
    public var shutdownService: TaskService {
        TaskService(name: "pipeline-shutdown") {
            try? await gracefulShutdown()
            await self.shutdown()
        }
    }
}
