import FoodService
import Foundation
import HTTPTypes
import PostgresNIO
import ServiceCore
import Testing
import TestSupport

@Suite("Food orders")
struct FoodOrderTests {
    @Test func catalogueNeedsAdminAndKeepsItsRules() async throws {
        try await FoodHarness.run { api in
            let admin = try await api.session(.admin)
            let user = try await api.session(.user)
            #expect(try await api.call(.post, "/food/categories", body: ["name": "X", "slug": "x"], as: user).status == 403)
            #expect(try await api.call(.get, "/food/categories/", as: nil).status == 401)
            let menu = try await api.catalogue(admin: admin)
            // Both path spellings, the seed's shapes, newest first.
            let list = try await api.call(.get, "/food/menu", as: user)
            #expect(list.status == 200)
            #expect(list.list.count == 3)
            let first = try #require(list.list.first)
            #expect((first["food"] as? [String: Any])?["category"] != nil)
            #expect(first["restaurant"] != nil)
            let byRestaurant = try await api.call(.get, "/food/menu/restaurants/\(menu.restaurants[0])/", as: user)
            #expect(byRestaurant.list.count == 2)
            // Duplicate menu entry: 409, not the seed's 500.
            let dal = try await api.call(.get, "/food/menu/\(menu.items[0])", as: user)
            let foodID = try #require((dal.json["food"] as? [String: Any])?["id"] as? String)
            let duplicate = try await api.call(
                .post, "/food/menu/",
                body: ["restaurant_id": menu.restaurants[0], "food_id": foodID, "category_id": menu.categoryID, "price": 1], as: admin)
            #expect(duplicate.status == 409, "\(duplicate.text)")
            // Bad prices and unknown references are 4xx naming the problem.
            let badPrice = try await api.call(
                .post, "/food/foods/",
                body: ["name": "Odd", "description": "d", "price": 1.234, "image_url": "", "is_vegetarian": false, "category_id": menu.categoryID],
                as: admin)
            #expect(badPrice.status == 422, "\(badPrice.text)")
            let unknownCategory = try await api.call(
                .post, "/food/foods/",
                body: ["name": "Odd", "description": "d", "price": 1, "image_url": "", "is_vegetarian": false, "category_id": UUID().uuidString],
                as: admin)
            #expect(unknownCategory.status == 404, "\(unknownCategory.text)")
            // A food on a menu cannot be deleted; a missing one is 404.
            #expect(try await api.call(.delete, "/food/foods/\(foodID)", as: admin).status == 409)
            #expect(try await api.call(.get, "/food/categories/\(UUID())", as: user).status == 404)
            // Price change through PATCH.
            let patched = try await api.call(.patch, "/food/menu/\(menu.items[0])", body: ["price": 11.5], as: admin)
            #expect(patched.status == 200, "\(patched.text)")
            #expect(patched.json["price"] as? Double == 11.5)
        }
    }

