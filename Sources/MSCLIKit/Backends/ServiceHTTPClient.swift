import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import HTTPTypes
import ServiceCore

/// JSON over HTTP to one service, sending the session cookie. A non-2xx answer becomes the ``APIError`` the service
/// meant (status and `detail`), so commands handle it exactly like the same failure in maintenance mode.
struct ServiceHTTPClient: Sendable {
    let baseURL: String
    let token: String?
    let timeout: TimeAmount = .seconds(30)

    /// This run's client (``CommandContext/http``).
    let client: HTTPClient

    init(baseURL: String, token: String?, on context: CommandContext) {
        self.baseURL = baseURL
        self.token = token
        client = context.http
    }

    /// Runs `body` (one mscli run) with an HTTP client of its own, shut down afterwards. A refused connection fails
    /// at once instead of being retried until the deadline (an operator wants "connection refused" now, not in 30
    /// seconds).
    static func withRunClient<T>(_ body: (HTTPClient) async throws -> T) async throws -> T {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        do {
            let result = try await body(client)
            try? await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: Data
    }

    func send(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], headers: [(String, String)] = [],
        json: (any Encodable & Sendable)? = nil
    ) async throws -> Reply {
        var components = URLComponents(string: baseURL.hasSuffix("/") ? String(baseURL.dropLast()) + path : baseURL + path)
        if !query.isEmpty { components?.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        guard let url = components?.url?.absoluteString, url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw CLIError.usage("invalid service URL \(baseURL.debugDescription); expected http://host:port")
        }
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "mscli/\(MSCLI.version)")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let token { request.headers.add(name: "Cookie", value: "\(SessionCookie.name)=\(token)") }
        if let json {
            let encoder = JSONEncoder()
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: try encoder.encode(json)))
        }
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await client.execute(request, timeout: timeout)
            body = try await response.body.collect(upTo: 16 << 20)
        } catch {
            throw CLIError("cannot reach \(baseURL): \(Self.reason(error))", status: .unreachable)
        }
        let reply = Reply(status: Int(response.status.code), headers: response.headers, body: Data(buffer: body))
        guard (200..<300).contains(reply.status) else { throw Self.apiError(reply) }
        return reply
    }

    /// Reads the services' JSON: RFC 3339 dates with or without fractional seconds.
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
            if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return date }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad date \(text)"))
        }
        return decoder
    }

    func decode<T: Decodable>(_ type: T.Type, from reply: Reply) throws -> T {
        do {
            return try Self.decoder.decode(T.self, from: reply.body)
        } catch {
            throw CLIError("unexpected answer from \(baseURL) (is it the right service and version?)")
        }
    }

    /// A short cause for a transport failure.
    static func reason(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("Connection refused") { return "connection refused" }
        if let error = error as? HTTPClientError, error == .deadlineExceeded || error == .connectTimeout || error == .readTimeout {
            return "timed out"
        }
        if text.lowercased().contains("timeout") || text.lowercased().contains("timed out") { return "timed out" }
        if text.contains("No such host") || text.contains("NIOConnectionError") { return "cannot resolve or connect to the host" }
        return text
    }

    /// A service's 401, said with what to do about it (the service only says the token is missing or invalid).
    static func sessionRefused(by service: String, _ error: APIError) -> CLIError {
        CLIError(
            "the \(service) service refused the session (\(error.cliMessage)); run `mscli auth login` against the auth service "
                + "that shares its TOKEN_SECRET", status: .refused)
    }

    static func apiError(_ reply: Reply) -> APIError {
        let status = HTTPResponse.Status(code: reply.status)
        struct MessageBody: Decodable { let detail: String }
        struct IssuesBody: Decodable { let detail: [ValidationIssue] }
        if let body = try? JSONDecoder().decode(MessageBody.self, from: reply.body) { return APIError(status, body.detail) }
        if let body = try? JSONDecoder().decode(IssuesBody.self, from: reply.body) {
            var error = APIError(validation: body.detail)
            error.status = status
            return error
        }
        return APIError(status, "the service answered \(reply.status) \(status.reasonPhrase)")
    }
}
