import Foundation
import HTTPTypes
import Hummingbird
import RateLimiting
import ServiceCore

/// Limits `/food/` requests per user (or client address) and route group, and says so in every limited response:
/// `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` (epoch seconds, as the seed wrote it) and the
/// IETF fields `RateLimit-Policy: "orders";q=30;w=60` and `RateLimit: "orders";r=12;t=40`. Over the limit: 429
/// with `Retry-After` and the seed's detail. Runs after the session middleware, so it knows the user.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    let limiter: any RateLimiter
    let settings: RateLimitSettings
    let defaultPolicy: RateLimitPolicy
    let ordersPolicy: RateLimitPolicy

    init(limiter: any RateLimiter, settings: RateLimitSettings) {
        self.limiter = limiter
        self.settings = settings
        defaultPolicy = RateLimitPolicy(
            name: "default", limit: settings.defaultLimit.requests, window: .seconds(settings.defaultLimit.windowSeconds))
        ordersPolicy = RateLimitPolicy(
            name: "orders", limit: settings.ordersLimit.requests, window: .seconds(settings.ordersLimit.windowSeconds))
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path.hasPrefix("/food/"), request.method != .options else { return try await next(request, context) }
        let policy = request.method == .post && path.hasPrefix("/food/orders") ? ordersPolicy : defaultPolicy
        let subject = context.identity.map { "user:\($0.id.lowercasedString)" } ?? "ip:\(clientAddress(request, context))"
        let decision: RateLimitDecision
        do {
            decision = try await limiter.acquire(key: subject, policy: policy)
        } catch {
            // Neither the shared nor the local limiter could answer: serve rather than refuse everyone.
            context.logger.warning("rate limiter failed; request allowed", metadata: ["error": "\(error)"])
            return try await next(request, context)
        }
        let headers = Self.headers(decision, policy: policy)
        guard decision.allowed else {
            var limited = headers
            limited[.retryAfter] = String(Int((decision.retryAfter ?? 1).rounded(.up)))
            throw APIError(.tooManyRequests, "Rate limit exceeded. Too many requests. Remaining requests: 0", headers: limited)
        }
        do {
            var response = try await next(request, context)
            for field in headers { response.headers[field.name] = field.value }
            return response
        } catch var error as APIError {
            for field in headers where error.headers[field.name] == nil { error.headers[field.name] = field.value }
            throw error
        }
    }

    static func headers(_ decision: RateLimitDecision, policy: RateLimitPolicy) -> HTTPFields {
        let reset = Int(decision.resetAfter.rounded(.up))
        let window = policy.window.components.seconds
        var fields = HTTPFields()
        fields[HTTPField.Name("X-RateLimit-Limit")!] = String(decision.limit)
        fields[HTTPField.Name("X-RateLimit-Remaining")!] = String(decision.remaining)
        fields[HTTPField.Name("X-RateLimit-Reset")!] = String(Int(Date().timeIntervalSince1970) + reset)
        fields[HTTPField.Name("RateLimit-Policy")!] = "\"\(policy.name)\";q=\(decision.limit);w=\(window)"
        fields[HTTPField.Name("RateLimit")!] = "\"\(policy.name)\";r=\(decision.remaining);t=\(reset)"
        return fields
    }

    /// The client's address under the shared trusted-proxy rules (``ClientAddress``).
    func clientAddress(_ request: Request, _ context: Context) -> String {
        ClientAddress.resolve(request, context, trustedProxies: settings.trustedProxies)
    }
}
