import ArgumentParser
import Foundation
import ServiceCore
import Yams

/// `table` for people; `json` and `yaml` the services' documents; `name` only the ids (one a line, for `xargs`);
/// `tsv` the table's columns for scripts (see ``Table/tsv()``).
public enum OutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case table, json, yaml, name, tsv

    /// `table, json, yaml, name or tsv`, for help and messages.
    public static let names = allCases.dropLast().map(\.rawValue).joined(separator: ", ") + " or " + allCases.last!.rawValue
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

    /// The same columns for scripts: a header line, then one line per row, cells separated by one tab and nothing
    /// padded. A backslash, tab, newline or carriage return inside a cell is written `\\`, `\t`, `\n`, `\r`, so every
    /// line is one row and every tab a column boundary.
    public func tsv() -> String {
        ([headers] + rows).map { $0.map(Self.tsvEscaped).joined(separator: "\t") }.joined(separator: "\n")
    }

    static func tsvEscaped(_ cell: String) -> String {
        var escaped = ""
        for character in cell.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
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

    /// One line of JSON (a stream of them is NDJSON): sorted keys, RFC 3339 dates.
    static func compactJSON(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// YAML of the same document as the JSON output.
    static func yaml(_ value: some Encodable) throws -> String {
        let tree = try JSONDecoder().decode(JSONValue.self, from: Data(try json(value).utf8))
        return try Yams.dump(object: tree.object, sortKeys: true).trimmingCharacters(in: .newlines)
    }

    static func date(_ date: Date?) -> String {
        guard let date else { return "-" }
        return date.formatted(Date.ISO8601FormatStyle())
    }
}

extension JSONValue {
    /// The document as plain values for Yams, keeping booleans booleans (JSONSerialization turns them into numbers,
    /// which YAML would print as 0 and 1) and fractions decimal (a Double prints as 4.525e+1 in YAML, a Decimal as
    /// 45.25: the Decimal is read from the Double's shortest text, as the JSON output writes it).
    var object: Any? {
        switch self {
        case .null: nil
        case .bool(let b): b
        case .int(let i): i
        case .double(let d): Decimal(string: String(d)) ?? d
        case .string(let s): s
        case .array(let a): a.map { $0.object as Any }
        case .object(let o): o.mapValues { $0.object as Any }
        }
    }
}
