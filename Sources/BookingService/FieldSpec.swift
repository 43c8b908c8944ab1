import Foundation
import Hummingbird
import PostgresNIO
import SearchClient
import ServiceCore

/// A value for one column of an UPDATE, already checked against the column's rules.
public enum ColumnValue: Sendable, Equatable {
    case text(String?)
    case int(Int)
    case double(Double?)
    case bool(Bool)
    case date(String?)
    case timestamp(Date)
    case textArray([String])

    func bind(into bindings: inout PostgresBindings) throws {
        switch self {
        case .text(let v): if let v { bindings.append(v) } else { bindings.appendNull() }
        case .int(let v): bindings.append(v)
        case .double(let v): if let v { bindings.append(v) } else { bindings.appendNull() }
        case .bool(let v): bindings.append(v)
        case .date(let v): if let v { bindings.append(v) } else { bindings.appendNull() }
        case .timestamp(let v): bindings.append(v)
        case .textArray(let v): bindings.append(v)
        }
    }

    /// The SQL cast the placeholder needs (dates travel as text).
    var cast: String {
        switch self {
        case .date: "::date"
        default: ""
        }
    }
}

/// What a PATCH may change, field by field. A key that is not listed, or a value of the wrong type or out of range, is
/// a 422 naming the field, and nothing is stored (the seed assigned any key onto the row unchecked).
public struct FieldSpec: Sendable {
    enum Kind: Sendable {
        case text(TextLimit, nullable: Bool)
        case int(ClosedRange<Int>)
        case double(ClosedRange<Double>, nullable: Bool)
        case bool
        case date(nullable: Bool)
        case timestamp
        case textArray(maxItems: Int, TextLimit)
    }

    let fields: [String: Kind]

    /// The limits here are the ones the OpenAPI document states (`maxLength`, `maxItems`); the columns are `text`
    /// unless the migration says `varchar(n)`, in which case the limit is n.
    public static let theater = FieldSpec(fields: [
        "name": .text(.name(200), nullable: false), "location": .text(.name(200), nullable: false),
        "description": .text(.prose(2000), nullable: true), "address": .text(.name(500), nullable: false),
        "city": .text(.name(100), nullable: false),
    ])

    public static let movie = FieldSpec(fields: [
        "title": .text(.name(255), nullable: false), "description": .text(.prose(5000), nullable: true),
        "duration_minutes": .int(1...1440), "genre": .text(.line(100), nullable: true),
        "director": .text(.line(255), nullable: true), "release_date": .date(nullable: true),
        "rating": .double(0...10, nullable: true), "language": .text(.line(50), nullable: true), "is_imax": .bool,
        "poster_url": .text(.line(255), nullable: true), "trailer_url": .text(.line(255), nullable: true),
        "cast": .textArray(maxItems: 100, .name(255)),
    ])

    public static let showing = FieldSpec(fields: [
        "show_start_datetime": .timestamp, "show_end_datetime": .timestamp, "available_seats": .int(0...100_000),
        "is_active": .bool, "expires_at": .timestamp,
    ])

    /// A text field's limits as JSON Schema keywords, for the OpenAPI document (so the document states exactly what
    /// ``changes(_:)`` enforces). `nullable` follows the field's own kind unless given.
    func schema(_ field: String, nullable: Bool? = nil) -> String {
        switch fields[field] {
        case .text(let limit, let canBeNull): return limit.jsonSchema(nullable: nullable ?? canBeNull)
        case .textArray(let maxItems, let limit):
            let type = (nullable ?? false) ? #"["array", "null"]"# : #""array""#
            return #""type": \#(type), "maxItems": \#(maxItems), "items": {\#(limit.jsonSchema())}"#
        default: preconditionFailure("FieldSpec.schema is for text fields; \(field) is not one")
        }
    }

    /// The checked changes, in a stable (sorted) order; an empty body is a 422 too.
    public func changes(_ body: [String: JSONValue]) throws -> [(column: String, value: ColumnValue)] {
        var issues: [ValidationIssue] = []
        var changes: [(String, ColumnValue)] = []
        if body.isEmpty {
            throw APIError.invalid(["body"], "Body must change at least one of: " + fields.keys.sorted().joined(separator: ", "))
        }
        for key in body.keys.sorted() {
            let value = body[key]!
            guard let kind = fields[key] else {
                issues.append(ValidationIssue(type: "extra_forbidden", loc: ["body", key], msg: "Extra inputs are not permitted"))
                continue
            }
            switch Self.check(value, kind) {
            case .success(let v): changes.append((key, v))
            case .failure(let message): issues.append(ValidationIssue(type: message.type, loc: ["body", key], msg: message.msg))
            }
        }
        if !issues.isEmpty { throw APIError(validation: issues) }
        return changes
    }

