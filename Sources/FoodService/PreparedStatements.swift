import Foundation
import PostgresNIO
import ServiceCore

/// The statements of the order hot path, prepared once per connection: PostgreSQL parses and plans them once
/// (a generic plan after a few runs) instead of on every order.
protocol FoodStatement: PostgresPreparedStatement where Row == PostgresRandomAccessRow {}

extension FoodStatement {
    func decodeRow(_ row: PostgresRow) throws -> PostgresRandomAccessRow { row.makeRandomAccess() }
}

/// An order, its lines, its first history entry and (with a key) its idempotency key, in one statement.
struct PlaceOrderStatement: FoodStatement {
    static let name = "food_place_order"
    static let sql = """
        WITH o AS (
            INSERT INTO orders (id, user_id, restaurant_id, order_number, total_price, status)
            VALUES ($1, $2, $3, $4, $5::numeric, 'pending')
            RETURNING created_at, updated_at
        ), l AS (
            INSERT INTO order_lines (id, order_id, position, menu_id, name, unit_price, quantity)
            SELECT line.id, $1, line.position, line.menu_id, line.name, line.price, line.quantity
            FROM unnest($6::uuid[], $7::uuid[], $8::text[], $9::numeric[], $10::int[])
                 WITH ORDINALITY AS line (id, menu_id, name, price, quantity, position)
        ), h AS (
            INSERT INTO order_status_history (order_id, from_status, to_status, changed_by)
            VALUES ($1, NULL, 'pending', $2)
        ), k AS (
            INSERT INTO idempotency_keys (user_id, key, request_hash, order_id)
            SELECT $2, $11::text, $12::text, $1 WHERE $11::text IS NOT NULL
        )
        SELECT created_at, updated_at FROM o
        """
    var orderID: UUID
    var userID: UUID
    var restaurantID: UUID
    var orderNumber: String
    var total: String
    var lineIDs: [UUID]
    var menuIDs: [UUID]
    var names: [String]
    var prices: [String]
    var quantities: [Int]
    var key: String?
    var hash: String

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 12)
        bindings.append(orderID)
        bindings.append(userID)
        bindings.append(restaurantID)
        bindings.append(orderNumber)
        bindings.append(total)
        bindings.append(lineIDs)
        bindings.append(menuIDs)
        bindings.append(names)
        bindings.append(prices)
        bindings.append(quantities)
        if let key { bindings.append(key) } else { bindings.appendNull() }
        bindings.append(hash)
        return bindings
    }
}

/// A page of one user's orders with their lines, newest first (`GET /food/orders/` of a signed-in user). Apart from
/// the filtered lists, whose optional filters would keep PostgreSQL from a plan of its own.
struct UserOrdersStatement: FoodStatement, UserPageStatement {
    static let name = "food_user_orders"
    static let sql = """
        WITH page AS (
            SELECT id FROM orders WHERE user_id = $1
            ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3
        )
        SELECT \(OrderStore.orderColumns), count(*) OVER (), bit_xor(\(OrdersFingerprintStatement.rowIdentity)) OVER ()
        FROM page JOIN orders o ON o.id = page.id JOIN order_lines l ON l.order_id = o.id
        ORDER BY o.created_at DESC, o.id DESC, l.position
        """
    var userID: UUID
    var limit: Int
    var offset: Int
}

/// The fingerprint of the page ``UserOrdersStatement`` reads (``UserListCache``): how many rows it has and a hash over
/// each order's and line's id and row version (`xmin`: a new one with every insert, update or delete). An order's
/// lines copy the dish's name and price, so nothing else shows in the page.
struct OrdersFingerprintStatement: FoodStatement, UserPageStatement {
    static let name = "food_user_orders_fingerprint"
    /// One row's identity; the same expression in both statements, so they hash the same rows alike.
    static let rowIdentity = "hashtextextended(o.id::text || ':' || o.xmin::text || ':' || l.id::text || ':' || l.xmin::text, 0)"
    static let sql = """
        WITH page AS (
            SELECT id FROM orders WHERE user_id = $1
            ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3
        )
        SELECT count(*), coalesce(bit_xor(\(rowIdentity)), 0)
        FROM page JOIN orders o ON o.id = page.id JOIN order_lines l ON l.order_id = o.id
        """
    var userID: UUID
    var limit: Int
    var offset: Int
}
