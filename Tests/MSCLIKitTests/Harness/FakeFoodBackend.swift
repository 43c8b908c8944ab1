import FoodService
import Foundation

@testable import MSCLIKit

/// A FoodBackend that answers only what a test sets (`on…` handlers, one per method of the protocol) and fails the test on
/// any other call (``unmocked(_:)``), so a command test states every call it expects of the food service.
/// A method added to the protocol is a compile error here until it gets its handler.
struct FakeFoodBackend: FoodBackend {
    var onCandidates: (@Sendable (IdentifierKind, String, Int) async throws -> [Candidate])?
    var onCategoriesBySlug: (@Sendable (String?, String?, Int) async throws -> [Category])?
    var onRestaurantsNamed: (@Sendable (String, Int) async throws -> [Restaurant])?
    var onFoodsNamed: (@Sendable (String, Int) async throws -> [Food])?
    var onMenuByDish: (@Sendable (String, UUID?, Int) async throws -> [MenuItem])?
    var onOrdersNumbered: (@Sendable (String, Int) async throws -> [Order])?
    var onCategories: (@Sendable (Int, Int) async throws -> [Category])?
    var onCategory: (@Sendable (UUID) async throws -> Category)?
    var onCreateCategory: (@Sendable (CategoryInput) async throws -> Category)?
    var onDeleteCategory: (@Sendable (UUID) async throws -> Void)?
    var onRestaurants: (@Sendable (Int, Int) async throws -> [Restaurant])?
    var onRestaurant: (@Sendable (UUID) async throws -> Restaurant)?
    var onCreateRestaurant: (@Sendable (RestaurantInput) async throws -> Restaurant)?
    var onDeleteRestaurant: (@Sendable (UUID) async throws -> Void)?
    var onFoods: (@Sendable (Int, Int, UUID?) async throws -> [Food])?
    var onFood: (@Sendable (UUID) async throws -> Food)?
    var onCreateFood: (@Sendable (FoodInput) async throws -> Food)?
    var onDeleteFood: (@Sendable (UUID) async throws -> Void)?
    var onMenu: (@Sendable (Int, Int, UUID?) async throws -> [MenuItem])?
    var onMenuItem: (@Sendable (UUID) async throws -> MenuItem)?
    var onCreateMenuItem: (@Sendable (MenuItemInput) async throws -> MenuItemCreated)?
    var onUpdateMenuPrice: (@Sendable (UUID, Decimal) async throws -> MenuItem)?
    var onDeleteMenuItem: (@Sendable (UUID) async throws -> Void)?
    var onOrders: (@Sendable (OrderFilter, Int, Int) async throws -> [Order])?
    var onOrder: (@Sendable (UUID) async throws -> Order)?
    var onPlaceOrder: (@Sendable (OrderInput, UUID?, String?) async throws -> (order: Order, replayed: Bool))?
    var onChangeStatus: (@Sendable (UUID, OrderStatus?) async throws -> Order)?

    func candidates(_ kind: IdentifierKind, matching text: String, limit: Int) async throws -> [Candidate] {
        guard let onCandidates else { throw unmocked("candidates(_:matching:limit:)") }
        return try await onCandidates(kind, text, limit)
    }

    func categories(slug: String?, name: String?, limit: Int) async throws -> [Category] {
        guard let onCategoriesBySlug else { throw unmocked("categories(slug:name:limit:)") }
        return try await onCategoriesBySlug(slug, name, limit)
    }

    func restaurants(named name: String, limit: Int) async throws -> [Restaurant] {
        guard let onRestaurantsNamed else { throw unmocked("restaurants(named:limit:)") }
        return try await onRestaurantsNamed(name, limit)
    }

    func foods(named name: String, limit: Int) async throws -> [Food] {
        guard let onFoodsNamed else { throw unmocked("foods(named:limit:)") }
        return try await onFoodsNamed(name, limit)
    }

    func menu(dish name: String, restaurant: UUID?, limit: Int) async throws -> [MenuItem] {
        guard let onMenuByDish else { throw unmocked("menu(dish:restaurant:limit:)") }
        return try await onMenuByDish(name, restaurant, limit)
    }

    func orders(numbered number: String, limit: Int) async throws -> [Order] {
        guard let onOrdersNumbered else { throw unmocked("orders(numbered:limit:)") }
        return try await onOrdersNumbered(number, limit)
    }

