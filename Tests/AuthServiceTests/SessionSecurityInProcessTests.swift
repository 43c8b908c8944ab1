import AuthService
import Foundation
import ServiceCore
import Testing

/// The password blocklist, password change, end-sessions and the feed's key, in process.
@Suite struct SessionSecurityInProcessTests {
    @Test func commonPasswordsAreRefusedAtSignupAdminCreationAndPasswordChange() async throws {
        try await AuthHarness.run { api in
            let signup = try await api.signup("weak@example.com", password: "Password1")
            #expect(signup.status == 422, "\(signup.text)")
            #expect(signup.text.contains("password_too_common"))
            let admin = try await api.user(.admin)
            let created = try await api.call(
                .post, "/auth/users/", body: api.json(["email": "w2@example.com", "name": "W", "password": "qwertyuiop"]), token: admin.token)
            #expect(created.status == 422, "\(created.text)")
            #expect(try await api.signup("ok@example.com", password: "Orchid-Lantern-7731").status == 201)
            let token = try #require(try await api.login("ok@example.com", password: "Orchid-Lantern-7731").token)
            let change = try await api.call(
                .post, "/auth/password", body: api.json(["current_password": "Orchid-Lantern-7731", "new_password": "iloveyou123"]), token: token)
            #expect(change.status == 422, "\(change.text)")
        }
    }

    @Test func passwordChangeEndsOtherSessionsAndRenewsThisOne() async throws {
        try await AuthHarness.run { api in
            #expect(try await api.signup("pc@example.com", password: "Orchid-Lantern-7731").status == 201)
            let first = try #require(try await api.login("pc@example.com", password: "Orchid-Lantern-7731").token)
            let second = try #require(try await api.login("pc@example.com", password: "Orchid-Lantern-7731").token)
            let wrong = try await api.call(
                .post, "/auth/password", body: api.json(["current_password": "nope-nope-nope", "new_password": "Quartz-Meadow-4412"]), token: first)
            #expect(wrong.status == 422)
            let change = try await api.call(
                .post, "/auth/password", body: api.json(["current_password": "Orchid-Lantern-7731", "new_password": "Quartz-Meadow-4412"]),
                token: first)
            #expect(change.status == 200, "\(change.text)")
            let renewed = try #require(change.token)
            #expect(try await api.call(.get, "/auth/user_details", token: first).status == 401)
            #expect(try await api.call(.get, "/auth/user_details", token: second).status == 401)
            #expect(try await api.call(.get, "/auth/user_details", token: renewed).status == 200)
            #expect(try await api.login("pc@example.com", password: "Orchid-Lantern-7731").status == 400)
            #expect(try await api.login("pc@example.com", password: "Quartz-Meadow-4412").status == 200)
        }
    }

    @Test func roleChangeDisableAndEndSessionsRevokeTokensLogoutRevokesOne() async throws {
        try await AuthHarness.run { api in
            let admin = try await api.user(.superAdmin)
            let target = try await api.user(.user)
            #expect(try await api.call(.put, "/auth/users/\(target.id)/role", body: api.json(["role": "moderator"]), token: admin.token).status == 200)
            #expect(try await api.call(.get, "/auth/user_details", token: target.token).status == 401)

            let other = try await api.user(.user)
            #expect(try await api.call(.post, "/auth/users/\(other.id)/end-sessions", token: admin.token).status == 200)
            #expect(try await api.call(.get, "/auth/user_details", token: other.token).status == 401)
            #expect(try await api.call(.post, "/auth/users/\(other.id)/end-sessions", token: other.token).status == 401)

            let third = try await api.user(.user)
            #expect(try await api.call(.post, "/auth/users/\(third.id)/disable", token: admin.token).status == 200)
            #expect(try await api.call(.post, "/auth/users/\(third.id)/enable", token: admin.token).status == 200)
            #expect(try await api.call(.get, "/auth/user_details", token: third.token).status == 401)

            #expect(try await api.call(.post, "/auth/logout", token: admin.token).status == 200)
            #expect(try await api.call(.get, "/auth/user_details", token: admin.token).status == 401)
        }
    }

    @Test func theRevocationFeedNeedsTheServiceKey() async throws {
        try await AuthHarness.run { api in
            #expect(try await api.call(.get, "/auth/sessions/revocations").status == 401)
            #expect(try await api.call(.get, "/auth/sessions/revocations", headers: [.init("X-Service-Key")!: "00"]).status == 401)
            let user = try await api.user(.user)
            #expect(try await api.call(.post, "/auth/logout", token: user.token).status == 200)
            let feed = try await api.call(
                .get, "/auth/sessions/revocations?after=0",
                headers: [.init("X-Service-Key")!: TokenService.serviceKey(for: AuthHarness.secret)])
            #expect(feed.status == 200, "\(feed.text)")
            let entries = try #require(feed.json["entries"] as? [[String: Any]])
            #expect(entries.contains { ($0["user_id"] as? String)?.lowercased() == user.id && $0["jti"] != nil })
        }
    }
}
