import Foundation

/// A response type that writes its own JSON, straight into the answer's bytes, with no `Encoder` in between.
///
/// Why: the `Encoder` protocol makes every object a tree of containers (boxes, existentials, a key array sorted at
/// the end), and on a list of ten bookings that tree was 29% of the booking service's CPU (perf on the release binary
/// under wrk). The hot answers (a user's bookings and orders, seat maps, the signed-in user) write themselves instead.
///
/// The bytes must stay exactly what ``ResponseEncoder`` writes for the same value through `Encodable`: keys in
/// ascending UTF-8 order, an absent optional left out (as synthesized `encodeIfPresent` does), dates as
/// ``ISO8601Milliseconds``, ids in lower case. A writer therefore emits its keys in sorted order by hand;
/// JSONWritableTests (and each service's own) compares both paths on random values of every conforming type, and in
/// debug builds ``JSONObjectWriter`` traps on a key that is not above the one before it.
public protocol JSONWritable: Encodable {
    func writeJSON(to out: inout JSONOutput)
}

/// The bytes of one answer being written.
public struct JSONOutput {
    public var bytes: [UInt8]

    public init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Writes one object: `body` adds its members through the ``JSONObjectWriter``, in ascending key order.
    @inlinable
    public mutating func object(_ body: (inout JSONObjectWriter) -> Void) {
        var writer = JSONObjectWriter(output: self)
        bytes = []
        writer.output.bytes.append(UInt8(ascii: "{"))
        body(&writer)
        writer.output.bytes.append(UInt8(ascii: "}"))
        self = writer.output
    }

    public mutating func array<Element: JSONWritable>(_ elements: [Element]) {
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            element.writeJSON(to: &self)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    public mutating func string(_ value: String) { JSONWriter.appendString(value, to: &bytes) }

    public mutating func strings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    public mutating func uuid(_ value: UUID) {
        bytes.append(UInt8(ascii: "\""))
        value.appendLowercased(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func date(_ value: Date) {
        bytes.append(UInt8(ascii: "\""))
        ISO8601Milliseconds.append(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// As Foundation's encoder writes a `Decimal`: a bare number, its `description`.
    public mutating func decimal(_ value: Decimal) { value.appendJSONText(to: &bytes) }

    public mutating func int(_ value: Int) { JSONWriter.appendInt(value, to: &bytes) }

    public mutating func bool(_ value: Bool) { JSONWriter.appendLiteral(value ? "true" : "false", to: &bytes) }

    /// As Foundation's encoder writes a finite `Double` (a whole number without `.0`). Response types hold no
    /// NaN or infinity (they come from PostgreSQL's `double precision` columns the services write only finite values
    /// into); one would be written as `null` here where `Encodable` throws.
    public mutating func double(_ value: Double) { JSONWriter.appendDouble(value, to: &bytes, style: .foundation) }
}

/// The members of one object being written. Each method writes `"key":value`; a `nil` optional writes nothing.
public struct JSONObjectWriter {
    public var output: JSONOutput
    @usableFromInline var count = 0
    #if DEBUG
    private var lastKey: [UInt8]? = nil
    #endif

    @usableFromInline init(output: JSONOutput) { self.output = output }

    /// `,"key":` (no comma before the first member).
    public mutating func key(_ key: StaticString) {
        #if DEBUG
        let text = key.withUTF8Buffer { Array($0) }
        if let lastKey {
            precondition(lastKey.lexicographicallyPrecedes(text), "JSONWritable: key \(key) written after \(String(decoding: lastKey, as: UTF8.self))")
        }
        lastKey = text
        #endif
        if count > 0 { output.bytes.append(UInt8(ascii: ",")) }
        count += 1
        output.bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { output.bytes.append(contentsOf: $0) }
        output.bytes.append(UInt8(ascii: "\""))
        output.bytes.append(UInt8(ascii: ":"))
    }

    public mutating func string(_ key: StaticString, _ value: String) {
        self.key(key)
        output.string(value)
    }

    public mutating func string(_ key: StaticString, _ value: String?) {
        if let value { string(key, value) }
    }

    public mutating func strings(_ key: StaticString, _ value: [String]) {
        self.key(key)
        output.strings(value)
    }

    public mutating func uuid(_ key: StaticString, _ value: UUID) {
        self.key(key)
        output.uuid(value)
    }

    public mutating func date(_ key: StaticString, _ value: Date) {
        self.key(key)
        output.date(value)
    }

    public mutating func date(_ key: StaticString, _ value: Date?) {
        if let value { date(key, value) }
    }

    public mutating func decimal(_ key: StaticString, _ value: Decimal) {
        self.key(key)
        output.decimal(value)
    }

    public mutating func decimal(_ key: StaticString, _ value: Decimal?) {
        if let value { decimal(key, value) }
    }

    public mutating func int(_ key: StaticString, _ value: Int) {
        self.key(key)
        output.int(value)
    }

    public mutating func bool(_ key: StaticString, _ value: Bool) {
        self.key(key)
        output.bool(value)
    }

    public mutating func double(_ key: StaticString, _ value: Double?) {
        guard let value else { return }
        self.key(key)
        output.double(value)
    }

    public mutating func value(_ key: StaticString, _ value: some JSONWritable) {
        self.key(key)
        value.writeJSON(to: &output)
    }

    public mutating func array<Element: JSONWritable>(_ key: StaticString, _ elements: [Element]) {
        self.key(key)
        output.array(elements)
    }

    /// A `String`-backed enum, written as its raw value.
    public mutating func raw<Value: RawRepresentable>(_ key: StaticString, _ value: Value) where Value.RawValue == String {
        string(key, value.rawValue)
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    public func writeJSON(to out: inout JSONOutput) { out.array(self) }
}

extension JSONWritable {
    /// This value's JSON text.
    public func jsonBytes() -> [UInt8] {
        var out = JSONOutput()
        writeJSON(to: &out)
        return out.bytes
    }
}
