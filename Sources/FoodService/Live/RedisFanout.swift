import Foundation
import Logging
import RedisClient

/// Fan-out over Redis pub/sub: every instance publishes to one channel and subscribes to it. While Redis is down,
/// a publish is delivered to this instance's clients directly, so one instance keeps working on its own.
public final class RedisFanout: EventFanout {
    let client: RedisClient
    let subscriber: RedisSubscriber
    let channel: String
    let logger: Logger
    private let stream: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation

    public static let defaultChannel = "food:order-events"

    public init(client: RedisClient, subscriber: RedisSubscriber, channel: String = defaultChannel, logger: Logger) {
        self.client = client
        self.subscriber = subscriber
        self.channel = channel
        self.logger = logger
        (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
    }

    public func publish(_ message: String) async throws {
        guard subscriber.isConnected else {
            continuation.yield(message)
            _ = try? await client.publish(channel: channel, message: message)
            return
        }
        do {
            _ = try await client.publish(channel: channel, message: message)
        } catch {
            logger.warning("Redis publish failed; event delivered on this instance only", metadata: ["error": "\(error)"])
            continuation.yield(message)
        }
    }

    public func messages() -> AsyncStream<String> { stream }

    /// Pumps the subscription into `messages()` until cancelled. Subscribing is retried while Redis is unreachable
    /// at start-up; afterwards the subscriber reconnects and re-subscribes by itself.
    public func run() async {
        var delay = Duration.milliseconds(100)
        while !Task.isCancelled {
            do {
                let messages = try await subscriber.subscribe(to: [channel])
                for await message in messages { continuation.yield(message.payloadString) }
                return
            } catch {
                logger.warning("cannot subscribe to Redis yet; retrying", metadata: ["error": "\(error)", "retry_in": "\(delay)"])
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(5))
            }
        }
    }
}