    @Test func ordersAddUpWithQuantitiesInExactDecimals() async throws {
        try await FoodHarness.run { api in
            let admin = try await api.session(.admin)
            let user = try await api.session(.user)
            let menu = try await api.catalogue(admin: admin)
            let order = try await api.call(
                .post, "/food/orders/",
                body: ["items": [["menu_id": menu.items[0], "quantity": 3], ["menu_id": menu.items[1], "quantity": 1], ["menu_id": menu.items[0], "quantity": 1]]],
                as: user)
            #expect(order.status == 201, "\(order.text)")
            // 4 × 10.10 + 2.35 = 42.75 exactly (merged lines).
            #expect(order.text.contains(#""total_price":42.75"#), "\(order.text)")
            #expect(order.json["status"] as? String == "pending")
            let lines = try #require(order.json["food_orders"] as? [[String: Any]])
            #expect(lines.count == 2)
            #expect(lines.first?["quantity"] as? Int == 4)
            #expect((order.json["order_number"] as? String)?.count == 8)
            // The seed's shape: one quantity for every menu id.
            let seedShape = try await api.call(.post, "/food/orders", body: ["menu_ids": [menu.items[0], menu.items[1]], "quantity": 2], as: user)
            #expect(seedShape.status == 201, "\(seedShape.text)")
            #expect(seedShape.text.contains(#""total_price":24.9"#), "\(seedShape.text)")
            // Unknown menu ids are named; mixing restaurants and bad quantities are 422; nothing is stored.
            let ghost = UUID().uuidString.lowercased()
            let unknown = try await api.call(.post, "/food/orders", body: ["items": [["menu_id": ghost, "quantity": 1]]], as: user)
            #expect(unknown.status == 404)
            #expect(unknown.detail?.contains(ghost) == true)
            let mixed = try await api.call(.post, "/food/orders", body: ["menu_ids": [menu.items[0], menu.items[2]]], as: user)
            #expect(mixed.status == 422, "\(mixed.text)")
            for quantity in [0, -1, 101] {
                let bad = try await api.call(.post, "/food/orders", body: ["items": [["menu_id": menu.items[0], "quantity": quantity]]], as: user)
                #expect(bad.status == 422, "quantity \(quantity): \(bad.text)")
            }
            let mine = try await api.call(.get, "/food/orders/", as: user)
            #expect(mine.list.count == 2)
            // Another user sees none of them, not even by id.
            let other = try await api.session(.user)
            #expect(try await api.call(.get, "/food/orders", as: other).list.isEmpty)
            #expect(try await api.call(.get, "/food/orders/\(try #require(order.id))", as: other).status == 404)
            #expect(try await api.call(.get, "/food/orders/\(try #require(order.id))", as: admin).status == 200)
        }
    }

    @Test func cachedMenuPricesFollowWritesThroughTheInstance() async throws {
        // A long cache window: what an order copies must still change at once with a write through this instance.
        try await FoodHarness.run(configure: { $0.listCacheSeconds = 60 }) { api in
            let admin = try await api.session(.admin)
            let user = try await api.session(.user)
            let menu = try await api.catalogue(admin: admin)
            let body = ["items": [["menu_id": menu.items[0], "quantity": 2]]]
            let first = try await api.call(.post, "/food/orders/", body: body, as: user)
            #expect(first.text.contains(#""total_price":20.2"#), "\(first.text)")
            #expect(try await api.call(.patch, "/food/menu/\(menu.items[0])", body: ["price": 11.5], as: admin).status == 200)
            let repriced = try await api.call(.post, "/food/orders/", body: body, as: user)
            #expect(repriced.status == 201, "\(repriced.text)")
            #expect(repriced.text.contains(#""total_price":23"#), "\(repriced.text)")
            // An item unknown at first and created afterwards is found (only items found are cached).
            let ghost = try await api.call(.post, "/food/orders/", body: ["items": [["menu_id": UUID().uuidString, "quantity": 1]]], as: user)
            #expect(ghost.status == 404)
            #expect(try await api.call(.delete, "/food/menu/\(menu.items[0])", as: admin).status == 204)
            #expect(try await api.call(.post, "/food/orders/", body: body, as: user).status == 404, "a deleted item is not served from memory")
        }
    }

