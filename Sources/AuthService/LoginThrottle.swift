import Crypto
import Foundation
import Hummingbird
import Logging
import Metrics
import RateLimiting
import ServiceCore

/// How fast passwords may be tried at `POST /auth/login` (and checked at `POST /auth/password`), with the GCRA
/// limiter: one budget per account (a keyed hash of the normalised e-mail, so neither Redis nor the logs hold the
/// address) and one per client address (the shared trusted-proxy rules, ``ClientAddress``). Each starts with a burst
/// and then refills at a steady rate; an attempt over either budget is answered 429 with `Retry-After` before any
/// database read or bcrypt work, the same way for an existing and an unknown account.
public struct LoginThrottleSettings: Sendable, Equatable {
    public struct Rule: Sendable, Equatable {
        public var attempts: Int
        public var windowSeconds: Int

        public init(attempts: Int, windowSeconds: Int) {
            self.attempts = attempts
            self.windowSeconds = windowSeconds
        }

        /// `attempts` at once, then one every `windowSeconds / attempts` seconds.
        var description: String { "\(attempts)/\(windowSeconds)" }
    }

    public var enabled = true
    /// Default 5/300: five guesses at once, then one a minute (1,440 a day instead of ~860,000).
    public var perAccount = Rule(attempts: 5, windowSeconds: 300)
    /// Default 50/300: fifty at once, then one every six seconds, so a shared office address is not locked out.
    public var perAddress = Rule(attempts: 50, windowSeconds: 300)
    public var trustedProxies: [IPRange] = []
    /// How long an attempt waits for Redis before the per-instance limiter answers.
    public var redisTimeout: Duration = .milliseconds(250)

    public init() {}

    /// `LOGIN_RATE_LIMIT_ENABLED` (default true), `LOGIN_RATE_LIMIT_ACCOUNT` and `LOGIN_RATE_LIMIT_ADDRESS`
    /// (`ATTEMPTS/SECONDS`), `TRUSTED_PROXIES`, `RATE_LIMIT_REDIS_TIMEOUT_MS`.
    public static func fromEnvironment(_ env: EnvironmentReader) throws -> LoginThrottleSettings {
        var settings = LoginThrottleSettings()
        settings.enabled = try env.bool("LOGIN_RATE_LIMIT_ENABLED") ?? true
        if let rule = try rule(env, "LOGIN_RATE_LIMIT_ACCOUNT") { settings.perAccount = rule }
        if let rule = try rule(env, "LOGIN_RATE_LIMIT_ADDRESS") { settings.perAddress = rule }
        settings.trustedProxies = try env.trustedProxies()
        if let ms = try env.int("RATE_LIMIT_REDIS_TIMEOUT_MS", in: 10...10_000) { settings.redisTimeout = .milliseconds(ms) }
        return settings
    }

    static func rule(_ env: EnvironmentReader, _ name: String) throws -> Rule? {
        guard let raw = env[name] else { return nil }
        let parts = raw.split(separator: "/")
        guard parts.count == 2, let attempts = Int(parts[0]), let seconds = Int(parts[1]), (1...100_000).contains(attempts),
            (1...86_400).contains(seconds)
        else {
            throw ConfigurationError("\(name) must look like 5/300 (attempts per seconds: 1-100000 per 1-86400), not \(raw.debugDescription)")
        }
        return Rule(attempts: attempts, windowSeconds: seconds)
    }
}

/// The login counters in `/metrics`: `auth_login_attempts_total{result="success|failure|disabled|throttled"}`.
enum LoginMetrics {
    static let success = Counter(label: "auth_login_attempts_total", dimensions: [("result", "success")])
    static let failure = Counter(label: "auth_login_attempts_total", dimensions: [("result", "failure")])
    static let disabled = Counter(label: "auth_login_attempts_total", dimensions: [("result", "disabled")])
    static let throttled = Counter(label: "auth_login_attempts_total", dimensions: [("result", "throttled")])
}

struct LoginThrottle: Sendable {
    let limiter: any RateLimiter
    let settings: LoginThrottleSettings
    let accountPolicy: RateLimitPolicy
    let addressPolicy: RateLimitPolicy
    /// Keys the account hash, so a dump of Redis or of the logs cannot be checked against a list of addresses.
    private let hashKey: SymmetricKey

    init(limiter: any RateLimiter, settings: LoginThrottleSettings, secret: String) {
        self.limiter = limiter
        self.settings = settings
        accountPolicy = RateLimitPolicy(
            name: "login-account", limit: settings.perAccount.attempts, window: .seconds(settings.perAccount.windowSeconds))
        addressPolicy = RateLimitPolicy(
            name: "login-address", limit: settings.perAddress.attempts, window: .seconds(settings.perAddress.windowSeconds))
        hashKey = SymmetricKey(data: SHA256.hash(data: Data(("login-throttle:" + secret).utf8)))
    }

    /// The account's key: HMAC-SHA256 of the trimmed, lower-cased e-mail (the form logins match on), 32 hex digits.
    func accountHash(_ email: String) -> String {
        let normalised = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return HMAC<SHA256>.authenticationCode(for: Data(normalised.utf8), using: hashKey).prefix(16)
            .map { String(format: "%02x", $0) }.joined()
    }

    /// Nil when the attempt may go ahead (and is counted), else the seconds to wait. The address budget is asked
    /// first, so attempts refused for their address do not use up the account's.
    func admit(account: String, address: String, logger: Logger) async -> Int? {
        do {
            let byAddress = try await limiter.acquire(key: "ip:\(address)", policy: addressPolicy)
            guard byAddress.allowed else { return Self.seconds(byAddress.retryAfter) }
            let byAccount = try await limiter.acquire(key: "account:\(account)", policy: accountPolicy)
            guard byAccount.allowed else { return Self.seconds(byAccount.retryAfter) }
            return nil
        } catch {
            // Neither limiter could answer (the local one always can): let the attempt through rather than refuse all.
            logger.warning("login throttle failed; attempt allowed", metadata: ["error": "\(error)"])
            return nil
        }
    }

    static func seconds(_ value: Double?) -> Int { max(1, Int((value ?? 1).rounded(.up))) }
}
