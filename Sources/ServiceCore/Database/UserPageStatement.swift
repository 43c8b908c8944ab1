import Foundation
import PostgresNIO

/// A prepared statement over one page of one user's rows: `$1` the user, `$2` the page's limit, `$3` its offset
/// (a user's bookings or orders page, and its fingerprint for ``UserListCache``).
public protocol UserPageStatement: PostgresPreparedStatement {
    var userID: UUID { get }
    var limit: Int { get }
    var offset: Int { get }
}

extension UserPageStatement {
    public func makeBindings() throws -> PostgresBindings {
        try PostgresBindings(values: userID, limit, offset)
    }
}
