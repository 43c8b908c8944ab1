import NIOCore
import Testing

@testable import RedisClient
import TestSupport

@Suite(.timeLimit(.minutes(1)), .tags(.redis))
struct RedisFailureTests {
    @Test func commandTimeoutFailsTheCommandAndClosesTheConnection() async throws {
        try await withSilentServer { silent in
            let configuration = RedisConfiguration(host: "127.0.0.1", port: silent.port, commandTimeout: .milliseconds(300))
            let connection = try await RedisConnection.connect(configuration: configuration)

            let started = ContinuousClock.now
            let results = await withTaskGroup(of: RedisError?.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        do {
                            _ = try await connection.send("PING")
                            return nil
                        } catch {
                            return error as? RedisError
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let elapsed = ContinuousClock.now - started
            #expect(results.contains(.timeout))
            #expect(results.allSatisfy { $0 == .timeout || $0 == .connectionClosed })
            #expect(elapsed >= .milliseconds(250) && elapsed < .seconds(3))
            try await connection.closeFuture.get()
            await #expect(throws: RedisError.connectionClosed) { try await connection.send("PING") }
        }
    }

    @Test func poolReportsTimeoutsFromASilentServer() async throws {
        try await withSilentServer { silent in
            let configuration = RedisConfiguration(host: "127.0.0.1", port: silent.port, commandTimeout: .milliseconds(300))
            try await withRedisClient(configuration) { client in
                await #expect(throws: RedisError.timeout) { try await client.ping() }
            }
        }
    }

    @Test func handshakeThatNeverCompletesIsAConnectFailure() async throws {
        try await withSilentServer { silent in
            let configuration = RedisConfiguration(
                host: "127.0.0.1",
                port: silent.port,
                password: "x",
                commandTimeout: .milliseconds(300)
            )
            let started = ContinuousClock.now
            await #expect {
                _ = try await RedisConnection.connect(configuration: configuration)
            } throws: { error in
                if case .connectFailed = error as? RedisError { true } else { false }
            }
            #expect(ContinuousClock.now - started < .seconds(3))
        }
    }

    @Test func failsFastWhenNothingListens() async throws {
        let port = try RedisServerProcess.freePort()
        try await withRedisClient(RedisConfiguration(host: "127.0.0.1", port: port)) { client in
            let started = ContinuousClock.now
            for _ in 0..<20 {
                await #expect {
                    try await client.ping()
                } throws: { error in
                    if case .connectFailed = error as? RedisError { true } else { false }
                }
            }
            #expect(ContinuousClock.now - started < .seconds(1))
        }
    }

    @Test func cancelledCommandIsDiscardedAndTheConnectionStaysInSync() async throws {
        try await withRedisServer { server in
            let connection = try await RedisConnection.connect(configuration: server.configuration)
            defer { connection.channel.close(promise: nil) }
            // BLPOP holds this connection's replies back for 0.5 s.
            let blocked = Task {
                try await connection.send("BLPOP", "never-pushed", "0.5")
            }
            try await Task.sleep(for: .milliseconds(50))
            let cancelledAt = ContinuousClock.now
            blocked.cancel()
            await #expect(throws: CancellationError.self) { try await blocked.value }
            #expect(ContinuousClock.now - cancelledAt < .milliseconds(400), "cancellation does not wait for the reply")
            // Answered after the abandoned BLPOP's nil reply, which must not be taken for this one.
            #expect(try await connection.send("ECHO", "after") == RESPValue(bulk: "after"))
            #expect(connection.isActive)
        }
    }

    @Test func reconnectsAfterTheServerRestarts() async throws {
        try await withRedisServer { server in
            let configuration = server.configuration.with {
                $0.reconnectBackoff = RedisBackoff(initial: .milliseconds(20), maximum: .milliseconds(200))
            }
            try await withRedisClient(configuration) { client in
                try await client.set("before", to: "1")

                await server.stop()
                await #expect(throws: RedisError.self) { try await client.ping() }
                let downSince = ContinuousClock.now
                for _ in 0..<10 {
                    await #expect(throws: RedisError.self) { try await client.ping() }
                }
                #expect(ContinuousClock.now - downSince < .seconds(1), "a down server fails commands fast")

                try await server.start()
                #expect(await eventually { (try? await client.ping()) != nil })
                #expect(try await client.incr("after") == 1)
            }
        }
    }
}
