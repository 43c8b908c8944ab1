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
        case text(maxLength: Int?, nullable: Bool)
        case int(ClosedRange<Int>)
        case double(ClosedRange<Double>, nullable: Bool)
        case bool
        case date(nullable: Bool)
        case timestamp
        case textArray
    }

    let fields: [String: Kind]

    public static let theater = FieldSpec(fields: [
        "name": .text(maxLength: nil, nullable: false), "location": .text(maxLength: nil, nullable: false),
        "description": .text(maxLength: nil, nullable: true), "address": .text(maxLength: nil, nullable: false),
        "city": .text(maxLength: nil, nullable: false),
    ])

    public static let movie = FieldSpec(fields: [
        "title": .text(maxLength: nil, nullable: false), "description": .text(maxLength: nil, nullable: true),
        "duration_minutes": .int(1...1440), "genre": .text(maxLength: 100, nullable: true),
        "director": .text(maxLength: 255, nullable: true), "release_date": .date(nullable: true),
        "rating": .double(0...10, nullable: true), "language": .text(maxLength: 50, nullable: true), "is_imax": .bool,
        "poster_url": .text(maxLength: 255, nullable: true), "trailer_url": .text(maxLength: 255, nullable: true),
        "cast": .textArray,
    ])

    public static let showing = FieldSpec(fields: [
        "show_start_datetime": .timestamp, "show_end_datetime": .timestamp, "available_seats": .int(0...100_000),
        "is_active": .bool, "expires_at": .timestamp,
    ])

    /// The checked changes, in a stable (sorted) order; an empty body is a 422 too.
    public func changes(_ body: [String: SearchJSON]) throws -> [(column: String, value: ColumnValue)] {
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

    private static func check(_ value: SearchJSON, _ kind: Kind) -> Result<ColumnValue, Problem> {
        switch (kind, value) {
        case (.text(_, true), .null): return .success(.text(nil))
        case (.text(let max, let nullable), .string(let s)):
            if !nullable && s.trimmingCharacters(in: .whitespaces).isEmpty {
                return .failure(Problem(type: "string_too_short", msg: "String should have at least 1 character"))
            }
            if let max, s.count > max {
                return .failure(Problem(type: "string_too_long", msg: "String should have at most \(max) characters"))
            }
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
        case (.textArray, .array(let items)):
            var strings: [String] = []
            for item in items {
                guard case .string(let s) = item else { return .failure(Problem(type: "list_type", msg: "Input should be a list of strings")) }
                strings.append(s)
            }
            return .success(.textArray(strings))
        case (.textArray, _): return .failure(Problem(type: "list_type", msg: "Input should be a list of strings"))
        }
    }
}

extension Request {
    /// A JSON object body for PATCH, as a tree (types kept: `true` stays a boolean, `1` an integer).
    func decodeJSONObject() async throws -> [String: SearchJSON] {
        let tree = try await decodeJSONBody(SearchJSON.self)
        guard case .object(let object) = tree else {
            throw APIError.invalid(["body"], "Input should be a valid dictionary", type: "dict_type")
        }
        return object
    }
}
