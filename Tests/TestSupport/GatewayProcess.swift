import Foundation

/// The nginx gateway (deploy/nginx) in front of running service instances, started and stopped by the same
/// `scripts/lib/infra.sh` functions as the stack's. `scripts/test` installs nginx and exports `NGINX_BIN`.
public final class GatewayProcess: @unchecked Sendable {
    public let url: String
    public let directory: URL

    private init(url: String, directory: URL) {
        self.url = url
        self.directory = directory
    }

    public static var available: Bool {
        guard let bin = ProcessInfo.processInfo.environment["NGINX_BIN"], !bin.isEmpty else { return false }
        return FileManager.default.isExecutableFile(atPath: bin)
    }

    static let infraScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/lib/infra.sh").path

    /// Starts nginx on a free port in front of the given instances (`host:port` each).
    public static func start(auth: [String], booking: [String], food: [String]) async throws -> GatewayProcess {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gateway-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let result = try await infra(
            #"infra_nginx_start "$1" "$2" "$3" "$4""#,
            [directory.path, auth.joined(separator: ","), booking.joined(separator: ","), food.joined(separator: ",")])
        let env = (try? String(contentsOf: directory.appendingPathComponent("nginx.env"), encoding: .utf8)) ?? ""
        guard result.status == 0, let line = env.split(separator: "\n").first(where: { $0.hasPrefix("export GATEWAY_URL=") }) else {
            try? FileManager.default.removeItem(at: directory)
            throw GatewayUnavailable(message: "nginx did not start: \(result)")
        }
        return GatewayProcess(url: String(line.dropFirst("export GATEWAY_URL=".count)), directory: directory)
    }

    /// Stops nginx (TERM, then KILL) and removes its directory; safe to call more than once.
    public func stop() {
        if let text = try? String(contentsOf: directory.appendingPathComponent("nginx.pid"), encoding: .utf8),
            let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
        {
            kill(pid, SIGTERM)
            for _ in 0..<100 where kill(pid, 0) == 0 { usleep(50_000) }
            if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// nginx's error and access logs, for failure messages.
    public var logs: String {
        ["error.log", "access.log"].map { name in
            "--- \(name)\n" + ((try? String(contentsOf: directory.appendingPathComponent("nginx/\(name)"), encoding: .utf8)) ?? "")
        }.joined(separator: "\n")
    }

    private static func infra(_ script: String, _ arguments: [String]) async throws -> ProcessResult {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin"
        return try await ProcessRunner.run("/bin/bash", ["-c", #". "$0" && "# + script, infraScript] + arguments, environment: ["PATH": path], timeout: 60)
    }

    deinit { stop() }
}

public struct GatewayUnavailable: Error, CustomStringConvertible {
    public var message = "NGINX_BIN is not set: run the tests through scripts/test, which installs nginx"
    public var description: String { message }
}
