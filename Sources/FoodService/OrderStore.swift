import Crypto
import Foundation
import Logging
import PostgresNIO
import PostgresPipeline
import ServiceCore

/// Who is asking: the owner of their orders, staff (moderators and up) for every order and the kitchen's steps,
/// admins for refunds too.
public struct FoodActor: Sendable, Equatable {
    public var userID: UUID
    public var role: Role

    public init(userID: UUID, role: Role) {
        self.userID = userID
        self.role = role
    }

    public var isStaff: Bool { role >= .moderator }
    public var isAdmin: Bool { role.isAdmin }
}

/// Filters of the order lists.
public struct OrderFilter: Sendable, Equatable {
    public var userID: UUID?
    public var restaurantID: UUID?
    public var status: OrderStatus?
    /// The order number the service prints (8 hex characters, any case): how mscli resolves it to the order's id.
    public var orderNumber: String?

    public init(userID: UUID? = nil, restaurantID: UUID? = nil, status: OrderStatus? = nil, orderNumber: String? = nil) {
        self.userID = userID
        self.restaurantID = restaurantID
        self.status = status
        self.orderNumber = orderNumber?.uppercased()
    }
}

/// Orders on their shards. An order and its lines, its first history entry and its idempotency key are written by
/// one statement on the ordering user's shard; the catalogue is read from the primary first.
public struct OrderStore: Sendable {
    public let shards: [PostgresClient]
    let catalogue: CatalogueStore
    let logger: Logger
    let deadline: Duration
    /// Each shard's availability gate, by pool (the service's; mscli's maintenance mode has none).
    let gates: [ObjectIdentifier: DatabaseGate]
    /// Told of every committed change (see ``OrderEventSink``).
    let events: any OrderEventSink
    /// Asked before an order is placed: only an active account orders (``AccountRule``).
    let accounts: any AccountCheck
    /// Each shard's libpq pipeline for the fingerprints of users' own pages, in the order of `shards` (the service's;
    /// empty or nil: PostgresNIO).
    let pipelines: [PipelinePool?]

    /// Reads that span users merge at most this many rows per shard (`offset + limit`).
    public static let maximumWindow = 10_000

    /// `gates`: the gate of each shard, in the order of `shards` (or none). `events` and `accounts` have no default:
    /// whoever builds a store decides where its changes are announced and who may order.
    public init(
        shards: [PostgresClient], catalogue: CatalogueStore, events: any OrderEventSink, accounts: any AccountCheck, logger: Logger,
        deadline: Duration = .seconds(10), gates: [DatabaseGate] = [], pipelines: [PipelinePool?] = []
    ) {
        precondition(!shards.isEmpty)
        precondition(gates.isEmpty || gates.count == shards.count)
        precondition(pipelines.isEmpty || pipelines.count == shards.count)
        self.pipelines = pipelines
        self.shards = shards
        self.catalogue = catalogue
        self.logger = logger
        self.deadline = deadline
        self.events = events
        self.accounts = accounts
        self.gates = Dictionary(zip(shards.map(ObjectIdentifier.init), gates), uniquingKeysWith: { first, _ in first })
    }

    func shard(for userID: UUID) -> PostgresClient {
        shards[ShardLayout.shardIndex(for: userID, shardCount: shards.count)]
    }

    /// Database calls on `shard` through its gate: a 503 at once while that database is down.
    func gated<T: Sendable>(_ shard: PostgresClient, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await (gates[ObjectIdentifier(shard)] ?? .unguarded).run(deadline: deadline, body)
    }

    // MARK: placing orders

    /// Places an order for `actor`, whose account must be active (`sessionToken`: the caller's session, when the
    /// request came with one). With an idempotency key already used by this user for the same request, the first
    /// order is returned (`replayed` true) and nothing is written; the same key with another request is a 422. A new
    /// order is announced to the event sink.
    public func placeOrder(
        _ input: OrderInput, by actor: FoodActor, idempotencyKey: String?, sessionToken: String? = nil
    ) async throws -> (order: Order, replayed: Bool) {
        let placed = try await place(input, by: actor, idempotencyKey: idempotencyKey, sessionToken: sessionToken)
        if !placed.replayed { await events.orderChanged(OrderEvent(order: placed.order, previous: nil, changedBy: actor.userID)) }
        return placed
    }

