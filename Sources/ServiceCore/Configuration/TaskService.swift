import ServiceLifecycle

/// A long-running closure as a lifecycle service, cancelled when the application shuts down (an event hub's loop, a
/// Redis fan-out, a revocation poller).
public struct TaskService: Service, CustomStringConvertible {
    public let name: String
    let body: @Sendable () async -> Void

    public init(name: String, _ body: @escaping @Sendable () async -> Void) {
        self.name = name
        self.body = body
    }

    public var description: String { name }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await body() }
    }
}