    @Test func idempotencyKeyReturnsTheFirstOrderEvenUnderRacingRetries() async throws {
        try await FoodHarness.run { api in
            let admin = try await api.session(.admin)
            let user = try await api.session(.user)
            let menu = try await api.catalogue(admin: admin)
            let item = menu.items[1]
            let body: [String: Any] = ["items": [["menu_id": item, "quantity": 2]]]
            let replies = try await withThrowingTaskGroup(of: Reply.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        try await api.call(
                            .post, "/food/orders", body: ["items": [["menu_id": item, "quantity": 2]]], as: user,
                            headers: [HTTPField.Name("Idempotency-Key")!: "k-1"])
                    }
                }
                return try await group.reduce(into: [Reply]()) { $0.append($1) }
            }
            #expect(replies.allSatisfy { $0.status == 201 }, "\(replies.map(\.text))")
            #expect(Set(replies.compactMap(\.id)).count == 1)
            #expect(replies.filter { $0.header("Idempotent-Replayed") == "true" }.count == 11)
            #expect(try await api.call(.get, "/food/orders", as: user).list.count == 1)
            // The same key for a different order is refused.
            let other = try await api.call(
                .post, "/food/orders", body: ["items": [["menu_id": menu.items[1], "quantity": 3]]], as: user,
                headers: [HTTPField.Name("Idempotency-Key")!: "k-1"])
            #expect(other.status == 422, "\(other.text)")
            // Keys are per user.
            let someoneElse = try await api.session(.user)
            let theirs = try await api.call(.post, "/food/orders", body: body, as: someoneElse, headers: [HTTPField.Name("Idempotency-Key")!: "k-1"])
            #expect(theirs.status == 201)
            #expect(theirs.id != replies[0].id)
        }
    }

    @Test func statusMovesFollowTheStateMachine() async throws {
        try await FoodHarness.run { api in
            let admin = try await api.session(.admin)
            let staff = try await api.session(.moderator)
            let user = try await api.session(.user)
            let menu = try await api.catalogue(admin: admin)
            let order = try #require(try await api.call(.post, "/food/orders", body: ["menu_ids": [menu.items[0]]], as: user).id)
            #expect(try await api.call(.post, "/food/orders/\(order)/advance", as: user).status == 403)
            for expected in ["confirmed", "preparing", "ready", "delivered"] {
                let moved = try await api.call(.post, "/food/orders/\(order)/advance/", as: staff)
                #expect(moved.status == 200, "\(moved.text)")
                #expect(moved.json["status"] as? String == expected)
            }
            #expect(try await api.call(.post, "/food/orders/\(order)/advance", as: staff).status == 409)
            #expect(try await api.call(.post, "/food/orders/\(order)/cancel", as: user).status == 409)
            #expect(try await api.call(.post, "/food/orders/\(order)/status", body: ["status": "refunded"], as: staff).status == 403)
            let refunded = try await api.call(.post, "/food/orders/\(order)/status", body: ["status": "refunded"], as: admin)
            #expect(refunded.json["status"] as? String == "refunded")
            #expect(try await api.call(.post, "/food/orders/\(order)/status", body: ["status": "pending"], as: admin).status == 409)
            #expect(try await api.call(.post, "/food/orders/\(order)/status", body: ["status": "eaten"], as: admin).status == 422)
            // The owner may cancel before the kitchen starts.
            let second = try #require(try await api.call(.post, "/food/orders", body: ["menu_ids": [menu.items[0]]], as: user).id)
            let cancelled = try await api.call(.post, "/food/orders/\(second)/cancel", as: user)
            #expect(cancelled.json["status"] as? String == "cancelled", "\(cancelled.text)")
        }
    }

    @Test func ordersLiveOnTheirUsersShardAndAdminListsMergeAcrossShards() async throws {
        try await FoodHarness.run(shards: 3) { api in
            let admin = try await api.session(.admin)
            let menu = try await api.catalogue(admin: admin)
            var users: [Session] = []
            for _ in 0..<9 { users.append(try await api.session(.user)) }
            var placed: [String] = []
            for (index, user) in users.enumerated() {
                let order = try await api.call(.post, "/food/orders", body: ["items": [["menu_id": menu.items[0], "quantity": index + 1]]], as: user)
                #expect(order.status == 201, "\(order.text)")
                placed.append(try #require(order.id))
            }
            // Each order is stored on the shard its user hashes to, and only there.
            for (user, orderID) in zip(users, placed) {
                let home = api.layout.shardIndex(for: user.id)
                for (index, shard) in api.layout.shards.enumerated() {
                    let count = try await PostgresClient.withClient(shard, logger: TestDatabase.logger) { pg in
                        try await pg.rows("SELECT count(*)::int FROM orders WHERE id = \(UUID(uuidString: orderID)!)", logger: TestDatabase.logger)[0][0].decode(Int.self)
                    }
                    #expect(count == (index == home ? 1 : 0))
                }
            }
            #expect(Set(users.map { api.layout.shardIndex(for: $0.id) }).count > 1)
            // Admin pages across shards: newest first, no gaps or repeats.
            var seen: [String] = []
            for offset in stride(from: 0, to: 12, by: 4) {
                let page = try await api.call(.get, "/food/orders?limit=4&offset=\(offset)", as: admin)
                #expect(page.status == 200)
                seen.append(contentsOf: page.list.compactMap { $0["id"] as? String })
            }
            #expect(seen == placed.reversed())
            let health = try await api.call(.get, "/health/shards", as: nil)
            #expect(health.json["all_healthy"] as? Bool == true)
            #expect(health.json["total_shards"] as? Int == 3)
        }
    }
}
