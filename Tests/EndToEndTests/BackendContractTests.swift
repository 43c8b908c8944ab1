import Foundation
import Testing
import TestSupport

/// One scenario table, run over HTTP and with `--maintenance` (issue 14): each row is an `mscli` invocation, and the
/// two paths must agree on its exit code, its `-o json` output and its message (ids, times and numbers normalised),
/// and on the database rows and live order events a scenario names. Adding a scenario is adding an entry to `booking`,
/// `food` or `auth` (its own rows: scenarios run side by side); the machinery is in BackendContractHarness.swift.
///
/// About 290 mscli runs: tagged heavy, so it runs alone rather than starving the parallel end-to-end pass.
@Suite(.serialized, .tags(.endToEnd, .heavy))
struct BackendContractTests {
    static var redisURL: String? { ProcessInfo.processInfo.environment["REDIS_URL"] }

    /// Show times far ahead and fixed, so both paths get the same arguments and the same day boundaries: 20:00 UTC
    /// on 10 March is 01:30 on 11 March in Asia/Kolkata.
    static let start = "2031-03-10T20:00:00Z"
    static let end = "2031-03-10T23:00:00Z"

    static let long201 = String(repeating: "x", count: 201)
    static let long101 = String(repeating: "y", count: 101)

    // MARK: - Booking

    /// A theater, a 3×4 grid with a premium row C, a movie and a showing at `start`, bound as {theater}, {movie},
    /// {showing}.
    static func showingSetup(_ name: String, start: String = start, end: String = end) -> [Contract.Step] {
        [
            step("theaters", "create", "--name", name, "--location", "Forum", "--address", "1 Main St", "--city", name, capture: "theater"),
            step("theaters", "seats", "layout", "{theater}", "--rows", "3", "--seats-per-row", "4", "--premium-rows", "C"),
            step("movies", "create", "--title", name + " Movie", "--duration-minutes", "120", capture: "movie"),
            step(
                "showings", "create", "--movie-id", "{movie}", "--theater-id", "{theater}", "--start", start, "--end", end,
                "--price", "regular=180", "--price", "premium=260.50", capture: "showing"),
        ]
    }

    /// Scenarios run side by side: each one's lists and rows are its own (a city, a theater's name, a user).
    static let theaterState = Contract.StateQuery.booking(
        "SELECT row_to_json(t)::text FROM (SELECT name, location, description, address, city FROM theaters WHERE city = 'Pune') t")

