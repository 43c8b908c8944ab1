import Foundation
import Hummingbird
import NIOCore
import NIOPosix
import PostgresNIO

/// A dependency `/ready` checks. `check` throws (or times out) when the dependency is not usable.
public struct ReadinessCheck: Sendable {
    public let name: String
    /// A failing critical check makes `/ready` answer 503; a failing optional one (the service works without it,
    /// degraded) is reported as `warn` with 200.
    public let critical: Bool
    public let check: @Sendable () async throws -> Void

    public init(name: String, critical: Bool = true, check: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.critical = critical
        self.check = check
    }

    /// The database answers and is at the schema version this build expects.
    public static func database(
        _ client: PostgresClient, migrations: MigrationSet, logger: Logger, name: String = "postgres"
    ) -> ReadinessCheck {
        ReadinessCheck(name: name) {
            try await Migrator(client: client, set: migrations, logger: logger).requireCurrent()
        }
    }
}

/// Health documents in the shape of draft-inadarei-api-health-check (`status: pass|warn|fail`, per-check details).
public struct HealthReport: Codable, Sendable, Equatable {
    public struct Check: Codable, Sendable, Equatable {
        public var status: String
        public var durationMs: Double
        public var output: String?

        enum CodingKeys: String, CodingKey {
            case status, output
            case durationMs = "duration_ms"
        }
    }

    public var status: String
    public var service: String
    public var version: String
    public var checks: [String: Check]?
}

extension Router where Context == ServiceRequestContext {
    /// `GET /health`: liveness, touches nothing. `GET /ready`: every check within `timeout`; 503 when one fails, and
    /// 503 at once, without running the checks, while `drain` drains before shutdown (check `shutdown`).
    public func addHealthRoutes(
        service: String, version: String, checks: [ReadinessCheck], timeout: Duration = .seconds(2), drain: ShutdownDrain? = nil,
        in table: RouteTable
    ) {
        add(.get, "/health", in: table) { _, _ in
            JSONResponse(HealthReport(status: "pass", service: service, version: version, checks: nil))
        }
        add(.get, "/ready", in: table) { _, context in
            if let drain, drain.isDraining {
                return JSONResponse(drain.readinessReport(service: service, version: version), status: .serviceUnavailable)
            }
            var results: [String: HealthReport.Check] = [:]
            for readiness in checks {
                let start = ContinuousClock.now
                var output: String?
                do {
                    try await withTimeout(timeout) { try await readiness.check() }
                } catch {
                    output = error is TimeoutError ? "timed out after \(timeout)" : PostgresErrorText.describe(error)
                    context.logger.warning("readiness check failed", metadata: ["check": "\(readiness.name)", "error": "\(output!)"])
                }
                let elapsed = start.duration(to: .now)
                results[readiness.name] = .init(
                    status: output == nil ? "pass" : readiness.critical ? "fail" : "warn",
                    durationMs: (Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000).rounded(toPlaces: 2),
                    output: output)
            }
            let failed = results.values.contains { $0.status == "fail" }
            let warned = results.values.contains { $0.status == "warn" }
            return JSONResponse(
                HealthReport(status: failed ? "fail" : warned ? "warn" : "pass", service: service, version: version, checks: results),
                status: failed ? .serviceUnavailable : .ok)
        }
    }
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let factor = Foundation.pow(10.0, Double(places))
        return (self * factor).rounded() / factor
    }
}

public struct TimeoutError: Error, CustomStringConvertible {
    public var description: String { "timed out" }
}

/// Runs `body`, cancelling it and throwing ``TimeoutError`` when it takes longer than `timeout`.
///
/// The deadline is a timer on an event loop (the caller's, when it runs on one) rather than `Task.sleep`: this
/// wraps every database call, and `Task.sleep` arms (and on cancellation disarms) a Dispatch timer through
/// Dispatch's manager thread, two thread hand-offs per call that cost more than many of the queries.
public func withTimeout<T: Sendable>(_ timeout: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await sleepOnEventLoop(for: timeout)
            throw TimeoutError()
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

/// `Task.sleep(for:)` on an event-loop timer; throws `CancellationError` when the task is cancelled first.
func sleepOnEventLoop(for duration: Duration) async throws {
    let loop = MultiThreadedEventLoopGroup.singleton.any()
    let promise = loop.makePromise(of: Void.self)
    let timer = loop.scheduleTask(in: TimeAmount(duration)) { promise.succeed() }
    try await withTaskCancellationHandler {
        try await promise.futureResult.get()
    } onCancel: {
        timer.cancel()
        promise.fail(CancellationError())
    }
}
