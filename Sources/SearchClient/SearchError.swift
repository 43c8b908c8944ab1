import ServiceCore

/// What can go wrong talking to the search server.
public enum SearchError: Error, CustomStringConvertible, Sendable {
    /// No HTTP answer: connection refused, timeout, name resolution. The text names the request's URL.
    case unreachable(String)
    /// The server answered with a status outside 2xx; `type` and `reason` come from its `{"error":{…}}` body
    /// (reason is the raw body text, shortened, when the body is not that shape).
    case server(status: Int, type: String?, reason: String)
    /// The server answered 2xx, but not with what the API promises.
    case malformedResponse(String)

    public var description: String {
        switch self {
        case .unreachable(let detail):
            return "search server unreachable: \(detail)"
        case .server(let status, let type, let reason):
            return "search server answered \(status)\(type.map { " \($0)" } ?? ""): \(reason)"
        case .malformedResponse(let detail):
            return "search server sent an unexpected response: \(detail)"
        }
    }

    /// Builds `.server` from an error response body.
    static func fromResponse(status: Int, body: [UInt8]) -> SearchError {
        if let json = try? JSONValue.decode(body) {
            switch json["error"] {
            case .object(let error)?:
                let type = error["type"]?.stringValue
                var reason = error["reason"]?.stringValue ?? oneLine(String(decoding: body, as: UTF8.self))
                if let cause = error["caused_by"], let causeReason = cause["reason"]?.stringValue, !reason.contains(causeReason) {
                    reason += " (caused by \(cause["type"]?.stringValue ?? "error"): \(causeReason))"
                }
                return .server(status: status, type: type, reason: oneLine(reason))
            case .string(let text)?:
                return .server(status: status, type: nil, reason: oneLine(text))
            default:
                break
            }
        }
        let text = oneLine(String(decoding: body, as: UTF8.self))
        return .server(status: status, type: nil, reason: text.isEmpty ? "HTTP \(status) with no body" : text)
    }

    /// Collapses line breaks and shortens to 500 characters, so the description stays one readable line.
    static func oneLine(_ text: String, limit: Int = 500) -> String {
        var flat = String(text.map { $0.isNewline ? " " : $0 })
        if flat.count > limit { flat = String(flat.prefix(limit)) + "…" }
        return flat
    }
}
