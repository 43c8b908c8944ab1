import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ServiceCore

/// What the in-process service tests share (the auth, booking and food harnesses each build their service and then
/// talk to it the same way): the session secret, sessions minted as the auth service would issue them, and one call
/// with its reply.
public enum InProcessSessions {
    /// The secret the in-process services sign and check sessions with.
    public static let secret = "test-secret-0123456789-0123456789-0123456789"
}

/// A signed-in user: the id the session names and its token (the `access_token` cookie's value).
public struct Session: Sendable {
    public var id: UUID
    public var token: String

    public init(id: UUID, token: String) {
        self.id = id
        self.token = token
    }
}

/// Issues sessions with ``InProcessSessions/secret``, as the auth service would issue them, for users that need not
/// exist anywhere (the booking and food services trust the signature).
public struct SessionMinter: Sendable {
    let tokens: TokenService

    public init() async throws {
        tokens = try await TokenService(secret: InProcessSessions.secret, lifetime: 3600)
    }

    public func session(_ role: Role, id: UUID = UUID()) async throws -> Session {
        let issued = try await tokens.issue(userID: id, email: "\(id.uuidString.prefix(8))@example.com", role: role)
        return Session(id: id, token: issued.token)
    }
}

/// A service's answer, with the views of its JSON body the tests read.
public struct Reply: Sendable {
    public var status: Int
    public var headers: HTTPFields
    public var text: String

    public init(status: Int, headers: HTTPFields, text: String) {
        self.status = status
        self.headers = headers
        self.text = text
    }

    public var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:] }
    public var list: [[String: Any]] { (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]) ?? [] }
    public var value: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }
    public var detail: String? { json["detail"] as? String }
    public var id: String? { json["id"] as? String }
    public func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }
    public var setCookie: String? { headers[.setCookie] }
    /// The `access_token` value of a Set-Cookie header.
    public var token: String? {
        setCookie.flatMap { $0.split(separator: ";").first }.map { String($0.dropFirst("access_token=".count)) }
    }
}

extension TestClientProtocol {
    /// One request: `body` a JSON text as it is, or any other value as JSON; `token` sent as the session cookie.
    @discardableResult
    public func call(
        _ method: HTTPRequest.Method, _ path: String, body: Any? = nil, token: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = extra
        if let token { headers[.cookie] = "access_token=\(token)" }
        var buffer: ByteBuffer?
        if let body {
            headers[.contentType] = "application/json"
            if let text = body as? String {
                buffer = ByteBuffer(string: text)
            } else {
                buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
            }
        }
        let response = try await execute(uri: path, method: method, headers: headers, body: buffer)
        return Reply(status: Int(response.status.code), headers: response.headers, text: String(buffer: response.body))
    }
}
