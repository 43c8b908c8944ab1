import Foundation
import Logging
import PostgresNIO
import ServiceCore

/// The configured shard list does not match the layout the databases record (the error names how).
public struct ShardLayoutMismatch: Error, CustomStringConvertible, Sendable {
    public let description: String
}

/// The sharded layout as the databases themselves record it (food migration 2): each database has a generated id;
/// the primary lists, in order, the id of each shard; each shard records the layout it belongs to and its place.
/// Orders are placed by `shardIndex(for:shardCount:)`, so a list in another order, with a shard missing or added, or
/// with another layout's shard would put orders where their reads never look: the food service refuses to start
/// and mscli refuses the command, naming the mismatch. The layout is recorded the first time a sharded layout is
/// used with `record` (food-service start, `mscli migrate up food`, maintenance commands).
public enum ShardLayoutRecord {
    /// `host:port/database`, how messages name a database.
    public static func name(_ settings: DatabaseSettings) -> String {
        "\(settings.unixSocketPath ?? "\(settings.host):\(settings.port)")/\(settings.database)"
    }

    struct Row {
        var index: Int
        var layoutID: UUID
        var count: Int
        var databaseID: UUID
    }

    /// Checks `shards` (named by `names`, for messages) against the layout recorded on `primary`; with `record`,
    /// records the layout when none is yet. Does nothing while a database lacks the layout tables (not migrated yet).
    public static func check(
        primary: PostgresClient, shards: [PostgresClient], names: [String], record: Bool, logger: Logger
    ) async throws {
        for client in [primary] + shards {
            guard try await hasTables(client, logger) else { return }
        }
        var ids: [UUID] = []
        for client in shards { ids.append(try await identity(client, logger)) }
        for (i, id) in ids.enumerated() {
            if let j = ids.firstIndex(of: id), j < i {
                throw ShardLayoutMismatch(description: "shards \(j) (\(names[j])) and \(i) (\(names[i])) are the same database")
            }
        }
        var layout = try await rows(primary, role: "layout", logger)
        if layout.isEmpty {
            for (i, client) in shards.enumerated() {
                if let member = try await rows(client, role: "member", logger).first {
                    throw ShardLayoutMismatch(
                        description: "shard \(i) (\(names[i])) already belongs to another layout (\(member.layoutID), as shard "
                            + "\(member.index) of \(member.count)); the primary records none")
                }
            }
            guard record else { return }
            let layoutID = UUID()
            try await primary.withTransaction(logger: logger) { connection in
                for (i, id) in ids.enumerated() {
                    try await connection.query(
                        """
                        INSERT INTO food_shard_layout (role, shard_index, layout_id, shard_count, database_id)
                        VALUES ('layout', \(i), \(layoutID), \(ids.count), \(id)) ON CONFLICT DO NOTHING
                        """, logger: logger)
                }
            }
            layout = try await rows(primary, role: "layout", logger)
            logger.notice("recorded the food shard layout", metadata: ["layout": "\(layout.first?.layoutID.uuidString ?? "-")"])
        }
        let layoutID = layout[0].layoutID
        guard layout.count == shards.count else {
            throw ShardLayoutMismatch(
                description: "the configured list has \(shards.count) shard(s), the layout recorded on the primary has "
                    + "\(layout.count) (\(layoutID)); list every shard, in order")
        }
        for (i, id) in ids.enumerated() where layout[i].databaseID != id {
            if let recorded = layout.first(where: { $0.databaseID == id }) {
                throw ShardLayoutMismatch(
                    description: "shard \(i) (\(names[i])) is shard \(recorded.index) of the recorded layout: the list is out of order")
            }
            throw ShardLayoutMismatch(
                description: "shard \(i) (\(names[i])) is not in the layout recorded on the primary (\(layoutID)): another "
                    + "layout's shard, or a database that never was one")
        }
        for (i, client) in shards.enumerated() {
            var member = try await rows(client, role: "member", logger).first
            if member == nil, record {
                try await client.run(
                    """
                    INSERT INTO food_shard_layout (role, shard_index, layout_id, shard_count, database_id)
                    VALUES ('member', \(i), \(layoutID), \(ids.count), \(ids[i])) ON CONFLICT DO NOTHING
                    """, logger: logger)
                member = try await rows(client, role: "member", logger).first
            }
            if let member, member.layoutID != layoutID || member.index != i {
                throw ShardLayoutMismatch(
                    description: "shard \(i) (\(names[i])) records that it is shard \(member.index) of layout \(member.layoutID), "
                        + "not shard \(i) of \(layoutID)")
            }
        }
    }

    static func hasTables(_ client: PostgresClient, _ logger: Logger) async throws -> Bool {
        try await client.values("SELECT to_regclass('food_shard_layout') IS NOT NULL", as: Bool.self, logger: logger).first ?? false
    }

    static func identity(_ client: PostgresClient, _ logger: Logger) async throws -> UUID {
        if let id = try await client.values("SELECT id FROM food_database_identity", as: UUID.self, logger: logger).first { return id }
        throw ShardLayoutMismatch(description: "a food database has no identity row (food_database_identity is empty)")
    }

    static func rows(_ client: PostgresClient, role: String, _ logger: Logger) async throws -> [Row] {
        try await client.values(
            "SELECT shard_index, layout_id, shard_count, database_id FROM food_shard_layout WHERE role = \(role) ORDER BY shard_index",
            as: (Int, UUID, Int, UUID).self, logger: logger
        ).map { Row(index: $0.0, layoutID: $0.1, count: $0.2, databaseID: $0.3) }
    }
}
