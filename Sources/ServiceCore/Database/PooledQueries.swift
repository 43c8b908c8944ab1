import Logging
import PostgresNIO

/// The services' only way to run a query on a pool: each leases a connection with `withConnection`, reads the whole
/// answer, and gives the connection back however the query ended.
///
/// PostgresNIO's own pool-level `PostgresClient.query` and `PostgresClient.execute` give the connection back when the
/// row stream they return finishes. They lose it for good when the query has already failed by the time the stream
/// is handed over: an error after the server's BindComplete (a unique violation of an `INSERT ... RETURNING`, a
/// serialization failure, a division by zero) that arrives before the caller's callback is registered, which happens
/// when the caller runs on another thread than the connection's event loop and is descheduled for a round trip
/// (PostgresNIO 1.33.2, `PSQLRowStream.asyncSequence`: its `.failure` case calls no `onFinish`). Under a booking load
/// with many 409s, a pool whose ten connections had all leaked answered every request with a timeout (HAFailoverTests,
/// 2026-12-06); PooledQueriesTests loses both connections of a 2-connection pool that way within a few hundred
/// unique violations.
/// `withConnection` returns its lease in a `defer`, so none of these can leak.
extension PostgresClient {
    /// Every row of a query, for answers small enough to hold (lists are paged).
    public func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        try await withConnection { connection in try await connection.rows(query, logger: logger) }
    }

    /// Every row of a prepared statement (prepared once per connection by PostgresNIO).
    public func rows<Statement: PostgresPreparedStatement>(_ statement: Statement, logger: Logger) async throws -> [Statement.Row]
    where Statement.Row: Sendable {
        try await withConnection { connection in
            var result: [Statement.Row] = []
            for try await row in try await connection.execute(statement, logger: logger) { result.append(row) }
            return result
        }
    }

    /// Every row of a query, decoded as `types`.
    public func values<each Column: PostgresDecodable & Sendable>(
        _ query: PostgresQuery, as types: (repeat each Column).Type, logger: Logger
    ) async throws -> [(repeat each Column)] {
        try await collect(query, logger: logger) { try $0.decode(types) }
    }

    /// Every row's one column, decoded as `type`.
    public func values<Column: PostgresDecodable & Sendable>(_ query: PostgresQuery, as type: Column.Type, logger: Logger) async throws -> [Column] {
        try await collect(query, logger: logger) { try $0.decode(type) }
    }

    /// A statement whose answer nobody reads (an `UPDATE`, a `DELETE`, an `ANALYZE`): run to its end.
    public func run(_ query: PostgresQuery, logger: Logger) async throws {
        try await withConnection { connection in
            for try await _ in try await connection.query(query, logger: logger) {}
        }
    }

    /// Every row of `query`, each made into a value by `transform`, on a connection leased for the whole answer.
    private func collect<Value>(
        _ query: PostgresQuery, logger: Logger, _ transform: (PostgresRow) throws -> Value
    ) async throws -> [Value] {
        try await withConnection { connection in
            var result: [Value] = []
            for try await row in try await connection.query(query, logger: logger) { result.append(try transform(row)) }
            return result
        }
    }
}
