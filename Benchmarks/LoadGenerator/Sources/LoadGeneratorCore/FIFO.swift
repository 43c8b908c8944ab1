/// A first-in first-out queue over one array: appends at the end, takes from a moving head, and drops the taken
/// prefix once it is half the storage (amortised O(1), no per-element allocation).
public struct FIFO<Element> {
    private var storage: [Element] = []
    private var head = 0

    public init() {}

    public var isEmpty: Bool { head == storage.count }
    public var count: Int { storage.count - head }

    public mutating func append(_ element: Element) { storage.append(element) }

    public mutating func popFirst() -> Element? {
        guard head < storage.count else { return nil }
        let element = storage[head]
        head += 1
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 && head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return element
    }

    /// Empties the queue, returning what was in it, oldest first.
    public mutating func drain() -> [Element] {
        let rest = Array(storage[head...])
        storage.removeAll()
        head = 0
        return rest
    }
}

/// A request waiting for a connection or in flight: its route, variant and scheduled time (ns from the run's start).
public struct Pending: Sendable {
    public var route: Int
    public var variant: Int
    public var scheduled: Int64

    public init(route: Int, variant: Int, scheduled: Int64) {
        self.route = route
        self.variant = variant
        self.scheduled = scheduled
    }
}
