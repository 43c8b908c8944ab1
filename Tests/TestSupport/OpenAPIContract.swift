import Foundation
import OpenAPIKit

/// A service's served OpenAPI document, read with OpenAPIKit, for the drift tests: the document must be valid OpenAPI,
/// list the routes the router has, and describe the answers the service really gives.
public struct OpenAPIContract {
    public static let methods: [OpenAPI.HttpMethod] = [.get, .put, .post, .delete, .options, .head, .patch, .trace]

    public let document: OpenAPI.Document
    /// Every `$ref` followed (dereferencing fails on a reference that leads nowhere).
    public let dereferenced: DereferencedDocument
    /// The document as plain JSON, for the checks of single keywords (field limits) against the code's rules.
    public let json: [String: Any]

    /// Parses and validates `text` (the JSON `/openapi.json` serves): OpenAPIKit's default validations, strict
    /// (warnings fail too), which include that every reference resolves and path parameters match their paths.
    public init(json text: String) throws {
        let data = Data(text.utf8)
        document = try JSONDecoder().decode(OpenAPI.Document.self, from: data)
        _ = try document.validate(strict: true)
        dereferenced = try document.locallyDereferenced()
        json = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// "METHOD /path" for every operation, paths without a trailing slash (the router accepts both spellings).
    public var operations: Set<String> {
        Set(dereferenced.paths.flatMap { path, item in
            Self.methods.filter { item[$0] != nil }.map { "\($0.rawValue.uppercased()) \(Self.normalise(path.rawValue))" }
        })
    }

    public static func normalise(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    func response(path: String, method: String, status: String) -> DereferencedResponse? {
        guard let item = dereferenced.paths[OpenAPI.Path(rawValue: path)],
            let operation = item[OpenAPI.HttpMethod(rawValue: method.uppercased())!],
            let code = OpenAPI.Response.StatusCode(rawValue: status)
        else { return nil }
        return operation.responses[status: code]
    }

    /// What is wrong with `value` (a body parsed by JSONSerialization, nil for none) as the answer `status` of
    /// `method path`; empty when it matches its documented schema.
    public func problems(_ value: Any?, path: String, method: String, status: String) -> [String] {
        guard let response = response(path: path, method: method, status: status) else { return ["no documented \(status) response"] }
        guard !response.content.isEmpty else { return value == nil ? [] : ["body not documented"] }
        guard let schema = response.content[.json]?.schema else { return [] }
        return Self.check(value, schema, at: "$")
    }

    public func documentsHeader(_ name: String, path: String, method: String, status: String) -> Bool {
        response(path: path, method: method, status: status)?.headers?[name] != nil
    }

    /// JSON Schema as the documents use it: `type` (with `null` when nullable), `enum`/`const` of strings, `required`,
    /// `properties`, and `additionalProperties`; a property neither listed nor allowed by `additionalProperties` is
    /// reported as not documented (stricter than JSON Schema, so an answer cannot grow a field the document lacks).
    static func check(_ value: Any?, _ schema: DereferencedJSONSchema, at location: String) -> [String] {
        if value is NSNull, schema.nullable { return [] }
        var problems: [String] = []
        if let allowed = schema.allowedValues?.compactMap({ $0.value as? String }), allowed.count == schema.allowedValues?.count {
            if let string = value as? String, !allowed.contains(string) {
                problems.append("\(location): \(string) not in \(allowed)")
            } else if !(value is String) {
                problems.append("\(location): expected one of \(allowed)")
            }
        }
        switch schema {
        case .object(_, let context):
            guard let object = value as? [String: Any] else { return problems + ["\(location): expected object"] }
            for key in context.requiredProperties where object[key] == nil { problems.append("\(location).\(key): missing") }
            for (key, child) in object.sorted(by: { $0.key < $1.key }) {
                if let property = context.properties[key] {
                    problems += check(child, property, at: "\(location).\(key)")
                } else if case .b(let additional) = context.additionalProperties {
                    problems += check(child, additional, at: "\(location).\(key)")
                } else if case .a(true) = context.additionalProperties {
                    continue
                } else {
                    problems.append("\(location).\(key): not documented")
                }
            }
        case .array(_, let context):
            guard let array = value as? [Any] else { return problems + ["\(location): expected array"] }
            if let items = context.items {
                for (i, item) in array.enumerated() { problems += check(item, items, at: "\(location)[\(i)]") }
            }
        case .string: if !(value is String) { problems.append("\(location): expected string") }
        case .integer: if !(value is Int) { problems.append("\(location): expected integer") }
        case .number: if !(value is NSNumber) { problems.append("\(location): expected number") }
        case .boolean: if !(value is Bool) { problems.append("\(location): expected boolean") }
        case .null: if !(value is NSNull) { problems.append("\(location): expected null") }
        case .any(of: let choices, _), .one(of: let choices, _):
            // Several types (`type: [number, string]`) arrive as a choice: one of them must fit.
            if !choices.contains(where: { check(value, $0, at: location).isEmpty }) {
                problems.append("\(location): matches none of \(choices.count) choices")
            }
        case .all(of: let parts, _): for part in parts { problems += check(value, part, at: location) }
        case .not, .fragment: break
        }
        return problems
    }

    /// Where the schema at `pointer` does not say what the code says: `keywords` are JSON Schema keywords as the code
    /// writes them for the document (no braces), and each must appear at `pointer` with the same value (an object
    /// value is compared the same way, so `items` may hold more than the code states). A pointer segment `name=x`
    /// picks the element of an array whose `name` is x (a parameter).
    public func limitProblems(at pointer: String, _ keywords: String) -> [String] {
        guard let expected = try? JSONSerialization.jsonObject(with: Data("{\(keywords)}".utf8)) as? [String: Any] else {
            return ["\(pointer): the code's keywords are not JSON: \(keywords)"]
        }
        var node: Any? = json
        for segment in pointer.split(separator: "/").map({ $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") }) {
            if segment.hasPrefix("name="), let array = node as? [[String: Any]] {
                node = array.first { $0["name"] as? String == String(segment.dropFirst(5)) }
            } else {
                node = (node as? [String: Any])?[segment]
            }
        }
        guard let actual = node as? [String: Any] else { return ["\(pointer): no schema there"] }
        return Self.stated(expected, in: actual, at: pointer)
    }

    static func stated(_ expected: [String: Any], in actual: [String: Any], at location: String) -> [String] {
        expected.keys.sorted().flatMap { key -> [String] in
            if let want = expected[key] as? [String: Any], let have = actual[key] as? [String: Any] {
                return stated(want, in: have, at: "\(location)/\(key)")
            }
            let want = text(expected[key]), have = text(actual[key])
            return want == have ? [] : ["\(location)/\(key): the code says \(want), the document \(have)"]
        }
    }

    static func text(_ value: Any?) -> String {
        guard let value, let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]) else {
            return "nothing"
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Components that several documents define under one name but differently. Shared parts (error bodies, the
    /// session cookie, paging) must read the same in every service; `allowedToDiffer` names the deliberate exceptions.
    public static func sharedComponentDifferences(_ documents: [String: OpenAPI.Document], allowedToDiffer: Set<String>) -> [String] {
        var differences: [String] = []
        // Compared in a canonical JSON form: OpenAPIKit's decoding does not keep the order of `properties` on Linux
        // (so neither its equality nor `required` as it encodes it are stable), which means nothing in JSON Schema.
        func compare<T: Encodable>(_ section: String, _ map: (OpenAPI.Components) -> OrderedDictionary<OpenAPI.ComponentKey, T>) {
            let names = Set(documents.values.flatMap { map($0.components).keys.map(\.rawValue) })
            for name in names.sorted() where !allowedToDiffer.contains("\(section)/\(name)") {
                let versions = documents.compactMapValues { map($0.components)[OpenAPI.ComponentKey(rawValue: name)!].map(canonical) }
                if Set(versions.values).count > 1 { differences.append("\(section)/\(name) differs between \(versions.keys.sorted())") }
            }
        }
        compare("schemas", \.schemas)
        compare("responses", \.responses)
        compare("parameters", \.parameters)
        compare("headers", \.headers)
        compare("securitySchemes", \.securitySchemes)
        return differences
    }

    /// `value` as JSON with sorted keys and sorted `required` lists.
    static func canonical<T: Encodable>(_ value: T) -> String {
        func sorted(_ node: Any, key: String?) -> Any {
            if let object = node as? [String: Any] {
                return object.reduce(into: [String: Any]()) { $0[$1.key] = sorted($1.value, key: $1.key) }
            }
            if let array = node as? [Any] {
                let items = array.map { sorted($0, key: nil) }
                return key == "required" ? items.map(text).sorted() : items
            }
            return node
        }
        guard let data = try? JSONEncoder().encode(value), let tree = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return "?" }
        return text(sorted(tree, key: nil))
    }
}
