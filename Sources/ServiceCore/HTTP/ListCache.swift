import Foundation
import NIOCore
import Synchronization

/// Encoded answers of the catalogue lists, kept for a short time. The lists are read far more often than the
/// catalogue changes. A write through this instance clears the cache at once (a bumped generation also stops an
/// answer computed before the write from being stored after it); a write through another instance shows within
/// `ttl`, or a moment later: an expired answer is served while one request refreshes it in the background, and
/// concurrent misses of one key share one computation, so a slow query never piles up behind an expiry.
public final class ListCache: Sendable {
    /// An encoded list and how many items it holds.
    public struct Answer: Sendable {
        public var body: ByteBuffer
        public var count: Int

        public init(body: ByteBuffer, count: Int) {
            self.body = body
            self.count = count
        }
    }

    private struct Entry {
        var answer: Answer
        var expires: ContinuousClock.Instant
        var refreshing = false
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var pending: [String: Task<Answer, any Error>] = [:]
        var generation = 0
    }

    private let ttl: Duration
    /// Told of every invalidation (a write through this instance), before the cache forgets: replica reads route the
    /// next list reads by it (``ReplicaReads/noteWrite()``).
    private let onInvalidate: (@Sendable () -> Void)?
    private let state = Mutex(State())
    static let maximumEntries = 1024
    /// An answer older than this many TTLs is not served stale (the refresh keeps failing): callers wait for a new one.
    static let staleLimit = 10

    public init(ttl: Duration, onInvalidate: (@Sendable () -> Void)? = nil) {
        self.ttl = ttl
        self.onInvalidate = onInvalidate
    }

    public var isEnabled: Bool { ttl > .zero }

    public func answer(for key: String, produce: @escaping @Sendable () async throws -> Answer) async throws -> Answer {
        guard isEnabled else { return try await produce() }
        enum Plan {
            case cached(Answer)
            case stale(Answer, refresh: Int?)
            case wait(Task<Answer, any Error>)
        }
        let now = ContinuousClock.now
        let plan: Plan = state.withLock { state in
            if let entry = state.entries[key] {
                if entry.expires > now { return .cached(entry.answer) }
                if entry.expires + ttl * Self.staleLimit > now {
                    if entry.refreshing { return .stale(entry.answer, refresh: nil) }
                    state.entries[key]?.refreshing = true
                    return .stale(entry.answer, refresh: state.generation)
                }
            }
            if let pending = state.pending[key] { return .wait(pending) }
            let generation = state.generation
            let task = Task { try await self.compute(key, generation: generation, produce: produce) }
            state.pending[key] = task
            return .wait(task)
        }
        switch plan {
        case .cached(let answer):
            return answer
        case .stale(let answer, let refresh):
            if let generation = refresh {
                Task { _ = try? await self.compute(key, generation: generation, produce: produce) }
            }
            return answer
        case .wait(let task):
            return try await task.value
        }
    }

    private func compute(_ key: String, generation: Int, produce: @Sendable () async throws -> Answer) async throws -> Answer {
        do {
            let fresh = try await produce()
            state.withLock { state in
                state.pending[key] = nil
                guard state.generation == generation else { return }
                if state.entries.count >= Self.maximumEntries { state.entries.removeAll(keepingCapacity: true) }
                state.entries[key] = Entry(answer: fresh, expires: .now + ttl)
            }
            return fresh
        } catch {
            state.withLock { state in
                state.pending[key] = nil
                state.entries[key]?.refreshing = false
            }
            throw error
        }
    }

    public func invalidate() {
        // First: a list computed after the bumped generation below must already route around the write.
        onInvalidate?()
        state.withLock { state in
            state.entries.removeAll(keepingCapacity: true)
            state.pending.removeAll()
            state.generation += 1
        }
    }
}
