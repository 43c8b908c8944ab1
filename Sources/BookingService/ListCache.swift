import Foundation
import NIOCore
import Synchronization

/// Encoded answers of the catalogue lists, kept for a short time. The lists are read far more often than the
/// catalogue changes; a write through this instance clears the cache at once (a bumped generation also stops an
/// answer computed before the write from being stored after it), a write through another instance shows within `ttl`.
final class ListCache: Sendable {
    /// An encoded list and how many items it holds.
    struct Answer: Sendable {
        var body: ByteBuffer
        var count: Int
    }

    private struct Entry {
        var answer: Answer
        var expires: ContinuousClock.Instant
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var generation = 0
    }

    private let ttl: Duration
    private let state = Mutex(State())
    static let maximumEntries = 1024

    init(ttl: Duration) { self.ttl = ttl }

    var isEnabled: Bool { ttl > .zero }

    func answer(for key: String, produce: () async throws -> Answer) async throws -> Answer {
        guard isEnabled else { return try await produce() }
        let now = ContinuousClock.now
        let (cached, generation) = state.withLock { state -> (Answer?, Int) in
            if let entry = state.entries[key], entry.expires > now { return (entry.answer, state.generation) }
            return (nil, state.generation)
        }
        if let cached { return cached }
        let fresh = try await produce()
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= Self.maximumEntries { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = Entry(answer: fresh, expires: now + ttl)
        }
        return fresh
    }

    func invalidate() {
        state.withLock { state in
            state.entries.removeAll(keepingCapacity: true)
            state.generation += 1
        }
    }
}
