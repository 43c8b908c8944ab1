import FoodService
import PostgresNIO
import ServiceCore

/// mscli's side of ``ShardLayoutRecord``: the configured food shard list checked against the layout the databases
/// record before a maintenance or migrate command works on them; a mismatch is refused (exit 4), never written through.
extension CommandContext {
    /// Opens the food primary and shards and checks them (recording the layout on first use when `record`).
    /// Nothing to check when food is not sharded.
    func checkFoodShardLayout(record: Bool) async throws {
        guard !settings.foodShardURLs.isEmpty else { return }
        let layout = try foodShardLayout()
        let shards = layout.configuredShards
        try await PostgresClient.withClients([layout.primary] + shards, logger: logger) { clients in
            try await checkFoodShardLayout(clients: clients, shards: shards, record: record)
        }
    }

    /// The same over clients already open: `clients[0]` the primary, then one per shard.
    func checkFoodShardLayout(clients: [PostgresClient], shards: [DatabaseSettings], record: Bool) async throws {
        do {
            try await ShardLayoutRecord.check(
                primary: clients[0], shards: Array(clients.dropFirst()), names: shards.map(ShardLayoutRecord.name), record: record,
                logger: logger)
        } catch let mismatch as ShardLayoutMismatch {
            throw CLIError("food shard layout: \(mismatch.description)", status: .refused)
        }
    }
}
