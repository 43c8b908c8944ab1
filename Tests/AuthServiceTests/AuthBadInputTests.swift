import Foundation
import Hummingbird
import ServiceCore
import Testing

/// Bad input on the routes that need no session: a 422 naming the field, never a 500 (issue 12).
@Suite struct AuthBadInputTests {
    @Test func controlCharactersAndOversizeFieldsAre422s() async throws {
        try await AuthHarness.run { api in
            // PostgreSQL refuses U+0000 (SQLSTATE 22021): this was a 500 on an unauthenticated route.
            let nul = try await api.call(.post, "/auth/login", body: #"{"email":"a\u0000b@example.com","password":"password-123"}"#)
            #expect(nul.status == 422 && nul.text.contains("email"), "\(nul.text)")
            let signup = try await api.call(.post, "/auth/", body: #"{"email":"c@example.com","name":"Ann\u0000","password":"password-123"}"#)
            #expect(signup.status == 422 && signup.text.contains("name"), "\(signup.text)")
            let longEmail = try await api.login(String(repeating: "a", count: 300) + "@example.com")
            #expect(longEmail.status == 422, "\(longEmail.text)")
            let longPassword = try await api.call(.post, "/auth/login", body: api.json(["email": "a@example.com", "password": String(repeating: "p", count: 2000)]))
            #expect(longPassword.status == 422, "\(longPassword.text)")
            // `role` may be left out, not sent as null.
            let nullRole = try await api.call(.post, "/auth/", body: #"{"email":"d@example.com","name":"D","password":"password-123","role":null}"#)
            #expect(nullRole.status == 422 && nullRole.text.contains("role"), "\(nullRole.text)")
            let (_, admin) = try await api.user(.admin)
            let query = try await api.call(.get, "/auth/users/?email=a%00b", token: admin)
            #expect(query.status == 422, "\(query.text)")
            let badID = try await api.call(.post, "/auth/users/not-a-uuid/disable", token: admin)
            #expect(badID.status == 422, "\(badID.text)")
            // A well-formed but wrong login stays the seed's 400.
            #expect(try await api.login("nobody@example.com").status == 400)
        }
    }
}
