import Foundation
import ServiceCore

// A user's orders write themselves: see `JSONWritable`. Keys in ascending order; FoodJSONWritableTests compares both
// types with their `Encodable` form.

extension OrderLine: JSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.date("created_at", createdAt)
            o.uuid("id", id)
            o.decimal("line_total", lineTotal)
            o.uuid("menu_id", menuID)
            o.string("name", name)
            o.int("quantity", quantity)
            o.decimal("unit_price", unitPrice)
            o.date("updated_at", updatedAt)
        }
    }
}

extension Order: JSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.date("created_at", createdAt)
            o.array("food_orders", foodOrders)
            o.uuid("id", id)
            o.string("order_number", orderNumber)
            o.uuid("restaurant_id", restaurantID)
            o.raw("status", status)
            o.decimal("total_price", totalPrice)
            o.date("updated_at", updatedAt)
            o.uuid("user_id", userID)
        }
    }
}
