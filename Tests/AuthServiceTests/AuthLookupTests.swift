import Foundation
import Testing

/// The e-mail lookup mscli resolves `--user-id ana@example.com` with (`GET /auth/users/?email=`): any case, an empty
/// page for an unknown address, admins only.
@Suite struct AuthLookupTests {
    @Test func anEmailAddressResolvesForAdminsOnly() async throws {
        try await AuthHarness.run { api in
            let (_, admin) = try await api.user(.admin)
            let (_, user) = try await api.user(.user)
            try await api.signup("priya.sharma@example.com")
            let found = try await api.call(.get, "/auth/users/?email=Priya.Sharma@Example.com", token: admin)
            let items = try #require(found.json["items"] as? [[String: Any]], "\(found)")
            #expect(items.count == 1 && items[0]["email"] as? String == "priya.sharma@example.com" && items[0]["id"] is String)
            let unknown = try await api.call(.get, "/auth/users/?email=nobody@example.com", token: admin)
            #expect(unknown.status == 200 && (unknown.json["items"] as? [Any])?.isEmpty == true, "\(unknown)")
            #expect(try await api.call(.get, "/auth/users/?email=priya.sharma@example.com", token: user).status == 403)
        }
    }
}
