import Foundation
import Hummingbird
import ServiceCore
import Testing

/// Roles from the database, enforced on every admin route (the seed enforced none).
@Suite struct RoleEnforcementTests {
    @Test func plainUsersAndModeratorsCannotAdminister() async throws {
        try await AuthHarness.run { api in
            for role in [Role.user, .moderator] {
                let (_, token) = try await api.user(role)
                let reply = try await api.call(.get, "/auth/users/", token: token)
                #expect(reply.status == 403 && reply.detail == "This needs the admin or super_admin role")
                #expect(try await api.call(.get, "/auth/users/", token: nil).status == 401)
            }
        }
    }

    @Test func adminsListGetAndPageUsers() async throws {
        try await AuthHarness.run { api in
            let (adminID, token) = try await api.user(.admin)
            for i in 0..<3 { try await api.signup("u\(i)@example.com") }
            let page = try await api.call(.get, "/auth/users/?limit=2&offset=1", token: token)
            #expect(page.status == 200)
            #expect((page.json["items"] as? [Any])?.count == 2)
            #expect(page.json["total"] as? Int == 4 && page.json["limit"] as? Int == 2 && page.json["offset"] as? Int == 1)
            let one = try await api.call(.get, "/auth/users/\(adminID)", token: token)
            #expect(one.json["role"] as? String == "admin" && one.json["disabled"] as? Bool == false)
            let byEmail = try await api.call(.get, "/auth/users/?email=U1@EXAMPLE.COM", token: token)
            #expect((byEmail.json["items"] as? [[String: Any]])?.first?["email"] as? String == "u1@example.com")
            #expect(try await api.call(.get, "/auth/users/?limit=500", token: token).status == 422)
            #expect(try await api.call(.get, "/auth/users/not-a-uuid", token: token).status == 422)
            #expect(try await api.call(.get, "/auth/users/\(UUID().uuidString)", token: token).status == 404)
        }
    }

    @Test func adminsGrantOnlyRolesBelowTheirOwn() async throws {
        try await AuthHarness.run { api in
            let (_, admin) = try await api.user(.admin)
            let create = { (role: String) in
                try await api.call(.post, "/auth/users/", body: api.json(["email": "\(role)@example.com", "name": role, "password": "password-123", "role": role]), token: admin)
            }
            #expect(try await create("moderator").status == 201)
            #expect(try await create("admin").status == 403)
            #expect(try await create("super_admin").status == 403)
            let (otherAdminID, _) = try await api.user(.admin)
            let promote = try await api.call(.put, "/auth/users/\(otherAdminID)/role", body: "{\"role\":\"user\"}", token: admin)
            #expect(promote.status == 403)  // admins cannot manage their peers

            let (_, root) = try await api.user(.superAdmin)
            let made = try await api.call(.post, "/auth/users/", body: api.json(["email": "boss@example.com", "name": "Boss", "password": "password-123", "role": "admin"]), token: root)
            #expect(made.status == 201 && made.json["role"] as? String == "admin")
        }
    }

    @Test func nobodyChangesTheirOwnAccount() async throws {
        try await AuthHarness.run { api in
            let (id, token) = try await api.user(.superAdmin)
            try await api.user(.superAdmin)
            for (method, path, body) in [
                (HTTPMethodName.put, "/auth/users/\(id)/role", "{\"role\":\"user\"}"), (.post, "/auth/users/\(id)/disable", nil),
                (.delete, "/auth/users/\(id)", nil),
            ] {
                let reply = try await api.call(method.hb, path, body: body, token: token)
                #expect(reply.status == 403, "\(path)")
            }
        }
    }

    @Test func aDemotedAdminsTokenNoLongerAdministers() async throws {
        try await AuthHarness.run { api in
            let (adminID, adminToken) = try await api.user(.admin)
            let (_, root) = try await api.user(.superAdmin)
            #expect(try await api.call(.put, "/auth/users/\(adminID)/role", body: "{\"role\":\"user\"}", token: root).status == 200)
            // A role change ends the user's sessions: the token that still says admin is refused outright.
            #expect(try await api.call(.get, "/auth/users/", token: adminToken).status == 401)
        }
    }

    @Test func disabledUsersCannotLogInOrUseTheirSessions() async throws {
        try await AuthHarness.run { api in
            let (_, root) = try await api.user(.superAdmin)
            let (userID, userToken) = try await api.user(.user, email: "vic@example.com")
            // read once, so the instance's user cache holds vic: disabling must evict it
            #expect(try await api.call(.get, "/auth/user_details", token: userToken).status == 200)
            let disabled = try await api.call(.post, "/auth/users/\(userID)/disable", token: root)
            #expect(disabled.status == 200 && disabled.json["disabled"] as? Bool == true)
            let login = try await api.login("vic@example.com")
            #expect(login.status == 403 && login.token == nil)
            // Disabling ends the user's sessions: the old token is refused outright.
            #expect(try await api.call(.get, "/auth/user_details", token: userToken).status == 401)
            #expect(try await api.call(.post, "/auth/users/\(userID)/enable", token: root).status == 200)
            #expect(try await api.login("vic@example.com").status == 200)
        }
    }

    @Test func theLastEnabledSuperAdminStays() async throws {
        try await AuthHarness.run { api in
            let lone = try await api.directory.create(
                by: .maintenanceOperator, email: "root@example.com", name: "Root", password: "password-123", role: "super_admin")
            do {
                _ = try await api.directory.setRole(by: .maintenanceOperator, id: lone.id, role: "admin")
                Issue.record("demoting the last super_admin must fail")
            } catch let error as APIError {
                #expect(error.status == .conflict)
            }
            await #expect(throws: APIError.self) { try await api.directory.delete(by: .maintenanceOperator, id: lone.id) }
            let (_, second) = try await api.user(.superAdmin)
            #expect(try await api.call(.post, "/auth/users/\(lone.id.uuidString)/disable", token: second).status == 200)
        }
    }

    @Test func deleteRemovesTheUser() async throws {
        try await AuthHarness.run { api in
            let (_, root) = try await api.user(.superAdmin)
            let id = try #require(try await api.signup("gone@example.com").json["id"] as? String)
            #expect(try await api.call(.delete, "/auth/users/\(id)", token: root).status == 204)
            #expect(try await api.call(.get, "/auth/users/\(id)", token: root).status == 404)
            #expect(try await api.login("gone@example.com").status == 400)
        }
    }
}

/// Sendable spelling of a method for table-driven tests.
enum HTTPMethodName: Sendable {
    case put, post, delete
    var hb: HTTPRequest.Method {
        switch self {
        case .put: .put
        case .post: .post
        case .delete: .delete
        }
    }
}
