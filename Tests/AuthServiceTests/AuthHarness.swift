import AuthService
import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import ServiceCore
import Testing
import TestSupport

/// Builds the real auth service in process on a fresh database (migrated at start-up) and hands tests a small API.
enum AuthHarness {
    static let secret = InProcessSessions.secret

    static func run(
        configure: @Sendable (inout AuthConfiguration) -> Void = { _ in }, _ body: @Sendable @escaping (AuthAPI) async throws -> Void
    ) async throws {
        try await TestDatabase.with { db in
            var config = AuthConfiguration(database: db, tokenSecret: secret)
            config.bcryptCost = 4
            config.migrateOnStart = true
            config.port = 0
            config.corsOrigins = ["http://localhost:5173"]
            // In process every request comes from the same (unknown) address: only the throttle's own tests limit it.
            config.loginThrottle.perAddress = .init(attempts: 100_000, windowSeconds: 60)
            config.loginThrottle.perAccount = .init(attempts: 1_000, windowSeconds: 60)
            configure(&config)
            let app = try await AuthService.buildApplication(config, logger: TestDatabase.logger)
            try await app.test(.router) { client in
                try await PostgresClient.withClient(db, logger: TestDatabase.logger) { pg in
                    let directory = UserDirectory(
                        repository: UserRepository(client: pg, logger: TestDatabase.logger), hasher: PasswordHasher(cost: 4))
                    try await body(AuthAPI(client: client, directory: directory, database: db))
                }
            }
        }
    }
}

struct AuthAPI: Sendable {
    let client: any TestClientProtocol
    let directory: UserDirectory
    let database: DatabaseSettings

    @discardableResult
    func call(_ method: HTTPRequest.Method, _ path: String, body: String? = nil, token: String? = nil, headers: HTTPFields = [:]) async throws -> Reply {
        try await client.call(method, path, body: body, token: token, headers: headers)
    }

    func json(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @discardableResult
    func signup(_ email: String, password: String = "password-123", name: String = "Test User") async throws -> Reply {
        try await call(.post, "/auth/", body: json(["email": email, "name": name, "password": password]))
    }

    func login(_ email: String, password: String = "password-123") async throws -> Reply {
        try await call(.post, "/auth/login", body: json(["email": email, "password": password]))
    }

    /// A user with `role`, made the way an operator would (maintenance actor), signed in; returns (id, token).
    func user(_ role: Role, email: String = "\(UUID().uuidString.prefix(8))@example.com") async throws -> (id: String, token: String) {
        let user = try await directory.create(by: .maintenanceOperator, email: email, name: role.rawValue, password: "password-123", role: role.rawValue)
        let reply = try await login(email)
        #expect(reply.status == 200, "\(reply.text)")
        return (user.id.uuidString.lowercased(), try #require(reply.token))
    }
}
