import AsyncHTTPClient
import FoodService
import Foundation
import HTTPTypes
import ServiceCore
import Testing
import TestSupport

/// `/openapi.json` must describe what the code does: the same routes, and responses of the documented shape.
@Suite struct FoodOpenAPIDriftTests {
    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    static func normalise(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    static func parsed(_ reply: Reply) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(reply.text.utf8), options: [.fragmentsAllowed])
    }

    @Test func routesAndResponsesMatchTheDocument() async throws {
        try await FoodHarness.run(shards: 2) { api in
            let doc = try #require(Self.parsed(try await api.call(.get, "/openapi.json", as: nil)) as? [String: Any])
            #expect(doc["openapi"] as? String == "3.1.0")
            #expect((doc["info"] as? [String: Any])?["version"] as? String == FoodService.version)
            let validator = OpenAPISchemaValidator(document: doc)
            #expect(validator.unresolvedReferences().isEmpty, "unresolved $ref: \(validator.unresolvedReferences())")

            // Routes both ways: what the router registered against what the document lists.
            let routes = RouteTable()
            let config = FoodConfiguration(layout: api.layout, tokenSecret: FoodHarness.secret)
            let databases = FoodService.Databases(api.layout, logger: TestDatabase.logger)
            let live = try await LiveServices.make(config, logger: TestDatabase.logger)
            let tokens = try await TokenService(secret: FoodHarness.secret, lifetime: 60)
            _ = try FoodService.buildRouter(config, databases: databases, live: live, tokens: tokens, upstream: .shared, routes: routes, logger: TestDatabase.logger)
            let registered = Set(routes.all.map { "\($0.method) \(Self.normalise($0.path))" })
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, item in item.keys.filter(Self.methods.contains).map { "\($0.uppercased()) \(Self.normalise(path))" } })
            #expect(registered.subtracting(documented).isEmpty, "registered but not documented: \(registered.subtracting(documented).sorted())")
            #expect(documented.subtracting(registered).isEmpty, "documented but not registered: \(documented.subtracting(registered).sorted())")

            // Real responses against their documented schemas.
            let admin = try await api.session(.admin)
            let staff = try await api.session(.moderator)
            let user = try await api.session(.user)
            let menu = try await api.catalogue(admin: admin)
            let order = try await api.call(.post, "/food/orders", body: ["items": [["menu_id": menu.items[0], "quantity": 2]]], as: user)
            let orderID = try #require(order.id, "\(order.text)")
            let foods = try await api.call(.get, "/food/foods", as: user)
            let foodID = try #require(foods.list.first?["id"] as? String)
            let cases: [(String, String, String, Reply)] = [
                ("/", "get", "200", try await api.call(.get, "/", as: nil)),
                ("/health/shards", "get", "200", try await api.call(.get, "/health/shards", as: nil)),
                ("/food/categories", "get", "200", try await api.call(.get, "/food/categories", as: user)),
                ("/food/categories", "get", "401", try await api.call(.get, "/food/categories", as: nil)),
                ("/food/categories", "get", "200", try await api.call(.get, "/food/categories?slug=MAINS&name=mains", as: user)),
                ("/food/categories", "post", "403", try await api.call(.post, "/food/categories", body: ["name": "x", "slug": "x"], as: user)),
                ("/food/categories", "post", "422", try await api.call(.post, "/food/categories", body: ["name": "x"], as: admin)),
                ("/food/categories/{category_id}", "get", "200", try await api.call(.get, "/food/categories/\(menu.categoryID)", as: user)),
                ("/food/categories/{category_id}", "get", "404", try await api.call(.get, "/food/categories/\(UUID())", as: user)),
                ("/food/categories/{category_id}", "delete", "409", try await api.call(.delete, "/food/categories/\(menu.categoryID)", as: admin)),
                ("/food/restaurants", "get", "200", try await api.call(.get, "/food/restaurants", as: user)),
                ("/food/restaurants", "get", "200", try await api.call(.get, "/food/restaurants?name=spice%20route", as: user)),
                ("/food/restaurants", "get", "422", try await api.call(.get, "/food/restaurants?name=a%07", as: user)),
                ("/food/restaurants/{restaurant_id}", "get", "200", try await api.call(.get, "/food/restaurants/\(menu.restaurants[0])", as: user)),
                ("/food/foods", "get", "200", foods),
                ("/food/foods", "get", "200", try await api.call(.get, "/food/foods?name=dal", as: user)),
                ("/food/foods/{food_id}", "get", "200", try await api.call(.get, "/food/foods/\(foodID)", as: user)),
                ("/food/menu", "get", "200", try await api.call(.get, "/food/menu", as: user)),
                ("/food/menu", "get", "200", try await api.call(.get, "/food/menu?food_name=Naan&restaurant_id=\(menu.restaurants[0])", as: user)),
                ("/food/menu/restaurants/{restaurant_id}", "get", "200",
                 try await api.call(.get, "/food/menu/restaurants/\(menu.restaurants[1])", as: user)),
                ("/food/menu/{menu_id}", "get", "200", try await api.call(.get, "/food/menu/\(menu.items[0])", as: user)),
                ("/food/menu/{menu_id}", "get", "404", try await api.call(.get, "/food/menu/\(UUID())", as: user)),
                ("/food/menu/{menu_id}", "patch", "200", try await api.call(.patch, "/food/menu/\(menu.items[2])", body: ["price": 8], as: admin)),
                ("/food/orders", "post", "201", order),
                ("/food/orders", "post", "404", try await api.call(.post, "/food/orders", body: ["menu_ids": [UUID().uuidString]], as: user)),
                ("/food/orders", "post", "422", try await api.call(.post, "/food/orders", body: ["menu_ids": [menu.items[0], menu.items[2]]], as: user)),
                ("/food/orders", "get", "200", try await api.call(.get, "/food/orders", as: admin)),
                ("/food/orders", "get", "200",
                 try await api.call(.get, "/food/orders?order_number=\(order.json["order_number"] as? String ?? "")", as: user)),
                ("/food/orders/{order_id}", "get", "200", try await api.call(.get, "/food/orders/\(orderID)", as: user)),
                ("/food/orders/{order_id}", "get", "404", try await api.call(.get, "/food/orders/\(orderID)", as: try await api.session(.user))),
                ("/food/orders/{order_id}/advance", "post", "200", try await api.call(.post, "/food/orders/\(orderID)/advance", as: staff)),
                ("/food/orders/{order_id}/advance", "post", "403", try await api.call(.post, "/food/orders/\(orderID)/advance", as: user)),
                ("/food/orders/{order_id}/status", "post", "200",
                 try await api.call(.post, "/food/orders/\(orderID)/status", body: ["status": "preparing"], as: staff)),
                ("/food/orders/{order_id}/cancel", "post", "409", try await api.call(.post, "/food/orders/\(orderID)/cancel", as: user)),
                ("/food/ws", "post", "200", try await api.call(.post, "/food/ws", body: ["message": "hello"], as: admin)),
                ("/food/ws", "get", "401", try await api.call(.get, "/food/ws", as: nil)),
                ("/food/ws", "get", "426", try await api.call(.get, "/food/ws", as: user)),
                ("/health", "get", "200", try await api.call(.get, "/health", as: nil)),
                ("/ready", "get", "200", try await api.call(.get, "/ready", as: nil)),
            ]
            for (path, method, status, reply) in cases {
                #expect(String(reply.status) == status, "\(method) \(path): \(reply.text)")
                let problems = validator.validate(Self.parsed(reply), path: path, method: method, status: status)
                #expect(problems.isEmpty, "\(method) \(path) \(status): \(problems)")
            }
            let page = try await api.call(.get, "/food/menu?limit=1", as: user)
            #expect(page.headers[HTTPField.Name("Link")!]?.hasSuffix("rel=\"next\"") == true)
        }
    }
}
