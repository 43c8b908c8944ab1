import Foundation
import Testing
import TestSupport

/// The `auth-service` binary's start-up gates.
@Suite(.tags(.endToEnd)) struct AuthServiceBinaryTests {
    @Test func refusesToStartWithoutATokenSecret() async throws {
        try await EndToEnd.run { e2e in
            let result = try await ProcessRunner.run(
                Binaries.path("auth-service"), ["--port", "0"], environment: ["DATABASE_URL": e2e.databaseURL], timeout: 30)
            #expect(result.status != 0)
            #expect(result.stderr.contains("TOKEN_SECRET is not set"), "\(result)")
        }
    }

    @Test func refusesAShortTokenSecret() async throws {
        try await EndToEnd.run { e2e in
            let result = try await ProcessRunner.run(
                Binaries.path("auth-service"), ["--port", "0"], environment: ["DATABASE_URL": e2e.databaseURL, "TOKEN_SECRET": "admin1234@"],
                timeout: 30)
            #expect(result.status != 0)
            #expect(result.stderr.contains("at least 32 bytes"), "\(result)")
        }
    }

    @Test func refusesAnUnmigratedDatabaseNamingTheFix() async throws {
        try await EndToEnd.run { e2e in
            let result = try await ProcessRunner.run(
                Binaries.path("auth-service"), ["--port", "\(ProcessRunner.freePort())"],
                environment: ["DATABASE_URL": e2e.databaseURL, "TOKEN_SECRET": EndToEnd.secret], timeout: 30)
            #expect(result.status != 0)
            #expect(result.stderr.contains("run `mscli migrate up auth` or start the service with --migrate"), "\(result)")
        }
    }

    @Test func migratesItselfWithMigrateAndServes() async throws {
        try await EndToEnd.run { e2e in
            let (service, url) = try await e2e.startAuthService(["--migrate"])
            var env = e2e
            env.serviceURL = url
            let status = try await env.mscli("migrate", "status", "auth", "--check")
            #expect(status.status == 0, "\(status)")
            await service.stop()
        }
    }
}
