import FoodService
import Foundation
import NIOHTTP1
import PostgresNIO
import ServiceCore

/// What the food commands do, whichever way they reach the food service. Over HTTP the service applies its rules as
/// the signed-in user; in maintenance mode mscli calls the same ``CatalogueStore`` and ``OrderStore`` directly, as an
/// admin, on the primary database and every order shard.
public protocol FoodBackend: IdentifierLookup {
    /// What people name (see FoodIdentifiers.swift): categories by slug or name, restaurants and foods by name,
    /// menu items by their dish (at one restaurant, or any), orders by number.
    func categories(slug: String?, name: String?, limit: Int) async throws -> [Category]
    func restaurants(named name: String, limit: Int) async throws -> [Restaurant]
    func foods(named name: String, limit: Int) async throws -> [Food]
    func menu(dish name: String, restaurant: UUID?, limit: Int) async throws -> [MenuItem]
    func orders(numbered number: String, limit: Int) async throws -> [Order]

    func categories(limit: Int, offset: Int) async throws -> [Category]
    func category(_ id: UUID) async throws -> Category
    func createCategory(_ input: CategoryInput) async throws -> Category
    func deleteCategory(_ id: UUID) async throws

    func restaurants(limit: Int, offset: Int) async throws -> [Restaurant]
    func restaurant(_ id: UUID) async throws -> Restaurant
    func createRestaurant(_ input: RestaurantInput) async throws -> Restaurant
    func deleteRestaurant(_ id: UUID) async throws

    func foods(limit: Int, offset: Int, category: UUID?) async throws -> [Food]
    func food(_ id: UUID) async throws -> Food
    func createFood(_ input: FoodInput) async throws -> Food
    func deleteFood(_ id: UUID) async throws

    func menu(limit: Int, offset: Int, restaurant: UUID?) async throws -> [MenuItem]
    func menuItem(_ id: UUID) async throws -> MenuItem
    func createMenuItem(_ input: MenuItemInput) async throws -> MenuItemCreated
    func updateMenuPrice(_ id: UUID, price: Decimal) async throws -> MenuItem
    func deleteMenuItem(_ id: UUID) async throws

    /// `filter.userID` nil: the caller's own orders over HTTP (everyone's for staff), everyone's in maintenance mode.
    func orders(_ filter: OrderFilter, limit: Int, offset: Int) async throws -> [Order]
    func order(_ id: UUID) async throws -> Order
    /// `user`: nil over HTTP (the session decides), the `--user-id` of the command in maintenance mode.
    func placeOrder(_ input: OrderInput, user: UUID?, idempotencyKey: String?) async throws -> (order: Order, replayed: Bool)
    /// `target` nil: the next step of the kitchen's path (`advance`).
    func changeStatus(_ id: UUID, to target: OrderStatus?) async throws -> Order
}

/// Runs `body` with the backend the settings select, and closes what it opened.
func withFoodBackend<T: Sendable>(_ context: CommandContext, _ body: @Sendable (any FoodBackend) async throws -> T) async throws -> T {
    if let override = context.backends.food { return try await body(override) }
    if context.settings.maintenance {
        let layout = try context.foodShardLayout()
        let shards = layout.configuredShards
        let all = [layout.primary] + layout.shards
        return try await context.withDatabases(.food, all) { clients in
            // Fail with "run mscli migrate up food" rather than with a missing table halfway through.
            var checked: [ObjectIdentifier] = []
            for client in clients where !checked.contains(ObjectIdentifier(client)) {
                checked.append(ObjectIdentifier(client))
                try await Migrator(client: client, set: FoodMigrations.set, logger: context.logger).requireCurrent()
            }
            if !shards.isEmpty { try await context.checkFoodShardLayout(clients: clients, shards: shards, record: true) }
            let catalogue = CatalogueStore(client: clients[0], logger: context.logger)
            let orders = OrderStore(
                shards: Array(clients.dropFirst()), catalogue: catalogue,
                events: LiveClientAnnouncer(redisURL: context.settings.redisURL, context: context),
                accounts: MaintenanceAccounts(context: context), logger: context.logger)
            let backend = MaintenanceFoodBackend(catalogue: catalogue, orders: orders)
            return try await body(backend)
        }
    }
    let token = try context.sessionToken(required: true)
    return try await body(HTTPFoodBackend(http: ServiceHTTPClient(baseURL: context.settings.foodURL, token: token, on: context)))
}

struct HTTPFoodBackend: FoodBackend {
    let http: ServiceHTTPClient

    static func path(_ id: UUID) -> String { id.lowercasedString }

