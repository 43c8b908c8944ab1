import NIOCore
import Synchronization
import Testing

@testable import RedisClient
import TestSupport

@Suite(.timeLimit(.minutes(1)), .tags(.redis))
struct RedisSubscriberTests {
    @Test func receivesMessagesOnChannelsAndPatterns() async throws {
        try await withRedisServer { server in
            try await withRedisClient(server.configuration) { client in
                try await withSubscriber(server.configuration) { subscriber in
                    let news = MessageCollector(try await subscriber.subscribe(to: ["news", "sports"]))
                    let users = MessageCollector(try await subscriber.psubscribe(to: ["user.*"]))
                    #expect(subscriber.isConnected)

                    #expect(try await client.publish(channel: "news", message: "hello") == 1)
                    #expect(try await client.publish(channel: "sports", message: ByteBuffer(bytes: [0, 13, 10, 255])) == 1)
                    #expect(try await client.publish(channel: "user.42", message: "joined") == 1)
                    #expect(try await client.publish(channel: "weather", message: "rain") == 0)

                    #expect(await eventually { news.received.count == 2 && users.received.count == 1 })
                    #expect(news.received.map(\.channel) == ["news", "sports"])
                    #expect(news.received.first?.payloadString == "hello")
                    #expect(news.received.first?.pattern == nil)
                    #expect(news.received.last?.payload == ByteBuffer(bytes: [0, 13, 10, 255]))
                    #expect(users.received == [RedisPubSubMessage(channel: "user.42", pattern: "user.*", payload: ByteBuffer(string: "joined"))])
                }
            }
        }
    }

    @Test func unsubscribingAndAbandonedStreamsReleaseChannels() async throws {
        try await withRedisServer { server in
            try await withRedisClient(server.configuration) { client in
                try await withSubscriber(server.configuration) { subscriber in
                    let onlyA = MessageCollector(try await subscriber.subscribe(to: ["a"]))
                    let aAndB = MessageCollector(try await subscriber.subscribe(to: ["a", "b"]))

                    try await subscriber.unsubscribe(from: ["a"])
                    #expect(await eventually { onlyA.isFinished }, "a stream with no channel left finishes")
                    #expect(!aAndB.isFinished)
                    #expect(try await client.publish(channel: "a", message: "x") == 0)
                    #expect(try await client.publish(channel: "b", message: "y") == 1)
                    #expect(await eventually { aAndB.received.map(\.payloadString) == ["y"] })

                    aAndB.stopConsuming()
                    #expect(await eventually { (try? await client.publish(channel: "b", message: "z")) == 0 })
                }
            }
        }
    }

    @Test func resubscribesAfterTheServerRestarts() async throws {
        try await withRedisServer { server in
            let configuration = server.configuration.with {
                $0.reconnectBackoff = RedisBackoff(initial: .milliseconds(20), maximum: .milliseconds(200))
            }
            try await withRedisClient(configuration) { client in
                try await withSubscriber(configuration) { subscriber in
                    let events = MessageCollector(try await subscriber.subscribe(to: ["events"]))
                    let patterned = MessageCollector(try await subscriber.psubscribe(to: ["ev*"]))
                    #expect(try await client.publish(channel: "events", message: "one") == 2)
                    // Delivered before the server goes: PUBLISH counts receivers when it queues the message, and a
                    // server stopped at once may never flush it.
                    #expect(await eventually { events.received.first?.payloadString == "one" && patterned.received.count == 1 })

                    await server.stop()
                    #expect(await eventually { !subscriber.isConnected })
                    try await server.start()
                    #expect(await eventually { subscriber.isConnected })

                    #expect(await eventually { (try? await client.publish(channel: "events", message: "two")) == 2 })
                    #expect(await eventually { events.received.last?.payloadString == "two" })
                    #expect(await eventually { patterned.received.last?.payloadString == "two" })
                    #expect(events.received.first?.payloadString == "one")
                    #expect(!events.isFinished)
                }
            }
        }
    }

    @Test func subscribeFailsFastWhenTheServerIsDownAndCloseEndsStreams() async throws {
        let port = try RedisServerProcess.freePort()
        let subscriber = RedisSubscriber(configuration: RedisConfiguration(host: "127.0.0.1", port: port))
        let started = ContinuousClock.now
        await #expect {
            _ = try await subscriber.subscribe(to: ["x"])
        } throws: { error in
            if case .connectFailed = error as? RedisError { true } else { false }
        }
        #expect(ContinuousClock.now - started < .seconds(1))
        #expect(!subscriber.isConnected)

        try await withRedisServer { server in
            let subscriber = RedisSubscriber(configuration: server.configuration)
            let stream = MessageCollector(try await subscriber.subscribe(to: ["x"]))
            await subscriber.close()
            #expect(await eventually { stream.isFinished })
            #expect(!subscriber.isConnected)
            await #expect(throws: RedisError.shutdown) { _ = try await subscriber.subscribe(to: ["y"]) }
        }
        await subscriber.close()
    }

    private func withSubscriber(
        _ configuration: RedisConfiguration,
        _ body: (RedisSubscriber) async throws -> Void
    ) async throws {
        let subscriber = RedisSubscriber(configuration: configuration)
        do {
            try await body(subscriber)
            await subscriber.close()
        } catch {
            await subscriber.close()
            throw error
        }
    }
}

/// Drains a subscription stream in the background so tests can poll what arrived.
final class MessageCollector: Sendable {
    private struct State {
        var received: [RedisPubSubMessage] = []
        var isFinished = false
        var task: Task<Void, Never>?
    }

    private let state = Mutex(State())

    init(_ stream: AsyncStream<RedisPubSubMessage>) {
        let task = Task { [self] in
            for await message in stream {
                self.state.withLock { $0.received.append(message) }
            }
            self.state.withLock { $0.isFinished = true }
        }
        self.state.withLock { $0.task = task }
    }

    var received: [RedisPubSubMessage] { self.state.withLock { $0.received } }
    var isFinished: Bool { self.state.withLock { $0.isFinished } }

    /// Cancels the consuming task, which terminates the stream from the consumer's side.
    func stopConsuming() {
        self.state.withLock { $0.task }?.cancel()
    }
}
