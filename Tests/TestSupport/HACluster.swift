import Foundation
import ServiceCore

#if canImport(Glibc)
    import Glibc
#endif

/// The highly available PostgreSQL of `scripts/ha-cluster` (etcd, three Patroni members, HAProxy), in a temporary
/// directory of one test's own, started and stopped by the script itself so the test runs what the stack runs.
/// A shell watchdog destroys the cluster if the test process dies without calling ``stop()``.
public final class HACluster: @unchecked Sendable {
    public let directory: URL
    /// HAProxy's read-write port (the leader) and read-only port (the replicas).
    public let readWritePort: Int
    public let readOnlyPort: Int
    public let password: String
    /// Each member's Patroni REST API, member-0 first.
    public let patroniURLs: [String]
    private var watchdog: Process?

    /// Whether Patroni is installed (scripts/test installs it; `scripts/ha-cluster up` installs it too).
    public static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/patroni") }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/ha-cluster").path

    private init(directory: URL, env: [String: String]) throws {
        guard let rw = env["PGPORT"].flatMap(Int.init), let ro = env["HA_READ_ONLY_PORT"].flatMap(Int.init),
            let password = env["PGPASSWORD"], let urls = env["PATRONI_URLS"]
        else { throw ConfigurationError("scripts/ha-cluster wrote an incomplete ha.env: \(env)") }
        self.directory = directory
        self.readWritePort = rw
        self.readOnlyPort = ro
        self.password = password
        self.patroniURLs = urls.split(separator: ",").map(String.init)
    }

    /// `scripts/ha-cluster up` in a new directory: returns once a leader, two streaming replicas and a synchronous
    /// standby are there (20-60 s on a loaded machine).
    public static func start() async throws -> HACluster {
        let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("ha-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let watchdog = try startWatchdog(directory)
        let result = try await run("up", directory, timeout: 240)
        guard result.status == 0 else {
            _ = try? await run("destroy", directory, timeout: 60)
            watchdog.terminate()
            throw ConfigurationError("scripts/ha-cluster up failed: \(result)")
        }
        let text = (try? String(contentsOf: directory.appendingPathComponent("ha.env"), encoding: .utf8)) ?? ""
        var env: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let pair = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { env[String(pair[0])] = String(pair[1]) }
        }
        let cluster = try HACluster(directory: directory, env: env)
        cluster.watchdog = watchdog
        return cluster
    }

    /// `scripts/ha-cluster destroy`: stops everything and removes the directory.
    public func stop() async {
        _ = try? await Self.run("destroy", directory, timeout: 90)
        watchdog?.terminate()
    }

    /// A database URL through HAProxy's read-write port.
    public func url(database: String) -> String { "postgres://postgres:\(password)@127.0.0.1:\(readWritePort)/\(database)" }

    /// A database URL through HAProxy's read-only port (the replicas).
    public func readOnlyURL(database: String) -> String { "postgres://postgres:\(password)@127.0.0.1:\(readOnlyPort)/\(database)" }

    /// Settings of one member's own PostgreSQL port (not through HAProxy).
    public func memberSettings(_ member: Member, database: String = "postgres") -> DatabaseSettings {
        DatabaseSettings(host: "127.0.0.1", port: member.port, username: "postgres", password: password, database: database, maximumConnections: 1)
    }

    /// The pid of a member's Patroni (`member-N`): without it the member's REST API is gone, so HAProxy takes the
    /// member out of both ports (its PostgreSQL keeps running until `stop()`).
    public func patroniPID(_ member: Member) throws -> pid_t {
        let file = directory.appendingPathComponent("\(member.name.replacingOccurrences(of: "member-", with: "patroni-")).pid")
        guard let text = try? String(contentsOf: file, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ConfigurationError("no pidfile \(file.path)")
        }
        return pid
    }

    /// Settings through HAProxy's read-write port.
    public func settings(database: String = "postgres") -> DatabaseSettings {
        DatabaseSettings(host: "127.0.0.1", port: readWritePort, username: "postgres", password: password, database: database, maximumConnections: 4)
    }

    /// Patroni's view: each member's name, role (`leader`, `sync_standby`, `replica`), state and timeline.
    public struct Member: Sendable, Decodable {
        public var name: String
        public var role: String
        public var state: String
        public var port: Int
        public var timeline: Int?
    }

    public func members() async throws -> [Member] {
        struct Cluster: Decodable { var members: [Member] }
        var lastError: Error = ConfigurationError("no Patroni member answered")
        for url in patroniURLs {
            do {
                // curl (installed with the cluster): Patroni's REST API answers plain HTTP/1.0.
                let result = try await ProcessRunner.run("/usr/bin/curl", ["-fsS", "--max-time", "2", url + "/cluster"], environment: [:], timeout: 5)
                guard result.status == 0 else { throw ConfigurationError("\(url)/cluster: \(result.stderr)") }
                return try JSONDecoder().decode(Cluster.self, from: Data(result.stdout.utf8)).members
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    public func leader() async throws -> Member? { try await members().first { $0.role == "leader" } }

    /// The postmaster's pid of the member listening on `port` (first line of its postmaster.pid).
    public func postmasterPID(port: Int) throws -> pid_t {
        for index in patroniURLs.indices {
            let file = directory.appendingPathComponent("member-\(index)/data/postmaster.pid")
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            // postmaster.pid: pid, data directory, start time, port, ...
            if lines.count > 3, Int(lines[3]) == port, let pid = pid_t(lines[0]) { return pid }
        }
        throw ConfigurationError("no running member listens on \(port)")
    }

    /// A clean switchover (`patronictl switchover --force`) from the current leader to `candidate`; returns when
    /// patronictl does (the new leader is promoted).
    public func switchover(from leader: String, to candidate: String) async throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin"
        let result = try await ProcessRunner.run(
            "/usr/bin/patronictl",
            ["-c", directory.appendingPathComponent("patroni-0.yml").path, "switchover", "msvc", "--leader", leader, "--candidate", candidate, "--force"],
            environment: ["PATH": path], timeout: 90)
        guard result.status == 0 else { throw ConfigurationError("patronictl switchover failed: \(result)") }
    }

    /// Patroni's and HAProxy's logs, for a failure message.
    public var logs: String {
        (["haproxy.log"] + patroniURLs.indices.map { "patroni-\($0).log" }).map { name in
            "--- \(name)\n" + String(((try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? "").suffix(3000))
        }.joined(separator: "\n")
    }

    private static func run(_ command: String, _ directory: URL, timeout: TimeInterval) async throws -> ProcessResult {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin"
        return try await ProcessRunner.run(script, [command, directory.path], environment: ["PATH": path], timeout: timeout)
    }

    private static func startWatchdog(_ directory: URL) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", #"while kill -0 "$1" 2>/dev/null; do sleep 1; done; "$2" destroy "$3" >/dev/null 2>&1"#,
            "ha-watchdog", String(getpid()), script, directory.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
