@testable import AuthService
import Foundation
import Hummingbird
import OpenAPIKit
import PostgresNIO
import ServiceCore
import Testing
import TestSupport

/// `/openapi.json` must describe what the code does: the same routes, and responses of the documented shape.
@Suite struct OpenAPIDriftTests {
    /// The served document, parsed and validated by OpenAPIKit.
    static func document(_ api: AuthAPI) async throws -> OpenAPIContract {
        let reply = try await api.call(.get, "/openapi.json")
        #expect(reply.status == 200)
        #expect(reply.headers[.contentType] == "application/json")
        let contract = try OpenAPIContract(json: reply.text)
        #expect(contract.document.openAPIVersion == .v3_1_0)
        #expect(contract.document.info.title == "Auth Service" && contract.document.info.version == AuthService.version)
        return contract
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() async throws {
        let config = AuthConfiguration(database: try TestDatabase.admin(), tokenSecret: AuthHarness.secret)
        let routes = RouteTable()
        try await PostgresClient.withClient(try TestDatabase.admin(), logger: TestDatabase.logger) { client in
            _ = try await AuthService.buildRouter(config, client: client, routes: routes, logger: TestDatabase.logger)
        }
        let registered = Set(routes.all.map { "\($0.method) \(OpenAPIContract.normalise($0.path))" })
        #expect(!registered.isEmpty)
        try await AuthHarness.run { api in
            let documented = try await Self.document(api).operations
            #expect(registered.subtracting(documented).isEmpty, "registered but not documented: \(registered.subtracting(documented).sorted())")
            #expect(documented.subtracting(registered).isEmpty, "documented but not registered: \(documented.subtracting(registered).sorted())")
        }
    }

    @Test func responsesMatchTheirDocumentedSchemas() async throws {
        try await AuthHarness.run { api in
            let contract = try await Self.document(api)
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
                let problems = contract.problems(reply.value, path: path, method: method, status: status)
                #expect(problems.isEmpty, "\(method) \(path) \(status): \(problems)")
            }
        }
    }

    /// The text limits the document states are the ones the code enforces (the document is a file now, so nothing
    /// ties them together but this test).
    @Test func statedLimitsAreTheCodesLimits() async throws {
        try await AuthHarness.run { api in
            let contract = try await Self.document(api)
            let name = TextLimit.name(255).jsonSchema(), line = TextLimit.line(255).jsonSchema()
            let newPassword = UserDirectory.passwordSchema, password = UserDirectory.passwordLimit.jsonSchema()
            let limits: [(String, String)] = [
                ("/components/schemas/SignupRequest/properties/name", name),
                ("/components/schemas/SignupRequest/properties/password", newPassword),
                ("/components/schemas/LoginRequest/properties/email", line),
                ("/components/schemas/LoginRequest/properties/password", password),
                ("/components/schemas/CreateUserRequest/properties/name", name),
                ("/components/schemas/CreateUserRequest/properties/password", newPassword),
                ("/components/schemas/PasswordResetRequest/properties/password", newPassword),
                ("/components/schemas/PasswordChangeRequest/properties/current_password", password),
                ("/components/schemas/PasswordChangeRequest/properties/new_password", newPassword),
                ("/paths/~1auth~1users~1/get/parameters/name=email/schema", line),
            ]
            for (pointer, keywords) in limits {
                let problems = contract.limitProblems(at: pointer, keywords)
                #expect(problems.isEmpty, "\(problems)")
            }
        }
    }

    /// What the three services share (error bodies, 401 and 422 answers, the session cookie, paging, ids) is written
    /// alike in their three files; the components listed here differ on purpose (each service words its own).
    @Test func sharedComponentsAreTheSameInEveryDocument() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var documents: [String: OpenAPI.Document] = [:]
        for service in ["AuthService", "BookingService", "FoodService"] {
            let yaml = try Data(contentsOf: root.appendingPathComponent("Sources/\(service)/openapi.yaml"))
            let json = try OpenAPIDocument.json(yaml: Array(yaml))
            documents[service] = try OpenAPIContract(json: json).document
        }
        let ownWording: Set<String> = [
            "responses/Forbidden", "responses/NotFound", "responses/Unavailable", "schemas/Banner", "schemas/Health",
            "schemas/Role",
        ]
        #expect(OpenAPIContract.sharedComponentDifferences(documents, allowedToDiffer: ownWording) == [])
        // The parts every service answers with are in all three.
        for name in ["schemas/Error", "schemas/ValidationError", "responses/Unauthorized", "responses/Invalid"] {
            let section = name.split(separator: "/")
            for (service, document) in documents {
                let key = OpenAPI.ComponentKey(rawValue: String(section[1]))!
                let present = section[0] == "schemas" ? document.components.schemas[key] != nil : document.components.responses[key] != nil
                #expect(present, "\(service) lacks \(name)")
            }
        }
    }
}
