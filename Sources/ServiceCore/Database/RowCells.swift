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
    public init?(postgres text: String) {
        self.init(string: text, locale: Self.posix)
    }
}

public struct UnreadableDecimal: Error, CustomStringConvertible {
    public var text: String
    public var description: String { "unreadable numeric value \(text.debugDescription)" }
}

extension PostgresClient {
    /// Every row of a query, for answers small enough to hold (lists are paged).
    public func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        var result: [PostgresRandomAccessRow] = []
        for try await row in try await self.query(query, logger: logger) { result.append(row.makeRandomAccess()) }
        return result
    }
}

extension PostgresConnection {
    public func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        var result: [PostgresRandomAccessRow] = []
        for try await row in try await self.query(query, logger: logger) { result.append(row.makeRandomAccess()) }
        return result
    }
}
