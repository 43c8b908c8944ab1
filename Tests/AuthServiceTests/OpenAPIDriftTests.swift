import AuthService
import Foundation
import Hummingbird
import PostgresNIO
import ServiceCore
import Testing
import TestSupport

/// `/openapi.json` must describe what the code does: the same routes, and responses of the documented shape.
@Suite struct OpenAPIDriftTests {
    static func document(_ api: AuthAPI) async throws -> [String: Any] {
        let reply = try await api.call(.get, "/openapi.json")
        #expect(reply.status == 200)
        return reply.json
    }

    static func normalise(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() async throws {
        let config = AuthConfiguration(database: try TestDatabase.admin(), tokenSecret: AuthHarness.secret)
        let routes = RouteTable()
        try await PostgresClient.withClient(try TestDatabase.admin(), logger: TestDatabase.logger) { client in
            _ = try await AuthService.buildRouter(config, client: client, routes: routes, logger: TestDatabase.logger)
        }
        let registered = Set(routes.all.map { "\($0.method) \(Self.normalise($0.path))" })
        try await AuthHarness.run { api in
            let paths = try #require(try await Self.document(api)["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, ops in ops.keys.map { "\($0.uppercased()) \(Self.normalise(path))" } })
            #expect(registered.subtracting(documented).isEmpty, "registered but not documented: \(registered.subtracting(documented).sorted())")
            #expect(documented.subtracting(registered).isEmpty, "documented but not registered: \(documented.subtracting(registered).sorted())")
        }
    }

    @Test func responsesMatchTheirDocumentedSchemas() async throws {
        try await AuthHarness.run { api in
            let doc = try await Self.document(api)
            let validator = SchemaValidator(document: doc)
            let (_, root) = try await api.user(.superAdmin)
            let signup = try await api.signup("shape@example.com")
            let login = try await api.login("shape@example.com")
            let id = try #require(signup.json["id"] as? String)
            let cases: [(String, String, String, Reply)] = [
                ("/", "get", "200", try await api.call(.get, "/")),
                ("/auth/", "post", "201", signup),
                ("/auth/", "post", "409", try await api.signup("shape@example.com")),
                ("/auth/", "post", "422", try await api.signup("bad")),
                ("/auth/login", "post", "200", login),
                ("/auth/login", "post", "400", try await api.login("shape@example.com", password: "nope-nope")),
                ("/auth/user_details", "get", "200", try await api.call(.get, "/auth/user_details", token: login.token)),
                ("/auth/user_details", "get", "401", try await api.call(.get, "/auth/user_details")),
                ("/auth/logout", "post", "200", try await api.call(.post, "/auth/logout")),
                ("/auth/users/", "get", "200", try await api.call(.get, "/auth/users/", token: root)),
                ("/auth/users/", "get", "403", try await api.call(.get, "/auth/users/", token: login.token)),
                ("/auth/users/{user_id}", "get", "200", try await api.call(.get, "/auth/users/\(id)", token: root)),
                ("/auth/users/{user_id}", "get", "404", try await api.call(.get, "/auth/users/\(UUID())", token: root)),
                ("/auth/users/{user_id}/role", "put", "200", try await api.call(.put, "/auth/users/\(id)/role", body: "{\"role\":\"moderator\"}", token: root)),
                ("/auth/users/{user_id}/disable", "post", "200", try await api.call(.post, "/auth/users/\(id)/disable", token: root)),
                ("/health", "get", "200", try await api.call(.get, "/health")),
                ("/ready", "get", "200", try await api.call(.get, "/ready")),
            ]
            for (path, method, status, reply) in cases {
                #expect(String(reply.status) == status, "\(method) \(path): \(reply.text)")
                let problems = validator.validate(reply.value, path: path, method: method, status: status)
                #expect(problems.isEmpty, "\(method) \(path) \(status): \(problems)")
            }
        }
    }
}

/// Just enough JSON Schema to catch drift: `$ref`, `type`, `required`, `properties`, `items`, `enum`, `const`.
struct SchemaValidator {
    let document: [String: Any]

    func validate(_ value: Any?, path: String, method: String, status: String) -> [String] {
        guard let operation = ((document["paths"] as? [String: Any])?[path] as? [String: Any])?[method] as? [String: Any],
            var response = (operation["responses"] as? [String: Any])?[status] as? [String: Any]
        else { return ["no documented \(status) response"] }
        if let ref = response["$ref"] as? String { response = resolve(ref) }
        guard let content = response["content"] as? [String: Any] else { return value == nil ? [] : ["body not documented"] }
        guard let schema = (content["application/json"] as? [String: Any])?["schema"] as? [String: Any] else { return [] }
        return check(value, schema, at: "$")
    }

    func resolve(_ ref: String) -> [String: Any] {
        var node: Any = document
        for part in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] ?? [:] }
        return node as? [String: Any] ?? [:]
    }

    func check(_ value: Any?, _ schema: [String: Any], at location: String) -> [String] {
        if let ref = schema["$ref"] as? String { return check(value, resolve(ref), at: location) }
        var problems: [String] = []
        if let allowed = schema["enum"] as? [String], let string = value as? String, !allowed.contains(string) {
            problems.append("\(location): \(string) not in \(allowed)")
        }
        if let constant = schema["const"] as? String, value as? String != constant { problems.append("\(location): expected \(constant)") }
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return ["\(location): expected object"] }
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
        case "array":
            guard let array = value as? [Any] else { return ["\(location): expected array"] }
            if let items = schema["items"] as? [String: Any] {
                for (i, item) in array.enumerated() { problems += check(item, items, at: "\(location)[\(i)]") }
            }
        case "string": if !(value is String) { problems.append("\(location): expected string") }
        case "integer": if !(value is Int) { problems.append("\(location): expected integer") }
        case "number": if !(value is NSNumber) { problems.append("\(location): expected number") }
        case "boolean": if !(value is Bool) { problems.append("\(location): expected boolean") }
        default: break
        }
        return problems
    }
}
