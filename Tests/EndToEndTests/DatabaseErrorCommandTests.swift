import Foundation
import ServiceCore
import Testing
import TestSupport

/// mscli's maintenance mode classifies database errors as the services do: a value the database refuses is the
/// operator's input (exit 4, "refused", as the service's 422 would be), with the server's words for the operator.
@Suite(.tags(.endToEnd)) struct DatabaseErrorCommandTests {
    @Test func aValueTheDatabaseRefusesExits4() async throws {
        try await EndToEnd.run { e2e in
            try await FoodCommandTests.withFoodDatabases { primary, shards in
                let food = ["--food-database-url", primary, "--food-shard-urls", shards.joined(separator: ",")]
                let migrated = try await e2e.mscli(["migrate", "up", "food"] + food)
                #expect(migrated.status == 0, "\(migrated)")
                // 60 characters but 120 code points, past the column's varchar(100). The text rule counts code points,
                // as PostgreSQL does, so this is refused before the database sees it (it once came back as 22001).
                let long = try await e2e.mscli(
                    ["food", "categories", "create", "--name", String(repeating: "e\u{301}", count: 60), "--slug", "long", "--maintenance"] + food)
                #expect(long.status == 4, "\(long)")
                #expect(long.stderr.contains("at most 100 characters"), "\(long)")
            }
        }
    }
}
