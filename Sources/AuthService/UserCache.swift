import Foundation
import Synchronization

/// Recently read users by id, for the one hot read (`GET /auth/user_details` on every page load of the client).
///
/// Entries live `ttl` seconds. Changes made through this instance evict the user at once; a change made through
/// another instance (or directly in the database) is seen within `ttl`. Administrative checks never use the cache.
final class UserCache: Sendable {
    private struct Entry {
        var user: User
        var storedAt: Date
    }

    private struct State {
        var entries: [UUID: Entry] = [:]
        /// Reads under way, so that when a popular entry expires one query refreshes it instead of one per request.
        var loading: [UUID: Task<User?, any Error>] = [:]
    }

    let ttl: TimeInterval
    private let limit: Int
    private let state = Mutex(State())

    init(ttl: TimeInterval, limit: Int = 100_000) {
        self.ttl = ttl
        self.limit = limit
    }

    func get(_ id: UUID, now: Date = Date()) -> User? {
        guard ttl > 0 else { return nil }
        return state.withLock { state in
            guard let entry = state.entries[id] else { return nil }
            guard now.timeIntervalSince(entry.storedAt) < ttl else {
                state.entries[id] = nil
                return nil
            }
            return entry.user
        }
    }

    /// The cached user, or the result of `fetch`, shared by every caller asking for `id` while it runs.
    func user(_ id: UUID, fetch: @escaping @Sendable () async throws -> User?) async throws -> User? {
        guard ttl > 0 else { return try await fetch() }
        if let cached = get(id) { return cached }
        let (task, isOwner): (Task<User?, any Error>, Bool) = state.withLock { state in
            if let running = state.loading[id] { return (running, false) }
            let task = Task { try await fetch() }
            state.loading[id] = task
            return (task, true)
        }
        let result = await task.result
        if isOwner {
            state.withLock { state in
                // An eviction while the read ran removed our task: what we read may predate the change, so it is
                // returned to this caller but not kept.
                guard state.loading[id] == task else { return }
                state.loading[id] = nil
                if case .success(let user?) = result {
                    if state.entries.count >= limit { state.entries.removeAll(keepingCapacity: true) }
                    state.entries[id] = Entry(user: user, storedAt: Date())
                }
            }
        }
        return try result.get()
    }

    func evict(_ id: UUID) {
        state.withLock { state in
            state.entries[id] = nil
            state.loading[id] = nil
        }
    }
}
