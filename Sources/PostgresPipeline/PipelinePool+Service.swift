import Foundation
import Logging
import ServiceCore
import ServiceLifecycle

extension PipelinePool {
    /// A pool of `connections` for `settings`, or nil when `connections` is 0 or libpq cannot express the settings
    /// (``DatabaseSettings/pipelineConninfo``; a notice says what stays on PostgresNIO, `purpose`). Queries wait at
    /// most `waitLimit` (the service's database timeout).
    ///
    /// `onEventLoops`: queries of tasks on a NIO event loop go through that loop's own connection (``LoopConnection``)
    /// when the session is plain. Measured on one held stack (README, "Ninth pass"): for a point lookup it pays, `GET
    /// /auth/user_details` (a user by primary key) going from 12,800-14,800 to 15,000-17,700 req/s; for the bookings
    /// page's fingerprint (about 60 µs of PostgreSQL's time) it does not, the page falling from 8,700-10,600 to
    /// 6,400-8,000 req/s for a reason not found. So the fingerprints stay on the pool's thread.
    public static func make(
        _ settings: DatabaseSettings, connections: Int, waitLimit: Duration, purpose: String, logger: Logger,
        onEventLoops: Bool = false
    ) -> PipelinePool? {
        guard connections > 0 else { return nil }
        guard let conninfo = settings.pipelineConninfo else {
            logger.notice("\(purpose) stays on PostgresNIO: libpq cannot express these database settings")
            return nil
        }
        // A loop can take over only a plain session (an encrypted one's bytes are libpq's TLS stream).
        return PipelinePool(
            conninfo: conninfo, connections: connections, name: "\(settings.host):\(settings.port)/\(settings.database)",
            logger: logger, waitLimit: waitLimit, connectTimeout: settings.connectTimeout,
            onEventLoops: onEventLoops && (settings.tls == .disable || settings.unixSocketPath != nil))
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

extension PipelinePool {
    /// The fingerprint of a user's own page (``UserListCache``) read by `statement`, whose parameters are the user,
    /// the page's limit and offset, and whose one row is the count, the hash and (a third column, if any) the version
    /// of anything else the page shows.
    public func pageFingerprint(
        _ statement: PipelineStatement, user: UUID, limit: Int, offset: Int, abortedBy abort: GateAbort? = nil
    ) async throws -> UserListCache.Fingerprint {
        try await fingerprint(statement, [.uuid(user), .int64(Int64(limit)), .int64(Int64(offset))], abortedBy: abort)
    }

    /// A fingerprint for ``UserListCache`` read by `statement` with `parameters`: its one row is the count, the hash and
    /// (a third column, if any) the version of anything else the cached answer shows.
    public func fingerprint(
        _ statement: PipelineStatement, _ parameters: [PipelineParameter], abortedBy abort: GateAbort? = nil
    ) async throws -> UserListCache.Fingerprint {
        let rows = try await query(statement, parameters, abortedBy: abort)
        return UserListCache.Fingerprint(
            rows: try rows.decode(Int64.self, row: 0, column: 0), hash: try rows.decode(Int64.self, row: 0, column: 1),
            other: rows.columns > 2 ? try rows.decode(Int64.self, row: 0, column: 2) : 0)
    }
}

extension UserPageStatement {
    /// The same statement for a pipeline pool (its parameters: uuid, int8, int8; see ``PipelinePool/pageFingerprint``).
    public static var pipelined: PipelineStatement { PipelineStatement(name: name, sql: sql) }
}
