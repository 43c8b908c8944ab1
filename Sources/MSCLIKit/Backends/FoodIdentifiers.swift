import FoodService
import Foundation

/// The food service's human identifiers: a category's slug (or name), a restaurant's or food's name, a menu item's
/// dish, an order's number. Over HTTP they are filters of the list routes (`?slug=`, `?name=`, `?food_name=`,
/// `?order_number=`), in maintenance mode the same ``CatalogueStore`` and ``OrderStore`` filters; either way an order
/// number finds only what the caller may see (a customer's own orders, staff everyone's, on every shard).
extension FoodBackend {
    public func candidates(_ kind: IdentifierKind, matching text: String, limit: Int) async throws -> [Candidate] {
        switch kind {
        case .category:
            // The slug is what mscli prints and URLs carry; a category's name is tried when no slug matches.
            var found = try await categories(slug: text, name: nil, limit: limit)
            if found.isEmpty { found = try await categories(slug: nil, name: text, limit: limit) }
            return found.map { Candidate(id: $0.id, cells: [$0.name, $0.slug]) }
        case .restaurant:
            return try await restaurants(named: text, limit: limit).map {
                Candidate(id: $0.id, cells: [$0.name, $0.restaurantType, $0.address])
            }
        case .food:
            return try await foods(named: text, limit: limit).map {
                Candidate(id: $0.id, cells: [$0.name, $0.category.name, BookingText.money($0.price)])
            }
        case .menuItem:
            return try await menu(dish: text, restaurant: nil, limit: limit).map(Self.candidate)
        case .order:
            return try await orders(numbered: text, limit: limit).map {
                Candidate(id: $0.id, cells: [$0.orderNumber, $0.status.rawValue, Rendering.date($0.createdAt)])
            }
        default:
            throw CLIError("the food service keeps no \(kind.plural)", status: .failure)
        }
    }

    static func candidate(_ item: MenuItem) -> Candidate {
        Candidate(id: item.id, cells: [item.food.name, item.restaurant.name, BookingText.money(item.price)])
    }

    /// A menu item by id, or by its dish, at `restaurant` when one is given (a dish many restaurants sell is
    /// ambiguous without it).
    func resolveMenuItem(_ reference: Reference, restaurant: UUID?) async throws -> UUID {
        if let id = reference.uuid { return id }
        let found = try await menu(dish: reference.text, restaurant: restaurant, limit: IdentifierResolution.candidateLimit + 1)
        return try IdentifierResolution.single(found.map(Self.candidate), reference, .menuItem)
    }
}

extension HTTPFoodBackend {
    func categories(slug: String?, name: String?, limit: Int) async throws -> [Category] {
        try await get(
            [Category].self, "/food/categories",
            query: page(limit, 0) + (slug.map { [("slug", $0)] } ?? []) + (name.map { [("name", $0)] } ?? []))
    }

    func restaurants(named name: String, limit: Int) async throws -> [Restaurant] {
        try await get([Restaurant].self, "/food/restaurants", query: page(limit, 0) + [("name", name)])
    }

    func foods(named name: String, limit: Int) async throws -> [Food] {
        try await get([Food].self, "/food/foods", query: page(limit, 0) + [("name", name)])
    }

    func menu(dish name: String, restaurant: UUID?, limit: Int) async throws -> [MenuItem] {
        try await get(
            [MenuItem].self, "/food/menu",
            query: page(limit, 0) + [("food_name", name)] + (restaurant.map { [("restaurant_id", Self.path($0))] } ?? []))
    }

    func orders(numbered number: String, limit: Int) async throws -> [Order] {
        try await get([Order].self, "/food/orders", query: page(limit, 0) + [("order_number", number)])
    }
}

extension MaintenanceFoodBackend {
    func categories(slug: String?, name: String?, limit: Int) async throws -> [Category] {
        try await catalogue.categories(limit: limit, offset: 0, slug: slug, name: name)
    }

    func restaurants(named name: String, limit: Int) async throws -> [Restaurant] {
        try await catalogue.restaurants(limit: limit, offset: 0, name: name)
    }

    func foods(named name: String, limit: Int) async throws -> [Food] {
        try await catalogue.foods(limit: limit, offset: 0, name: name)
    }

    func menu(dish name: String, restaurant: UUID?, limit: Int) async throws -> [MenuItem] {
        try await catalogue.menu(limit: limit, offset: 0, restaurantID: restaurant, foodName: name)
    }

    func orders(numbered number: String, limit: Int) async throws -> [Order] {
        try await orders.orders(OrderFilter(orderNumber: number), limit: limit, offset: 0, for: Self.operatorActor)
    }
}
