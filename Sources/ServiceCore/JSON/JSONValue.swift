/// A JSON value of any shape: PATCH bodies and their field rules, search-engine settings, mappings, queries and
/// documents, and what mscli sends and shows.
///
/// One rule for numbers, whichever decoder reads them (``decode(_:)`` or `Codable`, see ``number(_:)``): a whole
/// number that fits an `Int` is `.int` (so `2`, `2.0`, `1e3` and `-0` are integers, and `9007199254740993` stays
/// exact), any other number is `.double` (`2.5`, `1e300`, an integer too large for an `Int`). That is the rule the
/// services' HTTP bodies have always followed (a `2.0` where an integer is required is accepted as 2). Writing keeps
/// the case: `.double(-5.0)` encodes as `-5.0`. Objects are plain dictionaries; ``encoded()`` writes their keys
/// sorted, so the same value always gives the same bytes.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Compact JSON bytes: no whitespace, object keys sorted, strings escaped, non-finite doubles as `null`.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        JSONWriter.write(self, to: &out)
        return out
    }

    /// Appends the compact JSON bytes of the value to `out` (what ``encoded()`` returns, without a new array).
    public func encode(into out: inout [UInt8]) {
        JSONWriter.write(self, to: &out)
    }

    /// Parses one JSON document (surrounding whitespace allowed). Throws ``JSONSyntaxError``.
    public static func decode(_ bytes: some Collection<UInt8>) throws -> JSONValue {
        if let result = try bytes.withContiguousStorageIfAvailable({ try JSONParser.parse($0) }) {
            return result
        }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { try JSONParser.parse($0) }
    }

    /// A number read as a `Double` under the one rule: `.int` when it is a whole number an `Int` holds exactly,
    /// otherwise `.double`.
    public static func number(_ value: Double) -> JSONValue {
        if let integer = Int(exactly: value) { return .int(integer) }
        return .double(value)
    }

    /// The member named `key` of an object; nil for a missing member or when the value is not an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The element at `index` of an array; nil when out of range or when the value is not an array.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer of `.int`, or of a `.double` that holds an integer exactly.
    public var intValue: Int? {
        switch self {
        case .int(let value): return value
        case .double(let value): return Int(exactly: value)
        default: return nil
        }
    }

    /// The number of `.double` or `.int`.
    public var doubleValue: Double? {
        switch self {
        case .double(let value): return value
        case .int(let value): return Double(value)
        default: return nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text.
    public var description: String { String(decoding: encoded(), as: UTF8.self) }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// A repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var members: [String: JSONValue] = [:]
        members.reserveCapacity(elements.count)
        for (key, value) in elements { members[key] = value }
        self = .object(members)
    }
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue: Codable {
    /// Tries, in order: null, Bool, Int, Double, String, array, object, so `true` stays a Bool and `3` an Int; a
    /// Double goes through ``number(_:)``, so this and ``decode(_:)`` read every number alike.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value):
            if value.isFinite { try container.encode(value) } else { try container.encodeNil() }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
