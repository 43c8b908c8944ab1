import Foundation
import HTTPTypes
import Hummingbird
import ServiceCore
import Testing

/// Bad input never earns a 500 or a Swift type name in an answer (issue 12).
@Suite struct FoodBadInputTests {
    @Test func controlCharactersLimitsAndStatusesAre422s() async throws {
        try await FoodHarness.run { api in
            let admin = try await api.session(.admin)
            let menu = try await api.catalogue(admin: admin)
            for body in [
                ["name": "Ma\u{0}ins", "slug": "m"], ["name": "Mains", "slug": "m\u{1F}"], ["name": "Mains", "slug": "m", "description": "a\u{0}b"],
                ["name": String(repeating: "n", count: 101), "slug": "m"],
            ] {
                let reply = try await api.call(.post, "/food/categories/", body: body, as: admin)
                #expect(reply.status == 422, "\(body): \(reply.text)")
            }
            let restaurant = try await api.call(
                .post, "/food/restaurants/", body: ["name": "R", "address": "1\u{0} Road", "restaurant_type": "t", "image_url": "x"], as: admin)
            #expect(restaurant.status == 422 && restaurant.text.contains("address"), "\(restaurant.text)")
            let broadcast = try await api.call(.post, "/food/ws", body: ["message": "hi\u{0}"], as: admin)
            #expect(broadcast.status == 422, "\(broadcast.text)")
            let user = try await api.session(.user)
            let order = try await api.call(.post, "/food/orders/", body: ["items": [["menu_id": menu.items[0], "quantity": 1]]], as: user)
            let orderID = try #require(order.id)
            // Foundation's message named the Swift type (`Cannot initialize OrderStatus from invalid String value`).
            let status = try await api.call(.post, "/food/orders/\(orderID)/status", body: ["status": "eaten"], as: admin)
            #expect(status.status == 422 && status.text.contains("'pending'") && !status.text.contains("OrderStatus"), "\(status.text)")
            let key = try await api.call(
                .post, "/food/orders/", body: ["items": [["menu_id": menu.items[0], "quantity": 1]]], as: user,
                headers: [HTTPField.Name("Idempotency-Key")!: "key\u{85}"])
            #expect(key.status == 422, "\(key.status) \(key.text)")
            for query in ["/food/orders/?offset=9001", "/food/restaurants/?x=%00", "/food/orders/?status=%00"] {
                let reply = try await api.call(.get, query, as: admin)
                #expect(reply.status == 422, "\(query): \(reply.text)")
            }
        }
    }
}
