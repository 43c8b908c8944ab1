import Foundation
import Logging
import PostgresNIO
import ServiceCore
import Synchronization

/// The food catalogue on the primary database: categories, restaurants, foods and menu items. HTTP routes and
/// `mscli food --maintenance` both go through it. Lists are newest first, as the seed returned them.
public struct CatalogueStore: Sendable {
    public let client: PostgresClient
    let logger: Logger
    let deadline: Duration
    /// What orders copy from menu items (name, price, restaurant), kept for a short time (see ``PriceCache``).
    let prices: PriceCache
    /// Fails calls at once while the database is down (the service's; mscli's maintenance mode has none).
    let gate: DatabaseGate
    /// The replica pool the catalogue lists may read from (`DATABASE_READ_URL`); nil: every read on `client`.
    let reads: ReplicaReads?

    /// `priceCacheTTL`: how long an order may use a menu item's name and price read by an earlier order; a write
    /// through this store clears them at once, one through another instance shows within it. Zero reads every time.
    public init(
        client: PostgresClient, logger: Logger, deadline: Duration = .seconds(10), priceCacheTTL: Duration = .zero,
        gate: DatabaseGate = .unguarded, reads: ReplicaReads? = nil
    ) {
        self.reads = reads
        self.client = client
        self.logger = logger
        self.deadline = deadline
        self.prices = PriceCache(ttl: priceCacheTTL)
        self.gate = gate
    }

    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await gate.run(deadline: deadline) { try await client.rows(query, logger: logger) }
    }

    /// The rows of a catalogue list (the lists the routes cache): from the replica pool when ``ReplicaReads`` routes
    /// there, else from the primary.
    func listRows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        guard let reads else { return try await rows(query) }
        return try await reads.rows(query, deadline: deadline) { try await rows(query) }
    }

    /// A catalogue write: the statement, then the cached prices go (whatever the outcome).
    func write(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        defer { prices.invalidate() }
        return try await rows(query)
    }

    // MARK: categories

    public func createCategory(_ input: CategoryInput) async throws -> Category {
        try input.validate()
        let rows = try await write(
            """
            INSERT INTO categories AS c (name, slug, description) VALUES (\(input.name), \(input.slug), \(input.description))
            RETURNING \(unescaped: FoodColumns.category)
            """)
        var c = Cells(rows[0])
        return try FoodColumns.category(&c)
    }

    /// `slug`: only categories with that slug (any case); `name`: only those of that name (any case). How mscli
    /// resolves a category named on its command line; neither is unique, so this can answer several.
    public func categories(limit: Int, offset: Int, slug: String? = nil, name: String? = nil) async throws -> [Category] {
        try await listRows(
            """
            SELECT \(unescaped: FoodColumns.category) FROM categories c
            WHERE (\(slug)::text IS NULL OR lower(c.slug) = lower(\(slug)))
              AND (\(name)::text IS NULL OR lower(c.name) = lower(\(name)))
            ORDER BY c.created_at DESC, c.id DESC LIMIT \(limit) OFFSET \(offset)
            """
        ).map { row in
            var c = Cells(row)
            return try FoodColumns.category(&c)
        }
    }

    public func category(_ id: UUID) async throws -> Category {
        guard let row = try await rows("SELECT \(unescaped: FoodColumns.category) FROM categories c WHERE c.id = \(id)").first else {
            throw APIError.notFound("Category not found")
        }
        var c = Cells(row)
        return try FoodColumns.category(&c)
    }

    public func deleteCategory(_ id: UUID) async throws {
        try await delete("categories", id: id, missing: "Category not found",
            inUse: "Category has foods or menu items; delete or move them before deleting the category")
    }

    // MARK: restaurants

    public func createRestaurant(_ input: RestaurantInput) async throws -> Restaurant {
        try input.validate()
        let rows = try await write(
            """
            INSERT INTO restaurants AS r (name, description, address, restaurant_type, image_url)
            VALUES (\(input.name), \(input.description), \(input.address), \(input.restaurantType), \(input.imageURL))
            RETURNING \(unescaped: FoodColumns.restaurant)
            """)
        var c = Cells(rows[0])
        return try FoodColumns.restaurant(&c)
    }

    /// `name`: only restaurants of that name (any case): how mscli resolves a restaurant's name.
    public func restaurants(limit: Int, offset: Int, name: String? = nil) async throws -> [Restaurant] {
        try await listRows(
            """
            SELECT \(unescaped: FoodColumns.restaurant) FROM restaurants r
            WHERE (\(name)::text IS NULL OR lower(r.name) = lower(\(name)))
            ORDER BY r.created_at DESC, r.id DESC LIMIT \(limit) OFFSET \(offset)
            """
        ).map { row in
            var c = Cells(row)
            return try FoodColumns.restaurant(&c)
        }
    }

    public func restaurant(_ id: UUID) async throws -> Restaurant {
        guard let row = try await rows("SELECT \(unescaped: FoodColumns.restaurant) FROM restaurants r WHERE r.id = \(id)").first else {
            throw APIError.notFound("Restaurant not found")
        }
        var c = Cells(row)
        return try FoodColumns.restaurant(&c)
    }

    public func deleteRestaurant(_ id: UUID) async throws {
        try await delete("restaurants", id: id, missing: "Restaurant not found",
            inUse: "Restaurant has menu items; delete them before deleting the restaurant")
    }

    // MARK: foods

    public func createFood(_ input: FoodInput) async throws -> Food {
        try input.validate()
        do {
            let rows = try await write(
                """
                WITH f AS (
                    INSERT INTO foods (name, description, price, image_url, is_vegetarian, category_id)
                    VALUES (\(input.name), \(input.description), \(input.price.description)::numeric, \(input.imageURL),
                            \(input.isVegetarian ?? false), \(input.categoryID))
                    RETURNING *
                )
                SELECT \(unescaped: FoodColumns.food) FROM f JOIN categories c ON c.id = f.category_id
                """)
            var c = Cells(rows[0])
            return try FoodColumns.food(&c)
        } catch where PostgresErrorText.sqlState(error) == "23503" {
            throw APIError.notFound("Category not found")
        }
    }

    /// `name`: only foods of that name (any case): how mscli resolves a food's name.
    public func foods(limit: Int, offset: Int, categoryID: UUID? = nil, name: String? = nil) async throws -> [Food] {
        try await listRows(
            """
            SELECT \(unescaped: FoodColumns.food) FROM foods f JOIN categories c ON c.id = f.category_id
            WHERE (\(categoryID)::uuid IS NULL OR f.category_id = \(categoryID))
              AND (\(name)::text IS NULL OR lower(f.name) = lower(\(name)))
            ORDER BY f.created_at DESC, f.id DESC LIMIT \(limit) OFFSET \(offset)
            """
        ).map { row in
            var c = Cells(row)
            return try FoodColumns.food(&c)
        }
    }

    public func food(_ id: UUID) async throws -> Food {
        guard
            let row = try await rows(
                "SELECT \(unescaped: FoodColumns.food) FROM foods f JOIN categories c ON c.id = f.category_id WHERE f.id = \(id)"
            ).first
        else { throw APIError.notFound("Food not found") }
        var c = Cells(row)
        return try FoodColumns.food(&c)
    }

    public func deleteFood(_ id: UUID) async throws {
        try await delete("foods", id: id, missing: "Food not found", inUse: "Food is on a menu; delete its menu items first")
    }

    // MARK: menu

    public func createMenuItem(_ input: MenuItemInput) async throws -> MenuItemCreated {
        try input.validate()
        do {
            let rows = try await write(
                """
                INSERT INTO menu_items (restaurant_id, food_id, category_id, price)
                VALUES (\(input.restaurantID), \(input.foodID), \(input.categoryID), \(input.price.description)::numeric)
                RETURNING id, restaurant_id, food_id, category_id, price::text, created_at, updated_at
                """)
            var c = Cells(rows[0])
            return MenuItemCreated(
                id: try c.next(), restaurantID: try c.next(), foodID: try c.next(), categoryID: try c.next(), price: try c.decimal(),
                createdAt: try c.next(), updatedAt: try c.next())
        } catch where PostgresErrorText.sqlState(error) == "23505" {
            throw APIError.conflict("Menu already exists: this restaurant already lists this food in this category")
        } catch where PostgresErrorText.sqlState(error) == "23503" {
            let missing: String =
                switch PostgresErrorText.constraint(error) {
                case "menu_items_restaurant_id_fkey": "Restaurant not found"
                case "menu_items_food_id_fkey": "Food not found"
                default: "Category not found"
                }
            throw APIError.notFound(missing)
        }
    }

    /// `foodName`: only items selling a food of that name (any case): how mscli resolves a menu item named by its
    /// dish (with `restaurantID`, the dish at one restaurant).
    public func menu(limit: Int, offset: Int, restaurantID: UUID? = nil, foodName: String? = nil) async throws -> [MenuItem] {
        try await listRows(
            """
            SELECT \(unescaped: FoodColumns.menuItem) FROM \(unescaped: FoodColumns.menuItemFrom)
            WHERE (\(restaurantID)::uuid IS NULL OR m.restaurant_id = \(restaurantID))
              AND (\(foodName)::text IS NULL OR lower(f.name) = lower(\(foodName)))
            ORDER BY m.created_at DESC, m.id DESC LIMIT \(limit) OFFSET \(offset)
            """
        ).map { row in
            var c = Cells(row)
            return try FoodColumns.menuItem(&c)
        }
    }

    public func menuItem(_ id: UUID) async throws -> MenuItem {
        guard
            let row = try await rows(
                "SELECT \(unescaped: FoodColumns.menuItem) FROM \(unescaped: FoodColumns.menuItemFrom) WHERE m.id = \(id)"
            ).first
        else { throw APIError.notFound("Menu item not found") }
        var c = Cells(row)
        return try FoodColumns.menuItem(&c)
    }

    public func updateMenuPrice(_ id: UUID, _ input: MenuPriceInput) async throws -> MenuItem {
        var check = FieldCheck()
        check.price("price", input.price)
        try check.finish()
        let updated = try await write(
            "UPDATE menu_items SET price = \(input.price.description)::numeric, updated_at = now() WHERE id = \(id) RETURNING id")
        guard !updated.isEmpty else { throw APIError.notFound("Menu item not found") }
        return try await menuItem(id)
    }

    public func deleteMenuItem(_ id: UUID) async throws {
        try await delete("menu_items", id: id, missing: "Menu item not found", inUse: "Menu item cannot be deleted")
    }

    /// The menu items an order names, with what the order copies from them; ids not found are simply absent.
    /// Served from ``PriceCache`` when every id is there; otherwise read (the ids found are then cached).
    func priced(_ ids: [UUID]) async throws -> [UUID: PricedMenuItem] {
        if let cached = prices.lookup(ids) { return cached }
        let generation = prices.generation
        let items = try await pricedFromDatabase(ids)
        prices.store(items.values, readAt: generation)
        return items
    }

    private func pricedFromDatabase(_ ids: [UUID]) async throws -> [UUID: PricedMenuItem] {
        let rows = try await rows(
            """
            SELECT m.id, m.restaurant_id, f.name, m.price::text FROM menu_items m JOIN foods f ON f.id = m.food_id
            WHERE m.id = ANY(\(ids))
            """)
        var items: [UUID: PricedMenuItem] = [:]
        for row in rows {
            var c = Cells(row)
            let item = PricedMenuItem(id: try c.next(), restaurantID: try c.next(), name: try c.next(), price: try c.decimal())
            items[item.id] = item
        }
        return items
    }

    private func delete(_ table: String, id: UUID, missing: String, inUse: String) async throws {
        do {
            let deleted = try await write("DELETE FROM \(unescaped: table) WHERE id = \(id) RETURNING id")
            if deleted.isEmpty { throw APIError.notFound(missing) }
        } catch where PostgresErrorText.sqlState(error) == "23503" {
            throw APIError.conflict(inUse)
        }
    }
}

