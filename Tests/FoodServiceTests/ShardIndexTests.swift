import FoodService
import Foundation
import Testing

/// `ShardLayout.shardIndex` is the seed's shard function (MD5 of the user id as lower-case hyphenated text, the first 8
/// bytes big-endian, modulo the shard count): a user's orders must land on the shard the seed system put them on.
/// The expected values were computed with Python's hashlib, independently of this code:
/// `int.from_bytes(hashlib.md5(str(uuid).encode()).digest()[:8], "big") % n`.
@Suite struct ShardIndexTests {
    static let counts = [1, 2, 3, 4, 7, 16]

    @Test(arguments: [
        ("00000000-0000-0000-0000-000000000000", [0, 0, 1, 2, 6, 6]),
        ("7d3c4d1e-52a1-4d3c-9d35-5d5f2d2d1a11", [0, 1, 0, 3, 4, 11]),
        ("ffffffff-ffff-ffff-ffff-ffffffffffff", [0, 0, 0, 0, 4, 4]),
        ("3f2504e0-4f89-11d3-9a0c-0305e82c3301", [0, 1, 1, 3, 0, 7]),
        ("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", [0, 0, 2, 0, 2, 8]),
        ("123e4567-e89b-12d3-a456-426614174000", [0, 0, 2, 2, 1, 10]),
    ])
    func matchesTheSeedsFunction(id: String, expected: [Int]) throws {
        let userID = try #require(UUID(uuidString: id))
        #expect(Self.counts.map { ShardLayout.shardIndex(for: userID, shardCount: $0) } == expected)
    }

    /// Upper-case input is the same user: the text hashed is always the canonical lower-case form.
    @Test func caseOfTheInputDoesNotMatter() throws {
        let lower = try #require(UUID(uuidString: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"))
        let upper = try #require(UUID(uuidString: "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"))
        #expect(ShardLayout.shardIndex(for: lower, shardCount: 7) == ShardLayout.shardIndex(for: upper, shardCount: 7))
    }
}