    static let booking: [Contract.Scenario] = [
        Contract.Scenario(
            name: "theaters: create, update, delete, bad fields",
            steps: [
                step("theaters", "create", "--name", "Contract Hall", "--location", "Forum", "--address", "1 Main St", "--city", "Pune",
                     capture: "theater"),
                step("theaters", "get", "{theater}"),
                step("theaters", "update", "{theater}", "--location", "Forum Mall", "--description", "Dolby Atmos\nand 4K"),
                step("theaters", "update", "{theater}", "--clear-description"),
                step("theaters", "create", "--name", "", "--location", "L", "--address", "A", "--city", "C", exit: 4),
                step("theaters", "create", "--name", "Bell\u{7}Hall", "--location", "L", "--address", "A", "--city", "C", exit: 4),
                step("theaters", "create", "--name", long201, "--location", "L", "--address", "A", "--city", "C", exit: 4),
                step("theaters", "update", "{theater}", "--city", "Pu\u{1}ne", exit: 4),
                scriptStep("theaters update {theater} --city \"Pu\u{0}ne\"", exit: 4),
                scriptStep("theaters create --name \"Nul\u{0}Hall\" --location L --address A --city C", exit: 4),
                step("theaters", "list", "--city", "pune"),
                step("theaters", "delete", "{theater}", "--yes"),
                step("theaters", "get", "{theater}", exit: 4),
                step("theaters", "delete", "{theater}", "--yes", exit: 4),
            ],
            state: [theaterState]),
        Contract.Scenario(
            name: "seat layout: ranges, rows outside the grid, replacing",
            steps: [
                step("theaters", "create", "--name", "Grid Hall", "--location", "L", "--address", "A", "--city", "Nashik", capture: "theater"),
                step("theaters", "seats", "layout", "{theater}", "--rows", "0", "--seats-per-row", "4", exit: 64),
                step("theaters", "seats", "layout", "{theater}", "--rows", "53", "--seats-per-row", "4", exit: 64),
                step("theaters", "seats", "layout", "{theater}", "--rows", "2", "--seats-per-row=-3", exit: 64),
                step("theaters", "seats", "layout", "{theater}", "--rows", "2", "--seats-per-row", "3", "--vip-rows", "Z", exit: 64),
                step("theaters", "seats", "list", "{theater}"),
                step("theaters", "seats", "layout", "{theater}", "--rows", "2", "--seats-per-row", "3", "--vip-rows", "B"),
                step("theaters", "seats", "layout", "{theater}", "--rows", "3", "--seats-per-row", "3", exit: 4),
                step("theaters", "seats", "layout", "{theater}", "--rows", "3", "--seats-per-row", "2", "--recliner-rows", "C", "--replace"),
                step("theaters", "seats", "list", "{theater}"),
                step("theaters", "seats", "list", "00000000-0000-4000-8000-000000000001", exit: 4),
            ],
            state: [.booking(
                """
                SELECT s.seat_number || ' ' || s.seat_type FROM seats s JOIN theaters t ON t.id = s.theater_id WHERE t.name = 'Grid Hall'
                """)]),
        Contract.Scenario(
            name: "movies: create, update, clear, delete, bad fields",
            steps: [
                step("movies", "create", "--title", "Contract Movie", "--duration-minutes", "120", "--genre", "Drama", "--language", "English",
                     "--release-date", "2031-01-01", "--rating", "7.5", "--cast", "Ana Actor, Bob Actor", capture: "movie"),
                step("movies", "update", "{movie}", "--rating", "8", "--imax", "--director", "Dee Rector"),
                step("movies", "update", "{movie}", "--clear", "rating", "--clear", "language"),
                step("movies", "update", "{movie}", "--duration-minutes", "1441", exit: 64),
                step("movies", "create", "--title", "Negative", "--duration-minutes=-5", exit: 64),
                step("movies", "create", "--title", "Too good", "--duration-minutes", "90", "--rating", "11", exit: 64),
                step("movies", "create", "--title", "Worse", "--duration-minutes", "90", "--rating=-0.5", exit: 64),
                step("movies", "update", "{movie}", "--genre", long101, exit: 4),
                step("movies", "update", "{movie}", "--director", "Del\u{7f}ete", exit: 4),
                step("movies", "create", "--title", "Bad day", "--duration-minutes", "90", "--release-date", "2031-02-30", exit: 64),
                scriptStep("movies create --title \"Nul\u{0}Film\" --duration-minutes 90", exit: 4),
                step("movies", "get", "{movie}"),
                step("movies", "list", "--genre", "drama"),
                step("movies", "delete", "{movie}", "--yes"),
                step("movies", "get", "{movie}", exit: 4),
            ],
            state: [.booking(
                """
                SELECT row_to_json(m)::text FROM (SELECT title, description, duration_minutes, genre, director, release_date, rating,
                language, is_imax, "cast" FROM movies ORDER BY title) m
                """)]),
        Contract.Scenario(
            name: "showings: create, update, filters by day and time zone, delete",
            steps: showingSetup("Filter Hall") + [
                step("showings", "get", "{showing}", "--tz", "Asia/Kolkata"),
                step(
                    "showings", "create", "--movie-id", "{movie}", "--theater-id", "{theater}", "--start", start, "--end", end, exit: 4),
                step(
                    "showings", "create", "--movie-id", "{movie}", "--theater-id", "{theater}", "--start", "2031-03-11T20:00:00Z",
                    "--end", "2031-03-11T19:00:00Z", exit: 4),
                step(
                    "showings", "create", "--movie-id", "{movie}", "--theater-id", "{theater}", "--start", "2031-03-12T20:00:00Z",
                    "--end", "2031-03-12T23:00:00Z", "--available-seats=-1", exit: 64),
                step(
                    "showings", "create", "--movie-id", "{movie}", "--theater-id", "{theater}", "--start", "2031-03-12T20:00:00Z",
                    "--end", "2031-03-12T23:00:00Z", "--price", "regular=-10", exit: 64),
                step(
                    "showings", "create", "--movie-id", "{movie}", "--theater-id", "{theater}", "--start", "2031-03-12T20:00:00Z",
                    "--end", "2031-03-12T23:00:00Z", "--available-seats", "5", capture: "second"),
                step("showings", "update", "{second}", "--available-seats", "10", "--inactive"),
                step("showings", "update", "{second}", "--available-seats", "100001", exit: 4),
                step("showings", "list", "--theater-id", "{theater}", "--include-expired"),
                step("showings", "list", "--theater-id", "{theater}", "--date", "2031-03-10"),
                step("showings", "list", "--theater-id", "{theater}", "--date", "2031-03-11", "--tz", "Asia/Kolkata"),
                step("showings", "list", "--theater-id", "{theater}", "--date", "2031-03-10", "--tz", "Asia/Kolkata"),
                step("showings", "list", "--theater-id", "{theater}", "--date", "2031-03-10", "--tz", "America/Los_Angeles"),
                step("showings", "list", "--theater-id", "{theater}", "--date", "2031-02-30", exit: 64),
                step("showings", "list", "--theater-id", "{theater}", "--date", "2031-03-10", "--tz", "Mars/Olympus_Mons", exit: 64),
                step("showings", "delete", "{second}", "--yes"),
                step("showings", "get", "{second}", exit: 4),
                step("movies", "delete", "{movie}", "--yes", exit: 4),
                step("theaters", "delete", "{theater}", "--yes", exit: 4),
            ],
            state: [.booking(
                """
                SELECT row_to_json(s)::text FROM (SELECT sh.show_start_datetime, sh.show_end_datetime, sh.available_seats, sh.is_active,
                sh.expires_at, (SELECT json_agg(p.seat_type || '=' || p.price ORDER BY p.seat_type) FROM showing_prices p
                WHERE p.showing_id = sh.id) AS prices FROM showings sh JOIN theaters t ON t.id = sh.theater_id
                WHERE t.name = 'Filter Hall') s
                """)]),
        Contract.Scenario(
            name: "holds and bookings: take, extend, release, someone else's, book, cancel, lists",
            steps: showingSetup("Seat Hall", start: "2031-04-01T18:00:00Z", end: "2031-04-01T21:00:00Z") + [
                step("book", "hold", "{showing}", "A1", "A2", as: .ana),
                step("book", "hold", "{showing}", "A1", as: .ana),
                step("book", "hold", "{showing}", "B1", as: .bob),
                step("book", "map", "{showing}", as: .ana),
                // Releasing a seat you do not hold changes nothing and is not an error (the seed's answer).
                step("book", "release", "{showing}", "B1", as: .ana),
                step("book", "hold", "{showing}", "B1", as: .ana, exit: 4),
                step("book", "create", "{showing}", "B1", as: .ana, exit: 4),
                step("book", "hold", "{showing}", "Z99", as: .ana, exit: 4),
                step("book", "create", "{showing}", "A1", "A2", "--total-price", "999", as: .ana, exit: 4),
                step("book", "create", "{showing}", "A1", "A2", "--total-price", "360", as: .ana, capture: "booking"),
                step("book", "create", "{showing}", "A1", as: .bob, exit: 4),
                step("book", "hold", "{showing}", "A1", as: .bob, exit: 4),
                step("book", "hold", "{showing}", "C1", as: .bob),
                step("book", "create", "{showing}", "C1", as: .bob, capture: "premium"),
                step("book", "list", as: .ana),
                step("book", "list", as: .bob),
                step("book", "list"),
                step("book", "get", "{booking}"),
                step("book", "get", "{booking.number}"),
                step("book", "cancel", "{booking}", "--yes"),
                step("book", "cancel", "{booking}", "--yes", exit: 4),
                step("book", "release", "{showing}", "B1", as: .bob),
                step("book", "release", "{showing}", "B1", as: .bob),
                step("book", "map", "{showing}", as: .bob),
                step("theaters", "seats", "layout", "{theater}", "--rows", "1", "--seats-per-row", "1", "--replace", exit: 4),
            ],
            state: [
                .booking(
                    """
                    SELECT b.user_id || ' ' || b.status || ' ' || b.total_price || ' ' || (b.cancelled_at IS NOT NULL) || ' '
                    || (SELECT string_agg(se.seat_number || ':' || bs.price || ':' || (bs.released_at IS NULL), ',' ORDER BY se.seat_number)
                        FROM booking_seats bs JOIN seats se ON se.id = bs.seat_id WHERE bs.booking_id = b.id)
                    FROM bookings b
                    """),
                .booking("SELECT h.user_id || ' ' || se.seat_number FROM seat_holds h JOIN seats se ON se.id = h.seat_id"),
            ]),
    ]

