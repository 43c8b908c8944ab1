import Foundation
import HTTPTypes
import Hummingbird
import ServiceCore
import Testing
import TestSupport

/// The filters clients resolve human identifiers with (`mscli food foods list --category mains`,
/// `mscli food orders advance 3B6BC2B2`): slugs and whole names in any case, order numbers within what the caller
/// may see, on every shard.
@Suite struct FoodLookupFilterTests {
    @Test func slugsNamesAndDishesInAnyCase() async throws {
        try await FoodHarness.run { api in
            let admin = try await api.session(.admin)
            let user = try await api.session(.user)
            let menu = try await api.catalogue(admin: admin)
            let bySlug = try await api.call(.get, "/food/categories?slug=MAINS", as: user)
            #expect(bySlug.list.compactMap { $0["id"] as? String } == [menu.categoryID], "\(bySlug.text)")
            #expect(try await api.call(.get, "/food/categories?name=mains", as: user).list.count == 1)
            #expect(try await api.call(.get, "/food/categories?slug=main", as: user).list.isEmpty, "a part of a slug is not the slug")
            let restaurant = try await api.call(.get, "/food/restaurants?name=GREEN%20BOWL", as: user)
            #expect(restaurant.list.compactMap { $0["id"] as? String } == [menu.restaurants[1]], "\(restaurant.text)")
            let dal = try await api.call(.get, "/food/foods?name=dal&category_id=\(menu.categoryID)", as: user)
            #expect(dal.list.compactMap { $0["name"] as? String } == ["Dal"], "\(dal.text)")
            let naan = try await api.call(.get, "/food/menu?food_name=naan", as: user)
            #expect(naan.list.compactMap { $0["id"] as? String } == [menu.items[1]], "\(naan.text)")
            let elsewhere = try await api.call(.get, "/food/menu?food_name=naan&restaurant_id=\(menu.restaurants[1])", as: user)
            #expect(elsewhere.status == 200 && elsewhere.list.isEmpty, "\(elsewhere.text)")
            #expect(try await api.call(.get, "/food/restaurants?name=%00", as: user).status == 422)
        }
    }

    @Test func anOrderNumberFindsOnlyWhatTheCallerMaySeeOnEveryShard() async throws {
        try await FoodHarness.run(shards: 2) { api in
            let admin = try await api.session(.admin)
            let staff = try await api.session(.moderator)
            let menu = try await api.catalogue(admin: admin)
            var placed: [(Session, String, String)] = []
            for _ in 0..<4 {
                let customer = try await api.session(.user)
                let order = try await api.call(.post, "/food/orders", body: ["items": [["menu_id": menu.items[0], "quantity": 1]]], as: customer)
                placed.append((customer, try #require(order.id, "\(order.text)"), try #require(order.json["order_number"] as? String)))
            }
            for (customer, id, number) in placed {
                let own = try await api.call(.get, "/food/orders?order_number=\(number.lowercased())", as: customer)
                #expect(own.list.compactMap { $0["id"] as? String } == [id], "\(own.text)")
                let anyShard = try await api.call(.get, "/food/orders?order_number=\(number)", as: staff)
                #expect(anyShard.list.compactMap { $0["id"] as? String } == [id], "\(anyShard.text)")
            }
            let (_, _, someoneElses) = placed[0]
            let stranger = try await api.call(.get, "/food/orders?order_number=\(someoneElses)", as: placed[1].0)
            #expect(stranger.status == 200 && stranger.list.isEmpty, "\(stranger.text)")
        }
    }
}
