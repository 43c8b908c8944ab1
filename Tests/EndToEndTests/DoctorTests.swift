import Foundation
import Testing
import TestSupport

/// `mscli doctor` against real services, databases, a search server and Redis: what is wrong is named with its fix,
/// and the fix makes the check pass.
@Suite(.tags(.endToEnd)) struct DoctorTests {
    static func checks(_ result: ProcessResult) throws -> [String: [String: Any]] {
        let list = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]], "\(result)")
        return Dictionary(list.map { ($0["name"] as? String ?? "?", $0) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func namesWhatIsWrongWithItsFixThenPassesOnceFixed() async throws {
        let engine = SearchEngineProcess()
        try await engine.start()
        defer { Task { await engine.stop() } }
        try await EndToEnd.run { base in
            try await TestDatabase.with { bookingDB in
                #expect(try await base.mscli("migrate", "up", "auth").status == 0)
                let (auth, authURL) = try await base.startAuthService()
                defer { Task { await auth.stop() } }
                var e2e = base
                e2e.serviceURL = authURL
                var env = ["BOOKING_DATABASE_URL": TestDatabase.url(bookingDB), "ELASTICSEARCH_URL": engine.url, "FOOD_SERVICE_URL": "http://127.0.0.1:9",
                    "BOOKING_SERVICE_URL": "http://127.0.0.1:9"]
                if let redis = ProcessInfo.processInfo.environment["REDIS_URL"] { env["REDIS_URL"] = redis }

                // An unmigrated booking database, services that are not running, no food database.
                let first = try await e2e.mscli(["doctor", "-o", "json"], env: env)
                #expect(first.status == 1 && first.stderr.contains("check(s) failed"), "\(first)")
                var checks = try Self.checks(first)
                #expect(checks["auth service"]?["status"] as? String == "ok", "\(checks)")
                #expect(checks["auth database"]?["status"] as? String == "ok")
                #expect(checks["food service"]?["status"] as? String == "fail")
                #expect((checks["food service"]?["fix"] as? String)?.contains("--food-url") == true)
                #expect(checks["booking database"]?["status"] as? String == "fail")
                #expect(checks["booking database"]?["fix"] as? String == "`mscli migrate up booking`", "\(checks)")
                #expect(checks["food database"]?["status"] as? String == "skip")
                #expect(checks["search status"]?["status"] as? String == "fail", "no booking tables yet: \(checks)")
                if env["REDIS_URL"] != nil { #expect(checks["redis"]?["status"] as? String == "ok") }

                // Migrated, with a movie written but never indexed: the alias is missing, the outbox holds the change.
                #expect(try await e2e.mscli(["migrate", "up", "booking"], env: env).status == 0)
                let movie = try await e2e.mscli(["movies", "create", "--title", "Inception", "--duration-minutes", "148", "--maintenance"], env: env)
                #expect(movie.status == 0, "\(movie)")
                checks = try Self.checks(try await e2e.mscli(["doctor", "-o", "json"], env: env))
                #expect(checks["booking database"]?["status"] as? String == "ok", "\(checks)")
                #expect(checks["search engine"]?["status"] as? String == "ok", "\(checks)")
                #expect(checks["search index movies"]?["status"] as? String == "fail", "\(checks)")
                #expect(checks["search index movies"]?["fix"] as? String == "`mscli reindex movies`")

                #expect(try await e2e.mscli(["reindex"], env: env).status == 0)
                let fixed = try await e2e.mscli(["doctor"], env: env)
                #expect(fixed.status == 1, "only the booking and food services are still missing: \(fixed)")
                #expect(fixed.stdout.contains("✔ search index movies") && fixed.stdout.contains("1 documents for 1 rows"), "\(fixed)")
                #expect(fixed.stdout.contains("✘ food service") && fixed.stdout.contains("    fix: start food-service"), "\(fixed)")
                #expect(fixed.stdout.contains("2 failed"), "\(fixed)")
            }
        }
    }
}
