import Foundation
import ServiceCore
import Testing

@Suite struct SecretsAndKeysTests {
    static let a = "secret-a-0123456789-0123456789-0123456789"
    static let b = "secret-b-0123456789-0123456789-0123456789"

    @Test func secretsComeFromTheEnvironmentAFileOrTheCredentialsDirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("token")
        try "from-file\n".write(to: file, atomically: true, encoding: .utf8)
        try "postgres://u:p@h/db".write(to: dir.appendingPathComponent("DATABASE_URL"), atomically: true, encoding: .utf8)
        try "shard-pw".write(to: dir.appendingPathComponent("SHARD_2_PASSWORD"), atomically: true, encoding: .utf8)
        try "not-a-secret".write(to: dir.appendingPathComponent("LOG_LEVEL"), atomically: true, encoding: .utf8)

        let env = try EnvironmentReader.resolvingSecretFiles(["TOKEN_SECRET_FILE": file.path, "CREDENTIALS_DIRECTORY": dir.path])
        #expect(env["TOKEN_SECRET"] == "from-file")
        #expect(env["DATABASE_URL"] == "postgres://u:p@h/db")
        #expect(env["SHARD_2_PASSWORD"] == "shard-pw")
        #expect(env["LOG_LEVEL"] == nil)
        // The environment wins over the credentials directory.
        #expect(try EnvironmentReader.resolvingSecretFiles(["DATABASE_URL": "x", "CREDENTIALS_DIRECTORY": dir.path])["DATABASE_URL"] == "x")
        #expect(throws: ConfigurationError.self) {
            try EnvironmentReader.resolvingSecretFiles(["TOKEN_SECRET": "x", "TOKEN_SECRET_FILE": file.path])
        }
        #expect(throws: ConfigurationError.self) {
            try EnvironmentReader.resolvingSecretFiles(["REDIS_URL_FILE": dir.appendingPathComponent("missing").path])
        }
    }

    @Test func tokensCarryAKidAndVerifyWithPreviousKeys() async throws {
        let old = try await TokenService(secret: Self.a, lifetime: 60)
        let issued = try await old.issue(userID: UUID(), email: "a@example.com", role: .user, sessionVersion: 3)
        let header = try #require(issued.token.split(separator: ".").first)
        var base64 = header.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(base64Encoded: base64)!) as? [String: Any])
        #expect(json["kid"] as? String == TokenService.keyID(for: Self.a))

        let rotated = try await TokenService(secret: Self.b, previousSecrets: [Self.a], lifetime: 60)
        let user = try await rotated.verify(issued.token)
        #expect(user.sessionVersion == 3)
        let fresh = try await rotated.issue(userID: UUID(), email: "b@example.com", role: .user)
        _ = try await rotated.verify(fresh.token)
        await #expect(throws: TokenService.Failure.invalid) { try await old.verify(fresh.token) }
        let dropped = try await TokenService(secret: Self.b, lifetime: 60)
        await #expect(throws: TokenService.Failure.invalid) { try await dropped.verify(issued.token) }
        #expect(rotated.acceptsServiceKey(TokenService.serviceKey(for: Self.a)))
        #expect(!dropped.acceptsServiceKey(TokenService.serviceKey(for: Self.a)))
    }
}