    /// A request whose 401 says how to get a session (the service only says the token is missing or invalid).
    func send(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], headers: [(String, String)] = [],
        json: (any Encodable & Sendable)? = nil
    ) async throws -> ServiceHTTPClient.Reply {
        do {
            return try await http.send(method, path, query: query, headers: headers, json: json)
        } catch let error as APIError where error.status == .unauthorized {
            throw ServiceHTTPClient.sessionRefused(by: "food", error)
        }
    }

    func get<T: Decodable>(_ type: T.Type, _ path: String, query: [(String, String)] = []) async throws -> T {
        try http.decode(T.self, from: try await send(.GET, path, query: query))
    }

    func post<T: Decodable>(_ type: T.Type, _ path: String, _ body: (any Encodable & Sendable)? = nil) async throws -> T {
        try http.decode(T.self, from: try await send(.POST, path, json: body))
    }

    func page(_ limit: Int, _ offset: Int) -> [(String, String)] { [("limit", "\(limit)"), ("offset", "\(offset)")] }

    func categories(limit: Int, offset: Int) async throws -> [Category] {
        try await get([Category].self, "/food/categories", query: page(limit, offset))
    }

    func category(_ id: UUID) async throws -> Category {
        try await get(Category.self, "/food/categories/\(Self.path(id))")
    }

    func createCategory(_ input: CategoryInput) async throws -> Category {
        try await post(Category.self, "/food/categories", input)
    }

    func deleteCategory(_ id: UUID) async throws { _ = try await send(.DELETE, "/food/categories/\(Self.path(id))") }

    func restaurants(limit: Int, offset: Int) async throws -> [Restaurant] {
        try await get([Restaurant].self, "/food/restaurants", query: page(limit, offset))
    }

    func restaurant(_ id: UUID) async throws -> Restaurant { try await get(Restaurant.self, "/food/restaurants/\(Self.path(id))") }

    func createRestaurant(_ input: RestaurantInput) async throws -> Restaurant {
        try await post(Restaurant.self, "/food/restaurants", input)
    }

    func deleteRestaurant(_ id: UUID) async throws { _ = try await send(.DELETE, "/food/restaurants/\(Self.path(id))") }

    func foods(limit: Int, offset: Int, category: UUID?) async throws -> [Food] {
        try await get([Food].self, "/food/foods", query: page(limit, offset) + (category.map { [("category_id", Self.path($0))] } ?? []))
    }

    func food(_ id: UUID) async throws -> Food { try await get(Food.self, "/food/foods/\(Self.path(id))") }

    func createFood(_ input: FoodInput) async throws -> Food { try await post(Food.self, "/food/foods", input) }

    func deleteFood(_ id: UUID) async throws { _ = try await send(.DELETE, "/food/foods/\(Self.path(id))") }

    func menu(limit: Int, offset: Int, restaurant: UUID?) async throws -> [MenuItem] {
        guard let restaurant else { return try await get([MenuItem].self, "/food/menu", query: page(limit, offset)) }
        // The route answers [] for an unknown restaurant; a typo should not look like an empty menu.
        _ = try await self.restaurant(restaurant)
        return try await get([MenuItem].self, "/food/menu/restaurants/\(Self.path(restaurant))", query: page(limit, offset))
    }

    func menuItem(_ id: UUID) async throws -> MenuItem { try await get(MenuItem.self, "/food/menu/\(Self.path(id))") }

    func createMenuItem(_ input: MenuItemInput) async throws -> MenuItemCreated {
        try await post(MenuItemCreated.self, "/food/menu", input)
    }

    func updateMenuPrice(_ id: UUID, price: Decimal) async throws -> MenuItem {
        try http.decode(MenuItem.self, from: try await send(.PATCH, "/food/menu/\(Self.path(id))", json: MenuPriceInput(price: price)))
    }

    func deleteMenuItem(_ id: UUID) async throws { _ = try await send(.DELETE, "/food/menu/\(Self.path(id))") }

    func orders(_ filter: OrderFilter, limit: Int, offset: Int) async throws -> [Order] {
        var query = page(limit, offset)
        if let id = filter.userID { query.append(("user_id", Self.path(id))) }
        if let id = filter.restaurantID { query.append(("restaurant_id", Self.path(id))) }
        if let status = filter.status { query.append(("status", status.rawValue)) }
        return try await get([Order].self, "/food/orders", query: query)
    }

    func order(_ id: UUID) async throws -> Order { try await get(Order.self, "/food/orders/\(Self.path(id))") }

    func placeOrder(_ input: OrderInput, user: UUID?, idempotencyKey: String?) async throws -> (order: Order, replayed: Bool) {
        let reply = try await send(.POST, "/food/orders", headers: idempotencyKey.map { [("Idempotency-Key", $0)] } ?? [], json: input)
        return (try http.decode(Order.self, from: reply), reply.headers.first(name: "Idempotent-Replayed") == "true")
    }

    func changeStatus(_ id: UUID, to target: OrderStatus?) async throws -> Order {
        switch target {
        case nil: try await post(Order.self, "/food/orders/\(Self.path(id))/advance")
        case .cancelled?: try await post(Order.self, "/food/orders/\(Self.path(id))/cancel")
        case let status?: try await post(Order.self, "/food/orders/\(Self.path(id))/status", StatusInput(status: status))
        }
    }
}

