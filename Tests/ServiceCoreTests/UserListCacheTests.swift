import NIOCore
import ServiceCore
import Testing

@Suite struct UserListCacheTests {
    func answer(_ text: String) -> ListCache.Answer { ListCache.Answer(body: ByteBuffer(string: text), count: 1) }

    @Test func servesOnlyUnderTheSameFingerprint() {
        let cache = UserListCache(maximumEntries: 4)
        let a = UserListCache.Fingerprint(rows: 2, hash: 42, other: 1)
        #expect(cache.answer(for: "u 100 0", fingerprint: a) == nil)
        cache.store(answer("one"), for: "u 100 0", fingerprint: a)
        #expect(cache.answer(for: "u 100 0", fingerprint: a)?.body == ByteBuffer(string: "one"))
        #expect(cache.answer(for: "u 100 0", fingerprint: .init(rows: 2, hash: 43, other: 1)) == nil)
        #expect(cache.answer(for: "u 100 0", fingerprint: .init(rows: 2, hash: 42, other: 2)) == nil)
        #expect(cache.answer(for: "u 100 0", fingerprint: .init(rows: 3, hash: 42, other: 1)) == nil)
        #expect(cache.answer(for: "u 10 0", fingerprint: a) == nil)
        // A newer page replaces the old one.
        let b = UserListCache.Fingerprint(rows: 3, hash: 7, other: 1)
        cache.store(answer("two"), for: "u 100 0", fingerprint: b)
        #expect(cache.answer(for: "u 100 0", fingerprint: a) == nil)
        #expect(cache.answer(for: "u 100 0", fingerprint: b)?.body == ByteBuffer(string: "two"))
    }

    /// The lookup the routes use: the kept answer while the current fingerprint matches, else a new one, kept only
    /// with the fingerprint it was made from.
    @Test func answersFromMemoryOrMakesAndKeeps() async throws {
        let cache = UserListCache(maximumEntries: 4)
        let a = UserListCache.Fingerprint(rows: 2, hash: 42, other: 1)
        let b = UserListCache.Fingerprint(rows: 3, hash: 7, other: 1)
        var made = 0
        let first = try await cache.answer(for: "k", current: { a }) { made += 1; return (answer("one"), a) }
        #expect(first.body == ByteBuffer(string: "one") && made == 1)
        let kept = try await cache.answer(for: "k", current: { a }) { made += 1; return (answer("never"), a) }
        #expect(kept.body == ByteBuffer(string: "one") && made == 1)
        // Changed since: made again, and kept under the fingerprint it was made from (not the one asked with).
        let changed = try await cache.answer(for: "k", current: { b }) { made += 1; return (answer("two"), a) }
        #expect(changed.body == ByteBuffer(string: "two") && made == 2)
        #expect(cache.answer(for: "k", fingerprint: a)?.body == ByteBuffer(string: "two"))
        #expect(cache.answer(for: "k", fingerprint: b) == nil)
        // No fingerprint: answered, not kept.
        let unkept = try await cache.answer(for: "n", current: { a }) { made += 1; return (answer("three"), nil) }
        #expect(unkept.body == ByteBuffer(string: "three") && cache.answer(for: "n", fingerprint: a) == nil)
    }

    @Test func anEmptyPageIgnoresTheOtherVersions() {
        #expect(UserListCache.Fingerprint(rows: 0, hash: 5, other: 9) == UserListCache.Fingerprint(rows: 0, hash: 0, other: 0))
        #expect(UserListCache.Fingerprint(rows: 1, hash: 5, other: 9) != UserListCache.Fingerprint(rows: 1, hash: 5, other: 8))
    }

    @Test func keepsAtMostItsLimitAndNothingWhenOff() {
        let cache = UserListCache(maximumEntries: 3)
        let f = UserListCache.Fingerprint(rows: 1, hash: 1, other: 0)
        for i in 0..<10 { cache.store(answer("\(i)"), for: "k\(i)", fingerprint: f) }
        #expect(cache.count == 3)
        #expect(cache.answer(for: "k9", fingerprint: f) != nil, "the page just stored stays")
        let off = UserListCache(maximumEntries: 0)
        #expect(!off.isEnabled)
        off.store(answer("x"), for: "k", fingerprint: f)
        #expect(off.count == 0 && off.answer(for: "k", fingerprint: f) == nil)
    }

    @Test func keepsAtMostItsBytesAndNoPageTooLargeForThem() {
        let cache = UserListCache(maximumEntries: 1000, maximumBytes: 8_000)
        let f = UserListCache.Fingerprint(rows: 1, hash: 1, other: 0)
        let page = String(repeating: "x", count: 900)
        for i in 0..<50 { cache.store(answer(page), for: "k\(i)", fingerprint: f) }
        #expect(cache.bytes <= 8_000 && cache.count >= 7, "\(cache.count) pages, \(cache.bytes) bytes")
        #expect(cache.answer(for: "k49", fingerprint: f) != nil)
        // Replacing a page counts its bytes once.
        for _ in 0..<5 { cache.store(answer(page), for: "k49", fingerprint: f) }
        #expect(cache.bytes <= 8_000)
        // A page over an eighth of the budget is served but not kept.
        cache.store(answer(String(repeating: "y", count: 1_001)), for: "big", fingerprint: f)
        #expect(cache.answer(for: "big", fingerprint: f) == nil)
    }
}