/// What an order line copies from the catalogue.
struct PricedMenuItem: Sendable, Equatable {
    var id: UUID
    var restaurantID: UUID
    var name: String
    var price: Decimal
}

/// Menu items as orders copy them, for `ttl` after they were read: placing an order then needs no catalogue query
/// (the primary database is read once per item and window instead of once per order). Only items found are kept,
/// so an id that was unknown is looked up again next time. ``CatalogueStore`` clears it on every catalogue write;
/// a read that started before a write is not stored after it (the generation moved on).
final class PriceCache: Sendable {
    private struct State {
        var items: [UUID: (item: PricedMenuItem, expires: ContinuousClock.Instant)] = [:]
        var generation = 0
    }

    let ttl: Duration
    private let state = Mutex(State())
    static let maximumEntries = 100_000

    init(ttl: Duration) { self.ttl = ttl }

    var generation: Int { state.withLock { $0.generation } }

    /// Every id's item, or nil when one of them is missing or expired.
    func lookup(_ ids: [UUID]) -> [UUID: PricedMenuItem]? {
        guard ttl > .zero else { return nil }
        let now = ContinuousClock.now
        return state.withLock { state in
            var found: [UUID: PricedMenuItem] = [:]
            for id in ids {
                guard let entry = state.items[id], entry.expires > now else { return nil }
                found[id] = entry.item
            }
            return found
        }
    }

