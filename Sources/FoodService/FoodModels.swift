import Foundation
import ServiceCore

/// The order states and the moves between them. Staff move an order along the kitchen's path; its owner may cancel
/// it until the kitchen starts; only an admin refunds.
public enum OrderStatus: String, Codable, Sendable, CaseIterable {
    case pending, confirmed, preparing, ready, delivered, cancelled, refunded

    /// The next step on the normal path (what `advance` does), nil at the end of it.
    public var next: OrderStatus? {
        switch self {
        case .pending: .confirmed
        case .confirmed: .preparing
        case .preparing: .ready
        case .ready: .delivered
        case .delivered, .cancelled, .refunded: nil
        }
    }

    public func canMove(to target: OrderStatus) -> Bool {
        switch (self, target) {
        case (.pending, .confirmed), (.confirmed, .preparing), (.preparing, .ready), (.ready, .delivered): true
        case (.pending, .cancelled), (.confirmed, .cancelled), (.preparing, .cancelled): true
        case (.confirmed, .refunded), (.preparing, .refunded), (.ready, .refunded), (.delivered, .refunded): true
        default: false
        }
    }
}

public struct Category: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var name: String
    public var slug: String
    public var description: String?
    public var createdAt: Date
    public var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, slug, description
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

public struct Restaurant: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var name: String
    public var description: String?
    public var address: String
    public var restaurantType: String
    public var imageURL: String?
    public var createdAt: Date
    public var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, description, address
        case restaurantType = "restaurant_type", imageURL = "image_url"
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// A food with its full category, as the seed returned it.
public struct Food: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var name: String
    public var description: String?
    public var price: Decimal
    public var imageURL: String?
    public var isVegetarian: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var category: Category

    enum CodingKeys: String, CodingKey {
        case id, name, description, price, category
        case imageURL = "image_url", isVegetarian = "is_vegetarian"
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// What `POST /food/menu/` answers (the seed's MenuCreated: the ids, not the nested parts).
public struct MenuItemCreated: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    @LowercaseUUID public var restaurantID: UUID
    @LowercaseUUID public var foodID: UUID
    @LowercaseUUID public var categoryID: UUID
    public var price: Decimal
    public var createdAt: Date
    public var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, price
        case restaurantID = "restaurant_id", foodID = "food_id", categoryID = "category_id"
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// A menu entry as the GET routes answer it: the seed's nested food and restaurant, plus the ids.
public struct MenuItem: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    @LowercaseUUID public var restaurantID: UUID
    @LowercaseUUID public var categoryID: UUID
    public var price: Decimal
    public var createdAt: Date
    public var updatedAt: Date
    public var food: Food
    public var restaurant: Restaurant

    enum CodingKeys: String, CodingKey {
        case id, price, food, restaurant
        case restaurantID = "restaurant_id", categoryID = "category_id"
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// One line of an order: the seed's `{id, menu_id, quantity, created_at, updated_at}` plus what was bought at what
/// price (copied when ordered).
public struct OrderLine: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    @LowercaseUUID public var menuID: UUID
    public var name: String
    public var unitPrice: Decimal
    public var quantity: Int
    public var lineTotal: Decimal
    public var createdAt: Date
    public var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, quantity
        case menuID = "menu_id", unitPrice = "unit_price", lineTotal = "line_total"
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

public struct Order: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    @LowercaseUUID public var userID: UUID
    @LowercaseUUID public var restaurantID: UUID
    public var orderNumber: String
    public var totalPrice: Decimal
    public var status: OrderStatus
    public var createdAt: Date
    public var updatedAt: Date
    public var foodOrders: [OrderLine]

    enum CodingKeys: String, CodingKey {
        case id, status
        case userID = "user_id", restaurantID = "restaurant_id", orderNumber = "order_number", totalPrice = "total_price"
        case createdAt = "created_at", updatedAt = "updated_at", foodOrders = "food_orders"
    }
}

/// What a WebSocket subscriber receives when an order changes state (and when one is placed).
public struct OrderEvent: Codable, Sendable, Equatable {
    public var type = "order.status"
    @LowercaseUUID public var orderID: UUID
    @LowercaseUUID public var userID: UUID
    @LowercaseUUID public var restaurantID: UUID
    public var orderNumber: String
    public var status: OrderStatus
    public var previousStatus: OrderStatus?
    @LowercaseUUID public var changedBy: UUID
    public var at: Date

    enum CodingKeys: String, CodingKey {
        case type, status, at
        case orderID = "order_id", userID = "user_id", restaurantID = "restaurant_id", orderNumber = "order_number"
        case previousStatus = "previous_status", changedBy = "changed_by"
    }

    public init(order: Order, previous: OrderStatus?, changedBy: UUID) {
        orderID = order.id
        userID = order.userID
        restaurantID = order.restaurantID
        orderNumber = order.orderNumber
        status = order.status
        previousStatus = previous
        self.changedBy = changedBy
        at = order.updatedAt
    }
}
