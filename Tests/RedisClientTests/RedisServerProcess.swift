import Foundation
import RedisClient
import TestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private `redis-server` on 127.0.0.1 for tests: binary from `REDIS_SERVER_BIN` or `PATH`, no
/// persistence. `stop()` and `start()` reuse the same port, so clients can reconnect to it. Started like every daemon a
/// test starts (TestSupport's `ProcessRunner.Background`), with a watchdog that kills the server if the test process
/// dies without `stop()` (which `withRedisServer` always calls), so a crash does not leak servers either.
public final class RedisServerProcess: @unchecked Sendable {
    public let port: Int
    public let password: String?
    private let lock = NSLock()
    private var server: ProcessRunner.Background?

    public init(password: String? = nil) throws {
        self.port = try Self.freePort()
        self.password = password
    }

    public var configuration: RedisConfiguration {
        RedisConfiguration(host: "127.0.0.1", port: self.port, password: self.password)
    }

    private var logPath: String {
        FileManager.default.temporaryDirectory.appendingPathComponent("redis-test-\(self.port).log").path
    }

    /// Starts the server and waits until it answers PING (any reply, NOAUTH included).
    public func start() async throws {
        let server = try ProcessRunner.Background(
            try Self.binaryURL().path,
            [
                "--port", String(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--dir", FileManager.default.temporaryDirectory.path, "--logfile", self.logPath,
            ] + (self.password.map { ["--requirepass", $0] } ?? []),
            environment: ProcessInfo.processInfo.environment, killedWithParent: true)
        self.lock.withLock { self.server = server }
        let port = self.port
        guard await server.waitUntilReady(timeout: 10, { Self.answersPing(port: port) }) else {
            await self.stop()
            let log = (try? String(contentsOfFile: self.logPath, encoding: .utf8)) ?? ""
            throw RedisServerError.startFailed(port: self.port, log: String(log.suffix(2000)))
        }
    }

    /// Kills the server and waits until it has exited. SIGKILL because processes spawned from the
    /// test runner's threads inherit a signal mask that blocks SIGTERM; without persistence nothing is lost.
    public func stop() async {
        let server = self.lock.withLock {
            defer { self.server = nil }
            return self.server
        }
        await server?.killAndWait()
        try? FileManager.default.removeItem(atPath: self.logPath)
    }

    deinit {
        if let process = self.server?.process, process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
    }

    /// A TCP port of 127.0.0.1 that nothing is bound to: ``ProcessRunner/freePort()``'s reserved range and registry, so
    /// a Redis server never races a service another test starts for the same port.
    public static func freePort() throws -> Int { ProcessRunner.freePort() }

    private static func answersPing(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = Self.loopback(port: port)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { return false }
        let ping = Array("PING\r\n".utf8)
        guard send(fd, ping, ping.count, Int32(MSG_NOSIGNAL)) == ping.count else { return false }
        var reply = [UInt8](repeating: 0, count: 64)
        let received = recv(fd, &reply, reply.count, 0)
        return received > 0 && (reply[0] == UInt8(ascii: "+") || reply[0] == UInt8(ascii: "-"))
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        return address
    }

    private static func binaryURL() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let configured = environment["REDIS_SERVER_BIN"], !configured.isEmpty {
            return URL(fileURLWithPath: configured)
        }
        for directory in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/redis-server"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return URL(fileURLWithPath: candidate)
            }
        }
        throw RedisServerError.binaryNotFound
    }
}

public enum RedisServerError: Error, CustomStringConvertible {
    case binaryNotFound
    case startFailed(port: Int, log: String)

    public var description: String {
        switch self {
        case .binaryNotFound: "redis-server not found: install it or set REDIS_SERVER_BIN"
        case .startFailed(let port, let log): "redis-server did not start on port \(port):\n\(log)"
        }
    }
}

/// Runs `body` with a fresh server that is stopped afterwards, whether `body` returns or throws.
/// A start is retried on another port, in case a parallel test grabbed the chosen one first.
@discardableResult
public func withRedisServer<T>(
    password: String? = nil,
    _ body: (RedisServerProcess) async throws -> T
) async throws -> T {
    var attempt = 1
    while true {
        let server = try RedisServerProcess(password: password)
        do {
            try await server.start()
        } catch RedisServerError.startFailed where attempt < 3 {
            attempt += 1
            continue
        }
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }
}

/// Runs `body` with a client that is shut down afterwards, whether `body` returns or throws.
@discardableResult
public func withRedisClient<T>(
    _ configuration: RedisConfiguration,
    _ body: (RedisClient) async throws -> T
) async throws -> T {
    let client = RedisClient(configuration: configuration)
    do {
        let result = try await body(client)
        await client.shutdown()
        return result
    } catch {
        await client.shutdown()
        throw error
    }
}

/// Polls `condition` every 20 ms until it holds or `timeout` passes; returns whether it held.
public func eventually(
    within timeout: Duration = .seconds(5),
    _ condition: () async -> Bool
) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() {
            return true
        }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
}

extension RedisConfiguration {
    /// A copy with `change` applied, for tests that tweak one setting.
    public func with(_ change: (inout RedisConfiguration) -> Void) -> RedisConfiguration {
        var copy = self
        change(&copy)
        return copy
    }
}
