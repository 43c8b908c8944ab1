import Foundation
import Hummingbird

/// Reading query parameters: each reader checks the value before any code uses it, and a bad one is a 422 that names
/// the parameter (`loc: ["query", name]`), as FastAPI answered.
extension Request {
    /// A text parameter under the text rule (no control characters, at most `limit.maxLength` characters), or nil.
    public func queryText(_ name: String, _ limit: TextLimit = .line(TextRules.queryCeiling)) throws -> String? {
        guard let raw = uri.queryParameters[name[...]] else { return nil }
        if let issue = TextRules.issue(raw, at: ["query", name], limit) { throw APIError(validation: [issue]) }
        return String(raw)
    }

    /// A boolean parameter as FastAPI read one (true/false, 1/0, yes/no, on/off, t/f, y/n), or a 422 naming it.
    public func queryBool(_ name: String, default value: Bool) throws -> Bool {
        guard let raw = uri.queryParameters[name[...]] else { return value }
        switch raw.lowercased() {
        case "true", "1", "yes", "on", "t", "y": return true
        case "false", "0", "no", "off", "f", "n": return false
        default: throw APIError.invalid(["query", name], "Input should be a valid boolean", type: "bool_parsing")
        }
    }

    /// A UUID parameter, or nil when absent, or a 422 naming it.
    public func queryUUID(_ name: String) throws -> UUID? {
        guard let raw = uri.queryParameters[name[...]] else { return nil }
        guard let id = UUID(uuidString: String(raw)) else {
            throw APIError.invalid(["query", name], "Input should be a valid UUID", type: "uuid_parsing")
        }
        return id
    }
}

/// The text rule for every query parameter of every route, before routing: a name or value with a control character,
/// or longer than ``TextRules/queryCeiling``, is a 422 naming the parameter. Routes read their parameters with the
/// stricter readers above; this makes sure no parameter a route forgot, or ignores, carries a NUL into a log line, a
/// cache key or a query.
public struct QueryTextMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.query != nil {
            var issues: [ValidationIssue] = []
            let ceiling = TextLimit.line(TextRules.queryCeiling)
            for (name, value) in request.uri.queryParameters {
                let nameString = String(name)
                if let issue = TextRules.issue(name, at: ["query"], .line(255)) {
                    issues.append(ValidationIssue(type: issue.type, loc: ["query"], msg: "Parameter names: " + issue.msg))
                } else if let issue = TextRules.issue(value, at: ["query", nameString], ceiling) {
                    issues.append(issue)
                }
                if issues.count >= 20 { break }
            }
            if !issues.isEmpty { throw APIError(validation: issues) }
        }
        return try await next(request, context)
    }
}
