import NIOCore
import Testing

@testable import RedisClient
import TestSupport

@Suite(.timeLimit(.minutes(1)), .tags(.redis))
struct RedisCommandTests {
    @Test func stringsCountersAndKeys() async throws {
        try await withRedisServer { server in
            try await withRedisClient(server.configuration) { client in
                try await client.ping()
                #expect(try await client.get("missing") == nil)
                try await client.set("greeting", to: "hello")
                #expect(try await client.get("greeting") == "hello")
                #expect(try await client.incr("counter") == 1)
                #expect(try await client.incr("counter", by: 41) == 42)
                #expect(try await client.get("counter") == "42")
                #expect(try await client.del("greeting", "counter", "missing") == 2)
                #expect(try await client.get("greeting") == nil)
            }
        }
    }

    @Test func setWithExpiryAndConditions() async throws {
        try await withRedisServer { server in
            try await withRedisClient(server.configuration) { client in
                #expect(try await client.set("lock", to: "a", expiresIn: .seconds(30), condition: .ifNotExists))
                #expect(try await !client.set("lock", to: "b", condition: .ifNotExists))
                #expect(try await client.get("lock") == "a")
                let ttl = try #require(try await client.send("PTTL", "lock").int)
                #expect((1...30_000).contains(ttl))
                #expect(try await !client.set("absent", to: "x", condition: .ifExists))
                #expect(try await client.set("lock", to: "c", condition: .ifExists))
                #expect(try await client.send("PTTL", "lock").int == -1, "a plain SET drops the expiry")
                #expect(try await client.expire("lock", in: .seconds(10)))
                #expect(try await !client.expire("absent", in: .seconds(10)))
            }
        }
    }

    @Test func binaryValuesRoundTrip() async throws {
        try await withRedisServer { server in
            try await withRedisClient(server.configuration) { client in
                let bytes = ByteBuffer(bytes: (0...255).map { UInt8($0) } + Array("\r\n$-1\r\n".utf8))
                try await client.set("blob", to: bytes)
                #expect(try await client.getBuffer("blob") == bytes)
                #expect(try await client.send("STRLEN", "blob").int == 263)
            }
        }
    }

    @Test func serverErrorsAreThrownAndLeaveTheConnectionUsable() async throws {
        try await withRedisServer { server in
            try await withRedisClient(server.configuration.with { $0.poolSize = 1 }) { client in
                _ = try await client.send("LPUSH", "list", "a")
                await #expect {
                    try await client.incr("list")
                } throws: { error in
                    (error as? RedisError)?.serverErrorCode == "WRONGTYPE"
                }
                await #expect(throws: RedisError.self) { try await client.send("NO-SUCH-COMMAND") }
                try await client.ping()
                #expect(try await client.send("LRANGE", "list", "0", "-1") == .array([RESPValue(bulk: "a")]))
            }
        }
    }

    @Test func selectsTheConfiguredDatabase() async throws {
        try await withRedisServer { server in
            let url = "redis://127.0.0.1:\(server.port)/3"
            try await withRedisClient(try RedisConfiguration(url: url)) { database3 in
                try await withRedisClient(server.configuration) { database0 in
                    try await database3.set("where", to: "three")
                    #expect(try await database0.get("where") == nil)
                    #expect(try await database3.get("where") == "three")
                }
            }
        }
    }

    @Test func authenticatesWithPasswordAndUser() async throws {
        try await withRedisServer(password: "s3cret") { server in
            try await withRedisClient(server.configuration) { client in
                try await client.set("k", to: "v")
                #expect(try await client.get("k") == "v")
            }
            let url = "redis://default:s3cret@127.0.0.1:\(server.port)/2"
            try await withRedisClient(try RedisConfiguration(url: url)) { client in
                try await client.ping()
            }
            try await withRedisClient(server.configuration.with { $0.password = nil }) { client in
                await #expect {
                    try await client.get("k")
                } throws: { error in
                    (error as? RedisError)?.serverErrorCode == "NOAUTH"
                }
            }
            try await withRedisClient(server.configuration.with { $0.password = "wrong" }) { client in
                await #expect {
                    try await client.ping()
                } throws: { error in
                    guard case .connectFailed(let reason) = error as? RedisError else { return false }
                    return reason.contains("WRONGPASS")
                }
            }
        }
    }

    @Test func scriptsRunByShaAndReloadAfterFlush() async throws {
        try await withRedisServer { server in
            try await withRedisClient(server.configuration) { client in
                let script = RedisScript("return {KEYS[1], ARGV[1], redis.call('INCR', KEYS[1])}")
                #expect(try await client.scriptLoad(script.source) == script.sha1, "local SHA-1 matches the server's")
                let first = try await client.eval(script, keys: ["n"], arguments: ["x"])
                #expect(first == .array([RESPValue(bulk: "n"), RESPValue(bulk: "x"), .integer(1)]))

                _ = try await client.send("SCRIPT", "FLUSH")
                #expect(try await client.send("SCRIPT", "EXISTS", script.sha1) == .array([.integer(0)]))
                await #expect {
                    try await client.evalSHA(script.sha1, keys: ["n"])
                } throws: { error in
                    (error as? RedisError)?.serverErrorCode == "NOSCRIPT"
                }
                let second = try await client.eval(script, keys: ["n"], arguments: ["y"])
                #expect(second.array?.last == .integer(2))
                #expect(try await client.send("SCRIPT", "EXISTS", script.sha1) == .array([.integer(1)]), "EVAL cached it again")
            }
        }
    }

    @Test func shutdownIsIdempotentAndFailsLaterCommands() async throws {
        try await withRedisServer { server in
            let client = RedisClient(configuration: server.configuration)
            try await client.ping()
            await client.shutdown()
            await client.shutdown()
            await #expect(throws: RedisError.shutdown) { try await client.ping() }
            #expect(await eventually { (try? await Self.connectedClients(server)) == 0 }, "the pooled connection was closed")
        }
    }

    static func connectedClients(_ server: RedisServerProcess) async throws -> Int {
        let connection = try await RedisConnection.connect(configuration: server.configuration)
        defer { connection.channel.close(promise: nil) }
        let list = try #require(try await connection.send("CLIENT", "LIST").string)
        return list.split(separator: "\n").count - 1
    }
}
