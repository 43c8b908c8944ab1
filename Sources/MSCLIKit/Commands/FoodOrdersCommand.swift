import ArgumentParser
import FoodService
import Foundation
import ServiceCore
import Synchronization

struct FoodOrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "Place orders, move them along (pending, confirmed, preparing, ready, delivered), follow them live.",
        discussion: """
            Over HTTP a customer sees and places their own orders; staff (moderator or admin) see everyone's and move \
            them along. In maintenance mode (--maintenance) orders are read from every shard, `create` needs --user-id \
            (an account the auth database has disabled is refused, as the service refuses it), and new orders and \
            status changes are announced to live clients through the food service's Redis (--redis-url, REDIS_URL).

            Examples:
              mscli food orders create MENU_ID:2 OTHER_MENU_ID --idempotency-key lunch-42
              mscli food orders advance ORDER_ID
              mscli food orders watch --all
            """,
        subcommands: [List.self, Get.self, Create.self, Advance.self, Status.self, Cancel.self, Watch.self])

    static func items(_ order: Order) -> String {
        order.foodOrders.map { "\($0.quantity)x \($0.name)" }.joined(separator: ", ")
    }

    static func single(_ order: Order) -> Table {
        var fields = [
            ("id", BookingText.id(order.id)), ("order_number", order.orderNumber), ("status", order.status.rawValue),
            ("total", BookingText.money(order.totalPrice)), ("user_id", BookingText.id(order.userID)),
            ("restaurant_id", BookingText.id(order.restaurantID)),
        ]
        for (index, line) in order.foodOrders.enumerated() {
            fields.append(
                ("line \(index + 1)", "\(line.quantity) x \(line.name) at \(BookingText.money(line.unitPrice)) = \(BookingText.money(line.lineTotal))"))
        }
        fields += [("created_at", Rendering.date(order.createdAt)), ("updated_at", Rendering.date(order.updatedAt))]
        return Table(fields: fields)
    }

    static func list(_ orders: [Order]) -> Table {
        Table(
            headers: ["ID", "ORDER_NUMBER", "CREATED", "STATUS", "TOTAL", "USER", "ITEMS"],
            rows: orders.map {
                [
                    BookingText.id($0.id), $0.orderNumber, Rendering.date($0.createdAt), $0.status.rawValue,
                    BookingText.money($0.totalPrice), BookingText.id($0.userID), items($0),
                ]
            })
    }

    /// `MENU` or `MENU:QUANTITY`, MENU a menu item id or the dish's name (`"Masala Dosa:2"`).
    struct LineArgument: ExpressibleByArgument, Sendable {
        let menu: Reference
        let quantity: Int

        init?(argument: String) {
            var text = Substring(argument)
            var quantity = 1
            if let colon = argument.lastIndex(of: ":") {
                let suffix = argument[argument.index(after: colon)...]
                guard let parsed = Int(suffix), parsed > 0 else { return nil }
                quantity = parsed
                text = argument[..<colon]
            }
            guard let menu = Reference(argument: String(text)) else { return nil }
            self.menu = menu
            self.quantity = quantity
        }
    }

    struct List: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "List orders, newest first (staff: everyone's, across every shard).",
            discussion: """
                Examples:
                  mscli food orders list --user-id priya.sharma@example.com \\
                      --restaurant "Saravana Bhavan"
                """)
        @Option(name: .customLong("user-id"), help: "Only this user's orders, by id or e-mail address (staff).") var userID: Reference?
        @Option(help: "Only orders from this restaurant (id or name).") var restaurant: Reference?
        @Option(help: "Only orders in this status: \(OrderStatus.allCases.map(\.rawValue).joined(separator: ", ")).") var status: OrderStatus?
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let user = try await context.userID(userID)
            let orders = try await withFoodBackend(context) { backend in
                let filter = OrderFilter(userID: user, restaurantID: try await backend.resolve(restaurant, as: .restaurant), status: status)
                return try await backend.orders(filter, limit: page.limit, offset: page.offset)
            }
            try context.output(orders, table: FoodOrdersCommand.list)
            page.hint(orders.count, context)
        }
    }

    struct Get: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one order with its lines.",
            discussion: """
                Examples:
                  mscli food orders get 3B6BC2B2
                """)
        @Argument(help: ArgumentHelp("Order id or number.", valueName: "order")) var orderID: Reference
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let order = try await withFoodBackend(context) { try await $0.order(try await $0.resolve(orderID, as: .order)) }
            try context.output(order, table: FoodOrdersCommand.single)
        }
    }

    struct Create: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Place an order: menu items of one restaurant, each with a quantity (MENU_ID:2; default 1).",
            discussion: """
                The service prices the order from the menu. With --idempotency-key, running the same command again (say \
                after a timeout) returns the first order instead of placing a second one.

                Examples:
                  mscli food orders create "Masala Dosa:2" "Filter Coffee" \\
                      --restaurant "Saravana Bhavan"
                  mscli food orders create MENU_ID:2 --idempotency-key lunch-42
                """)
        @Argument(help: ArgumentHelp("Menu items (ids or dish names), each optionally with :QUANTITY.", valueName: "menu[:quantity]"))
        var lines: [LineArgument]
        @Option(help: "The restaurant whose menu dish names are looked up in (id or name); needed when several sell the dish.")
        var restaurant: Reference?
        @Option(help: "Key that makes a retry return the first order (at most 255 characters).") var idempotencyKey: String?
        @OptionGroup var user: ActingUser
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if lines.isEmpty { throw ValidationError("name at least one menu item") }
            if let idempotencyKey, idempotencyKey.isEmpty || idempotencyKey.utf8.count > 255 {
                throw ValidationError("--idempotency-key must be 1 to 255 characters")
            }
        }

        func run(_ context: CommandContext) async throws {
            let acting = try await user.resolve(context)
            let (order, replayed) = try await withFoodBackend(context) { backend in
                let place = try await backend.resolve(restaurant, as: .restaurant)
                var items: [OrderInput.Item] = []
                for line in lines {
                    items.append(OrderInput.Item(menuID: try await backend.resolveMenuItem(line.menu, restaurant: place), quantity: line.quantity))
                }
                return try await backend.placeOrder(OrderInput(items: items), user: acting, idempotencyKey: idempotencyKey)
            }
            context.changed(
                replayed
                    ? "Order \(order.orderNumber) was already placed with this key (\(order.status.rawValue)); nothing new was ordered"
                    : "Placed order \(order.orderNumber) for \(BookingText.money(order.totalPrice)) (\(BookingText.id(order.id)))", in: .food)
            try context.output(order, table: FoodOrdersCommand.single)
        }
    }

    struct Advance: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Move orders one step along the kitchen's path: pending, confirmed, preparing, ready, delivered (staff).",
            discussion: """
                Examples:
                  mscli food orders advance 3B6BC2B2
                  mscli food orders list --status pending -o name |
                      xargs mscli food orders advance
                """)
        @Argument(help: ArgumentHelp("Order ids or numbers.", valueName: "order")) var orderIDs: [Reference]
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if orderIDs.isEmpty { throw ValidationError("name at least one order") }
        }

        func run(_ context: CommandContext) async throws {
            let moved = try await withFoodBackend(context) { backend in
                // Every order is found before any is moved: a typo moves nothing.
                let ids = try await backend.resolve(orderIDs, as: .order)
                var moved: [Order] = []
                for id in ids {
                    do {
                        let order = try await backend.changeStatus(id, to: nil)
                        context.changed("Order \(order.orderNumber) is now \(order.status.rawValue)", in: .food)
                        moved.append(order)
                    } catch {
                        if !moved.isEmpty { context.message("Moved \(moved.count) of \(ids.count) orders before the failure") }
                        throw error
                    }
                }
                return moved
            }
            try context.output(moved, table: FoodOrdersCommand.list)
        }
    }

    struct Status: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Set an order's status, where the state machine allows the move (refunds need an admin).",
            discussion: """
                Examples:
                  mscli food orders status 3B6BC2B2 ready
                """)
        @Argument(help: ArgumentHelp("Order id or number.", valueName: "order")) var orderID: Reference
        @Argument(help: "The new status: \(OrderStatus.allCases.map(\.rawValue).joined(separator: ", ")).") var status: OrderStatus
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let order = try await withFoodBackend(context) { try await $0.changeStatus(try await $0.resolve(orderID, as: .order), to: status) }
            context.changed("Order \(order.orderNumber) is now \(order.status.rawValue)", in: .food)
            try context.output(order, table: FoodOrdersCommand.single)
        }
    }

    struct Cancel: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel an order (its owner while pending or confirmed, staff until it is ready).",
            discussion: """
                Examples:
                  mscli food orders cancel 3B6BC2B2
                """)
        @Argument(help: ArgumentHelp("Order id or number.", valueName: "order")) var orderID: Reference
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let order = try await withFoodBackend(context) { try await $0.changeStatus(try await $0.resolve(orderID, as: .order), to: .cancelled) }
            context.changed("Cancelled order \(order.orderNumber)", in: .food)
            try context.output(order, table: FoodOrdersCommand.single)
        }
    }

    struct Watch: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Follow live order events until interrupted: your orders, or (staff) a restaurant's or all.",
            discussion: """
                Prints one line per event as it happens (with --output json, one JSON object per line). Over HTTP it \
                follows the food service's WebSocket with your session and reconnects by itself; in maintenance mode it \
                listens on the food service's Redis and sees every instance's events. With -o name, the order id of each \
                event; with -o tsv, a header line, then one tab-separated line per event.

                Examples:
                  mscli food orders watch --all --count 1 --timeout 60
                  mscli food orders watch --restaurant "Saravana Bhavan" -o tsv
                """)
        @Option(help: "Follow this restaurant's orders, by id or name (staff).") var restaurant: Reference?
        @Flag(help: "Follow every order (staff).") var all = false
        @Option(help: "Only this order's events (id or number).") var order: Reference?
        @Option(help: "Stop after this many order events.") var count: Int?
        @Option(help: ArgumentHelp("Stop after this many seconds; an error when --count events did not arrive by then.", valueName: "seconds"))
        var timeout: Double?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if all, restaurant != nil { throw ValidationError("--all and --restaurant exclude each other") }
            if let count, count < 1 { throw ValidationError("--count must be at least 1") }
            if let timeout, !(timeout > 0 && timeout <= 31_536_000) { throw ValidationError("--timeout must be a positive number of seconds") }
        }

        static func line(_ event: OrderEvent) -> String {
            let move = "\(event.previousStatus?.rawValue ?? "new") -> \(event.status.rawValue)"
            return [
                Rendering.date(event.at), event.orderNumber, move.padding(toLength: 24, withPad: " ", startingAt: 0),
                "order \(BookingText.id(event.orderID))", "restaurant \(BookingText.id(event.restaurantID))",
                "user \(BookingText.id(event.userID))",
            ].joined(separator: "  ")
        }

        /// The `-o tsv` columns of the event stream (the header is printed once, when watching starts).
        static func tsv(_ events: [OrderEvent]) -> Table {
            Table(
                headers: ["AT", "ORDER_NUMBER", "FROM", "TO", "ORDER_ID", "RESTAURANT_ID", "USER_ID"],
                rows: events.map {
                    [
                        Rendering.date($0.at), $0.orderNumber, $0.previousStatus?.rawValue ?? "new", $0.status.rawValue, BookingText.id($0.orderID),
                        BookingText.id($0.restaurantID), BookingText.id($0.userID),
                    ]
                })
        }

        func run(_ context: CommandContext) async throws {
            // Names and numbers are looked up once, before following; ids need no lookup.
            let (orderID, restaurantID): (UUID?, UUID?) =
                [order, restaurant].contains { $0 != nil && $0?.uuid == nil }
                ? try await withFoodBackend(context) { backend in
                    (try await backend.resolve(order, as: .order), try await backend.resolve(restaurant, as: .restaurant))
                }
                : (order?.uuid, restaurant?.uuid)
            var watch = OrderWatch(order: orderID, count: count)
            if all { watch.scope = .all } else if let restaurantID { watch.scope = .restaurant(restaurantID) }
            let format = context.settings.output
            if format == .tsv { context.console.out(Self.tsv([]).tsv()) }
            let received = Mutex(0)
            let watcher = OrderEventWatcher(context: context, watch: watch)
            let consume: @Sendable () async throws -> Void = {
                try await watcher.run { item in
                    switch (item, format) {
                    case (.event(let event), .table):
                        context.out(Self.line(event))
                    case (.event(let event), .json):
                        context.out((try? Rendering.compactJSON(event)) ?? "")
                    case (.event(let event), .yaml):
                        context.out("---\n" + ((try? Rendering.yaml(event)) ?? ""))
                    case (.broadcast(let text), .table):
                        context.out("\(Rendering.date(Date()))  broadcast: \(text)")
                    case (.broadcast(let text), .json):
                        context.out((try? Rendering.compactJSON(["type": "broadcast", "message": text])) ?? "")
                    case (.broadcast(let text), .yaml):
                        context.out("---\n" + ((try? Rendering.yaml(["type": "broadcast", "message": text])) ?? ""))
                    case (.event(let event), .name):
                        context.out(BookingText.id(event.orderID))
                    case (.event(let event), .tsv):
                        context.out(Self.tsv([event]).tsv().split(separator: "\n").dropFirst().joined())
                    case (.broadcast(let text), .name), (.broadcast(let text), .tsv):
                        // Not a row: the stream on stdout stays one order a line.
                        context.message("\(Rendering.date(Date()))  broadcast: \(text)")
                    }
                    if case .event = item { received.withLock { $0 += 1 } }
                    return false
                }
            }
            guard let timeout else { return try await consume() }
            let finished = try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask {
                    try await consume()
                    return true
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(Int(timeout * 1000)))
                    return false
                }
                let first = try await group.next() ?? false
                group.cancelAll()
                return first
            }
            if !finished, let count {
                let got = received.withLock { $0 }
                throw CLIError("timed out after \(timeout.formatted()) s with \(got) of \(count) events", status: .failure)
            }
        }
    }
}

extension OrderStatus: ExpressibleByArgument {}