/// Maintenance mode: the food library against the primary database and the order shards, acting as an admin. Orders
/// are placed for the `--user-id` the command names, whose account must be active (``MaintenanceAccounts``). The
/// store announces every change to the live clients of the running instances (``LiveClientAnnouncer``).
struct MaintenanceFoodBackend: FoodBackend {
    let catalogue: CatalogueStore
    let orders: OrderStore

    /// The operator: an admin who is nobody in particular (the nil UUID places no order).
    static let operatorActor = FoodActor(userID: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), role: .admin)

    func categories(limit: Int, offset: Int) async throws -> [Category] {
        try await catalogue.categories(limit: limit, offset: offset)
    }

    func category(_ id: UUID) async throws -> Category { try await catalogue.category(id) }
    func createCategory(_ input: CategoryInput) async throws -> Category { try await catalogue.createCategory(input) }
    func deleteCategory(_ id: UUID) async throws { try await catalogue.deleteCategory(id) }

    func restaurants(limit: Int, offset: Int) async throws -> [Restaurant] { try await catalogue.restaurants(limit: limit, offset: offset) }
    func restaurant(_ id: UUID) async throws -> Restaurant { try await catalogue.restaurant(id) }
    func createRestaurant(_ input: RestaurantInput) async throws -> Restaurant { try await catalogue.createRestaurant(input) }
    func deleteRestaurant(_ id: UUID) async throws { try await catalogue.deleteRestaurant(id) }

    func foods(limit: Int, offset: Int, category: UUID?) async throws -> [Food] {
        try await catalogue.foods(limit: limit, offset: offset, categoryID: category)
    }

    func food(_ id: UUID) async throws -> Food { try await catalogue.food(id) }
    func createFood(_ input: FoodInput) async throws -> Food { try await catalogue.createFood(input) }
    func deleteFood(_ id: UUID) async throws { try await catalogue.deleteFood(id) }

    func menu(limit: Int, offset: Int, restaurant: UUID?) async throws -> [MenuItem] {
        if let restaurant { _ = try await catalogue.restaurant(restaurant) }
        return try await catalogue.menu(limit: limit, offset: offset, restaurantID: restaurant)
    }

    func menuItem(_ id: UUID) async throws -> MenuItem { try await catalogue.menuItem(id) }
    func createMenuItem(_ input: MenuItemInput) async throws -> MenuItemCreated { try await catalogue.createMenuItem(input) }

    func updateMenuPrice(_ id: UUID, price: Decimal) async throws -> MenuItem {
        try await catalogue.updateMenuPrice(id, MenuPriceInput(price: price))
    }

    func deleteMenuItem(_ id: UUID) async throws { try await catalogue.deleteMenuItem(id) }

    func orders(_ filter: OrderFilter, limit: Int, offset: Int) async throws -> [Order] {
        try await orders.orders(filter, limit: limit, offset: offset, for: Self.operatorActor)
    }

    func order(_ id: UUID) async throws -> Order { try await orders.order(id, for: Self.operatorActor) }

    func placeOrder(_ input: OrderInput, user: UUID?, idempotencyKey: String?) async throws -> (order: Order, replayed: Bool) {
        guard let user else { throw CLIError.usage("maintenance mode has no signed-in user: pass --user-id UUID") }
        return try await orders.placeOrder(input, by: FoodActor(userID: user, role: .user), idempotencyKey: idempotencyKey)
    }

    func changeStatus(_ id: UUID, to target: OrderStatus?) async throws -> Order {
        try await orders.changeStatus(id, to: target, by: Self.operatorActor).order
    }
}

/// Where the store's order events go in maintenance mode: the instances' Redis channel when `REDIS_URL` is set, so
/// their live clients see the change as if an instance had made it. The change is made either way; failing to
/// announce it is a warning, not an error.
struct LiveClientAnnouncer: OrderEventSink {
    let redisURL: String?
    let context: CommandContext

    func orderChanged(_ event: OrderEvent) async {
        guard let redisURL else {
            context.message("note: live clients were not told (no REDIS_URL / --redis-url to reach the running instances)")
            return
        }
        do {
            try await OrderEventPublisher.publish(event, redisURL: redisURL, logger: context.logger)
        } catch {
            context.message("warning: live clients were not told: cannot publish to Redis: \(ServiceHTTPClient.reason(error))")
        }
    }
}
