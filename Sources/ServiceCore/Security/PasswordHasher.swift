import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// The seed's password scheme: bcrypt over the lower-case hex SHA-256 of the password, so hashes written by the seed
/// verify here and the other way round (and bcrypt's 72-byte input limit never truncates a long password).
///
/// bcrypt is deliberately slow, so it runs on the NIO thread pool, never on an event loop or the cooperative pool.
public struct PasswordHasher: Sendable {
    public let cost: UInt8
    private let pool: NIOThreadPool

    /// The cost without `BCRYPT_COST`.
    public static let defaultCost: UInt8 = 12

    public init(cost: UInt8 = PasswordHasher.defaultCost, pool: NIOThreadPool = .singleton) {
        precondition((4...31).contains(cost), "bcrypt cost must be between 4 and 31")
        self.cost = cost
        self.pool = pool
    }

    public func hash(_ password: String) async throws -> String {
        let input = Self.prehash(password)
        let cost = self.cost
        return try await pool.runIfActive { Bcrypt.hash(input, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        let input = Self.prehash(password)
        return try await pool.runIfActive { Bcrypt.verify(input, hash: hash) }
    }

    /// Lower-case hex SHA-256 of the UTF-8 bytes: the 64 characters bcrypt actually sees.
    public static func prehash(_ password: String) -> String {
        SHA256.hash(data: Data(password.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Verifications per second this machine sustains at `cost`, with one worker per core: the ceiling for logins.
    public func measureVerificationsPerSecond(for duration: Duration) async throws -> Double {
        let hash = try await self.hash("measure-bcrypt")
        let deadline = ContinuousClock.now + duration
        let start = ContinuousClock.now
        let count = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<ProcessInfo.processInfo.activeProcessorCount {
                group.addTask {
                    var done = 0
                    while ContinuousClock.now < deadline {
                        _ = try await self.verify("measure-bcrypt", against: hash)
                        done += 1
                    }
                    return done
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = start.duration(to: .now)
        return Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
