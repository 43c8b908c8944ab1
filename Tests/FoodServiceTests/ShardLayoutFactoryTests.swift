import FoodService
import Foundation
import ServiceCore
import Testing

/// `ShardLayout.fromList`, the one factory food-service and mscli build a shard list with, and the seed's
/// `SHARD_<i>_*` variables without the seed's default password.
@Suite struct ShardLayoutFactoryTests {
    static let primary = DatabaseSettings(host: "db0", username: "food", password: nil, database: "food")

    static func settings(_ url: String, _ index: Int) throws -> DatabaseSettings { try DatabaseSettings(url: url) }

    @Test func noEntriesIsNotSharded() throws {
        let layout = try ShardLayout.fromList([], primary: Self.primary, variable: "X", settings: Self.settings)
        #expect(!layout.shardingEnabled && layout.shards == [Self.primary] && layout.configuredShards.isEmpty)
    }

    @Test func entriesKeepTheirOrder() throws {
        let urls = ["postgres://u@b:5432/two", "postgres://u@a:5432/one", "postgres://u@c:5432/three"]
        let layout = try ShardLayout.fromList(urls, primary: Self.primary, variable: "X", settings: Self.settings)
        #expect(layout.shardingEnabled && layout.configuredShards.map(\.database) == ["two", "one", "three"])
    }

    @Test func anEmptyEntryIsNamed() {
        #expect {
            _ = try ShardLayout.fromList(["postgres://u@a/one", " "], primary: Self.primary, variable: "FOOD_SHARD_DATABASE_URLS", settings: Self.settings)
        } throws: { "\($0)" == "FOOD_SHARD_DATABASE_URLS entry 1 is empty" }
    }

    @Test func theServiceReadsItsURLListThroughTheFactory() throws {
        let env = EnvironmentReader(["ENABLE_SHARDING": "true", "SHARD_DATABASE_URLS": "postgres://u@a/one, postgres://u@b/two"])
        let layout = try ShardLayout.fromEnvironment(env, primary: Self.primary)
        #expect(layout.configuredShards.map(\.database) == ["one", "two"])
        #expect {
            _ = try ShardLayout.fromEnvironment(
                EnvironmentReader(["ENABLE_SHARDING": "true", "SHARD_DATABASE_URLS": "postgres://u@a/one,mysql://b"]), primary: Self.primary)
        } throws: { "\($0)".hasPrefix("SHARD_DATABASE_URLS entry 1:") }
    }

    /// The seed defaulted every shard's password to `admin`; now an unset password sends none.
    @Test func noDefaultPasswords() throws {
        let env = EnvironmentReader([
            "ENABLE_SHARDING": "true", "SHARD_COUNT": "2", "SHARD_0_HOST": "a", "SHARD_1_HOST": "b", "SHARD_1_PASSWORD": "s3cret",
        ])
        let layout = try ShardLayout.fromEnvironment(env, primary: Self.primary)
        #expect(layout.shards.map(\.password) == [nil, "s3cret"])
        let primary = try DatabaseSettings.fromEnvironment(["POSTGRES_HOST": "db"], defaultDatabase: "food_service")
        #expect(primary.password == nil && primary.host == "db")
        #expect(try DatabaseSettings.fromEnvironment(["POSTGRES_PASSWORD": "pw"], defaultDatabase: "x").password == "pw")
    }
}
