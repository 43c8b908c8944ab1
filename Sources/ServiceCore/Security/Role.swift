/// The roles of the seed system, spelt as the API speaks them.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case user
    case moderator
    case admin
    case superAdmin = "super_admin"

    /// Privilege order: user < moderator < admin < super_admin.
    public var rank: Int {
        switch self {
        case .user: 0
        case .moderator: 1
        case .admin: 2
        case .superAdmin: 3
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// Admins and super admins manage users and catalogues.
    public var isAdmin: Bool { self >= .admin }
}
