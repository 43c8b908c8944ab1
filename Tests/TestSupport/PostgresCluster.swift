import Foundation
import ServiceCore

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL cluster of one test's own, for tests that stop or restart the server (the suite's shared
/// cluster cannot be: other tests use it). `initdb` in a temporary directory, then `pg_ctl` on a free 127.0.0.1 port
/// (as the `postgres` user when running as root: PostgreSQL refuses to run as root); trust authentication, no fsync.
/// The one test daemon not started with ``ProcessRunner/Background``: its tests exercise `pg_ctl`'s own stop and
/// restart modes (`smart`, `fast`, `immediate`), which are PostgreSQL's supervision, not ours. A small shell watchdog stops the server and removes the directory if the test
/// process dies without calling ``stop()``.
public final class PostgresCluster: @unchecked Sendable {
    public let directory: URL
    public let port: Int
    let bindir: String
    private var watchdog: Process?

    /// `postgres` on this cluster.
    public var settings: DatabaseSettings {
        DatabaseSettings(host: "127.0.0.1", port: port, username: "postgres", password: nil, database: "postgres", maximumConnections: 4)
    }

    private init(directory: URL, port: Int, bindir: String) {
        self.directory = directory
        self.port = port
        self.bindir = bindir
    }

    /// Creates and starts a cluster (a second or two).
    public static func start() async throws -> PostgresCluster {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = versions.compactMap(Int.init).max() else {
            throw ConfigurationError("no PostgreSQL server binaries under /usr/lib/postgresql (scripts/test installs them)")
        }
        let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("pgcluster-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sock"), withIntermediateDirectories: true)
        let cluster = PostgresCluster(directory: directory, port: ProcessRunner.freePort(), bindir: "/usr/lib/postgresql/\(version)/bin")
        do {
            if getuid() == 0 {
                try await cluster.shell("chown -R postgres:postgres \(cluster.quoted(directory.path)) && chmod 755 \(cluster.quoted(directory.path))", asOwner: false)
            }
            try await cluster.pg("initdb", "-D", cluster.dataPath, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-N")
            try await cluster.startServer()
            try cluster.startWatchdog()
        } catch {
            await cluster.stop()
            throw error
        }
        return cluster
    }

    var dataPath: String { directory.appendingPathComponent("pgdata").path }

    /// `pg_ctl restart -m <mode>` (`smart`, `fast`, `immediate`), waiting until the server accepts connections again.
    public func restart(mode: String) async throws {
        try await pg("pg_ctl", "-D", dataPath, "-m", mode, "-w", "-t", "60", "restart")
    }

    /// `pg_ctl stop -m <mode>`, waiting until the server is gone.
    public func stopServer(mode: String = "fast") async throws {
        try await pg("pg_ctl", "-D", dataPath, "-m", mode, "-w", "-t", "60", "stop")
    }

    /// `pg_ctl start` (again, after ``stopServer(mode:)``), waiting until the server accepts connections.
    public func startServer() async throws {
        try await pg(
            "pg_ctl", "-D", dataPath, "-l", directory.appendingPathComponent("server.log").path, "-w", "-t", "60", "-o",
            "-p \(port) -c listen_addresses=127.0.0.1 -k \(directory.appendingPathComponent("sock").path) -c fsync=off "
                + "-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=32MB -c max_connections=100",
            "start")
    }

    /// The server's log so far.
    public var log: String { (try? String(contentsOf: directory.appendingPathComponent("server.log"), encoding: .utf8)) ?? "" }

    /// Stops the server (immediately) and removes the directory.
    public func stop() async {
        _ = try? await pg("pg_ctl", "-D", dataPath, "-m", "immediate", "-w", "-t", "30", "stop")
        watchdog?.terminate()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Creates a database on the cluster.
    public func createDatabase(_ name: String) async throws {
        try await pg("createdb", "-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres", name)
    }

    public func url(database: String) -> String { "postgres://postgres@127.0.0.1:\(port)/\(database)" }

    // MARK: running the PostgreSQL tools

    @discardableResult
    private func pg(_ tool: String, _ arguments: String...) async throws -> ProcessResult {
        try await shell(([bindir + "/" + tool] + arguments).map(quoted).joined(separator: " "), asOwner: true)
    }

    /// Runs `command` with bash (as the cluster owner when root), in a subshell that closes every descriptor but 0-2
    /// first: Foundation sees a child end when the socket it gave the child closes, and the server `pg_ctl start`
    /// leaves running would otherwise hold that socket (so the wait would last as long as the server). The shell
    /// itself keeps it until it exits.
    @discardableResult
    private func shell(_ command: String, asOwner: Bool) async throws -> ProcessResult {
        let env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        let script = "(" + Self.closeInheritedDescriptors + "exec " + command + ")"
        let result =
            if asOwner && getuid() == 0 {
                try await ProcessRunner.run("/usr/bin/su", ["postgres", "-s", "/bin/bash", "-c", script], environment: env, timeout: 90)
            } else {
                try await ProcessRunner.run("/bin/bash", ["-c", script], environment: env, timeout: 90)
            }
        guard result.status == 0 else {
            throw ConfigurationError("\(command) failed: \(result)\n--- server log\n\(log.suffix(2000))")
        }
        return result
    }

    /// bash: closes every descriptor but 0-2 of this (sub)shell.
    static let closeInheritedDescriptors = #"for fd in /proc/$BASHPID/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done; "#

    private func quoted(_ argument: String) -> String { "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Stops the server and removes the directory when this process dies without `stop()`.
    private func startWatchdog() throws {
        let stop = ([bindir + "/pg_ctl", "-D", dataPath, "-m", "immediate", "stop"]).map(quoted).joined(separator: " ")
        let stopCommand = getuid() == 0 ? "su postgres -s /bin/sh -c \(quoted(stop))" : stop
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c",
            """
            while kill -0 "$1" 2>/dev/null; do sleep 0.5; done
            \(stopCommand) >/dev/null 2>&1
            rm -rf \(quoted(directory.path))
            """,
            "pg-watchdog", String(getpid()),
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        watchdog = process
    }
}