    // MARK: - Food

    /// A category, a restaurant, a dish and its menu item at 99.50, bound as {category}, {restaurant}, {food}, {menu}.
    static func menuSetup(_ name: String) -> [Contract.Step] {
        [
            step("food", "categories", "create", "--name", name + " Mains", capture: "category"),
            step("food", "restaurants", "create", "--name", name, "--address", "12 MG Road", "--type", "South Indian", capture: "restaurant"),
            step("food", "foods", "create", "--name", name + " Dosa", "--price", "120", "--category", "{category}", "--vegetarian",
                 capture: "food"),
            step("food", "menu", "create", "--restaurant", "{restaurant}", "--food", "{food}", "--category", "{category}", "--price", "99.50",
                 capture: "menu"),
        ]
    }

    /// Each order of the shards with its lines and status history. The first history row's author is the customer on
    /// both paths; later rows are the acting staff (the admin over HTTP, the operator in maintenance mode).
    static func orderState(of user: String) -> Contract.StateQuery {
        .shards(
        """
        SELECT json_build_object('user', o.user_id, 'status', o.status, 'total', o.total_price,
          'lines', (SELECT json_agg(l.name || ' ' || l.unit_price || 'x' || l.quantity ORDER BY l.position) FROM order_lines l
                    WHERE l.order_id = o.id),
          'history', (SELECT json_agg(coalesce(h.from_status, '-') || '>' || h.to_status || ' by '
                        || CASE WHEN h.from_status IS NULL THEN h.changed_by::text ELSE 'staff' END ORDER BY h.changed_at)
                      FROM order_status_history h WHERE h.order_id = o.id))::text
        FROM orders o WHERE o.user_id = '{\(user)}'
        """)
    }

