import Foundation
import ServiceCore

/// Request bodies. Each is decoded, then checked field by field; a failure is a 422 naming the field (the seed let
/// the database reject bad values with a 500).

/// The text limits of the food catalogue, as the OpenAPI document states them (`varchar(100)` columns are 100).
public enum FoodLimits {
    public static let name = TextLimit.name(100)
    public static let slug = TextLimit.name(100)
    /// The column's CHECK: 1 to 500 characters when present.
    public static let categoryDescription = TextLimit(maxLength: 500, minLength: 1, multiline: true)
    public static let description = TextLimit.prose(2000)
    public static let address = TextLimit.name(500)
    public static let imageURL = TextLimit.line(2048)
    /// An admin's broadcast to every connected client.
    public static let broadcast = TextLimit.name(1000)
}
public struct CategoryInput: Codable, Sendable, ValidatedBody {
    public var name: String
    public var slug: String
    public var description: String?

    public init(name: String, slug: String, description: String? = nil) {
        self.name = name
        self.slug = slug
        self.description = description
    }

    public func validate() throws {
        var check = FieldCheck()
        check.text("name", name, FoodLimits.name)
        check.text("slug", slug, FoodLimits.slug)
        check.text("description", description, FoodLimits.categoryDescription)
        try check.finish()
    }
}

public struct RestaurantInput: Codable, Sendable, ValidatedBody {
    public var name: String
    public var description: String?
    public var address: String
    public var restaurantType: String
    public var imageURL: String?

    enum CodingKeys: String, CodingKey {
        case name, description, address
        case restaurantType = "restaurant_type", imageURL = "image_url"
    }

    public init(name: String, description: String?, address: String, restaurantType: String, imageURL: String?) {
        self.name = name
        self.description = description
        self.address = address
        self.restaurantType = restaurantType
        self.imageURL = imageURL
    }

    public func validate() throws {
        var check = FieldCheck()
        check.text("name", name, FoodLimits.name)
        check.text("description", description, FoodLimits.description)
        check.text("address", address, FoodLimits.address)
        check.text("restaurant_type", restaurantType, FoodLimits.name)
        check.text("image_url", imageURL, FoodLimits.imageURL)
        try check.finish()
    }
}

public struct FoodInput: Codable, Sendable, ValidatedBody {
    public var name: String
    public var description: String?
    public var price: Decimal
    public var imageURL: String?
    public var isVegetarian: Bool?
    public var categoryID: UUID

    enum CodingKeys: String, CodingKey {
        case name, description, price
        case imageURL = "image_url", isVegetarian = "is_vegetarian", categoryID = "category_id"
    }

    public init(name: String, description: String?, price: Decimal, imageURL: String?, isVegetarian: Bool?, categoryID: UUID) {
        self.name = name
        self.description = description
        self.price = price
        self.imageURL = imageURL
        self.isVegetarian = isVegetarian
        self.categoryID = categoryID
    }

    public func validate() throws {
        var check = FieldCheck()
        check.text("name", name, FoodLimits.name)
        check.text("description", description, FoodLimits.description)
        check.text("image_url", imageURL, FoodLimits.imageURL)
        check.price("price", price)
        try check.finish()
    }
}

public struct MenuItemInput: Codable, Sendable, ValidatedBody {
    public var restaurantID: UUID
    public var foodID: UUID
    public var categoryID: UUID
    public var price: Decimal

    enum CodingKeys: String, CodingKey {
        case price
        case restaurantID = "restaurant_id", foodID = "food_id", categoryID = "category_id"
    }

    public init(restaurantID: UUID, foodID: UUID, categoryID: UUID, price: Decimal) {
        self.restaurantID = restaurantID
        self.foodID = foodID
        self.categoryID = categoryID
        self.price = price
    }

    public func validate() throws {
        var check = FieldCheck()
        check.price("price", price)
        try check.finish()
    }
}

