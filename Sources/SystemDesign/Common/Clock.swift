import Foundation

/// Where the designs read the time, so tests move it instead of sleeping.
public protocol DesignClock: Sendable {
    var now: Date { get }
}

public struct SystemClock: DesignClock {
    public init() {}
    public var now: Date { Date() }
}

/// A clock tests set and advance by hand.
public final class ManualClock: DesignClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = start }

    public var now: Date { lock.withLock { current } }

    public func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}
