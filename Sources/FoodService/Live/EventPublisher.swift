import Foundation
import Logging
import RedisClient
import ServiceCore

/// Tells the live clients of every running instance about a change made outside the service (by `mscli
/// --maintenance`): one message on the instances' Redis channel, exactly as an instance would send it.
public enum OrderEventPublisher {
    /// - Returns: how many instances received it (Redis's subscriber count).
    @discardableResult
    public static func publish(_ event: OrderEvent, redisURL: String, logger: Logger) async throws -> Int {
        let configuration: RedisConfiguration
        do {
            configuration = try RedisConfiguration(url: redisURL)
        } catch {
            throw ConfigurationError("REDIS_URL: \(error)")
        }
        let client = RedisClient(configuration: configuration, logger: logger)
        let text = String(decoding: try JSONCoding.encode(FanoutEnvelope(event: event)), as: UTF8.self)
        do {
            let receivers = try await client.publish(channel: RedisFanout.defaultChannel, message: text)
            await client.shutdown()
            return receivers
        } catch {
            await client.shutdown()
            throw error
        }
    }
}