    static let food: [Contract.Scenario] = [
        Contract.Scenario(
            name: "food catalogue: restaurants and menus, create and update, bad fields",
            steps: menuSetup("Contract Dosa") + [
                step("food", "restaurants", "get", "{restaurant}"),
                step("food", "restaurants", "create", "--name", long101, "--address", "A", "--type", "T", exit: 4),
                step("food", "restaurants", "create", "--name", "Tab\u{1b}Bar", "--address", "A", "--type", "T", exit: 4),
                scriptStep("food restaurants create --name \"Nul\u{0}Bar\" --address A --type T", exit: 4),
                step("food", "menu", "update", "{menu}", "--price", "105.25"),
                step("food", "menu", "update", "{menu}", "--price=-1", exit: 64),
                step("food", "menu", "update", "{menu}", "--price", "1.234", exit: 64),
                step("food", "menu", "update", "{menu}", "--price", "100000000000", exit: 4),
                step("food", "menu", "create", "--restaurant", "{restaurant}", "--food", "{food}", "--category", "{category}", "--price", "1",
                     exit: 4),
                step("food", "menu", "get", "{menu}"),
                step("food", "menu", "list", "--restaurant", "{restaurant}"),
                step("food", "menu", "list", "--restaurant", "00000000-0000-4000-8000-000000000001", exit: 4),
                step("food", "categories", "delete", "{category}", "--yes", exit: 4),
            ],
            state: [.food(
                """
                SELECT r.name || ' ' || f.name || ' ' || m.price FROM menu_items m JOIN restaurants r ON r.id = m.restaurant_id
                JOIN foods f ON f.id = m.food_id
                """)]),
        Contract.Scenario(
            name: "orders: place, replay, the state machine, illegal moves, cancel, and the events announced",
            steps: menuSetup("Order Dosa") + [
                step("food", "orders", "create", "{menu}:2", "--idempotency-key", "k-1", as: .ana, capture: "order"),
                step("food", "orders", "create", "{menu}:2", "--idempotency-key", "k-1", as: .ana),
                step("food", "orders", "create", "{menu}:3", "--idempotency-key", "k-1", as: .ana, exit: 4),
                step("food", "orders", "create", "{menu}:0", as: .ana, exit: 64),
                step("food", "orders", "create", "{menu}:101", as: .ana, exit: 4),
                step("food", "orders", "create", "00000000-0000-4000-8000-000000000001", as: .ana, exit: 4),
                step("food", "orders", "list", as: .ana),
                step("food", "orders", "get", "{order}"),
                step("food", "orders", "get", "{order.number}"),
                step("food", "orders", "advance", "{order}"),
                step("food", "orders", "status", "{order}", "pending", exit: 4),
                step("food", "orders", "status", "{order}", "preparing"),
                step("food", "orders", "status", "{order}", "refunded"),
                step("food", "orders", "cancel", "{order}", exit: 4),
                step("food", "orders", "create", "{menu}", as: .ana, capture: "second"),
                step("food", "orders", "cancel", "{second}"),
                step("food", "orders", "advance", "{second}", exit: 4),
                step("food", "orders", "list", "--restaurant", "{restaurant}"),
                step("food", "orders", "list", "--restaurant", "{restaurant}", "--status", "cancelled"),
            ],
            state: [orderState(of: "ana")],
            events: [Contract.Events(order: "order", count: 4), Contract.Events(order: "second", count: 2)]),
        Contract.Scenario(
            name: "an order for a disabled account is refused",
            steps: menuSetup("Closed Dosa") + [
                setupStep("auth", "users", "disable", "carol@example.com"),
                step(
                    "food", "orders", "create", "{menu}", as: .carol, exit: 4,
                    check: .exitCode(because: "over HTTP the session of a disabled account is refused before the order is read")),
                step("food", "orders", "list", "--restaurant", "{restaurant}"),
            ],
            state: [orderState(of: "carol")]),
    ]

    // MARK: - Auth (reads only: both paths share the auth database)

    static let auth: [Contract.Scenario] = [
        Contract.Scenario(
            name: "auth users: get and list",
            steps: [
                step("auth", "users", "get", "ana@example.com"),
                step("auth", "users", "get", "{bob}"),
                step("auth", "users", "get", "nobody@example.com", exit: 4),
                step("auth", "users", "list", "--limit", "2"),
            ]),
    ]

    @Test(.enabled(if: redisURL != nil, "needs REDIS_URL (scripts/test starts Redis): maintenance mode announces order events there"))
    func everyScenarioEndsTheSameOverHTTPAndInMaintenanceMode() async throws {
        try await ContractStack.with { stack, events in
            try await Contract.check(Self.booking + Self.food + Self.auth, on: stack, events: events)
        }
    }
}
