import Foundation

/// A private OpenSearch-compatible server (osmem-server) on a port the test chooses, so a test can stop it and start
/// it again on the same address. `scripts/test` exports `OSMEM_SERVER_BIN`.
public final class SearchEngineProcess: @unchecked Sendable {
    public let port: Int
    public var url: String { "http://127.0.0.1:\(port)" }
    private var process: ProcessRunner.Background?

    public init(port: Int = ProcessRunner.freePort()) {
        self.port = port
    }

    public static func binary() throws -> String {
        guard let path = ProcessInfo.processInfo.environment["OSMEM_SERVER_BIN"], !path.isEmpty else {
            throw SearchEngineUnavailable()
        }
        return path
    }

    public func start() async throws {
        let process = try ProcessRunner.Background(
            try Self.binary(), ["-addr", "127.0.0.1:\(port)", "-no-stdin-watch", "-parent-pid", "\(ProcessInfo.processInfo.processIdentifier)"],
            environment: [:])
        self.process = process
        guard await process.waitUntilReady(timeout: 20, { await ProcessRunner.answers200(url + "/") }) else {
            let log = process.log
            await process.stop()
            throw SearchEngineUnavailable(message: "osmem-server did not start on \(url):\n\(log)")
        }
    }

    public func stop() async {
        await process?.stop()
        process = nil
    }

    deinit { process?.process.terminate() }
}

public struct SearchEngineUnavailable: Error, CustomStringConvertible {
    public var message = "OSMEM_SERVER_BIN is not set: run the tests through scripts/test, which installs osmem-server"
    public var description: String { message }
}
