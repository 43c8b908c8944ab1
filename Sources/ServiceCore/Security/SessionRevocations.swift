import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// One change in the auth service's revocation feed: either one token (`jti`, after a logout) or every token of a
/// user below a session version (`min_version`, after a password, role or state change or "end all sessions").
/// `expires_at` (epoch seconds) is when the entry stops mattering: every token it could refuse has expired by then.
public struct RevocationEntry: Codable, Sendable, Equatable {
    public var seq: Int64
    public var userID: UUID
    public var jti: String?
    public var minVersion: Int?
    public var expiresAt: Double

    public init(seq: Int64, userID: UUID, jti: String?, minVersion: Int?, expiresAt: Double) {
        self.seq = seq
        self.userID = userID
        self.jti = jti
        self.minVersion = minVersion
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case seq, jti
        case userID = "user_id"
        case minVersion = "min_version"
        case expiresAt = "expires_at"
    }
}

/// A page of the feed: the entries after the cursor asked for, the cursor to ask with next, and whether more follow.
public struct RevocationBatch: Codable, Sendable, Equatable {
    public var cursor: Int64
    public var entries: [RevocationEntry]
    public var more: Bool

    public init(cursor: Int64, entries: [RevocationEntry], more: Bool) {
        self.cursor = cursor
        self.entries = entries
        self.more = more
    }
}

/// This process's copy of the revoked sessions, consulted by ``SessionMiddleware`` on every request that carries a
/// token (two dictionary lookups under a lock). Filled from the auth service's feed by ``RevocationPoller``; the
/// auth service also applies its own changes at once.
public final class SessionRevocations: Sendable {
    private struct State {
        var tokens: [String: Double] = [:]
        var users: [UUID: (version: Int, expiresAt: Double)] = [:]
        var cursor: Int64 = 0
        var lastSync: ContinuousClock.Instant?
        var lastPrune = Date().timeIntervalSince1970
    }

    private let state = Mutex(State())

    public init() {}

    public var cursor: Int64 { state.withLock { $0.cursor } }

    /// When the feed was last read completely (nil: never).
    public var lastSync: ContinuousClock.Instant? { state.withLock { $0.lastSync } }

    public func apply(_ entries: [RevocationEntry], cursor: Int64? = nil, now: Date = Date()) {
        let now = now.timeIntervalSince1970
        state.withLock { state in
            for entry in entries where entry.expiresAt > now {
                if let jti = entry.jti { state.tokens[jti] = entry.expiresAt }
                if let version = entry.minVersion {
                    let known = state.users[entry.userID]
                    if known == nil || known!.version < version {
                        state.users[entry.userID] = (version, max(entry.expiresAt, known?.expiresAt ?? 0))
                    }
                }
            }
            if let cursor, cursor > state.cursor { state.cursor = cursor }
            if now - state.lastPrune > 60 {
                state.lastPrune = now
                state.tokens = state.tokens.filter { $0.value > now }
                state.users = state.users.filter { $0.value.expiresAt > now }
            }
        }
    }

    /// Whether `user`'s token was revoked: its id was logged out, or its session version is below the user's.
    public func rejects(_ user: AuthenticatedUser) -> Bool {
        state.withLock { state in
            if state.tokens[user.tokenID] != nil { return true }
            if let minimum = state.users[user.id], user.sessionVersion < minimum.version { return true }
            return false
        }
    }

    /// Reads the feed from the cursor until it has no more entries.
    public func sync(_ fetch: @Sendable (Int64) async throws -> RevocationBatch) async throws {
        var cursor = self.cursor
        while true {
            let batch = try await fetch(cursor)
            apply(batch.entries, cursor: batch.cursor)
            cursor = batch.cursor
            if !batch.more { break }
        }
        state.withLock { $0.lastSync = .now }
    }

    /// `/ready` reports `warn` while the feed has not been read for `maxAge` (revocations may then be missed here).
    public func readinessCheck(maxAge: Duration) -> ReadinessCheck {
        ReadinessCheck(name: "session_revocations", critical: false) {
            guard let last = self.lastSync, ContinuousClock.now - last <= maxAge else {
                throw RevocationFeedError(description: "the session revocation feed has not been read for over \(maxAge)")
            }
        }
    }
}

public struct RevocationFeedError: Error, CustomStringConvertible {
    public let description: String
}

/// Reads the revocation feed every `interval`: the bound on how long a revoked token stays usable here. A failing
/// read is logged once (and `/ready` warns); the last known state keeps applying and the next read catches up.
public struct RevocationPoller: Service, CustomStringConvertible {
    let revocations: SessionRevocations
    let interval: Duration
    let logger: Logger
    let fetch: @Sendable (Int64) async throws -> RevocationBatch
    let housekeeping: (@Sendable () async -> Void)?
    let initialDelay: Duration

    /// - Parameter initialDelay: wait before the first read (the auth service reads once before it serves).
    public init(
        revocations: SessionRevocations, interval: Duration, logger: Logger, initialDelay: Duration = .zero,
        housekeeping: (@Sendable () async -> Void)? = nil,
        fetch: @escaping @Sendable (Int64) async throws -> RevocationBatch
    ) {
        self.revocations = revocations
        self.interval = interval
        self.logger = logger
        self.fetch = fetch
        self.housekeeping = housekeeping
        self.initialDelay = initialDelay
    }

    public var description: String { "session-revocations" }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var failing = false
            var rounds = 0
            if initialDelay > .zero { try? await Task.sleep(for: initialDelay) }
            while !Task.isCancelled {
                do {
                    try await revocations.sync(fetch)
                    if failing { logger.notice("session revocation feed readable again") }
                    failing = false
                } catch {
                    if Task.isCancelled { break }
                    if !failing {
                        logger.warning("cannot read the session revocation feed; revoked sessions may stay usable here", metadata: ["error": "\(error)"])
                    }
                    failing = true
                }
                rounds += 1
                if let housekeeping, rounds % 60 == 0 { await housekeeping() }
                try? await Task.sleep(for: interval)
            }
        }
    }
}

/// Where the auth service's feed is and how to ask for it; the HTTP call itself is the service's (its own client).
public struct RevocationFeedRequest: Sendable {
    public static let path = "/auth/sessions/revocations"
    public static let keyHeader = "X-Service-Key"
    public let baseURL: String
    public let serviceKey: String

    public init(authURL: String, secret: String) {
        var base = authURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.serviceKey = TokenService.serviceKey(for: secret)
    }

    public func url(after cursor: Int64) -> String { "\(baseURL)\(Self.path)?after=\(cursor)" }

    public func decode(status: Int, body: Data) throws -> RevocationBatch {
        guard status == 200 else {
            throw RevocationFeedError(description: "the auth service answered \(status) to \(Self.path)")
        }
        return try JSONDecoder().decode(RevocationBatch.self, from: body)
    }
}