    func categories(limit: Int, offset: Int) async throws -> [Category] {
        guard let onCategories else { throw unmocked("categories(limit:offset:)") }
        return try await onCategories(limit, offset)
    }

    func category(_ id: UUID) async throws -> Category {
        guard let onCategory else { throw unmocked("category(_:)") }
        return try await onCategory(id)
    }

    func createCategory(_ input: CategoryInput) async throws -> Category {
        guard let onCreateCategory else { throw unmocked("createCategory(_:)") }
        return try await onCreateCategory(input)
    }

    func deleteCategory(_ id: UUID) async throws {
        guard let onDeleteCategory else { throw unmocked("deleteCategory(_:)") }
        try await onDeleteCategory(id)
    }

    func restaurants(limit: Int, offset: Int) async throws -> [Restaurant] {
        guard let onRestaurants else { throw unmocked("restaurants(limit:offset:)") }
        return try await onRestaurants(limit, offset)
    }

    func restaurant(_ id: UUID) async throws -> Restaurant {
        guard let onRestaurant else { throw unmocked("restaurant(_:)") }
        return try await onRestaurant(id)
    }

    func createRestaurant(_ input: RestaurantInput) async throws -> Restaurant {
        guard let onCreateRestaurant else { throw unmocked("createRestaurant(_:)") }
        return try await onCreateRestaurant(input)
    }

    func deleteRestaurant(_ id: UUID) async throws {
        guard let onDeleteRestaurant else { throw unmocked("deleteRestaurant(_:)") }
        try await onDeleteRestaurant(id)
    }

    func foods(limit: Int, offset: Int, category: UUID?) async throws -> [Food] {
        guard let onFoods else { throw unmocked("foods(limit:offset:category:)") }
        return try await onFoods(limit, offset, category)
    }

    func food(_ id: UUID) async throws -> Food {
        guard let onFood else { throw unmocked("food(_:)") }
        return try await onFood(id)
    }

    func createFood(_ input: FoodInput) async throws -> Food {
        guard let onCreateFood else { throw unmocked("createFood(_:)") }
        return try await onCreateFood(input)
    }

    func deleteFood(_ id: UUID) async throws {
        guard let onDeleteFood else { throw unmocked("deleteFood(_:)") }
        try await onDeleteFood(id)
    }

    func menu(limit: Int, offset: Int, restaurant: UUID?) async throws -> [MenuItem] {
        guard let onMenu else { throw unmocked("menu(limit:offset:restaurant:)") }
        return try await onMenu(limit, offset, restaurant)
    }

    func menuItem(_ id: UUID) async throws -> MenuItem {
        guard let onMenuItem else { throw unmocked("menuItem(_:)") }
        return try await onMenuItem(id)
    }

    func createMenuItem(_ input: MenuItemInput) async throws -> MenuItemCreated {
        guard let onCreateMenuItem else { throw unmocked("createMenuItem(_:)") }
        return try await onCreateMenuItem(input)
    }

    func updateMenuPrice(_ id: UUID, price: Decimal) async throws -> MenuItem {
        guard let onUpdateMenuPrice else { throw unmocked("updateMenuPrice(_:price:)") }
        return try await onUpdateMenuPrice(id, price)
    }

    func deleteMenuItem(_ id: UUID) async throws {
        guard let onDeleteMenuItem else { throw unmocked("deleteMenuItem(_:)") }
        try await onDeleteMenuItem(id)
    }

    func orders(_ filter: OrderFilter, limit: Int, offset: Int) async throws -> [Order] {
        guard let onOrders else { throw unmocked("orders(_:limit:offset:)") }
        return try await onOrders(filter, limit, offset)
    }

    func order(_ id: UUID) async throws -> Order {
        guard let onOrder else { throw unmocked("order(_:)") }
        return try await onOrder(id)
    }

    func placeOrder(_ input: OrderInput, user: UUID?, idempotencyKey: String?) async throws -> (order: Order, replayed: Bool) {
        guard let onPlaceOrder else { throw unmocked("placeOrder(_:user:idempotencyKey:)") }
        return try await onPlaceOrder(input, user, idempotencyKey)
    }

    func changeStatus(_ id: UUID, to target: OrderStatus?) async throws -> Order {
        guard let onChangeStatus else { throw unmocked("changeStatus(_:to:)") }
        return try await onChangeStatus(id, target)
    }
}