/// `PATCH /food/menu/{id}`: a new price.
public struct MenuPriceInput: Codable, Sendable, ValidatedBody {
    public var price: Decimal

    public init(price: Decimal) { self.price = price }

    public func validate() throws {
        var check = FieldCheck()
        check.price("price", price)
        try check.finish()
    }
}

/// An order: `items` with a quantity each, or the seed's shape, `menu_ids` with one `quantity` for every line. The
/// same menu item named twice is one line with the quantities added.
public struct OrderInput: Codable, Sendable, ValidatedBody {
    public struct Item: Codable, Sendable, Equatable {
        public var menuID: UUID
        public var quantity: Int

        enum CodingKeys: String, CodingKey {
            case quantity
            case menuID = "menu_id"
        }

        public init(menuID: UUID, quantity: Int) {
            self.menuID = menuID
            self.quantity = quantity
        }
    }

    public var items: [Item]?
    public var menuIDs: [UUID]?
    public var quantity: Int?

    enum CodingKeys: String, CodingKey {
        case items, quantity
        case menuIDs = "menu_ids"
    }

    public init(items: [Item]) { self.items = items }

    public init(menuIDs: [UUID], quantity: Int) {
        self.menuIDs = menuIDs
        self.quantity = quantity
    }

    static let maximumLines = 50
    static let quantityRange = 1...100

    public func validate() throws { _ = try lines() }

    /// The lines to order, merged by menu item in first-seen order.
    func lines() throws -> [Item] {
        var requested: [Item] = []
        if let items {
            guard menuIDs == nil else {
                throw APIError.invalid(["body"], "Send either items or menu_ids with quantity, not both")
            }
            for (index, item) in items.enumerated() where !Self.quantityRange.contains(item.quantity) {
                throw APIError.invalid(["body", "items", "\(index)", "quantity"], "Input should be from 1 to 100", type: "value_error")
            }
            requested = items
        } else if let menuIDs {
            let quantity = self.quantity ?? 1
            guard Self.quantityRange.contains(quantity) else {
                throw APIError.invalid(["body", "quantity"], "Input should be from 1 to 100", type: "value_error")
            }
            requested = menuIDs.map { Item(menuID: $0, quantity: quantity) }
        } else {
            throw APIError.invalid(["body", "items"], "Field required", type: "missing")
        }
        var merged: [Item] = []
        var position: [UUID: Int] = [:]
        for item in requested {
            if let index = position[item.menuID] {
                merged[index].quantity += item.quantity
            } else {
                position[item.menuID] = merged.count
                merged.append(item)
            }
        }
        guard !merged.isEmpty else { throw APIError.invalid(["body", "items"], "An order needs at least one item", type: "too_short") }
        guard merged.count <= Self.maximumLines else {
            throw APIError.invalid(["body", "items"], "An order has at most \(Self.maximumLines) different items", type: "too_long")
        }
        if let line = merged.first(where: { !Self.quantityRange.contains($0.quantity) }) {
            throw APIError.invalid(
                ["body", "items"], "Quantity of \(line.menuID.lowercasedString) should be from 1 to 100", type: "value_error")
        }
        return merged
    }
}

/// `POST /food/orders/{id}/status`: the state to move to.
public struct StatusInput: Codable, Sendable, ValidatedBody {
    public var status: OrderStatus

    public init(status: OrderStatus) { self.status = status }

    enum CodingKeys: String, CodingKey { case status }

    /// An unknown status is a 422 that lists the statuses (Foundation's own message would name the Swift type).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let raw = try container.decode(String.self, forKey: .status)
        guard let status = OrderStatus(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(
                forKey: .status, in: container,
                debugDescription: "Input should be " + OrderStatus.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))
        }
        self.status = status
    }

    /// Decoding checked the status.
    public func validate() {}
}

extension Decimal {
    var rounded: Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, 0, .plain)
        return result
    }
}
