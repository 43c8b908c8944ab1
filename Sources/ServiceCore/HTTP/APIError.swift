import Foundation
import Hummingbird

/// One entry of a 422 `detail` list, in the shape FastAPI/pydantic used (`type`, `loc`, `msg`), so the seed's clients
/// read our validation errors unchanged.
public struct ValidationIssue: Sendable, Codable, Equatable {
    public var type: String
    public var loc: [String]
    public var msg: String

    public init(type: String, loc: [String], msg: String) {
        self.type = type
        self.loc = loc
        self.msg = msg
    }
}

/// An error a client is meant to see: a status and a `{"detail": ...}` body. Anything else thrown by a handler is
/// logged and answered with a bare 500 (``ErrorMiddleware``), so no internal message ever reaches a client.
public struct APIError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    public enum Detail: Sendable, Equatable {
        case message(String)
        case issues([ValidationIssue])
    }

    public var status: HTTPResponse.Status
    public var detail: Detail
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.detail = .message(message)
        self.headers = headers
    }

    public init(validation issues: [ValidationIssue]) {
        self.status = .unprocessableContent
        self.detail = .issues(issues)
        self.headers = [:]
    }

    public static func notFound(_ message: String) -> APIError { APIError(.notFound, message) }
    public static func badRequest(_ message: String) -> APIError { APIError(.badRequest, message) }
    public static func conflict(_ message: String) -> APIError { APIError(.conflict, message) }
    public static func forbidden(_ message: String) -> APIError { APIError(.forbidden, message) }
    public static func unauthorized(_ message: String) -> APIError { APIError(.unauthorized, message) }
    /// A single 422 issue about one field.
    public static func invalid(_ loc: [String], _ msg: String, type: String = "value_error") -> APIError {
        APIError(validation: [ValidationIssue(type: type, loc: loc, msg: msg)])
    }

    public var description: String {
        switch detail {
        case .message(let m): "\(status.code) \(m)"
        case .issues(let issues): "\(status.code) " + issues.map { "\($0.loc.joined(separator: ".")): \($0.msg)" }.joined(separator: "; ")
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bodyBytes())))
    }

    func bodyBytes() -> [UInt8] {
        struct MessageBody: Encodable { let detail: String }
        struct IssuesBody: Encodable { let detail: [ValidationIssue] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data? =
            switch detail {
            case .message(let m): try? encoder.encode(MessageBody(detail: m))
            case .issues(let i): try? encoder.encode(IssuesBody(detail: i))
            }
        return Array(data ?? Data(#"{"detail":"Internal Server Error"}"#.utf8))
    }
}
