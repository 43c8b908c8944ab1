import Foundation
import Hummingbird

extension Request {
    /// Decodes a JSON body, turning every failure into a 422 whose `detail` names the field (`loc: ["body", field]`),
    /// as the seed did. Unknown fields are ignored, as pydantic did; `limit` bounds the bytes read.
    /// The body's own field rules (``ValidatedBody/validate()``) run before it is returned, so no handler can use a
    /// field that has not been checked.
    public func decodeJSONBody<T: ValidatedBody>(_ type: T.Type, limit: Int = 1 << 20) async throws -> T {
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
        guard let tree = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw APIError.invalid(["body"], "JSON decode error", type: "json_invalid")
        }
        let body: T
        do {
            body = try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw APIError(validation: [Self.issue(for: error)])
        }
        try body.validate()
        return body
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
            // Foundation's own wording names Swift types ("Cannot initialize OrderStatus from invalid String value");
            // a client hears what was expected instead.
            let (type, msg) = Self.corruptionMessage(context.debugDescription)
            return ValidationIssue(type: type, loc: loc(context.codingPath), msg: msg)
        @unknown default:
            return ValidationIssue(type: "value_error", loc: ["body"], msg: "Invalid body")
        }
    }

    /// A client-facing message for a `DecodingError.dataCorrupted`: the types' own initialisers (``APIEnum``) say
    /// what they expected in a form fit to show; Foundation's messages are replaced by one that names no type.
    static func corruptionMessage(_ description: String) -> (type: String, msg: String) {
        if description.hasPrefix("Input should be") { return ("enum", description) }
        if description.contains("UUID") { return ("uuid_parsing", "Input should be a valid UUID") }
        if description.contains("number") || description.contains("Number") {
            return ("value_error", "Input should be a number within range")
        }
        if description.contains("Date") || description.contains("date") { return ("datetime_parsing", "Input should be a valid datetime") }
        return ("value_error", "Input is not a valid value")
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

/// A JSON request body: decoded, then checked field by field (``TextRules`` for text, ranges for numbers) before
/// any handler sees it; a failure is a 422 naming the field. The stores call the same `validate()` for
/// `mscli --maintenance`, so both paths share one rule. Unknown fields are ignored (as pydantic did) and never read.
public protocol ValidatedBody: Decodable {
    func validate() throws
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
