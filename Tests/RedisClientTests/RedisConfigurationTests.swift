import Testing

import RedisClient
import TestSupport

@Suite(.tags(.redis)) struct RedisConfigurationTests {
    @Test func hostOnlyUsesDefaults() throws {
        let configuration = try RedisConfiguration(url: "redis://cache.internal")
        #expect(configuration.host == "cache.internal")
        #expect(configuration.port == 6379)
        #expect(configuration.username == nil)
        #expect(configuration.password == nil)
        #expect(configuration.database == 0)
        #expect(configuration.commandTimeout == .seconds(2))
    }

    @Test func everyPart() throws {
        let configuration = try RedisConfiguration(url: "redis://app:p%40ss%3Aword@10.0.0.5:6380/3")
        #expect(configuration.host == "10.0.0.5")
        #expect(configuration.port == 6380)
        #expect(configuration.username == "app")
        #expect(configuration.password == "p@ss:word")
        #expect(configuration.database == 3)
    }

    @Test func passwordWithoutUser() throws {
        let configuration = try RedisConfiguration(url: "REDIS://:secret@localhost/")
        #expect(configuration.username == nil)
        #expect(configuration.password == "secret")
        #expect(configuration.host == "localhost")
        #expect(configuration.database == 0)
    }

    @Test func bracketedIPv6Host() throws {
        let configuration = try RedisConfiguration(url: "redis://[::1]:7000/1")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 7000)
        #expect(configuration.database == 1)
        #expect(try RedisConfiguration(url: "redis://[fe80::1]").port == 6379)
    }

    @Test(arguments: [
        "cache:6379",
        "http://cache",
        "rediss://cache",
        "redis://",
        "redis://:pw@",
        "redis://cache:0",
        "redis://cache:70000",
        "redis://cache:port",
        "redis://cache/db",
        "redis://cache/-1",
        "redis://user@cache",
        "redis://cache?timeout=1",
        "redis://:%zz@cache",
        "redis://[::1",
    ])
    func rejectsMalformedURLs(_ url: String) {
        #expect(throws: RedisError.self) { try RedisConfiguration(url: url) }
    }

    @Test func errorsDoNotContainThePassword() {
        do {
            _ = try RedisConfiguration(url: "redis://user:hunter2@host?x=1")
            Issue.record("expected an error")
        } catch {
            #expect(!"\(error)".contains("hunter2"))
        }
    }

    @Test func backoffGrowsAndIsCapped() {
        let backoff = RedisBackoff(initial: .milliseconds(100), maximum: .milliseconds(500), jitter: 0)
        #expect(backoff.delay(afterFailures: 1) == .milliseconds(100))
        #expect(backoff.delay(afterFailures: 2) == .milliseconds(200))
        #expect(backoff.delay(afterFailures: 3) == .milliseconds(400))
        #expect(backoff.delay(afterFailures: 4) == .milliseconds(500))
        #expect(backoff.delay(afterFailures: 1000) == .milliseconds(500))
        let jittered = RedisBackoff(initial: .milliseconds(100), maximum: .seconds(1), jitter: 0.5)
        for _ in 0..<100 {
            #expect((Duration.milliseconds(50)...Duration.milliseconds(100)).contains(jittered.delay(afterFailures: 1)))
        }
    }
}
