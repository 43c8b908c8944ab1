import Foundation
import JWTKit
import Testing

@testable import ServiceCore

@Suite struct PasswordHasherTests {
    /// A hash the seed system (passlib bcrypt over the hex SHA-256) wrote.
    @Test func seedHashVerifies() async throws {
        let hasher = PasswordHasher(cost: 4)
        let seedHash = "$2b$12$9xHhipFAdOq4HnXXnF.wTO5JQovdngLPZE..08KAQVGzc/lOk.7t."
        #expect(try await hasher.verify("correct horse battery staple", against: seedHash))
        #expect(try await !hasher.verify("correct horse battery stapler", against: seedHash))
    }

    @Test func prehashIsLowerCaseHexSHA256() {
        #expect(PasswordHasher.prehash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func hashesRoundTripWithTheConfiguredCost() async throws {
        let hasher = PasswordHasher(cost: 5)
        let hash = try await hasher.hash("s3cret-passw0rd")
        #expect(hash.hasPrefix("$2b$05$"))
        #expect(try await hasher.verify("s3cret-passw0rd", against: hash))
        #expect(try await !hasher.verify("other", against: hash))
    }
}

@Suite struct TokenServiceTests {
    static let secret = String(repeating: "k", count: 40)

    @Test func issuesTokensWithTheSeedClaimsPlusRoleIatJti() async throws {
        let tokens = try await TokenService(secret: Self.secret, lifetime: 3600)
        let id = UUID()
        let (token, _) = try await tokens.issue(userID: id, email: "a@x.com", role: .admin)
        let payload = try #require(Self.payload(of: token))
        #expect(payload["auth_user"] as? String == "a@x.com")
        #expect(payload["auth_user_id"] as? String == id.uuidString.lowercased())
        #expect(payload["role"] as? String == "admin")
        #expect(payload["exp"] is NSNumber && payload["iat"] is NSNumber && payload["jti"] is String)
        #expect(TokenService.headerAlgorithm(of: token) == "HS256")
        let user = try await tokens.verify(token)
        #expect(user.id == id && user.role == .admin && user.email == "a@x.com")
    }

    @Test func refusesShortSecrets() async {
        await #expect(throws: ConfigurationError.self) { try await TokenService(secret: "admin1234@", lifetime: 60) }
    }

    @Test func refusesExpiredTokens() async throws {
        let tokens = try await TokenService(secret: Self.secret, lifetime: 60)
        let (token, _) = try await tokens.issue(userID: UUID(), email: "a@x.com", role: .user, now: Date().addingTimeInterval(-120))
        await #expect(throws: TokenService.Failure.invalid) { try await tokens.verify(token) }
    }

    @Test func aVerifiedTokenStillExpires() async throws {
        let tokens = try await TokenService(secret: Self.secret, lifetime: 60)
        let (token, _) = try await tokens.issue(userID: UUID(), email: "a@x.com", role: .user)
        _ = try await tokens.verify(token)  // now cached
        await #expect(throws: TokenService.Failure.invalid) { try await tokens.verify(token, now: Date().addingTimeInterval(120)) }
    }

    @Test func refusesTokensSignedWithAnotherKey() async throws {
        let other = try await TokenService(secret: String(repeating: "z", count: 40), lifetime: 60)
        let (token, _) = try await other.issue(userID: UUID(), email: "a@x.com", role: .superAdmin)
        let tokens = try await TokenService(secret: Self.secret, lifetime: 60)
        await #expect(throws: TokenService.Failure.invalid) { try await tokens.verify(token) }
    }

    @Test func refusesOtherAlgorithmsAndNone() async throws {
        let tokens = try await TokenService(secret: Self.secret, lifetime: 60)
        let claims = Self.claims(exp: Date().addingTimeInterval(600))
        // Same secret, HS384: a different algorithm must be refused even though the key matches.
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: Self.secret + String(repeating: "x", count: 8)), digestAlgorithm: .sha384)
        let hs384 = try await keys.sign(claims)
        await #expect(throws: TokenService.Failure.invalid) { try await tokens.verify(hs384) }
        // alg "none" with the signature stripped.
        let header = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64URL
        let body = String(hs384.split(separator: ".")[1])
        await #expect(throws: TokenService.Failure.invalid) { try await tokens.verify("\(header).\(body).") }
    }

    @Test func refusesTokensWithoutExp() async throws {
        let tokens = try await TokenService(secret: Self.secret, lifetime: 60)
        struct NoExp: JWTPayload {
            var auth_user: String
            var auth_user_id: String
            var role: String
            func verify(using algorithm: some JWTAlgorithm) async throws {}
        }
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: Self.secret), digestAlgorithm: .sha256)
        let token = try await keys.sign(NoExp(auth_user: "a@x.com", auth_user_id: UUID().uuidString, role: "admin"))
        await #expect(throws: TokenService.Failure.invalid) { try await tokens.verify(token) }
    }

    @Test func refusesGarbage() async throws {
        let tokens = try await TokenService(secret: Self.secret, lifetime: 60)
        for garbage in ["", "abc", "a.b.c", "..."] {
            await #expect(throws: TokenService.Failure.invalid) { try await tokens.verify(garbage) }
        }
    }

    static func claims(exp: Date) -> AccessTokenClaims {
        AccessTokenClaims(
            authUser: "a@x.com", authUserID: UUID().uuidString.lowercased(), exp: .init(value: exp), role: .superAdmin,
            iat: .init(value: Date()), jti: .init(value: "t"))
    }

    static func payload(of token: String) -> [String: Any]? {
        var part = String(token.split(separator: ".")[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        part += String(repeating: "=", count: (4 - part.count % 4) % 4)
        return Data(base64Encoded: part).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
    }
}

extension Data {
    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// The one claims type mscli reads its own session with, and the account rule the stores share.
@Suite struct SharedSecurityRuleTests {
    @Test func unverifiedClaimsAreTheSignedOnes() async throws {
        let tokens = try await TokenService(secret: String(repeating: "k", count: 40), lifetime: 3600)
        let user = UUID()
        let (token, claims) = try await tokens.issue(userID: user, email: "ana@example.com", role: .moderator, sessionVersion: 3)
        let read = try #require(AccessTokenClaims.unverified(token))
        #expect(read == claims && read.userID == user && read.role == .moderator && read.sv == 3)
        #expect(AccessTokenClaims.unverified("not.a.token") == nil)
        #expect(AccessTokenClaims.unverified("only-one-part") == nil)
    }

    @Test func onlyAnAccountKnownToBeDisabledIsRefused() throws {
        #expect(throws: Never.self) { try AccountRule.require(isActive: true) }
        #expect(throws: Never.self) { try AccountRule.require(isActive: nil) }
        #expect {
            try AccountRule.require(isActive: false)
        } throws: { error in
            error is APIError && "\(error)" == "403 \(AccountRule.refusalMessage)"
        }
    }
}
