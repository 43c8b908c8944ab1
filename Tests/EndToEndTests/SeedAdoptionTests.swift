import Foundation
import PostgresNIO
import ServiceCore
import Testing
import TestSupport

/// A database the seed system built is adopted (`migrate baseline`), brought forward (`migrate up`), and its users
/// sign in through the Swift service with the passwords the seed hashed.
@Suite(.tags(.endToEnd)) struct SeedAdoptionTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/seed-auth-database.sql")

    @Test func seedDatabaseIsAdoptedAndItsPasswordsStillWork() async throws {
        try await EndToEnd.run { base in
            let script = try String(contentsOf: Self.fixture, encoding: .utf8)
            try await PostgresClient.withClient(base.db, logger: TestDatabase.logger) { client in
                for statement in SQLScript.statements(in: script) {
                    try await client.query(PostgresQuery(unsafeSQL: statement), logger: TestDatabase.logger)
                }
            }
            let refusedUp = try await base.mscli("migrate", "up", "auth")
            #expect(refusedUp.status == 1 && refusedUp.stderr.contains("already exists"), "\(refusedUp)")
            let baseline = try await base.mscli("migrate", "baseline", "auth", "--to", "1", "--yes")
            #expect(baseline.status == 0, "\(baseline)")
            let up = try await base.mscli("migrate", "up", "auth", "-o", "json")
            #expect(up.status == 0, "\(up)")

            let (service, url) = try await base.startAuthService()
            var e2e = base
            e2e.serviceURL = url
            let login = try await e2e.mscli(
                "auth", "login", "--email", "Seed.User@example.com", "--password-stdin", "-o", "json", input: "correct horse battery staple")
            #expect(login.status == 0, "\(login)")
            #expect((try e2e.json(login) as? [String: Any])?["role"] as? String == "user")
            let adminLogin = try await e2e.mscli("auth", "login", "--email", "seed.admin@example.com", "--password-stdin", input: "correct horse battery staple")
            #expect(adminLogin.status == 0, "\(adminLogin)")
            let list = try await e2e.mscli("auth", "users", "list", "-o", "json")
            #expect((try e2e.json(list) as? [String: Any])?["total"] as? Int == 2, "\(list)")
            await service.stop()
        }
    }
}
