import Testing

@testable import RedisClient
import TestSupport

@Suite(.timeLimit(.minutes(1)), .tags(.redis))
struct RedisPipeliningTests {
    @Test func oneConnectionMatchesManyConcurrentRepliesInOrder() async throws {
        try await withRedisServer { server in
            let connection = try await RedisConnection.connect(configuration: server.configuration)
            let mismatches = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<500 {
                    group.addTask {
                        try await connection.send("ECHO", "message-\(index)").string == "message-\(index)"
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 0 : 1) }
            }
            #expect(mismatches == 0)
            await connection.close()
            #expect(!connection.isActive)
            await #expect(throws: RedisError.connectionClosed) { try await connection.send("PING") }
        }
    }

    @Test func thousandConcurrentIncrementsOverThePool() async throws {
        try await withRedisServer { server in
            try await withRedisClient(server.configuration.with { $0.poolSize = 4 }) { client in
                let results = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<1000 {
                        group.addTask { try await client.incr("hits") }
                    }
                    return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
                }
                #expect(results == Set(1...1000), "every INCR answered with its own value")
                #expect(try await client.get("hits") == "1000")
                let connections = try await RedisCommandTests.connectedClients(server) - 1
                #expect((1...4).contains(connections), "never more connections than poolSize")
            }
        }
    }
}
