import Foundation

/// The session `mscli auth login` saved for a profile: the `access_token` cookie value and what it says.
public struct StoredSession: Codable, Sendable, Equatable {
    public var token: String
    public var email: String
    public var userID: String
    public var role: String
    public var authURL: String
    public var expiresAt: Date?

    enum CodingKeys: String, CodingKey {
        case token, email, role
        case userID = "user_id"
        case authURL = "auth_url"
        case expiresAt = "expires_at"
    }
}

/// One file per profile under `<config dir>/sessions/`, readable by its owner only.
public struct SessionStore: Sendable {
    public let directory: URL

    public init(configDirectory: URL) {
        directory = configDirectory.appendingPathComponent("sessions")
    }

    func url(for profile: String) -> URL {
        let safe = profile.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }
        return directory.appendingPathComponent(String(safe) + ".json")
    }

    public func load(profile: String) throws -> StoredSession? {
        let url = url(for: profile)
        guard let text = try SecureFile.readPrivate(url) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let session = try? decoder.decode(StoredSession.self, from: Data(text.utf8)) else {
            throw CLIError("\(url.path) is damaged; run `mscli auth login` again")
        }
        return session
    }

    public func save(_ session: StoredSession, profile: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try SecureFile.write(String(decoding: try encoder.encode(session), as: UTF8.self) + "\n", to: url(for: profile))
    }

    /// Returns whether there was a session to delete.
    @discardableResult
    public func delete(profile: String) -> Bool {
        (try? FileManager.default.removeItem(at: url(for: profile))) != nil
    }
}
