import Foundation

/// Where ``OrderStore`` announces an order change once it is committed: the service's ``OrderEventHub`` (every
/// instance's live clients through the fan-out), mscli's Redis publisher in maintenance mode. The store builds the
/// event itself (`changedBy` is always the actor who made the change), so every write path announces the same thing
/// and none can forget.
///
/// An injected sink rather than an `order_events` outbox written in the same transaction (as search's outbox is):
/// these events are live notifications, not derived data. Nothing replays them (a client that reconnects reads the
/// order list), and their delivery is already at most once (Redis pub/sub drops what an instance misses while it is
/// disconnected), so an outbox table on every shard and a drainer in every instance (and in mscli) would buy a
/// guarantee the last hop does not keep. Each write is one statement, so "after commit" is after that statement.
public protocol OrderEventSink: Sendable {
    /// Called after the change committed. A failure to announce is the sink's to report: it never fails the write.
    func orderChanged(_ event: OrderEvent) async
}

extension OrderEventHub: OrderEventSink {
    public func orderChanged(_ event: OrderEvent) async { await publish(event) }
}
