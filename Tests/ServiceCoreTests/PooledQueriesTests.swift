import Foundation
import PostgresNIO
@testable import ServiceCore
import Testing
import TestSupport

/// The pool helpers (`PostgresClient.rows`, `.values`, `.run`) give every connection back, also after statements that
/// fail once the server has started answering them: thousands of unique violations of an `INSERT ... RETURNING`
/// (the error arrives after BindComplete, the case in which PostgresNIO's own pool-level `query` can lose its lease)
/// leave every connection of the pool serving.
@Suite struct PooledQueriesTests {
    static let poolSize = 2

    /// Fails `attempts` inserts with a unique violation through `attempt`, eight at a time from the global executor
    /// (not the connections' event loops: the race needs another thread), and returns how many of the pool's
    /// connections no longer serve afterwards.
    static func lostConnections(
        _ settings: DatabaseSettings, attempts: Int, _ attempt: @escaping @Sendable (PostgresClient, PostgresQuery) async throws -> Void
    ) async throws -> (lost: Int, failed: Int) {
        var settings = settings
        (settings.maximumConnections, settings.minimumConnections) = (poolSize, poolSize)
        return try await PostgresClient.withClient(settings, logger: TestDatabase.logger) { client in
            try await client.run("CREATE TABLE IF NOT EXISTS probe (id int PRIMARY KEY)", logger: TestDatabase.logger)
            try await client.run("INSERT INTO probe VALUES (1) ON CONFLICT DO NOTHING", logger: TestDatabase.logger)
            let failed = try await withThrowingTaskGroup(of: Int.self) { group in
                let workers = 8
                for worker in 0..<workers {
                    group.addTask {
                        var failed = 0
                        for _ in stride(from: worker, to: attempts, by: workers) {
                            do {
                                // bounded: once every connection is lost, a lease would wait for ever. 20 s, not less:
                                // CI runs this beside dozens of suites on 2 cores, and a 2 s bound once cut a worker
                                // short there with every connection still serving (1,512 of 4,000 attempts made).
                                try await withTimeout(.seconds(20)) { try await attempt(client, "INSERT INTO probe VALUES (1) RETURNING id") }
                            } catch is TimeoutError {
                                return failed
                            } catch {
                                failed += 1
                            }
                        }
                        return failed
                    }
                }
                return try await group.reduce(0, +)
            }
            // Every connection at once: each must be leased, used and given back within the deadline.
            let served = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<poolSize {
                    group.addTask {
                        do {
                            try await withTimeout(.seconds(20)) {
                                try await client.withConnection { connection in
                                    for try await _ in try await connection.query("SELECT pg_sleep(0.2)", logger: TestDatabase.logger) {}
                                }
                            }
                            return true
                        } catch {
                            return false
                        }
                    }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            return (poolSize - served, failed)
        }
    }

    @Test func failedStatementsGiveTheirConnectionBack() async throws {
        try await TestDatabase.with { settings in
            let attempts = 4000
            let ours = try await Self.lostConnections(settings, attempts: attempts) { client, query in
                _ = try await client.values(query, as: Int.self, logger: TestDatabase.logger)
            }
            #expect(ours.failed == attempts, "every insert must fail with a unique violation")
            #expect(ours.lost == 0, "\(ours.lost) of \(Self.poolSize) connections lost after \(attempts) failed statements")
            // The same load through PostgresNIO's pool-level query, for the record: it may lose connections (a race).
            let theirs = try await Self.lostConnections(settings, attempts: attempts) { client, query in
                for try await _ in try await client.query(query, logger: TestDatabase.logger) {}
            }
            print(
                "PooledQueriesTests: \(attempts) unique violations: the helpers lost \(ours.lost) of \(Self.poolSize) connections, "
                    + "PostgresClient.query lost \(theirs.lost) (after \(theirs.failed) failures)")
        }
    }

    /// No source calls PostgresNIO's pool-level `query` or `execute` on a pool (`client`, `primary`, `pool`, `shard`):
    /// connection-level calls (`conn.query`) and HTTP clients' `execute(request, ...)` are fine.
    @Test func noPoolLevelQueriesInSources() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let rule = try Regex(#"(^|[^A-Za-z_.])(client|primary|pool|shard)\s*\.\s*(query|execute)\((?!request)"#)
        var offenders: [String] = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains(rule) {
                offenders.append("\(file.lastPathComponent):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(files.count > 100, "found the sources at \(sources.path)")
        #expect(offenders.isEmpty, "use PostgresClient.rows/values/run (PooledQueries.swift): \(offenders)")
    }
}
