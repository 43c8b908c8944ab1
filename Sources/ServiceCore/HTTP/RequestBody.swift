import Foundation
import Hummingbird

extension Request {
    /// Decodes a JSON body, turning every failure into a 422 whose `detail` names the field (`loc: ["body", field]`),
    /// as the seed did. Unknown fields are ignored, as pydantic did; `limit` bounds the bytes read.
    public func decodeJSONBody<T: Decodable>(_ type: T.Type, limit: Int = 1 << 20) async throws -> T {
        var request = self
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch {
            throw APIError(.contentTooLarge, "request body larger than \(limit) bytes")
        }
        guard buffer.readableBytes > 0 else {
            throw APIError.invalid(["body"], "Field required", type: "missing")
        }
        let data = Data(buffer: buffer)
        guard (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil else {
            throw APIError.invalid(["body"], "JSON decode error", type: "json_invalid")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw APIError(validation: [Self.issue(for: error)])
        }
    }

    static func issue(for error: DecodingError) -> ValidationIssue {
        func loc(_ path: [any CodingKey], _ last: (any CodingKey)? = nil) -> [String] {
            ["body"] + (path + (last.map { [$0] } ?? [])).map { $0.intValue.map(String.init) ?? $0.stringValue }
        }
        switch error {
        case .keyNotFound(let key, let context):
            return ValidationIssue(type: "missing", loc: loc(context.codingPath, key), msg: "Field required")
        case .valueNotFound(_, let context):
            return ValidationIssue(type: "missing", loc: loc(context.codingPath), msg: "Field required")
        case .typeMismatch(let type, let context):
            return ValidationIssue(type: "type_error", loc: loc(context.codingPath), msg: "Input should be a valid \(Self.typeName(type))")
        case .dataCorrupted(let context):
            return ValidationIssue(type: "value_error", loc: loc(context.codingPath), msg: context.debugDescription)
        @unknown default:
            return ValidationIssue(type: "value_error", loc: ["body"], msg: "Invalid body")
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "string"
        case is Int.Type, is Int64.Type: "integer"
        case is Double.Type: "number"
        case is Bool.Type: "boolean"
        default: "value"
        }
    }
}

/// Reading query parameters with 422s that name the parameter.
extension Request {
    public func queryInt(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let raw = uri.queryParameters[name[...]] else { return value }
        guard let parsed = Int(raw), range.contains(parsed) else {
            throw APIError.invalid(
                ["query", name], "Input should be an integer from \(range.lowerBound) to \(range.upperBound)", type: "int_parsing")
        }
        return parsed
    }
}

extension Parameters {
    /// A UUID path parameter, or a 422 naming it.
    public func requireUUID(_ name: String) throws -> UUID {
        guard let raw = self.get(name), let id = UUID(uuidString: raw) else {
            throw APIError.invalid(["path", name], "Input should be a valid UUID", type: "uuid_parsing")
        }
        return id
    }
}
