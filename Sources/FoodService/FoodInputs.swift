import Foundation
import ServiceCore

/// Request bodies. Each is decoded, then checked field by field; a failure is a 422 naming the field (the seed let
/// the database reject bad values with a 500).
public struct CategoryInput: Codable, Sendable {
    public var name: String
    public var slug: String
    public var description: String?

    public init(name: String, slug: String, description: String? = nil) {
        self.name = name
        self.slug = slug
        self.description = description
    }

    func validate() throws {
        var check = FieldCheck()
        check.text("name", name, max: 100)
        check.text("slug", slug, max: 100)
        if let description { check.text("description", description, max: 500) }
        try check.finish()
    }
}

public struct RestaurantInput: Codable, Sendable {
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

    func validate() throws {
        var check = FieldCheck()
        check.text("name", name, max: 100)
        check.text("address", address, max: nil)
        check.text("restaurant_type", restaurantType, max: 100)
        try check.finish()
    }
}

public struct FoodInput: Codable, Sendable {
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

    func validate() throws {
        var check = FieldCheck()
        check.text("name", name, max: 100)
        check.price("price", price)
        try check.finish()
    }
}

public struct MenuItemInput: Codable, Sendable {
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

    func validate() throws {
        var check = FieldCheck()
        check.price("price", price)
        try check.finish()
    }
}

/// `PATCH /food/menu/{id}`: a new price.
public struct MenuPriceInput: Codable, Sendable {
    public var price: Decimal

    public init(price: Decimal) { self.price = price }
}

/// An order: `items` with a quantity each, or the seed's shape, `menu_ids` with one `quantity` for every line. The
/// same menu item named twice is one line with the quantities added.
public struct OrderInput: Codable, Sendable {
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
                ["body", "items"], "Quantity of \(line.menuID.uuidString.lowercased()) should be from 1 to 100", type: "value_error")
        }
        return merged
    }
}

/// `POST /food/orders/{id}/status`: the state to move to.
public struct StatusInput: Codable, Sendable {
    public var status: OrderStatus

    public init(status: OrderStatus) { self.status = status }
}

/// Collects 422 issues for one body.
struct FieldCheck {
    var issues: [ValidationIssue] = []

    mutating func text(_ field: String, _ value: String, max: Int?) {
        if value.trimmingCharacters(in: .whitespaces).isEmpty {
            issues.append(ValidationIssue(type: "string_too_short", loc: ["body", field], msg: "String should have at least 1 character"))
        } else if let max, value.count > max {
            issues.append(ValidationIssue(type: "string_too_long", loc: ["body", field], msg: "String should have at most \(max) characters"))
        }
    }

    /// Money: not negative, at most two decimal places, below 100 million.
    mutating func price(_ field: String, _ value: Decimal) {
        if value < 0 || value >= 100_000_000 {
            issues.append(ValidationIssue(type: "value_error", loc: ["body", field], msg: "Price should be from 0 to 99999999.99"))
        } else if value * 100 != (value * 100).rounded {
            issues.append(ValidationIssue(type: "value_error", loc: ["body", field], msg: "Price should have at most 2 decimal places"))
        }
    }

    func finish() throws {
        if !issues.isEmpty { throw APIError(validation: issues) }
    }
}

extension Decimal {
    var rounded: Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, 0, .plain)
        return result
    }
}
