import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceCore
import Synchronization

/// Asks the auth service whether the caller's account is still active before an order is accepted (a token stays
/// valid for its lifetime after the account is disabled). Answers are kept for `cacheTTL`, so a burst of orders
/// costs one call per user. Calls forward the caller's session cookie, time out after `timeout`, are retried with
/// backoff (the call is a GET, so retrying is safe), and go through a circuit breaker: while the auth service is
/// down, orders fail at once with a 503 instead of each waiting for the timeout.
public final class UserVerifier: AccountCheck {
    let authURL: String
    let http: HTTPClient
    let breaker: CircuitBreaker
    let timeout: TimeAmount
    let cacheTTL: Duration
    let retries: Int
    let logger: Logger
    private let verified = Mutex<[UUID: ContinuousClock.Instant]>([:])

    public init(
        authURL: String, http: HTTPClient, breaker: CircuitBreaker = CircuitBreaker(name: "auth-service"),
        timeout: TimeAmount = .seconds(10), cacheTTL: Duration = .seconds(30), retries: Int = 2, logger: Logger
    ) {
        self.authURL = authURL.hasSuffix("/") ? String(authURL.dropLast()) : authURL
        self.http = http
        self.breaker = breaker
        self.timeout = timeout
        self.cacheTTL = cacheTTL
        self.retries = retries
        self.logger = logger
    }

    /// Returns when `userID`'s account is active; throws ``AccountRule/refusal`` (403) when the auth service refuses
    /// the session, 503 when it cannot be asked. Without a session there is nothing to ask with: the caller was
    /// authenticated some other way, and the check passes.
    public func requireActive(_ userID: UUID, sessionToken: String?) async throws {
        guard let token = sessionToken else { return }
        let now = ContinuousClock.now
        if let until = verified.withLock({ $0[userID] }), until > now { return }
        let status: UInt
        do {
            status = try await breaker.run(isFailure: { !($0 is Refused) }) {
                try await self.fetchStatus(token: token)
            }
        } catch let error as CircuitOpenError {
            let seconds = error.retryAfter.components.seconds + 1
            throw APIError(
                .serviceUnavailable, "The auth service is unavailable (not asked again for \(seconds) s); try again shortly",
                headers: [.retryAfter: String(seconds)])
        } catch is Refused {
            verified.withLock { _ = $0.removeValue(forKey: userID) }
            throw AccountRule.refusal
        } catch {
            logger.warning("auth service check failed", metadata: ["error": "\(error)"])
            throw APIError(.serviceUnavailable, "The auth service is unavailable; try again shortly", headers: [.retryAfter: "5"])
        }
        guard status == 200 else { throw APIError(.serviceUnavailable, "The auth service answered \(status)", headers: [.retryAfter: "5"]) }
        verified.withLock { cache in
            if cache.count > 100_000 { cache.removeAll(keepingCapacity: true) }
            cache[userID] = now + cacheTTL
        }
    }

    /// The auth service said no (401/403/404): the caller's account, not the auth service, is the problem.
    struct Refused: Error {}

    struct UpstreamStatus: Error, CustomStringConvertible {
        var status: UInt
        var description: String { "auth service answered \(status)" }
    }

    private func fetchStatus(token: String) async throws -> UInt {
        var attempt = 0
        while true {
            do {
                var request = HTTPClientRequest(url: "\(authURL)/auth/user_details")
                request.headers.add(name: "Cookie", value: "\(SessionCookie.name)=\(token)")
                request.headers.add(name: "Accept", value: "application/json")
                let response = try await http.execute(request, timeout: timeout)
                _ = try? await response.body.collect(upTo: 64 * 1024)
                switch response.status.code {
                case 200: return 200
                case 401, 403, 404: throw Refused()
                case 500...: throw UpstreamStatus(status: response.status.code)
                default: return response.status.code
                }
            } catch let error where !(error is Refused) && attempt < retries {
                attempt += 1
                logger.debug("retrying auth service call", metadata: ["attempt": "\(attempt)", "error": "\(error)"])
                try await Task.sleep(for: .milliseconds(100 * (1 << attempt)))
            }
        }
    }
}
