import NIOCore
import Synchronization

/// Encoded pages of one user's own lists (`GET /booking/bookings/`, `GET /food/orders/`), each kept with the
/// fingerprint of the rows it was made from, and served only while the database still reports that fingerprint.
///
/// Unlike ``ListCache`` this serves nothing stale and needs no invalidation: every request still asks PostgreSQL, but
/// for the page's fingerprint (a point read over the page's row identities: one aggregate row) instead of the page
/// itself (a join of up to six tables, a sort, 20 rows of 32 columns to decode and encode). A write by any instance,
/// `mscli --maintenance` or `psql` changes what the fingerprint reads, so the next request recomputes the page.
///
/// The fingerprint of a stored page is read by the same statement, in the same snapshot, as the page's rows (see the
/// stores' `…Fingerprint` statements), so a page is never tagged with the fingerprint of another state.
public final class UserListCache: Sendable {
    /// What a page's rows were, in a few numbers: how many there are, a 64-bit hash over their identities and row
    /// versions (`id`, `xmin`: any insert, update or delete changes it), and the version of anything else the page
    /// shows (the booking service's catalogue counter; 0 where nothing else shows).
    public struct Fingerprint: Hashable, Sendable {
        public var rows: Int64
        public var hash: Int64
        public var other: Int64

        public init(rows: Int64, hash: Int64, other: Int64) {
            // An empty page shows nothing else: its fingerprint does not depend on the other version.
            self.rows = rows
            self.hash = rows == 0 ? 0 : hash
            self.other = rows == 0 ? 0 : other
        }

        /// Read from a row's cells where its fingerprint columns begin: the count, the hash and, when `withOther`,
        /// the other version.
        public init(_ c: inout Cells, withOther: Bool) throws {
            self.init(rows: try c.next(), hash: try c.next(), other: withOther ? try c.next() : 0)
        }

        /// The fingerprint of an empty page.
        public static let empty = Fingerprint(rows: 0, hash: 0, other: 0)
    }

    private struct Entry {
        var fingerprint: Fingerprint
        var answer: ListCache.Answer
    }

    /// The most pages kept; 0 turns the cache off. At ~15 KB a page (10 bookings with their seats), 1,024 pages are
    /// ~15 MB.
    public let maximumEntries: Int
    /// The most bytes of pages kept, whatever their number: a page may hold up to 1,000 items (~1.5 MB of bookings),
    /// and each limit and offset is a page of its own. A page larger than an eighth of this is not kept.
    public let maximumBytes: Int
    public static let defaultMaximumBytes = 32 << 20

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
    }

    private let state = Mutex(State())

    public init(maximumEntries: Int, maximumBytes: Int = UserListCache.defaultMaximumBytes) {
        self.maximumEntries = max(0, maximumEntries)
        self.maximumBytes = max(0, maximumBytes)
    }

    public var isEnabled: Bool { maximumEntries > 0 }

    /// The page stored for `key`, if it was made from rows with this fingerprint.
    public func answer(for key: String, fingerprint: Fingerprint) -> ListCache.Answer? {
        state.withLock { state in
            guard let entry = state.entries[key], entry.fingerprint == fingerprint else { return nil }
            return entry.answer
        }
    }

    /// The answer kept for `key` while `current` (the fingerprint the database reports now) is the one it was made
    /// from; else `make`'s answer, made with the fingerprint of the rows it was made from (read in the same statement),
    /// and kept unless that fingerprint is nil.
    public func answer(
        for key: String, current: () async throws -> Fingerprint,
        make: () async throws -> (answer: ListCache.Answer, fingerprint: Fingerprint?)
    ) async throws -> ListCache.Answer {
        if let kept = answer(for: key, fingerprint: try await current()) { return kept }
        let (answer, fingerprint) = try await make()
        if let fingerprint { store(answer, for: key, fingerprint: fingerprint) }
        return answer
    }

    /// Keeps `answer`, made from rows with `fingerprint`, for `key` (replacing what `key` had). When full, arbitrary
    /// other pages make room.
    public func store(_ answer: ListCache.Answer, for key: String, fingerprint: Fingerprint) {
        let size = answer.body.readableBytes + key.utf8.count
        guard isEnabled, size <= maximumBytes / 8 else { return }
        state.withLock { state in
            if let old = state.entries.removeValue(forKey: key) { state.bytes -= old.answer.body.readableBytes + key.utf8.count }
            while !state.entries.isEmpty, state.entries.count >= maximumEntries || state.bytes + size > maximumBytes {
                let victim = state.entries.remove(at: state.entries.startIndex)
                state.bytes -= victim.value.answer.body.readableBytes + victim.key.utf8.count
            }
            state.entries[key] = Entry(fingerprint: fingerprint, answer: answer)
            state.bytes += size
        }
    }

    public var count: Int { state.withLock { $0.entries.count } }
    /// The bytes of the pages kept (bodies and keys).
    public var bytes: Int { state.withLock { $0.bytes } }
}
