import Foundation

/// Just enough JSON Schema to catch drift: `$ref`, `type` (a name or a list of names), `required`, `properties`,
/// `additionalProperties`, `items`, `enum`, `const`.
public struct OpenAPISchemaValidator {
    public let document: [String: Any]

    public init(document: [String: Any]) { self.document = document }

    public func validate(_ value: Any?, path: String, method: String, status: String) -> [String] {
        guard let operation = ((document["paths"] as? [String: Any])?[path] as? [String: Any])?[method] as? [String: Any],
            let response = (operation["responses"] as? [String: Any])?[status] as? [String: Any]
        else { return ["no documented \(status) response"] }
        guard let content = resolved(response)["content"] as? [String: Any] else { return value == nil ? [] : ["body not documented"] }
        guard let schema = (content["application/json"] as? [String: Any])?["schema"] as? [String: Any] else { return [] }
        return check(value, schema, at: "$")
    }

    public func documentsHeader(_ name: String, path: String, method: String, status: String) -> Bool {
        let operation = ((document["paths"] as? [String: Any])?[path] as? [String: Any])?[method] as? [String: Any]
        let response = ((operation?["responses"] as? [String: Any])?[status] as? [String: Any]).map(resolved)
        return (response?["headers"] as? [String: Any])?[name] != nil
    }

    func resolve(_ ref: String) -> [String: Any] {
        var node: Any = document
        for part in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] ?? [:] }
        return node as? [String: Any] ?? [:]
    }

    /// A node with its `$ref` followed (parameters, responses).
    public func resolved(_ node: [String: Any]) -> [String: Any] {
        (node["$ref"] as? String).map(resolve) ?? node
    }

    /// Every `$ref` in the document that does not lead to an object (a typo would make a check pass vacuously).
    public func unresolvedReferences() -> [String] {
        var missing: [String] = []
        func walk(_ node: Any) {
            if let object = node as? [String: Any] {
                if let ref = object["$ref"] as? String, !ref.hasPrefix("#/") || resolve(ref).isEmpty { missing.append(ref) }
                object.values.forEach(walk)
            } else if let array = node as? [Any] {
                array.forEach(walk)
            }
        }
        walk(document)
        return missing
    }

    func check(_ value: Any?, _ schema: [String: Any], at location: String) -> [String] {
        if let ref = schema["$ref"] as? String { return check(value, resolve(ref), at: location) }
        var problems: [String] = []
        if let allowed = schema["enum"] as? [String], let string = value as? String, !allowed.contains(string) {
            problems.append("\(location): \(string) not in \(allowed)")
        }
        if let constant = schema["const"] as? String, value as? String != constant { problems.append("\(location): expected \(constant)") }
        let types = (schema["type"] as? String).map { [$0] } ?? schema["type"] as? [String] ?? []
        guard types.isEmpty || types.contains(where: { Self.value(value, is: $0) }) else {
            return problems + ["\(location): expected \(types.joined(separator: " or "))"]
        }
        if let object = value as? [String: Any], types.contains("object") {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { problems.append("\(location).\(key): missing") }
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            for (key, child) in object {
                if let property = properties[key] {
                    problems += check(child, property, at: "\(location).\(key)")
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    problems += check(child, additional, at: "\(location).\(key)")
                } else {
                    problems.append("\(location).\(key): not documented")
                }
            }
        }
        if let array = value as? [Any], types.contains("array"), let items = schema["items"] as? [String: Any] {
            for (i, item) in array.enumerated() { problems += check(item, items, at: "\(location)[\(i)]") }
        }
        return problems
    }

    static func value(_ value: Any?, is type: String) -> Bool {
        switch type {
        case "object": value is [String: Any]
        case "array": value is [Any]
        case "string": value is String
        case "integer": value is Int
        case "number": value is NSNumber
        case "boolean": value is Bool
        case "null": value is NSNull
        default: true
        }
    }
}
