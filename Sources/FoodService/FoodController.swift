import Foundation
import HTTPTypes
import Hummingbird
import ServiceCore

/// The food service's HTTP routes: every route of the seed (with and without the trailing slash) plus deletes, a
/// menu price change, order status moves and cancellation. Rules live in the stores; this type only speaks HTTP.
/// Every route but `/` and the health routes needs a session cookie; catalogue writes need an admin.
struct FoodController: Sendable {
    let catalogue: CatalogueStore
    let orders: OrderStore
    let hub: OrderEventHub
    let cache: ListCache
    /// Pages of a user's own orders, served while their rows are unchanged (``UserListCache``).
    let userLists: UserListCache
    let shardingEnabled: Bool

    func register(on router: Router<ServiceRequestContext>, table: RouteTable) {
        router.add(.get, "/", in: table) { _, _ in
            JSONResponse(Welcome(shardingEnabled: shardingEnabled))
        }
        registerCatalogue(on: router, table: table)
        registerMenu(on: router, table: table)
        registerOrders(on: router, table: table)
        router.add(.post, "/food/ws", in: table) { request, context in
            try requireRole(context, .admin, "Only admins broadcast")
            let body = try await request.decodeJSONBody(BroadcastInput.self)
            await hub.broadcast(body.message)
            return JSONResponse(["status": "sent", "message": body.message])
        }
        // Reached when a WebSocket upgrade was declined (no valid session) or the request was not an upgrade.
        router.add(.get, "/food/ws", in: table) { _, context -> Response in
            _ = try context.requireUser()
            throw APIError(.upgradeRequired, "Connect with a WebSocket client", headers: [.upgrade: "websocket"])
        }
    }

    private func registerCatalogue(on router: Router<ServiceRequestContext>, table: RouteTable) {
        router.add(.post, "/food/categories", in: table) { request, context in
            try requireAdmin(context)
            let category = try await catalogue.createCategory(try await request.decodeJSONBody(CategoryInput.self))
            cache.invalidate()
            return JSONResponse(category, status: .created)
        }
        router.add(.get, "/food/categories", in: table) { request, context in
            _ = try context.requireUser()
            let (limit, offset) = try PagedList.page(request)
            let slug = try request.queryText("slug", FoodLimits.slug)
            let name = try request.queryText("name", FoodLimits.name)
            return try await PagedList.cached(cache, request: request, limit: limit, offset: offset) {
                try await catalogue.categories(limit: limit, offset: offset, slug: slug, name: name)
            }
        }
        router.add(.get, "/food/categories/{category_id}", in: table) { _, context in
            _ = try context.requireUser()
            return JSONResponse(try await catalogue.category(try context.parameters.requireUUID("category_id")))
        }
        router.add(.delete, "/food/categories/{category_id}", in: table) { _, context in
            try requireAdmin(context)
            try await catalogue.deleteCategory(try context.parameters.requireUUID("category_id"))
            cache.invalidate()
            return Response(status: .noContent)
        }

        router.add(.post, "/food/restaurants", in: table) { request, context in
            try requireAdmin(context)
            let restaurant = try await catalogue.createRestaurant(try await request.decodeJSONBody(RestaurantInput.self))
            cache.invalidate()
            return JSONResponse(restaurant, status: .created)
        }
        router.add(.get, "/food/restaurants", in: table) { request, context in
            _ = try context.requireUser()
            let (limit, offset) = try PagedList.page(request)
            let name = try request.queryText("name", FoodLimits.name)
            return try await PagedList.cached(cache, request: request, limit: limit, offset: offset) {
                try await catalogue.restaurants(limit: limit, offset: offset, name: name)
            }
        }
        router.add(.get, "/food/restaurants/{restaurant_id}", in: table) { _, context in
            _ = try context.requireUser()
            return JSONResponse(try await catalogue.restaurant(try context.parameters.requireUUID("restaurant_id")))
        }
        router.add(.delete, "/food/restaurants/{restaurant_id}", in: table) { _, context in
            try requireAdmin(context)
            try await catalogue.deleteRestaurant(try context.parameters.requireUUID("restaurant_id"))
            cache.invalidate()
            return Response(status: .noContent)
        }

        router.add(.post, "/food/foods", in: table) { request, context in
            try requireAdmin(context)
            let food = try await catalogue.createFood(try await request.decodeJSONBody(FoodInput.self))
            cache.invalidate()
            return JSONResponse(food, status: .created)
        }
        router.add(.get, "/food/foods", in: table) { request, context in
            _ = try context.requireUser()
            let (limit, offset) = try PagedList.page(request)
            let category = try optionalUUID(request, "category_id")
            let name = try request.queryText("name", FoodLimits.name)
            return try await PagedList.cached(cache, request: request, limit: limit, offset: offset) {
                try await catalogue.foods(limit: limit, offset: offset, categoryID: category, name: name)
            }
        }
        router.add(.get, "/food/foods/{food_id}", in: table) { _, context in
            _ = try context.requireUser()
            return JSONResponse(try await catalogue.food(try context.parameters.requireUUID("food_id")))
        }
        router.add(.delete, "/food/foods/{food_id}", in: table) { _, context in
            try requireAdmin(context)
            try await catalogue.deleteFood(try context.parameters.requireUUID("food_id"))
            cache.invalidate()
            return Response(status: .noContent)
        }
    }

