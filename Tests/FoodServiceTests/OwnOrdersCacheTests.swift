import FoodService
import Foundation
import PostgresNIO
import ServiceCore
import Testing
import TestSupport

/// A user's own orders list is kept in memory (``UserListCache``) but never served stale: a change made anywhere,
/// even by SQL that bypasses the service, shows on the next request; with shards, on the user's shard.
@Suite struct OwnOrdersCacheTests {
    @Test(arguments: [0, 2]) func everyChangeShowsOnTheNextRequestEvenWhenMadeBySQL(shards: Int) async throws {
        try await FoodHarness.run(shards: shards) { api in
            let admin = try await api.session(.admin)
            let menu = try await api.catalogue(admin: admin)
            let user = try await api.session(.user)
            let order = try await api.call(.post, "/food/orders/", body: ["items": [["menu_id": menu.items[0], "quantity": 2]]], as: user)
            #expect(order.status == 201, "\(order.text)")
            let orderID = try #require(order.id.flatMap(UUID.init(uuidString:)))
            let listed = try await api.call(.get, "/food/orders/", as: user)
            #expect(listed.list.map { $0["id"] as? String } == [order.id], "\(listed.text)")
            #expect(try await api.call(.get, "/food/orders/", as: user).text == listed.text)

            @Sendable func page(_ path: String = "/food/orders/") async throws -> [[String: Any]] { try await api.call(.get, path, as: user).list }
            let shard = api.layout.shards[ShardLayout.shardIndex(for: user.id, shardCount: api.layout.shards.count)]
            try await PostgresClient.withClient(shard, logger: TestDatabase.logger) { pg in
                try await pg.query("UPDATE orders SET status = 'preparing' WHERE id = \(orderID)", logger: TestDatabase.logger)
                #expect(try await page().first?["status"] as? String == "preparing")
                try await pg.query("UPDATE order_lines SET name = 'Renamed by SQL' WHERE order_id = \(orderID)", logger: TestDatabase.logger)
                #expect((try await page().first?["food_orders"] as? [[String: Any]])?.first?["name"] as? String == "Renamed by SQL")
                // Through the service: a second order comes first; pages of one are kept apart.
                let second = try await api.call(.post, "/food/orders/", body: ["items": [["menu_id": menu.items[1], "quantity": 1]]], as: user)
                #expect(second.status == 201, "\(second.text)")
                #expect(try await page().map { $0["id"] as? String } == [second.id, order.id])
                #expect(try await page("/food/orders/?limit=1&offset=1").map { $0["id"] as? String } == [order.id])
                let cancelled = try await api.call(.post, "/food/orders/\(second.id!)/cancel", as: user)
                #expect(cancelled.status == 200, "\(cancelled.text)")
                #expect(try await page("/food/orders/?limit=1").first?["status"] as? String == "cancelled")
                try await pg.query("DELETE FROM orders WHERE id = \(orderID)", logger: TestDatabase.logger)
                #expect(try await page().map { $0["id"] as? String } == [second.id])
            }
            // Staff naming the user read the same page; another user sees nothing of it.
            let staff = try await api.call(.get, "/food/orders/?user_id=\(user.id.uuidString.lowercased())", as: admin)
            #expect(staff.list.count == 1, "\(staff.text)")
            #expect(try await api.call(.get, "/food/orders/", as: try await api.session(.user)).list.isEmpty)
        }
    }
}
