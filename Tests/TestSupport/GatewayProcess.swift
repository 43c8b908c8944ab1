import Foundation

/// The nginx gateway (deploy/nginx) in front of a test's own service instances. Started like every daemon a test
/// starts (``ProcessRunner/Background``), with what scripts/stack's gateway runs: the configuration rendered by
/// `deploy/nginx/render-gateway` beside a copy of `deploy/nginx/nginx.conf`, in a directory of its own (logs and
/// temporary files there). `scripts/test` installs nginx and exports `NGINX_BIN`.
public final class GatewayProcess: @unchecked Sendable {
    public let url: String
    public let directory: URL
    private let process: ProcessRunner.Background

    private init(url: String, directory: URL, process: ProcessRunner.Background) {
        self.url = url
        self.directory = directory
        self.process = process
    }

    public static var available: Bool {
        guard let bin = ProcessInfo.processInfo.environment["NGINX_BIN"], !bin.isEmpty else { return false }
        return FileManager.default.isExecutableFile(atPath: bin)
    }

    static let deployDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("deploy/nginx")

    /// Starts nginx on a free port in front of the given instances (`host:port` each).
    public static func start(auth: [String], booking: [String], food: [String]) async throws -> GatewayProcess {
        guard available, let bin = ProcessInfo.processInfo.environment["NGINX_BIN"] else { throw GatewayUnavailable() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gateway-\(UUID().uuidString)")
        let prefix = directory.appendingPathComponent("nginx")
        do {
            try FileManager.default.createDirectory(at: prefix.appendingPathComponent("tmp"), withIntermediateDirectories: true)
            // Started as root, nginx runs its workers as nobody, which must reach the temporary directories.
            for dir in [directory, prefix] { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path) }
            let port = ProcessRunner.freePort()
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin"
            let rendered = try await ProcessRunner.run(
                deployDirectory.appendingPathComponent("render-gateway").path,
                ["127.0.0.1:\(port)", auth.joined(separator: ","), booking.joined(separator: ","), food.joined(separator: ",")],
                environment: ["PATH": path])
            guard rendered.status == 0 else { throw GatewayUnavailable(message: "render-gateway failed: \(rendered)") }
            try rendered.stdout.write(to: prefix.appendingPathComponent("gateway.conf"), atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(
                at: deployDirectory.appendingPathComponent("nginx.conf"), to: prefix.appendingPathComponent("nginx.conf"))
            let arguments = [
                "-p", prefix.path + "/", "-c", prefix.appendingPathComponent("nginx.conf").path,
                "-e", prefix.appendingPathComponent("error.log").path,
                "-g", "daemon off; pid \(prefix.appendingPathComponent("nginx.pid").path);",
            ]
            let check = try await ProcessRunner.run(bin, ["-t", "-q"] + arguments, environment: [:])
            guard check.status == 0 else { throw GatewayUnavailable(message: "nginx rejects the gateway configuration: \(check)") }
            let process = try ProcessRunner.Background(bin, arguments, environment: [:])
            let gateway = GatewayProcess(url: "http://127.0.0.1:\(port)", directory: directory, process: process)
            guard await process.waitUntilReady(timeout: 10, { await ProcessRunner.answers200(gateway.url + "/health") }) else {
                let message = "nginx did not start on \(gateway.url):\n\(process.log)\n\(gateway.logs)"
                gateway.stop()
                throw GatewayUnavailable(message: message)
            }
            return gateway
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    /// Stops nginx (TERM, then KILL) and removes its directory; safe to call more than once.
    public func stop() {
        process.stopBlocking()
        try? FileManager.default.removeItem(at: directory)
    }

    /// nginx's error and access logs, for failure messages.
    public var logs: String {
        ["error.log", "access.log"].map { name in
            "--- \(name)\n" + ((try? String(contentsOf: directory.appendingPathComponent("nginx/\(name)"), encoding: .utf8)) ?? "")
        }.joined(separator: "\n")
    }

    deinit { stop() }
}

public struct GatewayUnavailable: Error, CustomStringConvertible {
    public var message = "NGINX_BIN is not set: run the tests through scripts/test, which installs nginx"
    public var description: String { message }
}
