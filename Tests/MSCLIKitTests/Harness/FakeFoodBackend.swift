import FoodService
import Foundation

@testable import MSCLIKit

/// A FoodBackend that answers only what a test sets (`on…` handlers, one per method of the protocol) and fails the test on
/// any other call (``answer(_:_:function:)``), so a command test states every call it expects of the food service.
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

    func candidates(_ kind: IdentifierKind, matching text: String, limit: Int) async throws -> [Candidate] { try await answer(onCandidates, kind, text, limit) }
    func categories(slug: String?, name: String?, limit: Int) async throws -> [Category] { try await answer(onCategoriesBySlug, slug, name, limit) }
    func restaurants(named name: String, limit: Int) async throws -> [Restaurant] { try await answer(onRestaurantsNamed, name, limit) }
    func foods(named name: String, limit: Int) async throws -> [Food] { try await answer(onFoodsNamed, name, limit) }
    func menu(dish name: String, restaurant: UUID?, limit: Int) async throws -> [MenuItem] { try await answer(onMenuByDish, name, restaurant, limit) }
    func orders(numbered number: String, limit: Int) async throws -> [Order] { try await answer(onOrdersNumbered, number, limit) }
    func categories(limit: Int, offset: Int) async throws -> [Category] { try await answer(onCategories, limit, offset) }
    func category(_ id: UUID) async throws -> Category { try await answer(onCategory, id) }
    func createCategory(_ input: CategoryInput) async throws -> Category { try await answer(onCreateCategory, input) }
    func deleteCategory(_ id: UUID) async throws { try await answer(onDeleteCategory, id) }
    func restaurants(limit: Int, offset: Int) async throws -> [Restaurant] { try await answer(onRestaurants, limit, offset) }
    func restaurant(_ id: UUID) async throws -> Restaurant { try await answer(onRestaurant, id) }
    func createRestaurant(_ input: RestaurantInput) async throws -> Restaurant { try await answer(onCreateRestaurant, input) }
    func deleteRestaurant(_ id: UUID) async throws { try await answer(onDeleteRestaurant, id) }
    func foods(limit: Int, offset: Int, category: UUID?) async throws -> [Food] { try await answer(onFoods, limit, offset, category) }
    func food(_ id: UUID) async throws -> Food { try await answer(onFood, id) }
    func createFood(_ input: FoodInput) async throws -> Food { try await answer(onCreateFood, input) }
    func deleteFood(_ id: UUID) async throws { try await answer(onDeleteFood, id) }
    func menu(limit: Int, offset: Int, restaurant: UUID?) async throws -> [MenuItem] { try await answer(onMenu, limit, offset, restaurant) }
    func menuItem(_ id: UUID) async throws -> MenuItem { try await answer(onMenuItem, id) }
    func createMenuItem(_ input: MenuItemInput) async throws -> MenuItemCreated { try await answer(onCreateMenuItem, input) }
    func updateMenuPrice(_ id: UUID, price: Decimal) async throws -> MenuItem { try await answer(onUpdateMenuPrice, id, price) }
    func deleteMenuItem(_ id: UUID) async throws { try await answer(onDeleteMenuItem, id) }
    func orders(_ filter: OrderFilter, limit: Int, offset: Int) async throws -> [Order] { try await answer(onOrders, filter, limit, offset) }
    func order(_ id: UUID) async throws -> Order { try await answer(onOrder, id) }
    func placeOrder(_ input: OrderInput, user: UUID?, idempotencyKey: String?) async throws -> (order: Order, replayed: Bool) { try await answer(onPlaceOrder, input, user, idempotencyKey) }
    func changeStatus(_ id: UUID, to target: OrderStatus?) async throws -> Order { try await answer(onChangeStatus, id, target) }
}