    private func place(
        _ input: OrderInput, by actor: FoodActor, idempotencyKey: String?, sessionToken: String?
    ) async throws -> (order: Order, replayed: Bool) {
        let lines = try input.lines()
        if let key = idempotencyKey {
            guard !key.isEmpty, key.utf8.count <= 255 else {
                throw APIError.invalid(["header", "Idempotency-Key"], "Idempotency-Key should have 1 to 255 characters")
            }
            if let issue = TextRules.issue(key, at: ["header", "Idempotency-Key"], .name(255)) { throw APIError(validation: [issue]) }
        }
        try await accounts.requireActive(actor.userID, sessionToken: sessionToken)
        let hash = idempotencyKey == nil ? "" : Self.requestHash(lines)
        let shard = shard(for: actor.userID)
        return try await withTimeout(deadline) {
            if let key = idempotencyKey, let replay = try await replay(key: key, hash: hash, user: actor.userID, on: shard) {
                return (replay, true)
            }
            let priced = try await catalogue.priced(lines.map(\.menuID))
            let missing = lines.map(\.menuID).filter { priced[$0] == nil }
            guard missing.isEmpty else {
                throw APIError.notFound("Menu items not found: " + missing.map { $0.lowercasedString }.joined(separator: ", "))
            }
            let restaurants = Set(lines.compactMap { priced[$0.menuID]?.restaurantID })
            guard restaurants.count == 1, let restaurantID = restaurants.first else {
                throw APIError.invalid(["body", "items"], "All items of an order must come from one restaurant")
            }
            var attempt = 0
            while true {
                attempt += 1
                do {
                    return (try await insert(lines, priced: priced, restaurantID: restaurantID, by: actor, key: idempotencyKey, hash: hash, on: shard), false)
                } catch where PostgresErrorText.constraint(error) == "idempotency_keys_pkey" {
                    // A concurrent retry with the same key won; answer with its order.
                    if let key = idempotencyKey, let replay = try await replay(key: key, hash: hash, user: actor.userID, on: shard) {
                        return (replay, true)
                    }
                    throw error
                } catch where PostgresErrorText.constraint(error) == "orders_order_number_key" && attempt < 5 {
                    continue
                }
            }
        }
    }

    private func insert(
        _ lines: [OrderInput.Item], priced: [UUID: PricedMenuItem], restaurantID: UUID, by actor: FoodActor, key: String?,
        hash: String, on shard: PostgresClient
    ) async throws -> Order {
        let orderID = UUID()
        let number = Self.newOrderNumber()
        let lineIDs = lines.map { _ in UUID() }
        let menuIDs = lines.map(\.menuID)
        // Every line's menu item was found (placeOrder answers 404 otherwise): no lookup can miss.
        let items = lines.compactMap { priced[$0.menuID] }
        guard items.count == lines.count else { throw APIError.notFound("Menu items not found") }
        let names = items.map(\.name)
        let prices = items.map(\.price)
        let quantities = lines.map(\.quantity)
        let total = zip(prices, quantities).reduce(Decimal(0)) { $0 + $1.0 * Decimal($1.1) }
        let rows = try await gated(shard) {
            try await shard.rows(
                PlaceOrderStatement(
                    orderID: orderID, userID: actor.userID, restaurantID: restaurantID, orderNumber: number, total: total.description,
                    lineIDs: lineIDs, menuIDs: menuIDs, names: names, prices: prices.map(\.description), quantities: quantities, key: key,
                    hash: hash),
                logger: logger)
        }
        var c = Cells(rows[0])
        let created: Date = try c.next()
        let updated: Date = try c.next()
        return Order(
            id: orderID, userID: actor.userID, restaurantID: restaurantID, orderNumber: number, totalPrice: total, status: .pending,
            createdAt: created, updatedAt: updated,
            foodOrders: lines.indices.map { i in
                OrderLine(
                    id: lineIDs[i], menuID: menuIDs[i], name: names[i], unitPrice: prices[i], quantity: quantities[i],
                    lineTotal: prices[i] * Decimal(quantities[i]), createdAt: created, updatedAt: created)
            })
    }