    func store(_ items: some Sequence<PricedMenuItem>, readAt generation: Int) {
        guard ttl > .zero else { return }
        let expires = ContinuousClock.now + ttl
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.items.count >= Self.maximumEntries { state.items.removeAll(keepingCapacity: true) }
            for item in items { state.items[item.id] = (item, expires) }
        }
    }

    func invalidate() {
        state.withLock { state in
            state.items.removeAll(keepingCapacity: true)
            state.generation += 1
        }
    }
}

/// Column lists and their decoders.
enum FoodColumns {
    static let category = "c.id, c.name, c.slug, c.description, c.created_at, c.updated_at"

    static func category(_ c: inout Cells) throws -> Category {
        Category(
            id: try c.next(), name: try c.next(), slug: try c.next(), description: try c.next(), createdAt: try c.next(),
            updatedAt: try c.next())
    }

    static let restaurant = "r.id, r.name, r.description, r.address, r.restaurant_type, r.image_url, r.created_at, r.updated_at"

    static func restaurant(_ c: inout Cells) throws -> Restaurant {
        Restaurant(
            id: try c.next(), name: try c.next(), description: try c.next(), address: try c.next(), restaurantType: try c.next(),
            imageURL: try c.next(), createdAt: try c.next(), updatedAt: try c.next())
    }

    static let food = "f.id, f.name, f.description, f.price::text, f.image_url, f.is_vegetarian, f.created_at, f.updated_at, \(category)"

    static func food(_ c: inout Cells) throws -> Food {
        Food(
            id: try c.next(), name: try c.next(), description: try c.next(), price: try c.decimal(), imageURL: try c.next(),
            isVegetarian: try c.next(), createdAt: try c.next(), updatedAt: try c.next(), category: try category(&c))
    }

    static let menuItem = "m.id, m.restaurant_id, m.category_id, m.price::text, m.created_at, m.updated_at, \(food), \(restaurant)"

    static let menuItemFrom = """
        menu_items m JOIN foods f ON f.id = m.food_id JOIN categories c ON c.id = f.category_id
        JOIN restaurants r ON r.id = m.restaurant_id
        """

    static func menuItem(_ c: inout Cells) throws -> MenuItem {
        MenuItem(
            id: try c.next(), restaurantID: try c.next(), categoryID: try c.next(), price: try c.decimal(), createdAt: try c.next(),
            updatedAt: try c.next(), food: try food(&c), restaurant: try restaurant(&c))
    }
}
