import Foundation
import Testing

@testable import ServiceCore

/// `Decimal(postgres:)` reads plain numeric text itself; the value and its JSON text must be what Foundation's parser
/// gives for the same text.
@Suite struct DecimalParsingTests {
    static let posix = Locale(identifier: "en_US_POSIX")

    static func check(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let ours = Decimal(postgres: text)
        let foundation = Decimal(string: text, locale: posix)
        #expect(ours == foundation, "\(text)", sourceLocation: sourceLocation)
        #expect(ours?.description == foundation?.description, "\(text)", sourceLocation: sourceLocation)
        if let ours { #expect(try! ResponseEncoder.encode(ours) == (try! ResponseEncoder.encode(foundation!)), sourceLocation: sourceLocation) }
    }

    @Test func plainTextsAsFoundationReadsThem() {
        for text in [
            "0", "0.00", "-0.00", "12.50", "180.00", "0.05", "1000000", "99999999.99", "-3.25", "123.456", "999999999999999999",
            "0.000000000000000001", "100.10", "7", "-7",
        ] { Self.check(text) }
        var random = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let whole = String(UInt64.random(in: 0...UInt64(999_999_999_999), using: &random))
            let fraction = String((0..<Int.random(in: 0...6, using: &random)).map { _ in "0123456789".randomElement(using: &random)! })
            let sign = Bool.random(using: &random) ? "-" : ""
            Self.check(fraction.isEmpty ? sign + whole : sign + whole + "." + fraction)
        }
    }

    @Test func otherTextsGoToFoundation() {
        #expect(Decimal.plain("1e5") == nil)
        #expect(Decimal.plain("NaN") == nil)
        #expect(Decimal.plain("") == nil)
        #expect(Decimal.plain("-") == nil)
        #expect(Decimal.plain(".5") == nil)
        #expect(Decimal.plain("5.") == nil)
        #expect(Decimal.plain("1.2.3") == nil)
        #expect(Decimal.plain("1234567890123456789") == nil)
        #expect(Decimal(postgres: "1e5") == Decimal(string: "1e5", locale: Self.posix))
        #expect(Decimal(postgres: "NaN") == Decimal(string: "NaN", locale: Self.posix))
    }
}

/// Decimals are written (`appendJSONText`) as `description` writes them, on every shape of value the services make.
@Suite struct DecimalTextTests {
    static func check(_ value: Decimal, sourceLocation: SourceLocation = #_sourceLocation) {
        var out: [UInt8] = []
        value.appendJSONText(to: &out)
        #expect(String(decoding: out, as: UTF8.self) == value.description, "\(value.description)", sourceLocation: sourceLocation)
    }

    @Test func writtenAsDescriptionWritesThem() {
        let posix = Locale(identifier: "en_US_POSIX")
        for text in ["0", "0.00", "-0.00", "12.50", "0.05", "1000000", "99999999.99", "-3.25", "1e20", "1e-20", "123456789012345678",
                     "1234567890123456789012", "0.000000000000000000000000001", "-1", "10", "100.100", "NaN"] {
            if let value = Decimal(string: text, locale: posix) { Self.check(value) }
        }
        var random = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let cents = Int.random(in: -10_000_000...10_000_000, using: &random)
            let price = Decimal(cents) / 100
            Self.check(price)
            Self.check(price * Decimal(Int.random(in: 0...50, using: &random)))
            Self.check(price + Decimal(string: "0.10")!)
            Self.check(Decimal(postgres: "\(abs(cents) / 100).\(String(format: "%02d", abs(cents) % 100))")!)
            Self.check(Decimal(cents) / 3)
            Self.check(Decimal(Double.random(in: -1e6...1e6, using: &random)))
        }
    }
}
