import Crypto
import Foundation
import ServiceCore

/// Where the food data lives: the catalogue on the primary database, each user's orders on one shard. Without
/// sharding the primary is the only shard.
public struct ShardLayout: Sendable, Equatable {
    public var primary: DatabaseSettings
    /// The order shards, in shard-id order (id = index). Equal to `[primary]` when sharding is off.
    public var shards: [DatabaseSettings]
    public var shardingEnabled: Bool

    public init(primary: DatabaseSettings, shards: [DatabaseSettings]? = nil) {
        self.primary = primary
        self.shards = shards ?? [primary]
        self.shardingEnabled = shards != nil
    }

    /// The seed's shard function: MD5 of the user id as lower-case hyphenated text, the first 8 bytes as an
    /// unsigned big-endian integer, modulo the number of shards. Plain modulo: changing the shard count moves
    /// orders, which needs a migration of their rows (not automated).
    public static func shardIndex(for userID: UUID, shardCount: Int) -> Int {
        precondition(shardCount > 0)
        let digest = Insecure.MD5.hash(data: Data(userID.lowercasedString.utf8))
        let prefix = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(prefix % UInt64(shardCount))
    }

    public func shardIndex(for userID: UUID) -> Int { Self.shardIndex(for: userID, shardCount: shards.count) }

    /// The seed's variables: `ENABLE_SHARDING`, then `SHARD_DATABASE_URLS` (comma-separated URLs) or `SHARD_COUNT` with
    /// `SHARD_<i>_HOST/PORT/DB/USER/PASSWORD/POOL_SIZE` (without `SHARD_<i>_PASSWORD` no password is sent: the seed's
    /// default `admin` is gone). A shard without its host is an error, not a hole in the numbering (the seed skipped it
    /// and then failed on every key that mapped there).
    public static func fromEnvironment(_ env: EnvironmentReader, primary: DatabaseSettings) throws -> ShardLayout {
        guard try env.bool("ENABLE_SHARDING") ?? false else { return ShardLayout(primary: primary) }
        if let urls = env.list("SHARD_DATABASE_URLS"), !urls.isEmpty {
            return try fromList(urls, primary: primary, variable: "SHARD_DATABASE_URLS") { url, index in
                do {
                    return try DatabaseSettings(url: url)
                } catch {
                    throw ConfigurationError("SHARD_DATABASE_URLS entry \(index): \(error)")
                }
            }
        }
        guard let count = try env.int("SHARD_COUNT", in: 1...64) else {
            throw ConfigurationError("ENABLE_SHARDING is true but neither SHARD_DATABASE_URLS nor SHARD_COUNT is set")
        }
        var shards: [DatabaseSettings] = []
        for index in 0..<count {
            guard let host = env["SHARD_\(index)_HOST"] else {
                throw ConfigurationError("SHARD_COUNT is \(count) but SHARD_\(index)_HOST is not set")
            }
            var settings = DatabaseSettings(
                host: host,
                port: try env.int("SHARD_\(index)_PORT", in: 1...65535) ?? 5432,
                username: env["SHARD_\(index)_USER"] ?? "postgres",
                // No default password: without one none is sent, and the server's own rules decide.
                password: env["SHARD_\(index)_PASSWORD"],
                database: env["SHARD_\(index)_DB"] ?? "food_service_shard_\(index)")
            if let pool = try env.int("SHARD_\(index)_POOL_SIZE", in: 1...500) { settings.maximumConnections = pool }
            shards.append(settings)
        }
        return ShardLayout(primary: primary, shards: shards)
    }
}

extension ShardLayout {
    /// The one way a list of shard databases becomes a layout, for the service (`SHARD_DATABASE_URLS`) and for mscli
    /// (`FOOD_SHARD_DATABASE_URLS`, `--food-shard-urls`): the entries in shard-id order (the order decides on which
    /// shard a user's orders live), each turned into settings by `settings` (the service parses a URL; mscli resolves
    /// it as libpq does, .pgpass and service files included), which throws an error naming the entry. No entries:
    /// not sharded, the primary holds the orders.
    public static func fromList(
        _ entries: [String], primary: DatabaseSettings, variable: String,
        settings: (_ entry: String, _ index: Int) throws -> DatabaseSettings
    ) throws -> ShardLayout {
        guard !entries.isEmpty else { return ShardLayout(primary: primary) }
        let shards = try entries.enumerated().map { index, entry in
            guard !entry.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ConfigurationError("\(variable) entry \(index) is empty")
            }
            return try settings(entry, index)
        }
        return ShardLayout(primary: primary, shards: shards)
    }

    /// The order shards when sharding is on, else none (the primary is then the only shard).
    public var configuredShards: [DatabaseSettings] { shardingEnabled ? shards : [] }
}
