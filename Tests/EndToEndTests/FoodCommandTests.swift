import Foundation
import ServiceCore
import Testing
import TestSupport

/// `mscli food` and `mscli seed` for food, end to end: the real mscli, auth and food binaries, a food primary database
/// and three order shards, Redis when the test script started one.
@Suite(.tags(.endToEnd)) struct FoodCommandTests {
    static var redisURL: String? { ProcessInfo.processInfo.environment["REDIS_URL"] }

    /// The `id` of a JSON object result, failing the test when the command failed.
    static func id(_ result: ProcessResult, _ e2e: EndToEnd, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        #expect(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        let object = try #require(try e2e.json(result) as? [String: Any], "\(result)", sourceLocation: sourceLocation)
        return try #require(object["id"] as? String, sourceLocation: sourceLocation)
    }

    /// A food primary and three shard databases, dropped afterwards.
    static func withFoodDatabases(_ body: @Sendable (_ primary: String, _ shards: [String]) async throws -> Void) async throws {
        try await TestDatabase.with { primary in
            var shards: [DatabaseSettings] = []
            do {
                for _ in 0..<3 { shards.append(try await TestDatabase.create()) }
                try await body(TestDatabase.url(primary), shards.map(TestDatabase.url))
                for shard in shards { try await TestDatabase.drop(shard) }
            } catch {
                for shard in shards { try? await TestDatabase.drop(shard) }
                throw error
            }
        }
    }

    @Test func maintenanceCatalogueAndOrdersAcrossShards() async throws {
        try await EndToEnd.run { e2e in
            try await Self.withFoodDatabases { primary, shards in
                let food = ["--food-database-url", primary, "--food-shard-urls", shards.joined(separator: ",")]
                let maintenance = ["--maintenance"] + food
                let migrated = try await e2e.mscli(["migrate", "up", "food"] + food)
                #expect(migrated.status == 0 && migrated.stderr.contains("== food shard 2"), "\(migrated)")

                // The catalogue, straight into the primary.
                let category = try Self.id(try await e2e.mscli(["food", "categories", "create", "--name", "Main Course", "-o", "json"] + maintenance), e2e)
                let got = try #require(try e2e.json(try await e2e.mscli(["food", "categories", "get", category, "-o", "json"] + maintenance)) as? [String: Any])
                #expect(got["slug"] as? String == "main-course")
                let restaurant = try Self.id(
                    try await e2e.mscli(
                        ["food", "restaurants", "create", "--name", "Dosa Corner", "--address", "12 MG Road", "--type", "South Indian", "-o", "json"]
                            + maintenance), e2e)
                let dish = try Self.id(
                    try await e2e.mscli(
                        ["food", "foods", "create", "--name", "Masala Dosa", "--price", "120", "--category", category, "--vegetarian", "-o", "json"]
                            + maintenance), e2e)
                let menu = try Self.id(
                    try await e2e.mscli(
                        ["food", "menu", "create", "--restaurant", restaurant, "--food", dish, "--category", category, "--price", "99.50", "-o", "json"]
                            + maintenance), e2e)

                // Bad input: a clear line and a non-zero code, nothing stored.
                let badPrice = try await e2e.mscli(["food", "foods", "create", "--name", "X", "--price", "1.234", "--category", category] + maintenance)
                #expect(badPrice.status == 64 && badPrice.stderr.contains("--price"), "\(badPrice)")
                let twice = try await e2e.mscli(
                    ["food", "menu", "create", "--restaurant", restaurant, "--food", dish, "--category", category, "--price", "1"] + maintenance)
                #expect(twice.status == 4, "\(twice)")
                let inUse = try await e2e.mscli(["food", "categories", "delete", category, "--yes"] + maintenance)
                #expect(inUse.status == 4 && inUse.stderr.contains("Category has foods or menu items"), "\(inUse)")
                let unknown = try await e2e.mscli(["food", "menu", "list", "--restaurant", UUID().uuidString] + maintenance)
                #expect(unknown.status == 4 && unknown.stderr.contains("Restaurant not found"), "\(unknown)")
                let foods = try #require(try e2e.json(try await e2e.mscli(["food", "foods", "list", "-o", "json"] + maintenance)) as? [[String: Any]])
                #expect(foods.count == 1)

                let repriced = try await e2e.mscli(["food", "menu", "update", menu, "--price", "105.25", "-o", "json"] + maintenance)
                #expect((try e2e.json(repriced) as? [String: Any])?["price"] as? Double == 105.25, "\(repriced)")

                // Orders for users that land on different shards; an idempotent retry places nothing new.
                let noUser = try await e2e.mscli(["food", "orders", "create", menu] + maintenance)
                #expect(noUser.status == 64 && noUser.stderr.contains("--user-id"), "\(noUser)")
                let users = (0..<6).map { _ in UUID().uuidString.lowercased() }
                var orders: [String] = []
                for user in users {
                    orders.append(
                        try Self.id(try await e2e.mscli(["food", "orders", "create", "\(menu):2", "--user-id", user, "-o", "json"] + maintenance), e2e))
                }
                let first = try await e2e.mscli(
                    ["food", "orders", "create", menu, "\(menu):2", "--user-id", users[0], "--idempotency-key", "k-1", "-o", "json"] + maintenance)
                let firstOrder = try #require(try e2e.json(first) as? [String: Any])
                #expect(firstOrder["total_price"] as? Double == 315.75, "\(first)")
                #expect((firstOrder["food_orders"] as? [[String: Any]])?.first?["quantity"] as? Int == 3)
                let retry = try await e2e.mscli(
                    ["food", "orders", "create", menu, "\(menu):2", "--user-id", users[0], "--idempotency-key", "k-1", "-o", "json"] + maintenance)
                #expect(retry.status == 0 && retry.stderr.contains("already placed"), "\(retry)")
                #expect((try e2e.json(retry) as? [String: Any])?["id"] as? String == firstOrder["id"] as? String)

                // Everyone's orders, gathered from every shard, newest first; a filter by user.
                let all = try #require(try e2e.json(try await e2e.mscli(["food", "orders", "list", "-o", "json"] + maintenance)) as? [[String: Any]])
                #expect(all.count == 7)
                #expect(Set(all.compactMap { $0["user_id"] as? String }) == Set(users))
                let page = try #require(
                    try e2e.json(try await e2e.mscli(["food", "orders", "list", "--limit", "3", "--offset", "3", "-o", "json"] + maintenance))
                        as? [[String: Any]])
                #expect(page.map { $0["id"] as? String } == all[3..<6].map { $0["id"] as? String })
                let mine = try #require(
                    try e2e.json(try await e2e.mscli(["food", "orders", "list", "--user-id", users[0], "-o", "json"] + maintenance)) as? [[String: Any]])
                #expect(mine.count == 2)
                var used: Set<String> = []
                for shard in shards {
                    let rows = try await e2e.mscli(["food", "orders", "list", "-o", "json", "--maintenance", "--food-database-url", shard])
                    for order in (try e2e.json(rows) as? [[String: Any]]) ?? [] { used.insert(shard + (order["id"] as? String ?? "")) }
                }
                #expect(used.count == 7, "every order on exactly one shard")

                // The state machine, from the command line.
                let advanced = try await e2e.mscli(["food", "orders", "advance", orders[1], orders[2]] + maintenance)
                #expect(advanced.status == 0 && advanced.stderr.contains("is now confirmed"), "\(advanced)")
                let backwards = try await e2e.mscli(["food", "orders", "status", orders[1], "pending"] + maintenance)
                #expect(backwards.status == 4 && backwards.stderr.contains("cannot move from confirmed to pending"), "\(backwards)")
                let cancelled = try await e2e.mscli(["food", "orders", "cancel", orders[3], "-o", "json"] + maintenance)
                #expect((try e2e.json(cancelled) as? [String: Any])?["status"] as? String == "cancelled", "\(cancelled)")
                let status = try await e2e.mscli(["food", "orders", "list", "--status", "confirmed", "-o", "json"] + maintenance)
                #expect((try e2e.json(status) as? [[String: Any]])?.count == 2, "\(status)")
                let badStatus = try await e2e.mscli(["food", "orders", "list", "--status", "eaten"] + maintenance)
                #expect(badStatus.status == 64, "\(badStatus)")

                // With the service's Redis, a maintenance change reaches live watchers (here a maintenance watch on Redis).
                if let redis = Self.redisURL {
                    let watcher = try ProcessRunner.Background(
                        Binaries.path("mscli"), ["food", "orders", "watch", "--all", "--count", "1", "--timeout", "30", "-o", "json"] + maintenance
                            + ["--redis-url", redis], environment: e2e.environment)
                    defer { Task { await watcher.stop() } }
                    for _ in 0..<300 where !watcher.log.contains("watching every instance") { try await Task.sleep(for: .milliseconds(50)) }
                    let moved = try await e2e.mscli(["food", "orders", "advance", orders[4], "--redis-url", redis] + maintenance)
                    #expect(moved.status == 0 && !moved.stderr.contains("not told"), "\(moved)")
                    for _ in 0..<300 where watcher.process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
                    #expect(watcher.process.terminationStatus == 0 && watcher.log.contains(#""order_id":"\#(orders[4])""#), "\(watcher.log)")
                } else {
                    let moved = try await e2e.mscli(["food", "orders", "advance", orders[4]] + maintenance)
                    #expect(moved.status == 0 && moved.stderr.contains("live clients were not told"), "\(moved)")
                }

                // Unmigrated shard: refused up front with the command that fixes it.
                try await TestDatabase.with { empty in
                    let stale = try await e2e.mscli(
                        ["food", "orders", "list", "--maintenance", "--food-database-url", primary, "--food-shard-urls", TestDatabase.url(empty)])
                    #expect(stale.status != 0 && stale.stderr.contains("mscli migrate up food"), "\(stale)")
                }
            }
        }
    }

    @Test func seedLoadsTheFoodCatalogueOnce() async throws {
        try await EndToEnd.run { e2e in
            try await TestDatabase.with { bookingDB in
                try await TestDatabase.with { foodDB in
                    let urls = ["--booking-database-url", TestDatabase.url(bookingDB), "--food-database-url", TestDatabase.url(foodDB)]
                    #expect(try await e2e.mscli(["migrate", "up", "booking"] + urls).status == 0)
                    #expect(try await e2e.mscli(["migrate", "up", "food"] + urls).status == 0)
                    let fixtures = SeedAndReindexTests.fixtures
                    let first = try await e2e.mscli(["seed", fixtures, "--skip-users", "-o", "json"] + urls)
                    #expect(first.status == 0, "\(first)")
                    let report = try #require((try e2e.json(first) as? [String: Any])?["food"] as? [String: Any], "\(first)")
                        .compactMapValues { $0 as? [String: Any] }
                    #expect(report["restaurants"]?["inserted"] as? Int == 6 && report["menu_items"]?["inserted"] as? Int == 40, "\(report)")
                    let again = try await e2e.mscli(["seed", fixtures, "--skip-users", "-o", "json"] + urls)
                    let second = try #require((try e2e.json(again) as? [String: Any])?["food"] as? [String: Any], "\(again)")
                        .compactMapValues { $0 as? [String: Any] }
                    #expect(second.count == 4 && second.values.allSatisfy { $0["inserted"] as? Int == 0 }, "\(second)")
                    let menu = try await e2e.mscli(["food", "menu", "list", "--maintenance", "--limit", "100", "-o", "json"] + urls)
                    #expect((try e2e.json(menu) as? [[String: Any]])?.count == 40, "\(menu)")
                    // A reader that has gone away: mscli ends by SIGPIPE (141 under pipefail), it does not crash.
                    let piped = try await ProcessRunner.run(
                        "/bin/bash", ["-c", #"set -o pipefail; "$@" | true; echo "status=$?""#, "_", Binaries.path("mscli"), "food", "foods", "list",
                                      "--maintenance", "--food-database-url", TestDatabase.url(foodDB)],
                        environment: e2e.environment, input: nil, timeout: 60)
                    #expect(piped.stdout == "status=141\n" && !piped.stderr.contains("rror"), "\(piped)")
                    let skipped = try await e2e.mscli(["seed", fixtures, "--skip-users", "--booking-database-url", TestDatabase.url(bookingDB)])
                    #expect(skipped.status == 0 && skipped.stderr.contains("food catalogue skipped"), "\(skipped)")
                }
            }
        }
    }

    @Test func ordersOverHTTPAndAWatchThatSeesThemMove() async throws {
        try await EndToEnd.run { base in
            try await Self.withFoodDatabases { primary, shards in
                let (auth, authURL) = try await base.startAuthService(["--migrate"])
                defer { Task { await auth.stop() } }
                var env = ["ENABLE_SHARDING": "true", "SHARD_DATABASE_URLS": shards.joined(separator: ","), "AUTH_SERVICE_URL": authURL]
                if let redis = Self.redisURL { env["REDIS_URL"] = redis }
                let (service, foodURL) = try await base.startFoodService(databaseURL: primary, env: env)
                defer { Task { await service.stop() } }
                for (email, role) in [("chef@example.com", "moderator"), ("ana@example.com", "user")] {
                    let created = try await base.mscli(
                        "auth", "users", "create", "--maintenance", "--email", email, "--name", email, "--role", role, "--password-stdin",
                        input: "password-123")
                    #expect(created.status == 0, "\(created)")
                }
                // Complete profiles of one environment; the operator exports nothing from here on.
                var e2e = base
                e2e.exportsTargets = false
                for (email, profile) in [("chef@example.com", "default"), ("ana@example.com", "ana")] {
                    try await e2e.profile(
                        profile,
                        [.authURL: authURL, .authDatabaseURL: base.databaseURL, .foodURL: foodURL, .foodDatabaseURL: primary,
                         .foodShardURLs: shards.joined(separator: ",")])
                    let login = try await e2e.mscli("auth", "login", "--email", email, "--password-stdin", "--profile", profile, input: "password-123")
                    #expect(login.status == 0, "\(login)")
                }
                let fixtures = SeedAndReindexTests.fixtures
                let seeded = try await e2e.mscli(["seed", fixtures, "--skip-users", "--skip-booking", "--food-database-url", primary])
                #expect(seeded.status == 0, "\(seeded)")

                // Ana orders over HTTP from a seeded menu; a moderator may not change the catalogue.
                let menu = try #require(try e2e.json(try await e2e.mscli("food", "menu", "list", "--profile", "ana", "-o", "json")) as? [[String: Any]])
                let dosa = try #require(menu.first { ($0["food"] as? [String: Any])?["name"] as? String == "Masala Dosa" }?["id"] as? String)
                let forbidden = try await e2e.mscli("food", "menu", "update", dosa, "--price", "1")
                #expect(forbidden.status == 4 && forbidden.stderr == "mscli: This action needs the admin role\n", "\(forbidden)")
                let placed = try await e2e.mscli("food", "orders", "create", "\(dosa):2", "--idempotency-key", "ana-1", "--profile", "ana", "-o", "json")
                let order = try Self.id(placed, e2e)
                let replay = try await e2e.mscli("food", "orders", "create", "\(dosa):2", "--idempotency-key", "ana-1", "--profile", "ana", "-o", "json")
                #expect(replay.status == 0 && replay.stderr.contains("already placed"), "\(replay)")
                #expect(try Self.id(replay, e2e) == order)
                let notStaff = try await e2e.mscli("food", "orders", "advance", order, "--profile", "ana")
                #expect(notStaff.status == 4, "\(notStaff)")
                let hers = try #require(try e2e.json(try await e2e.mscli("food", "orders", "list", "--profile", "ana", "-o", "json")) as? [[String: Any]])
                #expect(hers.map { $0["id"] as? String } == [order])

                // Ana watches her orders while the chef moves this one along; the watch stops after two events.
                let mscli = Binaries.path("mscli")
                let watcher = try ProcessRunner.Background(
                    mscli, ["food", "orders", "watch", "--count", "2", "--timeout", "30", "--profile", "ana", "-o", "json"],
                    environment: e2e.environment)
                defer { Task { await watcher.stop() } }
                var ready = false
                for _ in 0..<300 where !ready {
                    ready = watcher.log.contains("watching your orders")
                    if !ready { try await Task.sleep(for: .milliseconds(50)) }
                }
                #expect(ready, "\(watcher.log)")
                #expect(try await e2e.mscli("food", "orders", "advance", order).status == 0)
                #expect(try await e2e.mscli("food", "orders", "status", order, "preparing").status == 0)
                for _ in 0..<300 where watcher.process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
                #expect(!watcher.process.isRunning && watcher.process.terminationStatus == 0, "\(watcher.log)")
                let events = watcher.log.split(separator: "\n").filter { $0.hasPrefix("{") }.compactMap {
                    try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
                }
                #expect(events.map { $0["status"] as? String } == ["confirmed", "preparing"], "\(watcher.log)")
                #expect(events.allSatisfy { $0["order_id"] as? String == order })

                // Nothing arrives: a watch with --count times out as an error; without a session it is refused.
                let quiet = try await e2e.mscli("food", "orders", "watch", "--count", "1", "--timeout", "0.5", "--profile", "ana")
                #expect(quiet.status == 1 && quiet.stderr.contains("timed out after 0.5 s with 0 of 1 events"), "\(quiet)")
                let stale = try await e2e.mscli(["food", "orders", "watch"], env: ["MSCLI_TOKEN": "not-a-token"])
                #expect(stale.status == 4 && stale.stderr.contains("refused the session"), "\(stale)")
                let down = try await e2e.mscli("food", "orders", "list", "--food-url", "http://127.0.0.1:9")
                #expect(down.status == 5 && down.stderr.contains("connection refused"), "\(down)")
            }
        }
    }
}