    private func replay(key: String, hash: String, user: UUID, on shard: PostgresClient) async throws -> Order? {
        let rows = try await gated(shard) {
            try await shard.rows(
                "SELECT request_hash, order_id FROM idempotency_keys WHERE user_id = \(user) AND key = \(key)", logger: logger)
        }
        guard let row = rows.first else { return nil }
        var c = Cells(row)
        let storedHash: String = try c.next()
        let orderID: UUID = try c.next()
        guard storedHash == hash else {
            throw APIError(
                .unprocessableContent, "Idempotency-Key \(key.debugDescription) was already used for a different order")
        }
        return try await fetch(ids: [orderID], filter: OrderFilter(userID: user), on: shard).first
    }

    /// The seed's order number: 8 upper-case hex characters (unique per database; a clash is retried).
    static func newOrderNumber() -> String {
        String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8)).uppercased()
    }

    /// What identifies "the same request" for an idempotency key: the merged lines.
    static func requestHash(_ lines: [OrderInput.Item]) -> String {
        let canonical = lines.map { "\($0.menuID.lowercasedString)x\($0.quantity)" }.joined(separator: ",")
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(canonical.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    // MARK: reading orders

    /// One order: the owner's own, or any for staff (looked up on every shard at once).
    public func order(_ id: UUID, for actor: FoodActor) async throws -> Order {
        try await withTimeout(deadline) {
            if !actor.isStaff {
                guard let order = try await fetch(ids: [id], filter: OrderFilter(userID: actor.userID), on: shard(for: actor.userID)).first else {
                    throw APIError.notFound("Order not found")
                }
                return order
            }
            guard let (order, _) = try await locate(id) else { throw APIError.notFound("Order not found") }
            return order
        }
    }

    /// The order and the shard it lives on.
    func locate(_ id: UUID) async throws -> (Order, PostgresClient)? {
        try await withThrowingTaskGroup(of: (Order, PostgresClient)?.self) { group in
            for shard in shards {
                group.addTask { try await fetch(ids: [id], filter: OrderFilter(), on: shard).first.map { ($0, shard) } }
            }
            var found: (Order, PostgresClient)?
            for try await result in group where result != nil { found = result }
            return found
        }
    }

    /// A page of orders, newest first. Users see their own (one shard); staff see everyone's, gathered from every
    /// shard and merged: each shard returns its first `offset + limit` rows, the merge keeps the global order.
    public func orders(_ filter: OrderFilter, limit: Int, offset: Int, for actor: FoodActor) async throws -> [Order] {
        var requested = filter
        if !actor.isStaff { requested.userID = actor.userID }
        let filter = requested
        guard offset + limit <= Self.maximumWindow else {
            throw APIError.invalid(["query", "offset"], "offset + limit should be at most \(Self.maximumWindow)")
        }
        let targets = filter.userID.map { [shard(for: $0)] } ?? shards
        // One shard (a user's own orders, the list reloaded most): one query, which its gate already holds to the
        // deadline; no second timer and task group around it.
        if targets.count == 1 {
            return try await page(filter, limit: limit, offset: offset, on: targets[0])
        }
        return try await withTimeout(deadline) {
            let window = offset + limit
            let partials = try await withThrowingTaskGroup(of: [Order].self) { group in
                for shard in targets {
                    group.addTask { try await page(filter, limit: window, offset: 0, on: shard) }
                }
                return try await group.reduce(into: [Order]()) { $0.append(contentsOf: $1) }
            }
            let merged = partials.sorted { ($0.createdAt, $0.id.uuidString) > ($1.createdAt, $1.id.uuidString) }
            return Array(merged.dropFirst(offset).prefix(limit))
        }
    }

    /// A page of one user's orders (as ``orders(_:limit:offset:for:)`` lists them) with the fingerprint of its rows,
    /// read in the same statement (``UserListCache``).
    public func ownOrders(of user: UUID, limit: Int, offset: Int) async throws -> ([Order], UserListCache.Fingerprint) {
        let shard = shard(for: user)
        let rows = try await gated(shard) {
            try await shard.rows(UserOrdersStatement(userID: user, limit: limit, offset: offset), logger: logger)
        }
        guard let first = rows.first else { return ([], .empty) }
        var c = Cells(first, from: Self.orderColumnCount)
        return (try Self.orders(from: rows), try UserListCache.Fingerprint(&c, withOther: false))
    }

    /// The fingerprint the same page has now (``OrdersFingerprintStatement``).
    public func ordersFingerprint(of user: UUID, limit: Int, offset: Int) async throws -> UserListCache.Fingerprint {
        let index = ShardLayout.shardIndex(for: user, shardCount: shards.count)
        let shard = shards[index]
        if index < pipelines.count, let pipeline = pipelines[index] {
            return try await (gates[ObjectIdentifier(shard)] ?? .unguarded).runInline(deadline: deadline) { abort in
                try await pipeline.pageFingerprint(OrdersFingerprintStatement.pipelined, user: user, limit: limit, offset: offset, abortedBy: abort)
            }
        }
        let rows = try await gated(shard) {
            try await shard.rows(OrdersFingerprintStatement(userID: user, limit: limit, offset: offset), logger: logger)
        }
        var c = Cells(rows[0])
        return try UserListCache.Fingerprint(&c, withOther: false)
    }

    private func page(_ filter: OrderFilter, limit: Int, offset: Int, on shard: PostgresClient) async throws -> [Order] {
        if let user = filter.userID, filter.restaurantID == nil, filter.status == nil, filter.orderNumber == nil {
            let rows = try await gated(shard) {
                try await shard.rows(UserOrdersStatement(userID: user, limit: limit, offset: offset), logger: logger)
            }
            return try Self.orders(from: rows)
        }
        let rows = try await gated(shard) {
            try await shard.rows(
                """
                WITH page AS (
                    SELECT id FROM orders
                    WHERE (\(filter.userID)::uuid IS NULL OR user_id = \(filter.userID))
                      AND (\(filter.restaurantID)::uuid IS NULL OR restaurant_id = \(filter.restaurantID))
                      AND (\(filter.status?.rawValue)::text IS NULL OR status = \(filter.status?.rawValue))
                      AND (\(filter.orderNumber)::text IS NULL OR order_number = \(filter.orderNumber))
                    ORDER BY created_at DESC, id DESC LIMIT \(limit) OFFSET \(offset)
                )
                SELECT \(unescaped: Self.orderColumns) FROM page JOIN orders o ON o.id = page.id JOIN order_lines l ON l.order_id = o.id
                ORDER BY o.created_at DESC, o.id DESC, l.position
                """,
                logger: logger)
        }
        return try Self.orders(from: rows)
    }

    func fetch(ids: [UUID], filter: OrderFilter, on shard: PostgresClient) async throws -> [Order] {
        let rows = try await gated(shard) {
            try await shard.rows(
                """
                SELECT \(unescaped: Self.orderColumns) FROM orders o JOIN order_lines l ON l.order_id = o.id
                WHERE o.id = ANY(\(ids)) AND (\(filter.userID)::uuid IS NULL OR o.user_id = \(filter.userID))
                ORDER BY o.created_at DESC, o.id DESC, l.position
                """,
                logger: logger)
        }
        return try Self.orders(from: rows)
    }

    static let orderColumnCount = 15
    static let orderColumns = """
        o.id, o.user_id, o.restaurant_id, o.order_number, o.total_price::text, o.status, o.created_at, o.updated_at,
        l.id, l.menu_id, l.name, l.unit_price::text, l.quantity, l.created_at, l.updated_at
        """

    /// Groups joined order/line rows (ordered by order) into orders.
    static func orders(from rows: [PostgresRandomAccessRow]) throws -> [Order] {
        var orders: [Order] = []
        for row in rows {
            var c = Cells(row)
            let id: UUID = try c.next()
            if orders.last?.id != id {
                let userID: UUID = try c.next()
                let restaurantID: UUID = try c.next()
                let number: String = try c.next()
                let total = try c.decimal()
                let status: String = try c.next()
                orders.append(
                    Order(
                        id: id, userID: userID, restaurantID: restaurantID, orderNumber: number, totalPrice: total,
                        status: OrderStatus(rawValue: status) ?? .pending, createdAt: try c.next(), updatedAt: try c.next(), foodOrders: []))
            } else {
                c.index = 8
            }
            let lineID: UUID = try c.next()
            let menuID: UUID = try c.next()
            let name: String = try c.next()
            let price = try c.decimal()
            let quantity: Int = try c.next()
            orders[orders.count - 1].foodOrders.append(
                OrderLine(
                    id: lineID, menuID: menuID, name: name, unitPrice: price, quantity: quantity, lineTotal: price * Decimal(quantity),
                    createdAt: try c.next(), updatedAt: try c.next()))
        }
        return orders
    }

    // MARK: status

    /// Moves an order to `target`. Staff move it along the kitchen's path and may cancel it until it is ready; its
    /// owner may cancel it while it is pending or confirmed; only admins refund. The move is checked against the
    /// state read and applied only if the order is still in it (a concurrent change is a 409). The change is
    /// announced to the event sink.
    public func changeStatus(_ id: UUID, to target: OrderStatus?, by actor: FoodActor) async throws -> (order: Order, previous: OrderStatus) {
        let (order, previous) = try await move(id, to: target, by: actor)
        await events.orderChanged(OrderEvent(order: order, previous: previous, changedBy: actor.userID))
        return (order, previous)
    }

    private func move(_ id: UUID, to target: OrderStatus?, by actor: FoodActor) async throws -> (order: Order, previous: OrderStatus) {
        try await withTimeout(deadline) {
            let located: (Order, PostgresClient)?
            if actor.isStaff {
                located = try await locate(id)
            } else {
                let shard = shard(for: actor.userID)
                located = try await fetch(ids: [id], filter: OrderFilter(userID: actor.userID), on: shard).first.map { ($0, shard) }
            }
            guard let located else { throw APIError.notFound("Order not found") }
            var order = located.0
            let shard = located.1
            let current = order.status
            guard let target = target ?? current.next else {
                throw APIError.conflict("Order is \(current.rawValue); it has no next step")
            }
            guard current.canMove(to: target) else {
                throw APIError.conflict("Order cannot move from \(current.rawValue) to \(target.rawValue)")
            }
            switch target {
            case .refunded:
                guard actor.isAdmin else { throw APIError.forbidden("Only admins refund orders") }
            case .cancelled:
                let ownerMayCancel = order.userID == actor.userID && (current == .pending || current == .confirmed)
                guard actor.isStaff || ownerMayCancel else {
                    throw APIError.conflict("Order is \(current.rawValue); it can no longer be cancelled")
                }
            default:
                guard actor.isStaff else { throw APIError.forbidden("Only restaurant staff move orders along") }
            }
            let rows = try await gated(shard) {
                try await shard.rows(
                    """
                    WITH u AS (
                        UPDATE orders SET status = \(target.rawValue), updated_at = now()
                        WHERE id = \(id) AND status = \(current.rawValue)
                        RETURNING id, updated_at
                    ), h AS (
                        INSERT INTO order_status_history (order_id, from_status, to_status, changed_by)
                        SELECT id, \(current.rawValue), \(target.rawValue), \(actor.userID) FROM u
                    )
                    SELECT updated_at FROM u
                    """,
                    logger: logger)
            }
            guard let row = rows.first else {
                throw APIError.conflict("Order changed while this request was being handled; read it again and retry")
            }
            var c = Cells(row)
            order.status = target
            order.updatedAt = try c.next()
            return (order, current)
        }
    }
}
