import Foundation
import Hummingbird

/// The `access_token` cookie of the seed's contract, written byte for byte rather than through a generator: HttpOnly,
/// SameSite=Lax, Path=/, Max-Age of the token lifetime, no Domain, and Secure unless turned off for local HTTP.
public struct SessionCookie: Sendable {
    public static let name = "access_token"
    public var secure: Bool

    public init(secure: Bool) { self.secure = secure }

    public func set(_ token: String, maxAge: Int) -> String {
        "\(Self.name)=\(token); HttpOnly; Max-Age=\(maxAge); Path=/; SameSite=Lax" + (secure ? "; Secure" : "")
    }

    /// Clears the cookie with the same attributes it was set with, so every browser replaces it.
    public func clear(now: Date = Date()) -> String {
        let expires = Self.httpDate(now)
        return "\(Self.name)=\"\"; expires=\(expires); HttpOnly; Max-Age=0; Path=/; SameSite=Lax" + (secure ? "; Secure" : "")
    }

    /// RFC 1123 date in GMT (`Wed, 25 Nov 2026 06:36:41 GMT`), as cookie `expires` wants it.
    static func httpDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "GMT")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(days[c.weekday! - 1]), \(two(c.day)) \(months[c.month! - 1]) \(c.year!) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) GMT"
    }

    /// The token in a request's `Cookie` header, if any.
    /// Scans the `Cookie` header(s) for `access_token=` directly (on the hot path of every request; Hummingbird's
    /// general cookie parser builds every cookie).
    public static func token(in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.utf8.split(separator: UInt8(ascii: ";")) {
                var field = Substring(pair)
                while field.first == " " { field.removeFirst() }
                guard field.hasPrefix("access_token=") else { continue }
                let value = field.dropFirst("access_token=".count)
                return value.isEmpty || value == "\"\"" ? nil : String(value)
            }
        }
        return nil
    }
}

/// Verifies the session cookie of every request and records the caller on the context. Handlers that need a user call
/// ``ServiceRequestContext/requireUser()``; public routes simply ignore it.
public struct SessionMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext
    let tokens: TokenService
    let revocations: SessionRevocations?

    public init(tokens: TokenService, revocations: SessionRevocations? = nil) {
        self.tokens = tokens
        self.revocations = revocations
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = SessionCookie.token(in: request) {
            do {
                let user = try await tokens.verify(token)
                if let revocations, revocations.rejects(user) {
                    context.sessionRejected = true
                    return try await next(request, context)
                }
                context.identity = user
                context.logger[metadataKey: "user.id"] = .string(user.id.lowercasedString)
            } catch {
                context.sessionRejected = true
            }
        }
        return try await next(request, context)
    }
}
