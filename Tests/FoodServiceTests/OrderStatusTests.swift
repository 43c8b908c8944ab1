import FoodService
import Testing

/// The order state machine, every pair of states: what `OrderStatus.canMove` allows is exactly this table (the
/// kitchen's path, cancelling until the kitchen has started, refunding once confirmed), and nothing else.
@Suite struct OrderStatusTests {
    /// Every allowed move. Any pair not listed is refused.
    static let allowed: Set<String> = [
        "pending→confirmed", "confirmed→preparing", "preparing→ready", "ready→delivered",
        "pending→cancelled", "confirmed→cancelled", "preparing→cancelled",
        "confirmed→refunded", "preparing→refunded", "ready→refunded", "delivered→refunded",
    ]

    static let pairs: [(OrderStatus, OrderStatus)] = OrderStatus.allCases.flatMap { from in OrderStatus.allCases.map { (from, $0) } }

    @Test(arguments: OrderStatusTests.pairs)
    func canMove(from: OrderStatus, to: OrderStatus) {
        #expect(from.canMove(to: to) == Self.allowed.contains("\(from.rawValue)→\(to.rawValue)"), "\(from) → \(to)")
    }

    @Test func everyPairIsCovered() {
        #expect(Self.pairs.count == 49)
        #expect(Self.allowed.allSatisfy { move in Self.pairs.contains { "\($0.rawValue)→\($1.rawValue)" == move } })
    }

    /// `advance` follows the kitchen's path: each next step is an allowed move, and the path ends at delivered.
    @Test(arguments: [
        (OrderStatus.pending, OrderStatus?.some(.confirmed)), (.confirmed, .preparing), (.preparing, .ready), (.ready, .delivered),
        (.delivered, nil), (.cancelled, nil), (.refunded, nil),
    ])
    func next(status: OrderStatus, expected: OrderStatus?) {
        #expect(status.next == expected)
        if let next = status.next { #expect(status.canMove(to: next)) }
    }

    /// Cancelled and refunded are final; nothing moves back to pending; no state moves to itself.
    @Test(arguments: OrderStatus.allCases)
    func finalStatesAndNoLoops(status: OrderStatus) {
        #expect(!status.canMove(to: status))
        #expect(!status.canMove(to: .pending))
        #expect(!OrderStatus.cancelled.canMove(to: status))
        #expect(!OrderStatus.refunded.canMove(to: status))
    }
}