    private func registerMenu(on router: Router<ServiceRequestContext>, table: RouteTable) {
        router.add(.post, "/food/menu", in: table) { request, context in
            try requireAdmin(context)
            let item = try await catalogue.createMenuItem(try await request.decodeJSONBody(MenuItemInput.self))
            cache.invalidate()
            return JSONResponse(item, status: .created)
        }
        router.add(.get, "/food/menu", in: table) { request, context in
            _ = try context.requireUser()
            let (limit, offset) = try PagedList.page(request)
            let restaurant = try optionalUUID(request, "restaurant_id")
            let foodName = try request.queryText("food_name", FoodLimits.name)
            return try await PagedList.cached(cache, request: request, limit: limit, offset: offset) {
                try await catalogue.menu(limit: limit, offset: offset, restaurantID: restaurant, foodName: foodName)
            }
        }
        router.add(.get, "/food/menu/restaurants/{restaurant_id}", in: table) { request, context in
            _ = try context.requireUser()
            let (limit, offset) = try PagedList.page(request)
            let restaurant = try context.parameters.requireUUID("restaurant_id")
            return try await PagedList.cached(cache, request: request, limit: limit, offset: offset) {
                try await catalogue.menu(limit: limit, offset: offset, restaurantID: restaurant)
            }
        }
        router.add(.get, "/food/menu/{menu_id}", in: table) { _, context in
            _ = try context.requireUser()
            return JSONResponse(try await catalogue.menuItem(try context.parameters.requireUUID("menu_id")))
        }
        router.add(.patch, "/food/menu/{menu_id}", in: table) { request, context in
            try requireAdmin(context)
            let id = try context.parameters.requireUUID("menu_id")
            let item = try await catalogue.updateMenuPrice(id, try await request.decodeJSONBody(MenuPriceInput.self))
            cache.invalidate()
            return JSONResponse(item)
        }
        router.add(.delete, "/food/menu/{menu_id}", in: table) { _, context in
            try requireAdmin(context)
            try await catalogue.deleteMenuItem(try context.parameters.requireUUID("menu_id"))
            cache.invalidate()
            return Response(status: .noContent)
        }
    }

