import Foundation
import Testing
import TestSupport

/// The food shard list checked against the layout the databases record: recorded by the first `migrate up food`,
/// then a list in another order or with a shard missing is refused by mscli and by food-service, naming the mismatch.
@Suite(.tags(.endToEnd)) struct ShardLayoutTests {
    @Test func aSwappedOrMissingShardIsRefusedByMscliAndTheService() async throws {
        try await EndToEnd.run { e2e in
            try await FoodCommandTests.withFoodDatabases { primary, shards in
                func food(_ list: [String]) -> [String] { ["--food-database-url", primary, "--food-shard-urls", list.joined(separator: ",")] }
                let up = try await e2e.mscli(["migrate", "up", "food"] + food(shards))
                #expect(up.status == 0, "\(up)")
                #expect(try await e2e.mscli(["migrate", "status", "food", "--check"] + food(shards)).status == 0)

                let swapped = [shards[1], shards[0], shards[2]]
                let outOfOrder = try await e2e.mscli(["migrate", "status", "food"] + food(swapped))
                #expect(outOfOrder.status == 4, "\(outOfOrder)")
                #expect(outOfOrder.stderr.contains("shard 0") && outOfOrder.stderr.contains("out of order"), "\(outOfOrder)")
                let list = try await e2e.mscli(["food", "orders", "list", "--maintenance"] + food(swapped))
                #expect(list.status == 4 && list.stderr.contains("out of order"), "\(list)")

                let missing = try await e2e.mscli(["migrate", "up", "food"] + food(Array(shards.prefix(2))))
                #expect(missing.status == 4, "\(missing)")
                #expect(missing.stderr.contains("2 shard(s)") && missing.stderr.contains("has 3"), "\(missing)")

                // A shard of this layout named as the primary's only shard of another list: refused too.
                let wrongPrimary = try await e2e.mscli(
                    ["migrate", "status", "food", "--food-database-url", shards[2], "--food-shard-urls", shards[0]])
                #expect(wrongPrimary.status == 4 && wrongPrimary.stderr.contains("already belongs to another layout"), "\(wrongPrimary)")

                // food-service refuses to start on the swapped list, and says why.
                let port = ProcessRunner.freePort()
                let service = try await ProcessRunner.run(
                    Binaries.path("food-service"), ["--port", "\(port)", "--migrate"],
                    environment: [
                        "PATH": e2e.environment["PATH"]!, "DATABASE_URL": primary, "TOKEN_SECRET": EndToEnd.secret,
                        "ENABLE_SHARDING": "true", "SHARD_DATABASE_URLS": swapped.joined(separator: ","), "RATE_LIMIT_ENABLED": "false",
                    ], timeout: 30)
                #expect(service.status != 0, "\(service)")
                #expect((service.stdout + service.stderr).contains("out of order"), "\(service)")

                // The recorded list still works.
                let orders = try await e2e.mscli(["food", "orders", "list", "--maintenance"] + food(shards))
                #expect(orders.status == 0, "\(orders)")
            }
        }
    }
}
