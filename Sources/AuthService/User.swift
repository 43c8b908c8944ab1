import Foundation
import ServiceCore

/// An account as administrators see it. The password hash never leaves the repository layer in this type.
public struct User: Sendable, Codable, Equatable {
    public var id: UUID
    public var email: String
    public var name: String
    public var role: Role
    public var disabled: Bool
    public var createdAt: Date
    public var updatedAt: Date
    /// The session version new tokens carry (`sv`); raising it ends every older session. Not part of the API.
    public var sessionVersion: Int = 0

    enum CodingKeys: String, CodingKey {
        case id, email, name, role, disabled
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public init(id: UUID, email: String, name: String, role: Role, disabled: Bool, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.disabled = disabled
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id.lowercasedString, forKey: .id)
        try c.encode(email, forKey: .email)
        try c.encode(name, forKey: .name)
        try c.encode(role, forKey: .role)
        try c.encode(disabled, forKey: .disabled)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
    }
}

/// A page of users.
public struct UserPage: Sendable, Codable, Equatable {
    public var items: [User]
    public var total: Int
    public var limit: Int
    public var offset: Int

    public init(items: [User], total: Int, limit: Int, offset: Int) {
        self.items = items
        self.total = total
        self.limit = limit
        self.offset = offset
    }
}
