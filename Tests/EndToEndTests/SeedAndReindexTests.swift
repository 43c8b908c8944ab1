import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import ServiceCore
import Testing
import TestSupport

/// `mscli seed` (idempotent fixtures, users through the auth backend) and `mscli reindex` (new index, atomic alias
/// swap, old index removed; a killed run never leaves the alias broken and can be run again), with the real binaries.
@Suite(.tags(.endToEnd)) struct SeedAndReindexTests {
    /// Tests/EndToEndTests/ -> repository root
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
    static var fixtures: String { root.appendingPathComponent("fixtures").path }

    /// Runs `body` with an auth database (the harness's) and a fresh booking database, both migrated.
    static func withDatabases(_ body: @Sendable (EndToEnd, [String: String]) async throws -> Void) async throws {
        try await EndToEnd.run { e2e in
            try await TestDatabase.with { booking in
                let env = ["BOOKING_DATABASE_URL": TestDatabase.url(booking)]
                #expect(try await e2e.mscli("migrate", "up", "auth", env: env).status == 0)
                #expect(try await e2e.mscli("migrate", "up", "booking", env: env).status == 0)
                try await body(e2e, env)
            }
        }
    }

    static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }

    @Test func seedingTwiceChangesNothingTheSecondTime() async throws {
        try await Self.withDatabases { e2e, env in
            let first = try await e2e.mscli("seed", Self.fixtures, "--maintenance", "--output", "json", "--start-date", "2030-01-07", env: env)
            #expect(first.status == 0, "\(first)")
            let report = Self.object(first.stdout)
            let booking = (report["booking"] as? [String: Any] ?? [:]).compactMapValues { $0 as? [String: Any] }
            #expect(booking["theaters"]?["inserted"] as? Int == 36)
            #expect(booking["movies"]?["inserted"] as? Int == 60)
            #expect(booking["seats"]?["inserted"] as? Int == booking["seats"]?["total"] as? Int)
            #expect(booking["showings"]?["inserted"] as? Int ?? 0 > 36 * 7 * 3)
            #expect((report["users"] as? [String: Any])?["inserted"] as? Int == 12)
            #expect(first.stderr.contains("Seeded in"))
            let bookingDB = try DatabaseSettings(url: env["BOOKING_DATABASE_URL"]!)
            #expect(first.stderr.contains("into booking \(bookingDB.host):\(bookingDB.port)/\(bookingDB.database), users \(e2e.db.host):"), "\(first)")

            let second = try await e2e.mscli("seed", Self.fixtures, "--maintenance", "--output", "json", "--start-date", "2030-01-07", env: env)
            #expect(second.status == 0, "\(second)")
            let again = Self.object(second.stdout)
            for kind in ["theaters", "movies", "seats", "showings"] {
                #expect(((again["booking"] as? [String: Any])?[kind] as? [String: Any])?["inserted"] as? Int == 0, "\(kind)")
            }
            #expect((again["users"] as? [String: Any])?["inserted"] as? Int == 0)

            let missing = try await e2e.mscli("seed", "/nonexistent", "--maintenance", env: env)
            #expect(missing.status != 0 && missing.stderr.hasPrefix("mscli: ") && missing.stderr.split(separator: "\n").count == 1)
            #expect(try await e2e.mscli("seed", Self.fixtures, "--scale", "0", env: env).status == 64)
        }
    }

    /// Without PATH, seed finds the fixtures shipped beside the binary (or in the source tree of a development build),
    /// wherever it is run from; a lone copy of the binary says where it looked.
    @Test func seedFindsItsFixturesBesideTheBinary() async throws {
        try await Self.withDatabases { e2e, env in
            let skip = ["--maintenance", "--skip-users", "--skip-food", "--skip-booking", "-o", "json"]
            let developer = try await ProcessRunner.run(Binaries.path("mscli"), ["seed"] + skip, environment: e2e.environment.merging(env) { $1 })
            #expect(developer.status == 0 && developer.stderr.contains("Fixtures from \(Self.root.appendingPathComponent("fixtures").path)"), "\(developer)")

            // An installed layout: <prefix>/bin/mscli and <prefix>/share/mscli/fixtures.
            let prefix = e2e.home.appendingPathComponent("prefix")
            let bin = prefix.appendingPathComponent("bin")
            let share = prefix.appendingPathComponent("share/mscli")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
            try Binaries.install("mscli", at: bin.appendingPathComponent("mscli").path)
            let lone = try await ProcessRunner.run(bin.appendingPathComponent("mscli").path, ["seed"] + skip, environment: e2e.environment.merging(env) { $1 })
            #expect(lone.status == 64 && lone.stderr.contains("no fixtures found beside mscli") && lone.stderr.contains(share.path + "/fixtures"), "\(lone)")
            try FileManager.default.createSymbolicLink(at: share.appendingPathComponent("fixtures"), withDestinationURL: Self.root.appendingPathComponent("fixtures"))
            let installed = try await ProcessRunner.run(
                bin.appendingPathComponent("mscli").path, ["seed", "--maintenance", "--skip-users", "--skip-food", "-o", "json", "--start-date", "2030-01-07"],
                environment: e2e.environment.merging(env) { $1 })
            #expect(installed.status == 0 && installed.stderr.contains("Fixtures from \(share.path)/fixtures"), "\(installed)")
            #expect(((Self.object(installed.stdout)["booking"] as? [String: Any])?["theaters"] as? [String: Any])?["inserted"] as? Int == 36, "\(installed)")
            // MSCLI_FIXTURES names them explicitly.
            let named = try await ProcessRunner.run(
                bin.appendingPathComponent("mscli").path, ["seed"] + skip,
                environment: e2e.environment.merging(env) { $1 }.merging(["MSCLI_FIXTURES": "/nonexistent/fixtures"]) { $1 })
            #expect(named.status != 0 && named.stderr.contains("/nonexistent/fixtures"), "\(named)")
        }
    }

    @Test func reindexSwapsAliasesAndRecoversFromAKilledRun() async throws {
        let engine = SearchEngineProcess()
        try await engine.start()
        defer { Task { await engine.stop() } }
        try await Self.withDatabases { e2e, env in
            var env = env
            env["ELASTICSEARCH_URL"] = engine.url
            #expect(try await e2e.mscli("seed", Self.fixtures, "--maintenance", "--skip-users", env: env).status == 0)

            let dry = try await e2e.mscli("reindex", "--dry-run", "--output", "json", env: env)
            #expect(dry.status == 0, "\(dry)")
            #expect(try await Self.aliases(engine.url).isEmpty)

            let first = try await e2e.mscli("reindex", "--output", "json", env: env)
            #expect(first.status == 0, "\(first)")
            let reports = (try? JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [[String: Any]]) ?? []
            #expect(reports.map { $0["index"] as? String } == ["movies", "theaters", "showings", "bookings"])
            #expect(reports.first?["documents"] as? Int == 60)
            // Nothing was written after the snapshots, so nothing is replayed (the seed's events were in them).
            #expect(reports.allSatisfy { $0["replayed"] as? Int == 0 })
            let before = try await Self.aliases(engine.url)
            #expect(Set(before.keys) == ["movies", "theaters", "showings", "bookings"])
            #expect(try await Self.count(engine.url, "movies") == 60)

            // --keep-old leaves the previous index in place; a plain run then removes only what the alias left.
            let kept = try await e2e.mscli("reindex", "movies", "--keep-old", "--output", "json", env: env)
            #expect(kept.status == 0)
            #expect(try await Self.indices(engine.url, "movies_").count == 2)

            // A run killed midway: the alias still points at one complete index, and the next run cleans up.
            let showings = try await Self.count(engine.url, "showings")
            let killed = try ProcessRunner.Background(
                Binaries.path("mscli"), ["reindex", "showings", "--batch-megabytes", "1"], environment: e2e.environment.merging(env) { $1 })
            try await Task.sleep(for: .milliseconds(300))
            kill(killed.process.processIdentifier, SIGKILL)
            await killed.stop()
            let afterKill = try await Self.aliases(engine.url)
            #expect(afterKill["showings"]?.count == 1)
            #expect(try await Self.count(engine.url, "showings") == showings)
            let rerun = try await e2e.mscli("reindex", "showings", "movies", env: env)
            #expect(rerun.status == 0, "\(rerun)")
            #expect(try await Self.indices(engine.url, "showings_").count == 1)
            #expect(try await Self.indices(engine.url, "movies_").count == 1)
            #expect(try await Self.count(engine.url, "showings") == showings)

            let unknown = try await e2e.mscli("reindex", "films", env: env)
            #expect(unknown.status == 64 && unknown.stderr.contains("unknown index films"))
            let dead = "http://127.0.0.1:\(ProcessRunner.freePort())"
            let down = try await e2e.mscli("reindex", "movies", "--search-url", dead, env: env)
            #expect(down.status == 5, "\(down)")

            // The search URL can live in a profile: chosen with -p, it beats an exported one, and a dry run names both
            // the database and the engine.
            try await e2e.profile("search", [.bookingDatabaseURL: env["BOOKING_DATABASE_URL"]!, .searchURL: engine.url])
            var elsewhere = env
            elsewhere["ELASTICSEARCH_URL"] = dead
            let bookingDB = try DatabaseSettings(url: env["BOOKING_DATABASE_URL"]!)
            let named = try await e2e.mscli("reindex", "movies", "--dry-run", "-p", "search", env: elsewhere)
            #expect(named.status == 0 && named.stderr.contains("ignoring exported AUTH_DATABASE_URL, ELASTICSEARCH_URL"), "\(named)")
            #expect(
                named.stderr.contains(
                    "Dry run: movies would be rebuilt from \(bookingDB.host):\(bookingDB.port)/\(bookingDB.database) into \(engine.url)"),
                "\(named)")
            let fromProfile = try await e2e.mscli("reindex", "movies", "-p", "search", env: elsewhere)
            #expect(fromProfile.status == 0, "\(fromProfile)")
        }
    }

    static func get(_ url: String) async throws -> Any {
        let (data, _) = try await URLSession.shared.data(from: URL(string: url)!)
        return try JSONSerialization.jsonObject(with: data)
    }

    /// alias -> physical indices
    static func aliases(_ base: String) async throws -> [String: [String]] {
        let all = try await get(base + "/_alias") as? [String: [String: [String: Any]]] ?? [:]
        var result: [String: [String]] = [:]
        for (index, entry) in all {
            for alias in (entry["aliases"] ?? [:]).keys { result[alias, default: []].append(index) }
        }
        return result
    }

    static func indices(_ base: String, _ prefix: String) async throws -> [String] {
        let rows = try await get(base + "/_cat/indices?format=json") as? [[String: Any]] ?? []
        return rows.compactMap { $0["index"] as? String }.filter { $0.hasPrefix(prefix) }
    }

    static func count(_ base: String, _ index: String) async throws -> Int {
        _ = try? await URLSession.shared.data(from: URL(string: base + "/\(index)/_refresh")!)
        return (try await get(base + "/\(index)/_count") as? [String: Any])?["count"] as? Int ?? -1
    }
}
