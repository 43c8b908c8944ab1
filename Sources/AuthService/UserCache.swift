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

    let ttl: TimeInterval
    private let limit: Int
    private let entries = Mutex<[UUID: Entry]>([:])

    init(ttl: TimeInterval, limit: Int = 100_000) {
        self.ttl = ttl
        self.limit = limit
    }

    func get(_ id: UUID, now: Date = Date()) -> User? {
        guard ttl > 0 else { return nil }
        return entries.withLock { entries in
            guard let entry = entries[id] else { return nil }
            guard now.timeIntervalSince(entry.storedAt) < ttl else {
                entries[id] = nil
                return nil
            }
            return entry.user
        }
    }

    func put(_ user: User, now: Date = Date()) {
        guard ttl > 0 else { return }
        entries.withLock { entries in
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[user.id] = Entry(user: user, storedAt: now)
        }
    }

    func evict(_ id: UUID) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }
}
