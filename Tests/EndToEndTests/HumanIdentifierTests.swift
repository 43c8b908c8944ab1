import Foundation
import Testing
import TestSupport

/// The identifiers mscli prints are accepted back as input (booking and order numbers, e-mail addresses, slugs,
/// names and titles), in maintenance mode and over HTTP, through the services' own lookups; `-o name` feeds ids to
/// the next command and `-o tsv` is a stable tab-separated table. The real binaries, services and databases.
@Suite(.tags(.endToEnd)) struct HumanIdentifierTests {
    static func lines(_ result: ProcessResult) -> [String] {
        result.stdout.split(separator: "\n").map(String.init)
    }

    static func object(_ result: ProcessResult, _ e2e: EndToEnd, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        #expect(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        return try #require(try e2e.json(result) as? [String: Any], "\(result)", sourceLocation: sourceLocation)
    }

    @Test func bookingNamesTitlesNumbersAndEmailsInBothModes() async throws {
        try await EndToEnd.run { base in
            try await TestDatabase.with { bookingDB in
                let maintenance = ["--maintenance", "--booking-database-url", TestDatabase.url(bookingDB)]
                #expect(try await base.mscli("migrate", "up", "auth").status == 0)
                #expect(try await base.mscli("migrate", "up", "booking", "--booking-database-url", TestDatabase.url(bookingDB)).status == 0)
                for (email, role) in [("admin@example.com", "admin"), ("ana@example.com", "user"), ("bob@example.com", "user")] {
                    let created = try await base.mscli(
                        "auth", "users", "create", "--maintenance", "--email", email, "--name", email, "--role", role, "--password-stdin",
                        input: "password-123")
                    #expect(created.status == 0, "\(created)")
                }

                // Maintenance mode: the catalogue made and then named by name and title, never by id.
                let forum = try Self.object(
                    try await base.mscli(
                        ["theaters", "create", "--name", "PVR Forum", "--location", "Koramangala", "--address", "21 Hosur Rd",
                         "--city", "Bengaluru", "-o", "json"] + maintenance), base)
                for city in ["Pune", "Mysuru"] {
                    let twin = try await base.mscli(
                        ["theaters", "create", "--name", "Cinepolis", "--location", "Mall", "--address", "1 Road", "--city", city] + maintenance)
                    #expect(twin.status == 0, "\(twin)")
                }
                let seats = try await base.mscli(["theaters", "seats", "pvr forum", "--rows", "2", "--seats-per-row", "4"] + maintenance)
                #expect(seats.status == 0 && seats.stderr.contains("Laid out 8 seats"), "\(seats)")
                let movie = try Self.object(
                    try await base.mscli(
                        ["movies", "create", "--title", "Inception", "--duration-minutes", "148", "--description", "Dreams\nwithin\tdreams\\",
                         "-o", "json"] + maintenance), base)
                let showing = try Self.object(
                    try await base.mscli(
                        ["showings", "create", "--movie-id", "inception", "--theater-id", "PVR Forum", "--start", BookingCommandTests.time(),
                         "--end", BookingCommandTests.time(hours: 3), "-o", "json"] + maintenance), base)
                #expect(showing["theater_id"] as? String == forum["id"] as? String && showing["movie_id"] as? String == movie["id"] as? String)
                let showingID = try #require(showing["id"] as? String)

                // Ambiguous: exit 4 with every candidate, by id and city. Unknown: exit 4 naming what was looked for.
                let ambiguous = try await base.mscli(["theaters", "get", "Cinepolis"] + maintenance)
                #expect(ambiguous.status == 4 && ambiguous.stdout.isEmpty, "\(ambiguous)")
                #expect(ambiguous.stderr.hasPrefix(#"mscli: 2 theaters have the name "Cinepolis"; name one by id:"#), "\(ambiguous)")
                #expect(ambiguous.stderr.contains("Pune") && ambiguous.stderr.contains("Mysuru") && ambiguous.stderr.contains("CITY"), "\(ambiguous)")
                let unknown = try await base.mscli(["movies", "get", "Tenet"] + maintenance)
                #expect(unknown.status == 4 && unknown.stderr == "mscli: no movie with the title \"Tenet\"\n", "\(unknown)")
                let control = try await base.mscli(["movies", "get", "Ten\u{7}et"] + maintenance)
                #expect(control.status == 64, "\(control)")

                // A booking for a user named by e-mail (looked up in the auth database), then found by its number.
                let booked = try Self.object(
                    try await base.mscli(["book", "create", showingID, "A1", "A2", "--user-id", "ana@example.com", "-o", "json"] + maintenance), base)
                let number = try #require(booked["booking_number"] as? String)
                let byNumber = try Self.object(try await base.mscli(["book", "get", number.lowercased(), "-o", "json"] + maintenance), base)
                #expect(byNumber["id"] as? String == booked["id"] as? String)
                let map = Self.lines(try await base.mscli(["book", "map", showingID, "-o", "tsv"] + maintenance))
                #expect(map.first == "SEAT\tSEAT_ID\tTYPE\tSTATE\tPRICE\tHELD_BY" && map.count == 9, "\(map)")
                #expect(map.contains { $0.hasPrefix("A1\t") && $0.contains("\tbooked\t") }, "\(map)")
                // The seat ids `book hold -o name` prints are what `book release` takes back.
                let held = try await base.mscli(["book", "hold", showingID, "B1", "B2", "--user-id", "bob@example.com", "-o", "name"] + maintenance)
                #expect(held.status == 0 && Self.lines(held).count == 2, "\(held)")
                let released = try await base.mscli(["book", "release", showingID] + Self.lines(held) + ["--user-id", "bob@example.com"] + maintenance)
                #expect(released.status == 0 && released.stderr.contains("Released B1, B2"), "\(released)")
                let nobody = try await base.mscli(["book", "hold", showingID, "B1", "--user-id", "nobody@example.com"] + maintenance)
                #expect(nobody.status == 4 && nobody.stderr.contains(#"no user with the e-mail address "nobody@example.com""#), "\(nobody)")
                let annasBookings = try await base.mscli(["book", "list", "--user-id", "ANA@example.com", "-o", "name"] + maintenance)
                #expect(Self.lines(annasBookings) == [booked["id"] as? String], "\(annasBookings)")

                // Over HTTP: the same names through the service's filters, with its permissions.
                let (auth, authURL) = try await base.startAuthService()
                defer { Task { await auth.stop() } }
                let (booking, serviceURL) = try await base.startBookingService(databaseURL: TestDatabase.url(bookingDB))
                defer { Task { await booking.stop() } }
                // One complete profile per person, all of one environment; nothing exported from here on.
                var e2e = base
                e2e.serviceURL = authURL
                e2e.exportsTargets = false
                for (email, profile) in [("admin@example.com", "default"), ("ana@example.com", "ana"), ("bob@example.com", "bob")] {
                    try await e2e.profile(
                        profile,
                        [.authURL: authURL, .authDatabaseURL: base.databaseURL, .bookingURL: serviceURL,
                         .bookingDatabaseURL: TestDatabase.url(bookingDB)])
                    let login = try await e2e.mscli("auth", "login", "--email", email, "--password-stdin", "--profile", profile, input: "password-123")
                    #expect(login.status == 0, "\(login)")
                }
                let theater = try Self.object(try await e2e.mscli("theaters", "get", "PVR FORUM", "-o", "json", "--profile", "ana"), e2e)
                #expect(theater["id"] as? String == forum["id"] as? String)
                let overHTTP = try await e2e.mscli("theaters", "get", "Cinepolis")
                #expect(overHTTP.status == 4 && overHTTP.stderr.contains("2 theaters have the name"), "\(overHTTP)")
                let hers = try Self.object(try await e2e.mscli("book", "get", number, "-o", "json", "--profile", "ana"), e2e)
                #expect(hers["id"] as? String == booked["id"] as? String)
                // Bob cannot resolve Ana's booking number: for him it does not exist.
                let notHis = try await e2e.mscli("book", "get", number, "--profile", "bob")
                #expect(notHis.status == 4 && notHis.stderr.contains("no booking with the booking number \"\(number)\""), "\(notHis)")
                let notHisCancel = try await e2e.mscli("book", "cancel", number, "--yes", "--profile", "bob")
                #expect(notHisCancel.status == 4, "\(notHisCancel)")
                // The admin names users by e-mail (the auth service looks them up); Ana may name herself.
                let adminView = try await e2e.mscli("book", "list", "--user-id", "ana@example.com", "-o", "name")
                #expect(Self.lines(adminView) == [booked["id"] as? String], "\(adminView)")
                let herself = try await e2e.mscli("book", "list", "--user-id", "ana@example.com", "-o", "name", "--profile", "ana")
                #expect(Self.lines(herself) == [booked["id"] as? String], "\(herself)")
                let showings = try await e2e.mscli("showings", "list", "--theater-id", "pvr forum", "--movie-id", "Inception", "-o", "name")
                #expect(Self.lines(showings) == [showingID], "\(showings)")

                // -o name fed back as arguments, as xargs would: every id printed is accepted.
                let ids = Self.lines(try await e2e.mscli("theaters", "list", "-o", "name"))
                #expect(ids.count == 3)
                for id in ids {
                    let got = try Self.object(try await e2e.mscli("theaters", "get", id, "-o", "json"), e2e)
                    #expect(got["id"] as? String == id)
                }
                let mine = Self.lines(try await e2e.mscli("book", "list", "-o", "name", "--profile", "ana"))
                let cancelled = try await e2e.mscli(["book", "cancel"] + mine + ["--yes", "--profile", "ana", "-o", "name"])
                #expect(cancelled.status == 0 && Self.lines(cancelled) == mine, "\(cancelled)")

                // -o tsv: the table's header and columns, tab-separated, with tabs and newlines escaped.
                let tsv = Self.lines(try await e2e.mscli("theaters", "list", "-o", "tsv"))
                #expect(tsv.first == "ID\tNAME\tLOCATION\tCITY" || tsv.first?.hasPrefix("ID\tNAME\t") == true, "\(tsv)")
                #expect(tsv.count == 4 && tsv.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == tsv[0].split(separator: "\t").count })
                #expect(tsv.dropFirst().map { String($0.prefix(while: { $0 != "\t" })) } == ids)
                let single = Self.lines(try await e2e.mscli("movies", "get", "inception", "-o", "tsv"))
                #expect(single.first == "FIELD\tVALUE" && single.contains(#"description\#tDreams\nwithin\tdreams\\"#), "\(single)")

                // -o name where the output has no ids: a usage error before anything runs.
                let noIDs = try await e2e.mscli("migrate", "status", "booking", "-o", "name", "--booking-database-url", TestDatabase.url(bookingDB))
                #expect(noIDs.status == 64 && noIDs.stdout.isEmpty && noIDs.stderr.contains("-o name"), "\(noIDs)")
            }
        }
    }

    @Test func foodSlugsNamesDishesAndOrderNumbersInBothModes() async throws {
        try await EndToEnd.run { base in
            try await FoodCommandTests.withFoodDatabases { primary, shards in
                let food = ["--food-database-url", primary, "--food-shard-urls", shards.joined(separator: ",")]
                let maintenance = ["--maintenance"] + food
                #expect(try await base.mscli("migrate", "up", "auth").status == 0)
                #expect(try await base.mscli(["migrate", "up", "food"] + food).status == 0)
                for (email, role) in [("admin@example.com", "admin"), ("ana@example.com", "user"), ("bob@example.com", "user")] {
                    let created = try await base.mscli(
                        "auth", "users", "create", "--maintenance", "--email", email, "--name", email, "--role", role, "--password-stdin",
                        input: "password-123")
                    #expect(created.status == 0, "\(created)")
                }

                // Maintenance mode: a catalogue built by slug and name.
                let category = try Self.object(
                    try await base.mscli(["food", "categories", "create", "--name", "South Indian", "-o", "json"] + maintenance), base)
                #expect(category["slug"] as? String == "south-indian")
                let saravana = try Self.object(
                    try await base.mscli(
                        ["food", "restaurants", "create", "--name", "Saravana Bhavan", "--address", "1 Mount Rd", "--type", "South Indian",
                         "-o", "json"] + maintenance), base)
                var corners: [String] = []
                for address in ["2 MG Road", "3 Brigade Rd"] {
                    corners.append(
                        try #require(
                            try Self.object(
                                try await base.mscli(
                                    ["food", "restaurants", "create", "--name", "Dosa Corner", "--address", address, "--type", "Cafe", "-o", "json"]
                                        + maintenance), base)["id"] as? String))
                }
                let dosa = try Self.object(
                    try await base.mscli(
                        ["food", "foods", "create", "--name", "Masala Dosa", "--price", "80", "--category", "south-indian", "-o", "json"]
                            + maintenance), base)
                #expect((dosa["category"] as? [String: Any])?["id"] as? String == category["id"] as? String)
                for (restaurant, price) in [("saravana bhavan", "90"), (corners[0], "85")] {
                    let item = try await base.mscli(
                        ["food", "menu", "create", "--restaurant", restaurant, "--food", "Masala Dosa", "--category", "South Indian",
                         "--price", price] + maintenance)
                    #expect(item.status == 0, "\(item)")
                }
                let byCategory = try await base.mscli(["food", "foods", "list", "--category", "SOUTH-INDIAN", "-o", "name"] + maintenance)
                #expect(Self.lines(byCategory) == [dosa["id"] as? String], "\(byCategory)")
                let twoCorners = try await base.mscli(["food", "restaurants", "get", "Dosa Corner"] + maintenance)
                #expect(twoCorners.status == 4 && twoCorners.stderr.contains("2 restaurants have the name \"Dosa Corner\""), "\(twoCorners)")
                #expect(corners.allSatisfy(twoCorners.stderr.contains), "\(twoCorners)")
                let noSuch = try await base.mscli(["food", "categories", "get", "desserts"] + maintenance)
                #expect(noSuch.status == 4 && noSuch.stderr == "mscli: no category with the slug or name \"desserts\"\n", "\(noSuch)")

                // A dish two restaurants sell is ambiguous until the restaurant is named; the user is named by e-mail.
                let which = try await base.mscli(["food", "orders", "create", "Masala Dosa:2", "--user-id", "ana@example.com"] + maintenance)
                #expect(which.status == 4 && which.stderr.contains("2 menu items have the dish name") && which.stderr.contains("Saravana Bhavan"), "\(which)")
                let order = try Self.object(
                    try await base.mscli(
                        ["food", "orders", "create", "Masala Dosa:2", "--restaurant", "Saravana Bhavan", "--user-id", "ana@example.com",
                         "-o", "json"] + maintenance), base)
                #expect(order["restaurant_id"] as? String == saravana["id"] as? String && order["total_price"] as? Double == 180, "\(order)")
                let number = try #require(order["order_number"] as? String)
                let advanced = try await base.mscli(["food", "orders", "advance", number.lowercased(), "-o", "json"] + maintenance)
                let advancedOrders = try #require(try base.json(advanced) as? [[String: Any]], "\(advanced)")
                #expect(advancedOrders.count == 1 && advancedOrders[0]["id"] as? String == order["id"] as? String && advancedOrders[0]["status"] as? String == "confirmed")

                // Over HTTP: the same lookups through the food service, a customer finding only their own order.
                let (auth, authURL) = try await base.startAuthService()
                defer { Task { await auth.stop() } }
                let (service, foodURL) = try await base.startFoodService(
                    databaseURL: primary,
                    env: ["ENABLE_SHARDING": "true", "SHARD_DATABASE_URLS": shards.joined(separator: ","), "AUTH_SERVICE_URL": authURL])
                defer { Task { await service.stop() } }
                var e2e = base
                e2e.serviceURL = authURL
                e2e.exportsTargets = false
                for (email, profile) in [("admin@example.com", "default"), ("ana@example.com", "ana"), ("bob@example.com", "bob")] {
                    try await e2e.profile(
                        profile,
                        [.authURL: authURL, .authDatabaseURL: base.databaseURL, .foodURL: foodURL, .foodDatabaseURL: primary,
                         .foodShardURLs: shards.joined(separator: ",")])
                    let login = try await e2e.mscli("auth", "login", "--email", email, "--password-stdin", "--profile", profile, input: "password-123")
                    #expect(login.status == 0, "\(login)")
                }
                let hers = try Self.object(try await e2e.mscli("food", "orders", "get", number, "-o", "json", "--profile", "ana"), e2e)
                #expect(hers["id"] as? String == order["id"] as? String)
                let notHis = try await e2e.mscli("food", "orders", "get", number, "--profile", "bob")
                #expect(notHis.status == 4 && notHis.stderr.contains("no order with the order number \"\(number)\""), "\(notHis)")
                let menu = try await e2e.mscli("food", "menu", "list", "--restaurant", "Saravana Bhavan", "-o", "name", "--profile", "ana")
                #expect(Self.lines(menu).count == 1, "\(menu)")
                let again = try Self.object(
                    try await e2e.mscli("food", "orders", "create", "masala dosa", "--restaurant", corners[0], "--profile", "ana", "-o", "json"), e2e)
                #expect(again["restaurant_id"] as? String == corners[0], "\(again)")
                let staffView = try await e2e.mscli("food", "orders", "list", "--user-id", "ana@example.com", "-o", "name")
                #expect(Set(Self.lines(staffView)) == Set([order["id"] as? String, again["id"] as? String].compactMap { $0 }), "\(staffView)")

                // -o name fed back as arguments: every order id printed is moved along in one command.
                let ids = Self.lines(try await e2e.mscli("food", "orders", "list", "-o", "name"))
                let moved = try await e2e.mscli(["food", "orders", "advance"] + ids + ["-o", "tsv"])
                #expect(moved.status == 0, "\(moved)")
                let rows = Self.lines(moved)
                #expect(rows.first?.hasPrefix("ID\tORDER_NUMBER\t") == true && rows.count == ids.count + 1, "\(moved)")
                #expect(Set(rows.dropFirst().map { String($0.prefix(while: { $0 != "\t" })) }) == Set(ids))
                let categories = Self.lines(try await e2e.mscli("food", "categories", "list", "-o", "tsv"))
                #expect(categories == ["ID\tNAME\tSLUG", "\(category["id"] as? String ?? "")\tSouth Indian\tsouth-indian"], "\(categories)")
            }
        }
    }
}
