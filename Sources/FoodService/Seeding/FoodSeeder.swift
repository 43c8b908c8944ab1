import Foundation
import Logging
import PostgresNIO
import ServiceCore

/// Loads the food fixtures (`fixtures/food/*.json`: categories, foods, restaurants with their menus) into the primary
/// database, idempotently: every row's id is derived from its fixture key, every insert is `ON CONFLICT DO NOTHING`,
/// and the whole load is one transaction, so a second run adds nothing and a failed run leaves nothing behind.
public struct FoodSeeder: Sendable {
    public struct CategoryFixture: Codable, Sendable {
        public var key: String
        public var name: String
        public var description: String?
    }

    public struct FoodFixture: Codable, Sendable {
        public var key: String
        public var name: String
        public var description: String?
        public var price: Decimal
        public var category: String
        public var isVegetarian: Bool
        public var imageURL: String?

        enum CodingKeys: String, CodingKey {
            case key, name, description, price, category
            case isVegetarian = "is_vegetarian", imageURL = "image_url"
        }
    }

    public struct RestaurantFixture: Codable, Sendable {
        public var key: String
        public var name: String
        public var description: String?
        public var address: String
        public var restaurantType: String
        public var imageURL: String?
        public var menu: [MenuFixture]

        enum CodingKeys: String, CodingKey {
            case key, name, description, address, menu
            case restaurantType = "restaurant_type", imageURL = "image_url"
        }
    }

    /// One dish on a restaurant's menu; the category defaults to the food's own, the price to its list price.
    public struct MenuFixture: Codable, Sendable {
        public var food: String
        public var category: String?
        public var price: Decimal?
    }

    public struct Fixtures: Sendable {
        public var categories: [CategoryFixture]
        public var foods: [FoodFixture]
        public var restaurants: [RestaurantFixture]

        /// Reads `categories.json`, `foods.json` and `restaurants.json` from `directory`, and checks that every key a
        /// fixture names exists and every value is one the service would accept.
        public static func load(from directory: URL) throws -> Fixtures {
            func read<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
                try decodeJSONFile(type, at: directory.appendingPathComponent(name))
            }
            let fixtures = Fixtures(
                categories: try read("categories.json", as: [CategoryFixture].self), foods: try read("foods.json", as: [FoodFixture].self),
                restaurants: try read("restaurants.json", as: [RestaurantFixture].self))
            try fixtures.validate()
            return fixtures
        }

