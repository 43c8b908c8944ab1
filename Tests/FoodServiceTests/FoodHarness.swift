import FoodService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import ServiceCore
import Testing
import TestSupport

/// Builds the real food service in process on fresh databases: a primary and, with `shards > 0`, that many order
/// shard databases. Sessions are minted with the shared secret, as the auth service would issue them.
enum FoodHarness {
    static let secret = InProcessSessions.secret

    static func run(
        shards: Int = 0, configure: @Sendable (inout FoodConfiguration) -> Void = { _ in },
        _ body: @Sendable @escaping (FoodAPI) async throws -> Void
    ) async throws {
        try await TestDatabase.with { primary in
            var shardDatabases: [DatabaseSettings] = []
            for _ in 0..<shards { shardDatabases.append(try await TestDatabase.create()) }
            do {
                var config = FoodConfiguration(
                    layout: ShardLayout(primary: primary, shards: shards > 0 ? shardDatabases : nil), tokenSecret: secret)
                config.migrateOnStart = true
                config.port = 0
                config.listCacheSeconds = 0
                config.rateLimits.enabled = false
                configure(&config)
                let app = try await FoodService.buildApplication(config, logger: TestDatabase.logger)
                let sessions = try await SessionMinter()
                let layout = config.layout
                try await app.test(.router) { client in
                    try await body(FoodAPI(client: client, sessions: sessions, layout: layout))
                }
                for db in shardDatabases { try await TestDatabase.drop(db) }
            } catch {
                for db in shardDatabases { try? await TestDatabase.drop(db) }
                throw error
            }
        }
    }
}

struct FoodAPI: Sendable {
    let client: any TestClientProtocol
    let sessions: SessionMinter
    let layout: ShardLayout

    func session(_ role: Role, id: UUID = UUID()) async throws -> Session {
        try await sessions.session(role, id: id)
    }

    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ path: String, body: Any? = nil, as session: Session?, headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        try await client.call(method, path, body: body, token: session?.token, headers: extra)
    }

    /// A category, two restaurants, three foods and menu items (two at the first restaurant, one at the second).
    func catalogue(admin: Session) async throws -> Menu {
        let category = try await call(.post, "/food/categories/", body: ["name": "Mains", "slug": "mains"], as: admin)
        #expect(category.status == 201, "\(category.text)")
        let categoryID = try #require(category.id)
        var restaurants: [String] = []
        for name in ["Spice Route", "Green Bowl"] {
            let r = try await call(
                .post, "/food/restaurants/",
                body: ["name": name, "description": "d", "address": "1 Road", "restaurant_type": "indian", "image_url": "x.png"],
                as: admin)
            #expect(r.status == 201, "\(r.text)")
            restaurants.append(try #require(r.id))
        }
        var items: [String] = []
        for (index, (name, price)) in [("Dal", "10.10"), ("Naan", "2.35"), ("Salad", "7.00")].enumerated() {
            let food = try await call(
                .post, "/food/foods/",
                body: ["name": name, "description": "d", "price": Double(price)!, "image_url": "f.png", "is_vegetarian": true, "category_id": categoryID],
                as: admin)
            #expect(food.status == 201, "\(food.text)")
            let menu = try await call(
                .post, "/food/menu/",
                body: ["restaurant_id": restaurants[index == 2 ? 1 : 0], "food_id": try #require(food.id), "category_id": categoryID, "price": Double(price)!],
                as: admin)
            #expect(menu.status == 201, "\(menu.text)")
            items.append(try #require(menu.id))
        }
        return Menu(categoryID: categoryID, restaurants: restaurants, items: items)
    }
}

struct Menu: Sendable {
    var categoryID: String
    var restaurants: [String]
    /// Dal 10.10 and Naan 2.35 at restaurant 0, Salad 7.00 at restaurant 1.
    var items: [String]
}
