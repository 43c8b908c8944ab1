import Foundation
import ServiceCore

/// Checks a ``JSONWritable`` type against its `Encodable` form: the bytes it writes itself must be the bytes
/// ``ResponseEncoder`` and Foundation's encoder (``JSONCoding/encoder``) write for the same value.
public enum JSONWritableCheck {
    /// nil when all three agree, else the three texts.
    public static func mismatch<Value: JSONWritable>(_ value: Value) throws -> String? {
        let written = String(decoding: value.jsonBytes(), as: UTF8.self)
        let encoded = String(decoding: try ResponseEncoder.encode(value), as: UTF8.self)
        let foundation = String(decoding: try JSONCoding.encoder.encode(value), as: UTF8.self)
        let through = String(decoding: try JSONCoding.encode(value), as: UTF8.self)
        if written == encoded && encoded == foundation && through == written { return nil }
        return "written:    \(written)\nencoded:    \(encoded)\nfoundation: \(foundation)\nJSONCoding: \(through)"
    }
}

/// Random field values of the shapes response types hold, the awkward ones included: control characters, quotes,
/// slashes and non-ASCII in strings; dates to the millisecond back to 1900; decimals as PostgreSQL's `numeric` text
/// gives them (`12.50`, `0.00`); optionals often nil.
public struct RandomFields {
    public var generator = SystemRandomNumberGenerator()

    public init() {}

    public mutating func string() -> String {
        let pieces = ["", "a", "Zed", "\"", "\\", "/", "\n", "\u{00}", "\u{01}", "\u{1F}", "\u{7F}", "é", "🎬", "\u{2028}", " ", "Row 12", "<b>"]
        return (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    public mutating func optionalString() -> String? { Bool.random(using: &generator) ? string() : nil }

    public mutating func date() -> Date {
        Date(timeIntervalSince1970: Double.random(in: -2_208_988_800...4_102_444_800, using: &generator))
    }

    public mutating func optionalDate() -> Date? { Bool.random(using: &generator) ? date() : nil }

    public mutating func decimal() -> Decimal {
        let whole = Int.random(in: 0...1_000_000, using: &generator)
        let cents = Int.random(in: 0...99, using: &generator)
        let texts = ["\(whole)", "\(whole).\(cents < 10 ? "0" : "")\(cents)", "0.00", "12.50", "\(whole).0", "0.05"]
        return Decimal(string: texts.randomElement(using: &generator)!)!
    }

    public mutating func optionalDecimal() -> Decimal? { Bool.random(using: &generator) ? decimal() : nil }

    public mutating func int() -> Int { Int.random(in: -1_000_000...1_000_000, using: &generator) }

    public mutating func optionalDouble() -> Double? {
        Bool.random(using: &generator) ? [0, 10, 7.5, 8.25, 0.1, 9.99, Double.random(in: 0...10, using: &generator)].randomElement(using: &generator)! : nil
    }

    public mutating func bool() -> Bool { Bool.random(using: &generator) }

    public mutating func pick<T>(_ values: [T]) -> T { values.randomElement(using: &generator)! }
}
