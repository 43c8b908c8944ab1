import Foundation
import PostgresNIO
import ServiceCore
import TestSupport

/// The service binaries one HA test started, stopped at the end and their logs printed when it fails.
final class HAServices: @unchecked Sendable {
    private let lock = NSLock()
    private var started: [(name: String, process: ProcessRunner.Background)] = []

    func add(_ name: String, _ process: ProcessRunner.Background) { lock.withLock { started.append((name, process)) } }

    fileprivate var all: [(name: String, process: ProcessRunner.Background)] { lock.withLock { started } }
}

/// Runs `body` on a new `scripts/ha-cluster` with `database` created on it (through the read-write port) and an
/// ``EndToEnd`` harness over that database; stops the services `body` registered and destroys the cluster whatever
/// happens, printing their logs and the cluster's when `body` throws.
func withHACluster(database: String, _ body: (HACluster, EndToEnd, HAServices) async throws -> Void) async throws {
    let cluster = try await HACluster.start()
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("ha-\(database)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: home) }
    let services = HAServices()
    do {
        try await PostgresClient.withClient(cluster.settings(), logger: TestDatabase.logger) { client in
            try await client.query("CREATE DATABASE \(unescaped: database)", logger: TestDatabase.logger)
        }
        try await body(cluster, EndToEnd(db: cluster.settings(database: database), home: home), services)
    } catch {
        for (name, process) in services.all { print("--- \(name) log\n\(process.log.suffix(6000))") }
        print(cluster.logs)
        for (_, process) in services.all { await process.stop() }
        await cluster.stop()
        throw error
    }
    for (_, process) in services.all { await process.stop() }
    await cluster.stop()
}
