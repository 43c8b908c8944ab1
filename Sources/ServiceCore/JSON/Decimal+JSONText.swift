import Foundation

extension Decimal {
    /// `description`'s text (what Foundation's `JSONEncoder` writes for a `Decimal`), appended to `out`.
    ///
    /// A value whose significand fits a UInt64 (every price and total) is written from its significand and exponent;
    /// `description` cost about a microsecond a value, 4–5% of a list of orders (perf on the release food-service).
    /// Anything else takes `description`. DecimalParsingTests compares both on parsed, summed and multiplied values.
    func appendJSONText(to out: inout [UInt8]) {
        guard let digits = Self.smallSignificand(self) else {
            out.append(contentsOf: description.utf8)
            return
        }
        if digits == 0 {
            out.append(UInt8(ascii: "0"))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var position = buffer.count
            var rest = digits
            while rest > 0 {
                position -= 1
                buffer[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            let text = UnsafeBufferPointer(rebasing: buffer[position...])
            if sign == .minus { out.append(UInt8(ascii: "-")) }
            let exponent = self.exponent
            if exponent >= 0 {
                out.append(contentsOf: text)
                for _ in 0..<exponent { out.append(UInt8(ascii: "0")) }
                return
            }
            // Digits after the point, without the trailing zeros `description` leaves out.
            var fraction = -exponent
            var end = text.count
            while fraction > 0, text[end - 1] == UInt8(ascii: "0") {
                end -= 1
                fraction -= 1
            }
            let whole = end - fraction
            if whole > 0 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: text[0..<whole]))
            } else {
                out.append(UInt8(ascii: "0"))
            }
            guard fraction > 0 else { return }
            out.append(UInt8(ascii: "."))
            if whole < 0 { for _ in 0..<(-whole) { out.append(UInt8(ascii: "0")) } }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[max(0, whole)..<end]))
        }
    }

    /// The significand as an integer, when it fits a UInt64 and the exponent is modest; else nil.
    private static func smallSignificand(_ value: Decimal) -> UInt64? {
        guard value.isFinite, !value.isNaN, (-30...30).contains(value.exponent) else { return nil }
        let significand = value.significand
        // Exact only if it reads back: a significand past UInt64 does not (`<` on Decimal cost three times this).
        let digits = NSDecimalNumber(decimal: significand).uint64Value
        guard Decimal(digits) == significand else { return nil }
        return digits
    }
}
