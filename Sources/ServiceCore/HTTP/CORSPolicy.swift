import Hummingbird

/// CORS with an explicit list of origins. A listed origin is echoed back with `Access-Control-Allow-Credentials: true`
/// (the browser client sends the session cookie); `*` in the list allows any origin but never with credentials.
/// Preflights are answered here with 204.
public struct CORSMiddleware<Context: RequestContext>: RouterMiddleware {
    public let allowedOrigins: Set<String>
    let allowMethods = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
    let allowHeaders = "Content-Type, Idempotency-Key, X-Request-ID"

    public init(allowedOrigins: [String]) { self.allowedOrigins = Set(allowedOrigins) }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], !allowedOrigins.isEmpty else {
            return try await next(request, context)
        }
        let exact = allowedOrigins.contains(origin)
        guard exact || allowedOrigins.contains("*") else { return try await next(request, context) }

        var cors: HTTPFields = [:]
        cors[.accessControlAllowOrigin] = exact ? origin : "*"
        if exact { cors[.accessControlAllowCredentials] = "true" }
        cors[.vary] = "Origin"

        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            cors[.accessControlAllowMethods] = allowMethods
            cors[.accessControlAllowHeaders] = request.headers[.accessControlRequestHeaders] ?? allowHeaders
            cors[.accessControlMaxAge] = "600"
            return Response(status: .noContent, headers: cors)
        }
        var response = try await next(request, context)
        response.headers.append(contentsOf: cors)
        return response
    }
}
