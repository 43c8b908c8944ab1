import Foundation
import Yams

/// A service's OpenAPI document: its YAML file (embedded in the binary with SwiftPM's `embedInCode`, so the document
/// travels inside the executable and needs no resource bundle beside it), converted once at startup into the JSON
/// that `GET /openapi.json` serves.
///
/// The conversion keeps the file's key order (the `/docs` page lists operations in document order), expands YAML
/// aliases and merge keys (`<<: *rateLimitHeaders`) and types plain scalars as YAML's core schema does, except
/// timestamps, which stay strings (JSON has none).
public enum OpenAPIDocument {
    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// The document as compact JSON. `enums` sets `components.schemas.NAME.enum` to the given values: lists that
    /// come from the running system, such as the time zones a service accepts (the file cannot know them).
    public static func json(yaml bytes: [UInt8], enums: [String: [String]] = [:]) throws -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        let resolver = Resolver.default.removing(.timestamp)
        guard var root = try Yams.compose(yaml: text, resolver) else { throw Invalid(description: "empty OpenAPI document") }
        for (name, values) in enums.sorted(by: { $0.key < $1.key }) {
            let list = Node.sequence(.init(values.map { Node.scalar(.init($0, Tag(.str), .doubleQuoted)) }))
            root = try setting(["components", "schemas", name, "enum"], in: root, to: list)
        }
        var out = ""
        try write(root, to: &out)
        return out
    }

    /// `node` with the value at `path` (mapping keys) set; every mapping on the way but the last must exist.
    static func setting(_ path: ArraySlice<String>, in node: Node, to value: Node) throws -> Node {
        guard let key = path.first else { return value }
        guard let mapping = node.mapping else { throw Invalid(description: "\(key): not inside a mapping") }
        var pairs = Array(mapping)
        if let index = pairs.firstIndex(where: { $0.key.string == key }) {
            pairs[index].value = try setting(path.dropFirst(), in: pairs[index].value, to: value)
        } else if path.count == 1 {
            pairs.append((Node.scalar(.init(key, Tag(.str), .plain)), value))
        } else {
            throw Invalid(description: "no \(key) in the document (to set \(path.joined(separator: ".")))")
        }
        return .mapping(.init(pairs.map { ($0.key, $0.value) }, mapping.tag, mapping.style))
    }

    /// The node's resolved tag (`Tag.name` is internal to Yams; its raw value is not).
    static func tagName(_ node: Node) -> Tag.Name { Tag.Name(rawValue: node.tag.rawValue) }

    static func write(_ node: Node, to out: inout String) throws {
        switch node {
        case .scalar(let scalar):
            switch Self.tagName(node) {
            case .null: out += "null"
            case .bool: out += node.bool! ? "true" : "false"
            case .int: out += String(node.int!)
            case .float:
                guard let value = node.float, value.isFinite else { throw Invalid(description: "\(scalar.string) is not a JSON number") }
                out += String(value)
            default: quote(scalar.string, to: &out)
            }
        case .sequence(let sequence):
            out += "["
            for (index, element) in sequence.enumerated() {
                if index > 0 { out += "," }
                try write(element, to: &out)
            }
            out += "]"
        case .mapping:
            out += "{"
            for (index, (key, value)) in try pairs(node).enumerated() {
                if index > 0 { out += "," }
                quote(key, to: &out)
                out += ":"
                try write(value, to: &out)
            }
            out += "}"
        case .alias:
            // The parser replaces an alias with the node it names; this is never reached.
            throw Invalid(description: "unresolved YAML alias")
        }
    }

    /// A mapping's entries in order, with `<<` merge keys expanded in place; keys written in the mapping itself
    /// win over merged ones (as YAML specifies).
    static func pairs(_ node: Node) throws -> [(String, Node)] {
        guard let mapping = node.mapping else { return [] }
        let own = Set(mapping.keys.filter { Self.tagName($0) != .merge }.compactMap(\.string))
        var result: [(String, Node)] = []
        var seen = Set<String>()
        for (key, value) in mapping {
            if Self.tagName(key) == .merge {
                let sources = value.sequence.map(Array.init) ?? [value]
                for source in sources {
                    guard source.mapping != nil else { throw Invalid(description: "a merge key needs a mapping") }
                    for (mergedKey, mergedValue) in try pairs(source) where !own.contains(mergedKey) && seen.insert(mergedKey).inserted {
                        result.append((mergedKey, mergedValue))
                    }
                }
            } else {
                guard let name = key.string else { throw Invalid(description: "a mapping key must be a string") }
                guard seen.insert(name).inserted else { throw Invalid(description: "duplicate key \(name)") }
                result.append((name, value))
            }
        }
        return result
    }

    static func quote(_ string: String, to out: inout String) {
        out += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
