import Foundation
import HTTPTypes
import Hummingbird

/// Paged list answers: `limit`/`offset` query parameters, the items as a JSON array, and a `Link: …; rel="next"`
/// header when the page is full.
public enum PagedList {
    /// `limit` (1...maximum, default `defaultLimit`) and `offset` from the query, or a 422 naming the parameter.
    public static func page(
        _ request: Request, default defaultLimit: Int = 100, maximum: Int = 1000, maximumOffset: Int = Int(Int32.max)
    ) throws -> (limit: Int, offset: Int) {
        (
            try request.queryInt("limit", default: defaultLimit, range: 1...maximum),
            try request.queryInt("offset", default: 0, range: 0...maximumOffset)
        )
    }

    /// A page of items that write their own JSON: chosen at compile time, without `JSONCoding.encode`'s dynamic cast
    /// (which looks up the array's conformance at run time on every answer; `swift_dynamicCast` was 1.5% of an orders
    /// list in perf).
    public static func response<Item: JSONWritable & Sendable>(_ items: [Item], request: Request, limit: Int, offset: Int) -> Response {
        response(ByteBuffer(bytes: items.jsonBytes()), request: request, hasNext: items.count == limit, limit: limit, offset: offset)
    }

    public static func response<Item: Encodable & Sendable>(_ items: [Item], request: Request, limit: Int, offset: Int) throws -> Response {
        response(
            ByteBuffer(bytes: try JSONCoding.encode(items)), request: request, hasNext: items.count == limit, limit: limit,
            offset: offset)
    }

    /// A list answer from `cache` (or freshly fetched and encoded), keyed by the request's URI.
    public static func cached<Item: Encodable & Sendable>(
        _ cache: ListCache, request: Request, limit: Int, offset: Int, fetch: @escaping @Sendable () async throws -> [Item]
    ) async throws -> Response {
        let answer = try await cache.answer(for: request.uri.description) { @Sendable in
            let items = try await fetch()
            return ListCache.Answer(body: ByteBuffer(bytes: try JSONCoding.encode(items)), count: items.count)
        }
        return response(answer.body, request: request, hasNext: answer.count == limit, limit: limit, offset: offset)
    }

    /// A page of one user's own list from `cache` while the page's rows still have the fingerprint it was made from
    /// (`fingerprint` reads the current one), else freshly read (`fetch`: the items and their rows' fingerprint, read
    /// together), encoded and kept. The bytes are those ``response(_:request:limit:offset:)`` writes for the items.
    public static func ownList<Item: JSONWritable & Sendable>(
        _ cache: UserListCache, key: String, request: Request, limit: Int, offset: Int,
        fingerprint: () async throws -> UserListCache.Fingerprint,
        fetch: () async throws -> ([Item], UserListCache.Fingerprint)
    ) async throws -> Response {
        let answer = try await cache.answer(for: "\(key) \(limit) \(offset)", current: fingerprint) {
            let (items, current) = try await fetch()
            return (ListCache.Answer(body: ByteBuffer(bytes: items.jsonBytes()), count: items.count), current)
        }
        return response(answer.body, request: request, hasNext: answer.count == limit, limit: limit, offset: offset)
    }

    public static func response(_ body: ByteBuffer, request: Request, hasNext: Bool, limit: Int, offset: Int) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if hasNext {
            var components = URLComponents(string: request.uri.description) ?? URLComponents()
            var items = (components.queryItems ?? []).filter { $0.name != "limit" && $0.name != "offset" }
            items.append(URLQueryItem(name: "limit", value: String(limit)))
            items.append(URLQueryItem(name: "offset", value: String(offset + limit)))
            components.queryItems = items
            if let next = components.string { headers[HTTPField.Name("Link")!] = "<\(next)>; rel=\"next\"" }
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}
