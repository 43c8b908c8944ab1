import ArgumentParser
import Foundation
import ServiceCore
import Yams

public enum OutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case table, json, yaml
}

/// Rows for the table format: a header and cells, already as text.
public struct Table: Sendable {
    public var headers: [String]
    public var rows: [[String]]

    public init(headers: [String], rows: [[String]]) {
        self.headers = headers
        self.rows = rows
    }

    /// Two-column key/value table for a single object.
    public init(fields: [(String, String)]) {
        headers = ["FIELD", "VALUE"]
        rows = fields.map { [$0.0, $0.1] }
    }

    /// Aligned columns separated by two spaces, as kubectl prints them; the last column is not padded.
    public func render() -> String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }
}

enum Rendering {
    /// JSON for scripts: pretty, sorted keys, RFC 3339 dates. The field names are the services' own and stable.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// YAML of the same document as the JSON output.
    static func yaml(_ value: some Encodable) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(try json(value).utf8), options: [.fragmentsAllowed])
        return try Yams.dump(object: object, sortKeys: true).trimmingCharacters(in: .newlines)
    }

    static func date(_ date: Date?) -> String {
        guard let date else { return "-" }
        return date.formatted(Date.ISO8601FormatStyle())
    }
}
