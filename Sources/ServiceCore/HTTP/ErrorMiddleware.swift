import Foundation
import Hummingbird
import Logging

/// Makes every failure a `{"detail": ...}` JSON response: ``APIError``s as they are; Hummingbird's 404 as the seed's
/// `Not Found`, or 405 `Method Not Allowed` when the path exists with other methods; database errors as
/// ``DatabaseFailure`` classifies them (a value the database refuses 422/409/413, an outage 503 with `Retry-After`);
/// anything else as a bare 500 whose cause is only logged (with the request id), never sent.
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
        } catch {
            if let failure = DatabaseFailure.classify(error) {
                Self.log(failure, error, context: context)
                let hasBody = [.post, .put, .patch].contains(request.method)
                return try failure.apiError(location: [hasBody ? "body" : "query"]).response(from: request, context: context)
            }
            context.logger.error(
                "unhandled error", metadata: ["error.type": "\(type(of: error))", "error": "\(PostgresErrorText.describe(error))"])
            return try APIError(.internalServerError, "Internal Server Error").response(from: request, context: context)
        }
    }

    /// The server's own words (message, SQLSTATE) go to the log, with the request id; the client gets only the
    /// classification's message.
    static func log(_ failure: DatabaseFailure, _ error: any Error, context: Context) {
        let metadata: Logger.Metadata = ["error": "\(PostgresErrorText.describe(error))", "status": "\(failure.status.code)"]
        switch failure {
        case .invalidInput, .conflict, .tooLarge:
            context.logger.notice("the database refused the request's data", metadata: metadata)
        case .unavailable where PostgresErrorText.unwrap(error) is DatabaseUnavailable:
            // one line per request would flood the log during an outage; the gate logs going down and coming back
            context.logger.debug("database unavailable, answered at once", metadata: metadata)
        case .unavailable:
            context.logger.error("database unreachable", metadata: metadata)
        case .overloaded:
            context.logger.warning("database did not answer in time", metadata: metadata)
        }
    }
}
