import Crypto
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
    /// The user's session version when the token was issued (ours; tokens issued before it existed count as 0).
    /// A token whose version is below the user's current one has been revoked (see ``SessionRevocations``).
    public var sv: Int? = nil

    enum CodingKeys: String, CodingKey {
        case authUser = "auth_user"
        case authUserID = "auth_user_id"
        case exp, role, iat, jti, sv
    }

    public func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}

extension AccessTokenClaims {
    /// The claims of `token` read without checking its signature or expiry (nil when it is not a token of this shape):
    /// only for a client reading its own session (mscli telling "held by you" apart), never to authorize anything.
    public static func unverified(_ token: String) -> AccessTokenClaims? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try? decoder.decode(AccessTokenClaims.self, from: data)
    }

    /// `auth_user_id` as a UUID.
    public var userID: UUID? { UUID(uuidString: authUserID) }
}

/// The caller a valid token identifies.
public struct AuthenticatedUser: Sendable, Equatable {
    public var id: UUID
    public var email: String
    public var role: Role
    public var expiresAt: Date
    public var tokenID: String
    /// The `sv` claim (0 when absent).
    public var sessionVersion: Int = 0
}

/// Signs and checks session tokens: HS256 only, with secrets of at least 32 bytes.
///
/// Key rotation: tokens are signed with the current secret and carry its key id (`kid`, derived from the secret, so
/// every service computes the same id without configuration); they verify against the current secret or any of the
/// previous ones, chosen by `kid`. A token without `kid` (issued before key ids existed) is tried against each
/// configured secret in turn.
public struct TokenService: Sendable {
    public enum Failure: Error, Equatable {
        /// The token is malformed, signed with another key or algorithm, expired, or lacks a claim.
        case invalid
    }

    public static let minimumSecretBytes = 32
    /// The secret every service uses in `--dev` mode without `TOKEN_SECRET`, so a local stack shares sessions.
    public static let developmentSecret = "development-only-token-secret-do-not-deploy-0123456789"

    public let lifetime: TimeInterval
    /// The key id of the signing secret.
    public let currentKeyID: String
    /// Every accepted key id, the signing one first.
    public var keyIDs: [String] { verifiers.map(\.kid) }
    /// One collection per secret (each holds its key as the default and under its kid).
    private let verifiers: [(kid: String, keys: JWTKeyCollection)]
    /// The header segment of the tokens this service signs; a token carrying exactly it skips the JSON parse below.
    private let ownHeader: Substring
    /// What other services send to read the auth service's revocation feed, one per accepted secret.
    public let serviceKeys: [String]
    /// Tokens already verified, so a client sending the same cookie on every request pays for HMAC and JSON once.
    /// Expiry is still checked on every hit; the map is emptied when it reaches `verifiedCacheLimit`.
    private let verified = VerifiedTokens(limit: 50_000)

    /// - Parameters:
    ///   - secret: signs new tokens and verifies (`TOKEN_SECRET`).
    ///   - previousSecrets: only verify (`TOKEN_PREVIOUS_SECRETS`), for rotations.
    /// - Throws: ``ConfigurationError`` when a secret is shorter than 32 bytes (HS256 needs 256 bits of key).
    public init(secret: String, previousSecrets: [String] = [], lifetime: TimeInterval) async throws {
        guard secret.utf8.count >= Self.minimumSecretBytes else {
            throw ConfigurationError(
                "TOKEN_SECRET must be at least \(Self.minimumSecretBytes) bytes (it has \(secret.utf8.count)); "
                    + "generate one with `openssl rand -hex 32`")
        }
        for (index, previous) in previousSecrets.enumerated() where previous.utf8.count < Self.minimumSecretBytes {
            throw ConfigurationError(
                "TOKEN_PREVIOUS_SECRETS entry \(index + 1) must be at least \(Self.minimumSecretBytes) bytes (it has \(previous.utf8.count))")
        }
        var verifiers: [(kid: String, keys: JWTKeyCollection)] = []
        var serviceKeys: [String] = []
        for entry in [secret] + previousSecrets {
            let kid = Self.keyID(for: entry)
            guard !verifiers.contains(where: { $0.kid == kid }) else { continue }
            let keys = JWTKeyCollection()
            await keys.add(hmac: HMACKey(from: entry), digestAlgorithm: .sha256)
            await keys.add(hmac: HMACKey(from: entry), digestAlgorithm: .sha256, kid: JWKIdentifier(string: kid))
            verifiers.append((kid, keys))
            serviceKeys.append(Self.serviceKey(for: entry))
        }
        self.verifiers = verifiers
        self.serviceKeys = serviceKeys
        self.currentKeyID = verifiers[0].kid
        self.lifetime = lifetime
        let probe = AccessTokenClaims(
            authUser: "", authUserID: "", exp: .init(value: Date()), role: .user, iat: .init(value: Date()), jti: .init(value: ""))
        self.ownHeader = try await verifiers[0].keys.sign(probe, kid: JWKIdentifier(string: verifiers[0].kid))
            .split(separator: ".", maxSplits: 1)[0]
    }

