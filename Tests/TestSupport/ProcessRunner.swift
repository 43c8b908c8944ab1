import Foundation
import Synchronization
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Runs the built binaries (`auth-service`, `mscli`) as a user would, for end-to-end tests.
public enum Binaries {
    /// `MSVC_BIN_DIR` (set by scripts/test), else the package's debug build directory.
    public static var directory: URL {
        if let dir = ProcessInfo.processInfo.environment["MSVC_BIN_DIR"] { return URL(fileURLWithPath: dir) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug")
    }

    public static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Puts binary `name` at `destination` (an installed layout), ready to run: a hard link when the file system allows
    /// one, else a copy written through a close-on-exec descriptor.
    ///
    /// Why not `FileManager.copyItem`: it writes the copy through a descriptor without `O_CLOEXEC`, and the tests start
    /// processes from other threads all the time; a child forked meanwhile keeps that descriptor open for as long as
    /// it runs, and running the copy then fails with ETXTBSY ("Text file busy"), as SeedAndReindexTests did in CI. A
    /// hard link opens nothing for writing.
    public static func install(_ name: String, at destination: String) throws {
        if link(path(name), destination) == 0 { return }
        let source = try Data(contentsOf: URL(fileURLWithPath: path(name)))
        let descriptor = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination]) }
        defer { close(descriptor) }
        try source.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                guard written > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination]) }
                offset += written
            }
        }
    }
}

public struct ProcessResult: Sendable, CustomStringConvertible {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
}

public enum ProcessRunner {
    /// Runs to completion (killed after `timeout` seconds) with `input` on stdin and the given environment only.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String], input: String? = nil, timeout: TimeInterval = 60
    ) async throws -> ProcessResult {
        // Files, not pipes: a service started concurrently by another test would inherit a pipe's descriptors and
        // hold it open, so EOF (and this test) would wait for that service to exit.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inURL = dir.appendingPathComponent("stdin")
        let outURL = dir.appendingPathComponent("stdout")
        let errURL = dir.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: inURL.path, contents: Data((input ?? "").utf8))
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let inHandle = try FileHandle(forReadingFrom: inURL)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer {
            try? inHandle.close()
            try? outHandle.close()
            try? errHandle.close()
        }
        process.standardInput = inHandle
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline { process.terminate() }
            try await Task.sleep(for: .milliseconds(10))
        }
        return ProcessResult(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// A process left running (a service, nginx, a search or Redis server): how every daemon a test starts for itself
    /// is started, waited for (``waitUntilReady(timeout:_:)``) and stopped. `stop()` sends SIGTERM and waits.
    public final class Background: @unchecked Sendable {
        public let process: Process
        public let logURL: URL
        private var watchdog: Process?

        /// `killedWithParent`: a small shell watchdog SIGKILLs the process if this test process dies without stopping
        /// it, so a crashed test run leaks no daemon.
        public init(_ executable: String, _ arguments: [String], environment: [String: String], killedWithParent: Bool = false) throws {
            process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.environment = environment
            logURL = FileManager.default.temporaryDirectory.appendingPathComponent("svc-\(UUID().uuidString).log")
            FileManager.default.createFile(atPath: logURL.path, contents: nil)
            let handle = try FileHandle(forWritingTo: logURL)
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            if killedWithParent {
                let watchdog = Process()
                watchdog.executableURL = URL(fileURLWithPath: "/bin/sh")
                watchdog.arguments = [
                    "-c",
                    """
                    while kill -0 "$1" 2>/dev/null; do kill -0 "$2" 2>/dev/null || exit 0; sleep 0.2; done
                    kill -9 "$2" 2>/dev/null
                    """,
                    "watchdog", String(getpid()), String(process.processIdentifier),
                ]
                try watchdog.run()
                self.watchdog = watchdog
            }
        }

        /// SIGKILL, then waits until the process is gone: for daemons that lose nothing by it (no persistence) and
        /// must stop at once (processes spawned from the test runner's threads may have SIGTERM blocked).
        public func killAndWait() async {
            for child in [process, watchdog].compactMap({ $0 }) where child.isRunning { kill(child.processIdentifier, SIGKILL) }
            for child in [process, watchdog].compactMap({ $0 }) {
                while child.isRunning { try? await Task.sleep(for: .milliseconds(5)) }
            }
            try? FileManager.default.removeItem(at: logURL)
        }

        deinit {
            if let watchdog, watchdog.isRunning { watchdog.terminate() }
        }

        public var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

        /// Polls `ready` every 50 ms until it holds (true), the process exits or `timeout` seconds pass (false): the
        /// readiness wait of every daemon a test starts (services, nginx, the search server).
        public func waitUntilReady(timeout: TimeInterval, _ ready: () async -> Bool) async -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline {
                if await ready() { return process.isRunning }
                try? await Task.sleep(for: .milliseconds(50))
            }
            return false
        }

        /// ``stop()`` for synchronous callers (`defer`, `deinit`): SIGTERM, SIGKILL after 5 s, blocking the thread.
        public func stopBlocking() {
            if process.isRunning { process.terminate() }
            for _ in 0..<100 where process.isRunning { usleep(50_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            try? FileManager.default.removeItem(at: logURL)
        }

        public func stop() async {
            if process.isRunning { process.terminate() }
            for _ in 0..<250 where process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            try? FileManager.default.removeItem(at: logURL)
        }
    }

    /// A TCP port of 127.0.0.1 that nothing is bound to, for a server a test starts, never handed out twice in this
    /// process.
    ///
    /// Why not `bind(0)` and read the port back: the kernel hands such a port out again, to the next `bind(0)` or as
    /// the source port of an outgoing connection (tests open thousands, to PostgreSQL and the services), in the moment
    /// between this call and the server's own bind. A CI run once started auth-service on a port a parallel test's
    /// service had just taken: auth-service exited with "Address already in use" while the other one answered its
    /// health check. So ports come from 10000-19999: below the kernel's ephemeral range (32768-60999 here, so never a
    /// connection's source port) and apart from the 20000-31999 that `scripts/lib/infra.sh` draws PostgreSQL's,
    /// Redis's and the HA cluster's ports from.
    public static func freePort() -> Int {
        handedOut.withLock { taken in
            for _ in 0..<2000 {
                let port = Int.random(in: 10000...19999)
                guard !taken.contains(port), nothingBound(to: port) else { continue }
                taken.insert(port)
                return port
            }
            fatalError("no free port in 10000-19999 after 2000 tries")
        }
    }

    private static let handedOut = Mutex<Set<Int>>([])

    /// Whether a plain bind (no SO_REUSEADDR, so a port in TIME_WAIT counts as taken) to 127.0.0.1:`port` succeeds.
    private static func nothingBound(to port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let len = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 } }
    }

    /// Polls `url` until it answers 200 or `timeout` passes.
    public static func waitForHTTP(_ url: String, timeout: TimeInterval = 30) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if await answers200(url) { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Whether `url` answers 200 now.
    public static func answers200(_ url: String) async -> Bool {
        guard let u = URL(string: url), let (_, response) = try? await URLSession.shared.data(from: u) else { return false }
        return (response as? HTTPURLResponse)?.statusCode == 200
    }
}
