import Foundation
import JWTKit
import Synchronization

/// The claims of the session token. The first three are the seed's (`auth_user` is the email, `auth_user_id` the
/// user's UUID); `role`, `iat` and `jti` are ours. Decoding fails when any of them is missing, so a token without
/// `exp` is refused (the seed accepted such tokens forever).
public struct AccessTokenClaims: JWTPayload, Equatable {
    public var authUser: String
    public var authUserID: String
    public var exp: ExpirationClaim
    public var role: Role
    public var iat: IssuedAtClaim
    public var jti: IDClaim

    enum CodingKeys: String, CodingKey {
        case authUser = "auth_user"
        case authUserID = "auth_user_id"
        case exp, role, iat, jti
    }

    public func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}

/// The caller a valid token identifies.
public struct AuthenticatedUser: Sendable, Equatable {
    public var id: UUID
    public var email: String
    public var role: Role
    public var expiresAt: Date
    public var tokenID: String
}

/// Signs and checks session tokens: HS256 only, with a secret of at least 32 bytes.
public struct TokenService: Sendable {
    public enum Failure: Error, Equatable {
        /// The token is malformed, signed with another key or algorithm, expired, or lacks a claim.
        case invalid
    }

    public static let minimumSecretBytes = 32
    /// The secret every service uses in `--dev` mode without `TOKEN_SECRET`, so a local stack shares sessions.
    public static let developmentSecret = "development-only-token-secret-do-not-deploy-0123456789"

    public let lifetime: TimeInterval
    private let keys: JWTKeyCollection
    /// The header segment of the tokens this service signs; a token carrying exactly it skips the JSON parse below.
    private let ownHeader: Substring
    /// Tokens already verified, so a client sending the same cookie on every request pays for HMAC and JSON once.
    /// Expiry is still checked on every hit; the map is emptied when it reaches `verifiedCacheLimit`.
    private let verified = VerifiedTokens(limit: 50_000)

    /// - Throws: ``ConfigurationError`` when the secret is shorter than 32 bytes (HS256 needs 256 bits of key).
    public init(secret: String, lifetime: TimeInterval) async throws {
        guard secret.utf8.count >= Self.minimumSecretBytes else {
            throw ConfigurationError(
                "TOKEN_SECRET must be at least \(Self.minimumSecretBytes) bytes (it has \(secret.utf8.count)); "
                    + "generate one with `openssl rand -hex 32`")
        }
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.keys = keys
        self.lifetime = lifetime
        let probe = AccessTokenClaims(
            authUser: "", authUserID: "", exp: .init(value: Date()), role: .user, iat: .init(value: Date()), jti: .init(value: ""))
        self.ownHeader = try await keys.sign(probe).split(separator: ".", maxSplits: 1)[0]
    }

    public func issue(userID: UUID, email: String, role: Role, now: Date = Date()) async throws -> (token: String, claims: AccessTokenClaims) {
        // whole seconds, as the seed's `exp` was an integer
        let now = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let claims = AccessTokenClaims(
            authUser: email,
            authUserID: userID.uuidString.lowercased(),
            exp: ExpirationClaim(value: now.addingTimeInterval(lifetime)),
            role: role,
            iat: IssuedAtClaim(value: now),
            jti: IDClaim(value: UUID().uuidString.lowercased())
        )
        return (try await keys.sign(claims), claims)
    }

    public func verify(_ token: String, now: Date = Date()) async throws(Failure) -> AuthenticatedUser {
        if let cached = verified.get(token) {
            guard cached.expiresAt > now else { throw .invalid }
            return cached
        }
        // RFC 8725 §3.1: accept only the algorithm we sign with, whatever the header claims.
        guard token.split(separator: ".", maxSplits: 1).first == ownHeader || Self.headerAlgorithm(of: token) == "HS256" else {
            throw .invalid
        }
        let claims: AccessTokenClaims
        do {
            claims = try await keys.verify(token, as: AccessTokenClaims.self)
        } catch {
            throw .invalid
        }
        guard let id = UUID(uuidString: claims.authUserID) else { throw .invalid }
        let user = AuthenticatedUser(
            id: id, email: claims.authUser, role: claims.role, expiresAt: claims.exp.value, tokenID: claims.jti.value)
        verified.put(token, user)
        return user
    }

    static func headerAlgorithm(of token: String) -> String? {
        guard let headerPart = token.split(separator: ".", omittingEmptySubsequences: false).first else { return nil }
        var base64 = headerPart.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
            let header = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return header["alg"] as? String
    }
}

private final class VerifiedTokens: Sendable {
    let limit: Int
    let map = Mutex<[String: AuthenticatedUser]>([:])

    init(limit: Int) { self.limit = limit }

    func get(_ token: String) -> AuthenticatedUser? { map.withLock { $0[token] } }

    func put(_ token: String, _ user: AuthenticatedUser) {
        map.withLock { cache in
            if cache.count >= limit { cache.removeAll(keepingCapacity: true) }
            cache[token] = user
        }
    }
}