        func validate() throws {
            for (kind, keys) in [
                ("category", categories.map(\.key)), ("food", foods.map(\.key)), ("restaurant", restaurants.map(\.key)),
            ] where Set(keys).count != keys.count {
                throw ConfigurationError("food fixtures: duplicate \(kind) keys")
            }
            let categoryKeys = Set(categories.map(\.key))
            let foodsByKey = Dictionary(uniqueKeysWithValues: foods.map { ($0.key, $0) })
            func check(_ what: String, _ body: () throws -> Void) throws {
                do { try body() } catch let error as APIError { throw ConfigurationError("food fixtures: \(what): \(error)") }
            }
            for category in categories {
                try check("category \(category.key)") {
                    try CategoryInput(name: category.name, slug: category.key, description: category.description).validate()
                }
            }
            for food in foods {
                guard categoryKeys.contains(food.category) else {
                    throw ConfigurationError("food fixtures: food \(food.key) names unknown category \(food.category)")
                }
                try check("food \(food.key)") {
                    try FoodInput(
                        name: food.name, description: food.description, price: food.price, imageURL: food.imageURL,
                        isVegetarian: food.isVegetarian, categoryID: UUID()
                    ).validate()
                }
            }
            for restaurant in restaurants {
                try check("restaurant \(restaurant.key)") {
                    try RestaurantInput(
                        name: restaurant.name, description: restaurant.description, address: restaurant.address,
                        restaurantType: restaurant.restaurantType, imageURL: restaurant.imageURL
                    ).validate()
                }
                var seen: Set<String> = []
                for item in restaurant.menu {
                    guard let food = foodsByKey[item.food] else {
                        throw ConfigurationError("food fixtures: restaurant \(restaurant.key) lists unknown food \(item.food)")
                    }
                    let category = item.category ?? food.category
                    guard categoryKeys.contains(category) else {
                        throw ConfigurationError("food fixtures: restaurant \(restaurant.key) uses unknown category \(category)")
                    }
                    guard seen.insert("\(item.food)/\(category)").inserted else {
                        throw ConfigurationError("food fixtures: restaurant \(restaurant.key) lists \(item.food) twice in \(category)")
                    }
                    try check("restaurant \(restaurant.key), \(item.food)") {
                        try MenuItemInput(restaurantID: UUID(), foodID: UUID(), categoryID: UUID(), price: item.price ?? food.price).validate()
                    }
                }
            }
        }
    }

    public struct Report: Codable, Sendable {
        public var categories: Count
        public var foods: Count
        public var restaurants: Count
        public var menuItems: Count
        public var seconds: Double

        public struct Count: Codable, Sendable {
            public var inserted: Int
            public var total: Int
        }

        enum CodingKeys: String, CodingKey {
            case categories, foods, restaurants, seconds
            case menuItems = "menu_items"
        }
    }

    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    static func id(_ kind: String, _ key: String) -> UUID { StableID.make("food-\(kind)", key) }

    /// Loads `fixtures` in one transaction.
    public func seed(_ fixtures: Fixtures) async throws -> Report {
        let started = ContinuousClock.now
        struct CategoryRow: Encodable { var id: UUID, name: String, slug: String, description: String? }
        struct FoodRow: Encodable {
            var id: UUID, name: String, description: String?, price: String, image_url: String?, is_vegetarian: Bool, category_id: UUID
        }
        struct RestaurantRow: Encodable {
            var id: UUID, name: String, description: String?, address: String, restaurant_type: String, image_url: String?
        }
        struct MenuRow: Encodable { var id: UUID, restaurant_id: UUID, food_id: UUID, category_id: UUID, price: String }

        let categories = fixtures.categories.map {
            CategoryRow(id: Self.id("category", $0.key), name: $0.name, slug: $0.key, description: $0.description)
        }
        let foods = fixtures.foods.map {
            FoodRow(
                id: Self.id("food", $0.key), name: $0.name, description: $0.description, price: "\($0.price)", image_url: $0.imageURL,
                is_vegetarian: $0.isVegetarian, category_id: Self.id("category", $0.category))
        }
        let restaurants = fixtures.restaurants.map {
            RestaurantRow(
                id: Self.id("restaurant", $0.key), name: $0.name, description: $0.description, address: $0.address,
                restaurant_type: $0.restaurantType, image_url: $0.imageURL)
        }
        let foodsByKey = Dictionary(uniqueKeysWithValues: fixtures.foods.map { ($0.key, $0) })
        let menu = fixtures.restaurants.flatMap { restaurant in
            restaurant.menu.map { item in
                let food = foodsByKey[item.food]!
                let category = item.category ?? food.category
                return MenuRow(
                    id: Self.id("menu", "\(restaurant.key)/\(item.food)/\(category)"), restaurant_id: Self.id("restaurant", restaurant.key),
                    food_id: Self.id("food", item.food), category_id: Self.id("category", category), price: "\(item.price ?? food.price)")
            }
        }
        func json(_ rows: some Encodable) throws -> String { String(decoding: try JSONEncoder().encode(rows), as: UTF8.self) }
        let (categoryJSON, foodJSON, restaurantJSON, menuJSON) = (try json(categories), try json(foods), try json(restaurants), try json(menu))

        let counts = try await client.withTransaction(logger: logger) { conn -> [Int] in
            func count(_ query: PostgresQuery) async throws -> Int {
                var n = 0
                for try await _ in try await conn.query(query, logger: logger) { n += 1 }
                return n
            }
            return [
                try await count(
                    """
                    INSERT INTO categories (id, name, slug, description)
                    SELECT id, name, slug, description FROM json_to_recordset(\(categoryJSON)::json)
                        AS r(id uuid, name text, slug text, description text)
                    ON CONFLICT (id) DO NOTHING RETURNING 1
                    """),
                try await count(
                    """
                    INSERT INTO foods (id, name, description, price, image_url, is_vegetarian, category_id)
                    SELECT id, name, description, price, image_url, is_vegetarian, category_id FROM json_to_recordset(\(foodJSON)::json)
                        AS r(id uuid, name text, description text, price numeric, image_url text, is_vegetarian boolean, category_id uuid)
                    ON CONFLICT (id) DO NOTHING RETURNING 1
                    """),
                try await count(
                    """
                    INSERT INTO restaurants (id, name, description, address, restaurant_type, image_url)
                    SELECT id, name, description, address, restaurant_type, image_url FROM json_to_recordset(\(restaurantJSON)::json)
                        AS r(id uuid, name text, description text, address text, restaurant_type text, image_url text)
                    ON CONFLICT (id) DO NOTHING RETURNING 1
                    """),
                // A dish an operator already put on that menu by hand (same restaurant, food and category) is left alone.
                try await count(
                    """
                    INSERT INTO menu_items (id, restaurant_id, food_id, category_id, price)
                    SELECT id, restaurant_id, food_id, category_id, price FROM json_to_recordset(\(menuJSON)::json)
                        AS r(id uuid, restaurant_id uuid, food_id uuid, category_id uuid, price numeric)
                    ON CONFLICT DO NOTHING RETURNING 1
                    """),
            ]
        }
        let elapsed = started.duration(to: .now)
        return Report(
            categories: .init(inserted: counts[0], total: categories.count), foods: .init(inserted: counts[1], total: foods.count),
            restaurants: .init(inserted: counts[2], total: restaurants.count), menuItems: .init(inserted: counts[3], total: menu.count),
            seconds: elapsed.seconds)
    }
}
