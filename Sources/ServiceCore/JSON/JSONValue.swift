/// A JSON value: what the search server takes as settings, mappings, queries and documents, and what it answers.
///
/// Numbers keep their written form: a literal without a fraction or an exponent decodes as `.int`, any other as
/// `.double`, so `.double(-5.0)` encodes as `-5.0` and decodes back as `.double(-5.0)`. Objects are plain dictionaries;
/// ``encoded()`` writes their keys sorted, so the same value always gives the same bytes.
public enum SearchJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([SearchJSON])
    case object([String: SearchJSON])

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

    /// Parses one JSON document (surrounding whitespace allowed). Throws ``SearchError/malformedResponse(_:)``.
    public static func decode(_ bytes: some Collection<UInt8>) throws -> SearchJSON {
        if let result = try bytes.withContiguousStorageIfAvailable({ try JSONParser.parse($0) }) {
            return result
        }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { try JSONParser.parse($0) }
    }

    /// The member named `key` of an object; nil for a missing member or when the value is not an object.
    public subscript(key: String) -> SearchJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The element at `index` of an array; nil when out of range or when the value is not an array.
    public subscript(index: Int) -> SearchJSON? {
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

    public var arrayValue: [SearchJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: [String: SearchJSON]? {
        if case .object(let value) = self { return value }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension SearchJSON: CustomStringConvertible {
    /// The compact JSON text.
    public var description: String { String(decoding: encoded(), as: UTF8.self) }
}

extension SearchJSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: SearchJSON...) { self = .array(elements) }
    /// A repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, SearchJSON)...) {
        var members: [String: SearchJSON] = [:]
        members.reserveCapacity(elements.count)
        for (key, value) in elements { members[key] = value }
        self = .object(members)
    }
    public init(nilLiteral: ()) { self = .null }
}

extension SearchJSON: Codable {
    /// Tries, in order: null, Bool, Int, Double, String, array, object, so `true` stays a Bool and `3` an Int.
    /// A Decoder does not tell how a number was written, so `2.0` decodes as `.int(2)` here; ``decode(_:)`` keeps it
    /// `.double(2.0)`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([SearchJSON].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: SearchJSON].self) {
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