    /// The key id of `secret`: the first 16 hex digits of SHA-256 over a fixed label and the secret. Not secret itself.
    public static func keyID(for secret: String) -> String {
        SHA256.hash(data: Data(("msvc-token-kid:" + secret).utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// The shared key services present to read the revocation feed (`X-Service-Key`): HMAC-SHA256 of a fixed label.
    public static func serviceKey(for secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("session-revocation-feed".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `presented` is the service key of one of the accepted secrets (compared in constant time).
    public func acceptsServiceKey(_ presented: String) -> Bool {
        var match = false
        for key in serviceKeys {
            let a = Array(key.utf8), b = Array(presented.utf8)
            guard a.count == b.count else { continue }
            var diff: UInt8 = 0
            for i in a.indices { diff |= a[i] ^ b[i] }
            if diff == 0 { match = true }
        }
        return match
    }

    public func issue(
        userID: UUID, email: String, role: Role, sessionVersion: Int = 0, now: Date = Date()
    ) async throws -> (token: String, claims: AccessTokenClaims) {
        // whole seconds, as the seed's `exp` was an integer
        let now = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let claims = AccessTokenClaims(
            authUser: email,
            authUserID: userID.lowercasedString,
            exp: ExpirationClaim(value: now.addingTimeInterval(lifetime)),
            role: role,
            iat: IssuedAtClaim(value: now),
            jti: IDClaim(value: UUID().lowercasedString),
            sv: sessionVersion
        )
        return (try await verifiers[0].keys.sign(claims, kid: JWKIdentifier(string: currentKeyID)), claims)
    }

    public func verify(_ token: String, now: Date = Date()) async throws(Failure) -> AuthenticatedUser {
        if let cached = verified.get(token) {
            guard cached.expiresAt > now else { throw .invalid }
            return cached
        }
        let candidates: [JWTKeyCollection]
        if token.split(separator: ".", maxSplits: 1).first == ownHeader {
            candidates = [verifiers[0].keys]
        } else {
            // RFC 8725 §3.1: accept only the algorithm we sign with, whatever the header claims.
            guard let header = Self.header(of: token), header["alg"] as? String == "HS256" else { throw .invalid }
            if let kid = header["kid"] {
                guard let kid = kid as? String, let match = verifiers.first(where: { $0.kid == kid }) else { throw .invalid }
                candidates = [match.keys]
            } else {
                candidates = verifiers.map(\.keys)
            }
        }
        var verifiedClaims: AccessTokenClaims?
        for keys in candidates {
            if let claims = try? await keys.verify(token, as: AccessTokenClaims.self) {
                verifiedClaims = claims
                break
            }
        }
        guard let claims = verifiedClaims, let id = UUID(uuidString: claims.authUserID) else { throw .invalid }
        let user = AuthenticatedUser(
            id: id, email: claims.authUser, role: claims.role, expiresAt: claims.exp.value, tokenID: claims.jti.value,
            sessionVersion: claims.sv ?? 0)
        verified.put(token, user)
        return user
    }

    static func headerAlgorithm(of token: String) -> String? {
        header(of: token)?["alg"] as? String
    }

    static func header(of token: String) -> [String: Any]? {
        guard let headerPart = token.split(separator: ".", omittingEmptySubsequences: false).first else { return nil }
        var base64 = headerPart.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
            let header = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return header
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
