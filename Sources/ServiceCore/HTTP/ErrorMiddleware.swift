import Foundation
import Hummingbird
import Logging

/// Makes every failure a `{"detail": ...}` JSON response: ``APIError``s as they are; Hummingbird's 404 as the seed's
/// `Not Found`, or 405 `Method Not Allowed` when the path exists with other methods; a lost database as 503;
/// anything else as a bare 500 whose
/// cause is only logged (with the request id), never sent.
public struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable

    public init(routes: RouteTable) { self.routes = routes }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            if let allowed = routes.literalMethods(for: request.uri.path, excluding: request.method.rawValue) {
                throw APIError(.methodNotAllowed, "Method Not Allowed", headers: [.allow: allowed.joined(separator: ", ")])
            }
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            let apiError: APIError
            if error.status == .notFound {
                let methods = routes.methods(matching: request.uri.path)
                apiError =
                    methods.isEmpty
                    ? APIError(.notFound, "Not Found")
                    : APIError(.methodNotAllowed, "Method Not Allowed", headers: [.allow: methods.joined(separator: ", ")])
            } else {
                apiError = APIError(error.status, error.body ?? error.status.reasonPhrase, headers: error.headers)
            }
            return try apiError.response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            // a service's own error type with a body of its own (booking's 409 listing unavailable seats)
            return try error.response(from: request, context: context)
        } catch where PostgresErrorText.isConnectionFailure(error) || error is TimeoutError {
            context.logger.error("database unreachable", metadata: ["error": "\(PostgresErrorText.describe(error))"])
            return try APIError(.serviceUnavailable, "The database is unavailable; try again shortly", headers: [.retryAfter: "5"])
                .response(from: request, context: context)
        } catch {
            context.logger.error(
                "unhandled error", metadata: ["error.type": "\(type(of: error))", "error": "\(PostgresErrorText.describe(error))"])
            return try APIError(.internalServerError, "Internal Server Error").response(from: request, context: context)
        }
    }
}
