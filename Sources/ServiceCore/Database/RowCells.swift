import Foundation
import Logging
import PostgresNIO

/// Reads the columns of a row in order.
public struct Cells {
    public let row: PostgresRandomAccessRow
    public var index: Int

    public init(_ row: PostgresRandomAccessRow, from index: Int = 0) {
        self.row = row
        self.index = index
    }

    public mutating func next<T: PostgresDecodable>(_: T.Type = T.self) throws -> T {
        defer { index += 1 }
        return try row[index].decode(T.self)
    }

    public mutating func decimal() throws -> Decimal {
        let text: String = try next()
        guard let value = Decimal(postgres: text) else {
            throw UnreadableDecimal(text: text)
        }
        return value
    }
}

extension Decimal {
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// A `numeric` as PostgreSQL writes it (`180.00`), exactly; one locale for every call.
    ///
    /// Plain text of up to 18 digits (every price) is read here, as an integer significand and a power of ten:
    /// Foundation's parser with its locale was 6% of a bookings list (perf on the release binary). Anything else
    /// (exponents, NaN, more digits) goes to Foundation. DecimalParsingTests compares both on random texts.
    public init?(postgres text: String) {
        if let fast = Self.plain(text) {
            self = fast
        } else {
            self.init(string: text, locale: Self.posix)
        }
    }

    /// `-?[0-9]+(\.[0-9]+)?` with at most 18 digits, else nil.
    static func plain(_ text: String) -> Decimal? {
        var text = text
        return text.withUTF8 { bytes -> Decimal? in
            var index = 0
            let negative = bytes.first == UInt8(ascii: "-")
            if negative { index = 1 }
            var significand: UInt64 = 0
            var digits = 0
            var fractionDigits = 0
            var seenPoint = false
            var digitsAfterPoint = false
            guard index < bytes.count else { return nil }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: ".") {
                    guard !seenPoint, digits > 0 else { return nil }
                    seenPoint = true
                } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    digits += 1
                    guard digits <= 18 else { return nil }
                    significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
                    if seenPoint {
                        fractionDigits += 1
                        digitsAfterPoint = true
                    }
                } else {
                    return nil
                }
                index += 1
            }
            guard digits > 0, !seenPoint || digitsAfterPoint else { return nil }
            return Decimal(sign: negative && significand != 0 ? .minus : .plus, exponent: -fractionDigits, significand: Decimal(significand))
        }
    }
}

public struct UnreadableDecimal: Error, CustomStringConvertible {
    public var text: String
    public var description: String { "unreadable numeric value \(text.debugDescription)" }
}

extension PostgresConnection {
    /// Every row of a query, for answers small enough to hold (lists are paged).
    public func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        var result: [PostgresRandomAccessRow] = []
        for try await row in try await self.query(query, logger: logger) { result.append(row.makeRandomAccess()) }
        return result
    }
}
