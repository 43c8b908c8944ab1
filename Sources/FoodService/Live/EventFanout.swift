import Foundation

/// Carries live messages between the service's instances: what one instance publishes, every instance (itself
/// included) receives. Redis pub/sub in production; in-process when no Redis is configured.
public protocol EventFanout: Sendable {
    /// Sends `message` to every instance. Never waits on a slow consumer.
    func publish(_ message: String) async throws
    /// The messages published by any instance, for as long as the service runs.
    func messages() -> AsyncStream<String>
}

/// The message between instances: an order event or an admin broadcast.
struct FanoutEnvelope: Codable, Sendable {
    var event: OrderEvent?
    var broadcast: String?
}

/// Fan-out within one process: for a single instance, and while the shared channel is unavailable.
public final class LocalFanout: EventFanout {
    private let stream: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation

    public init() {
        (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
    }

    public func publish(_ message: String) async throws { continuation.yield(message) }
    public func messages() -> AsyncStream<String> { stream }
}