    private func registerOrders(on router: Router<ServiceRequestContext>, table: RouteTable) {
        router.add(.post, "/food/orders", in: table) { request, context in
            let actor = try actor(context)
            let key = request.headers[HTTPField.Name("Idempotency-Key")!]
            let body = try await request.decodeJSONBody(OrderInput.self)
            // The store checks the account (with this session) and announces the order.
            let (order, replayed) = try await orders.placeOrder(
                body, by: actor, idempotencyKey: key, sessionToken: SessionCookie.token(in: request))
            var headers: HTTPFields = [:]
            if replayed { headers[HTTPField.Name("Idempotent-Replayed")!] = "true" }
            return JSONResponse(order, status: .created, headers: headers)
        }
        router.add(.get, "/food/orders", in: table) { request, context in
            let actor = try actor(context)
            // Reads across shards merge `offset + limit` rows per shard: at most 9,000 + 1,000.
            let (limit, offset) = try PagedList.page(request, maximumOffset: OrderStore.maximumWindow - 1000)
            let query = request.uri.queryParameters
            var filter = OrderFilter(
                userID: try optionalUUID(request, "user_id"), restaurantID: try optionalUUID(request, "restaurant_id"),
                orderNumber: try request.queryText("order_number", .line(16)))
            if let raw = query["status"] {
                guard let status = OrderStatus(rawValue: String(raw)) else {
                    throw APIError.invalid(
                        ["query", "status"], "Input should be one of " + OrderStatus.allCases.map(\.rawValue).joined(separator: ", "),
                        type: "enum")
                }
                filter.status = status
            }
            if let user = filter.userID, user != actor.userID, !actor.isStaff {
                throw APIError.forbidden("Only staff list other users' orders")
            }
            // One user's orders, unfiltered otherwise: a user's own list (staff name the user).
            if let owner = filter.userID ?? (actor.isStaff ? nil : actor.userID), filter.restaurantID == nil, filter.status == nil,
                filter.orderNumber == nil, userLists.isEnabled
            {
                return try await PagedList.ownList(
                    userLists, key: owner.lowercasedString, request: request, limit: limit, offset: offset,
                    fingerprint: { try await orders.ordersFingerprint(of: owner, limit: limit, offset: offset) },
                    fetch: { try await orders.ownOrders(of: owner, limit: limit, offset: offset) })
            }
            return PagedList.response(
                try await orders.orders(filter, limit: limit, offset: offset, for: actor), request: request, limit: limit, offset: offset)
        }
        router.add(.get, "/food/orders/{order_id}", in: table) { _, context in
            JSONResponse(try await orders.order(try context.parameters.requireUUID("order_id"), for: try actor(context)))
        }
        router.add(.post, "/food/orders/{order_id}/advance", in: table) { _, context in
            try await move(context, to: nil)
        }
        router.add(.post, "/food/orders/{order_id}/status", in: table) { request, context in
            try await move(context, to: try await request.decodeJSONBody(StatusInput.self).status)
        }
        router.add(.post, "/food/orders/{order_id}/cancel", in: table) { _, context in
            try await move(context, to: .cancelled)
        }
    }

    private func move(_ context: ServiceRequestContext, to target: OrderStatus?) async throws -> JSONResponse<Order> {
        let actor = try actor(context)
        return JSONResponse(try await orders.changeStatus(try context.parameters.requireUUID("order_id"), to: target, by: actor).order)
    }

    private func actor(_ context: ServiceRequestContext) throws -> FoodActor {
        let user = try context.requireUser()
        return FoodActor(userID: user.id, role: user.role)
    }

    private func requireAdmin(_ context: ServiceRequestContext) throws {
        try requireRole(context, .admin, "This action needs the admin role")
    }

    private func requireRole(_ context: ServiceRequestContext, _ role: Role, _ message: String) throws {
        guard try context.requireUser().role >= role else { throw APIError.forbidden(message) }
    }

    private func optionalUUID(_ request: Request, _ name: String) throws -> UUID? {
        try request.queryUUID(name)
    }
}

struct Welcome: Encodable, Sendable {
    var message = "Welcome to Food Service"
    var status = "running"
    var docs = "/docs"
    var shardingEnabled: Bool

    enum CodingKeys: String, CodingKey {
        case message, status, docs
        case shardingEnabled = "sharding_enabled"
    }
}

struct BroadcastInput: Decodable, ValidatedBody {
    var message: String

    func validate() throws {
        var check = FieldCheck()
        check.text("message", message, FoodLimits.broadcast)
        try check.finish()
    }
}