    struct Problem: Error {
        var type: String
        var msg: String
    }

    private static func check(_ value: JSONValue, _ kind: Kind) -> Result<ColumnValue, Problem> {
        switch (kind, value) {
        case (.text(_, true), .null): return .success(.text(nil))
        case (.text(let limit, _), .string(let s)):
            if let issue = TextRules.issue(s, at: [], limit) { return .failure(Problem(type: issue.type, msg: issue.msg)) }
            return .success(.text(s))
        case (.text, _): return .failure(Problem(type: "string_type", msg: "Input should be a valid string"))
        case (.int(let range), .int(let i)):
            guard range.contains(i) else {
                return .failure(Problem(type: "value_error", msg: "Input should be from \(range.lowerBound) to \(range.upperBound)"))
            }
            return .success(.int(i))
        case (.int, _): return .failure(Problem(type: "int_type", msg: "Input should be a valid integer"))
        case (.double(_, true), .null): return .success(.double(nil))
        case (.double(let range, _), .int(let i)) where range.contains(Double(i)): return .success(.double(Double(i)))
        case (.double(let range, _), .double(let d)) where range.contains(d): return .success(.double(d))
        case (.double(let range, _), .int), (.double(let range, _), .double):
            return .failure(Problem(type: "value_error", msg: "Input should be from \(range.lowerBound) to \(range.upperBound)"))
        case (.double, _): return .failure(Problem(type: "float_type", msg: "Input should be a valid number"))
        case (.bool, .bool(let b)): return .success(.bool(b))
        case (.bool, _): return .failure(Problem(type: "bool_type", msg: "Input should be a valid boolean"))
        case (.date(true), .null): return .success(.date(nil))
        case (.date, .string(let s)) where Timestamps.isValidDate(s): return .success(.date(s))
        case (.date, _): return .failure(Problem(type: "date_parsing", msg: "Input should be a valid date (YYYY-MM-DD)"))
        case (.timestamp, .string(let s)):
            guard let d = Timestamps.parse(s) else {
                return .failure(Problem(type: "datetime_parsing", msg: "Input should be a valid datetime (ISO 8601)"))
            }
            return .success(.timestamp(d))
        case (.timestamp, _): return .failure(Problem(type: "datetime_type", msg: "Input should be a valid datetime (ISO 8601)"))
        case (.textArray(let maxItems, let limit), .array(let items)):
            guard items.count <= maxItems else { return .failure(Problem(type: "too_long", msg: "List should have at most \(maxItems) items")) }
            var strings: [String] = []
            for (index, item) in items.enumerated() {
                guard case .string(let s) = item else { return .failure(Problem(type: "list_type", msg: "Input should be a list of strings")) }
                if let issue = TextRules.issue(s, at: [], limit) { return .failure(Problem(type: issue.type, msg: "Item \(index): " + issue.msg)) }
                strings.append(s)
            }
            return .success(.textArray(strings))
        case (.textArray, _): return .failure(Problem(type: "list_type", msg: "Input should be a list of strings"))
        }
    }
}

extension Request {
    /// A JSON object body for PATCH, as a tree (types kept: `true` stays a boolean, `1` an integer).
    func decodeJSONObject() async throws -> [String: JSONValue] {
        try await decodeJSONBody(PatchBody.self).object
    }
}

/// A PATCH body: a JSON object whose every key and value ``FieldSpec/changes(_:)`` checks next (an unknown key is a
/// 422 there, so nothing goes unchecked).
struct PatchBody: Decodable, ValidatedBody {
    let object: [String: JSONValue]

    init(from decoder: any Decoder) throws {
        guard case .object(let object) = try JSONValue(from: decoder) else {
            throw DecodingError.typeMismatch(
                [String: JSONValue].self, .init(codingPath: [], debugDescription: "Input should be a valid dictionary"))
        }
        self.object = object
    }

    func validate() {}
}
