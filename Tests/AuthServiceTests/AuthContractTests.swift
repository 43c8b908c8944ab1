import Foundation
import Hummingbird
import ServiceCore
import Testing
import TestSupport

/// The seed's contract, route by route (reference §4), plus what the seed meant but did not do.
@Suite struct AuthContractTests {
    @Test func rootBanner() async throws {
        try await AuthHarness.run { api in
            let reply = try await api.call(.get, "/")
            #expect(reply.status == 200)
            #expect(reply.json as NSDictionary == ["message": "Welcome to auth service", "status": "running", "docs": "/docs"])
        }
    }

    @Test func signupAnswers201WithIdEmailNameOnBothSpellings() async throws {
        try await AuthHarness.run { api in
            let reply = try await api.signup("Ana@Example.com")
            #expect(reply.status == 201)
            #expect(reply.json["email"] as? String == "Ana@Example.com")
            #expect(reply.json["name"] as? String == "Test User")
            #expect(UUID(uuidString: reply.json["id"] as? String ?? "") != nil)
            #expect(reply.json["role"] as? String == "user")
            let withoutSlash = try await api.call(.post, "/auth", body: api.json(["email": "bo@example.com", "name": "Bo", "password": "password-123"]))
            #expect(withoutSlash.status == 201)
        }
    }

    @Test func duplicateEmailIs409WhateverTheCase() async throws {
        try await AuthHarness.run { api in
            try await api.signup("dup@example.com")
            let again = try await api.signup("DUP@example.COM")
            #expect(again.status == 409)
            #expect(again.detail == "A user with the email DUP@example.COM is already registered")
        }
    }

    @Test func racingDuplicateSignupsCreateExactlyOneUser() async throws {
        try await AuthHarness.run { api in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<20 {
                    group.addTask { try await api.signup(i % 2 == 0 ? "race@example.com" : "RACE@example.com").status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.filter { $0 == 409 }.count == 19)
        }
    }

    @Test func signupValidatesEmailNameAndPasswordPolicy() async throws {
        try await AuthHarness.run { api in
            let reply = try await api.call(.post, "/auth/", body: api.json(["email": "not-an-email", "name": " ", "password": "short"]))
            #expect(reply.status == 422)
            let issues = try #require(reply.json["detail"] as? [[String: Any]])
            #expect(issues.compactMap { $0["loc"] as? [String] } == [["body", "email"], ["body", "name"], ["body", "password"]])
            #expect(issues[2]["msg"] as? String == "Password must be at least 8 characters")

            let missing = try await api.call(.post, "/auth/", body: api.json(["email": "a@example.com", "password": "password-123"]))
            #expect(missing.status == 422)
            let first = try #require((missing.json["detail"] as? [[String: Any]])?.first)
            #expect(first["type"] as? String == "missing" && first["loc"] as? [String] == ["body", "name"])

            let broken = try await api.call(.post, "/auth/", body: "{\"email\": ")
            #expect(broken.status == 422)
            #expect((broken.json["detail"] as? [[String: Any]])?.first?["type"] as? String == "json_invalid")
        }
    }

    @Test func signupNeverGrantsMoreThanUser() async throws {
        try await AuthHarness.run { api in
            let admin = try await api.call(.post, "/auth/", body: api.json(["email": "x@example.com", "name": "X", "password": "password-123", "role": "admin"]))
            #expect(admin.status == 403)
            let bogus = try await api.call(.post, "/auth/", body: api.json(["email": "x@example.com", "name": "X", "password": "password-123", "role": "king"]))
            #expect(bogus.status == 422)
            let user = try await api.call(.post, "/auth/", body: api.json(["email": "x@example.com", "name": "X", "password": "password-123", "role": "user"]))
            #expect(user.status == 201)
        }
    }

    @Test func loginSetsTheSeedCookieAndAnswersTheSeedBody() async throws {
        try await AuthHarness.run { api in
            let id = try await api.signup("ana@example.com").json["id"] as? String
            let reply = try await api.login("ANA@example.com")
            #expect(reply.status == 200)
            #expect(reply.json["message"] as? String == "Login success")
            #expect(reply.json["id"] as? String == id)
            #expect(reply.json["email"] as? String == "ana@example.com")
            let cookie = try #require(reply.setCookie)
            let token = try #require(reply.token)
            #expect(cookie == "access_token=\(token); HttpOnly; Max-Age=3600; Path=/; SameSite=Lax; Secure")
        }
    }

    @Test func wrongPasswordAndUnknownEmailGetTheSameAnswer() async throws {
        try await AuthHarness.run { api in
            try await api.signup("ana@example.com")
            let wrong = try await api.login("ana@example.com", password: "wrong-password")
            let unknown = try await api.login("nobody@example.com")
            #expect(wrong.status == 400 && unknown.status == 400)
            #expect(wrong.text == unknown.text)
            #expect(wrong.detail == "Login credentials incorrect")
        }
    }

    @Test func userDetailsNeedsAValidCookie() async throws {
        try await AuthHarness.run { api in
            try await api.signup("ana@example.com", name: "Ana")
            let token = try #require(try await api.login("ana@example.com").token)
            let me = try await api.call(.get, "/auth/user_details", token: token)
            #expect(me.status == 200)
            #expect(me.json["email"] as? String == "ana@example.com" && me.json["name"] as? String == "Ana")

            let none = try await api.call(.get, "/auth/user_details")
            #expect(none.status == 401 && none.detail == "Not authorised")
            let bad = try await api.call(.get, "/auth/user_details", token: "not.a.token")
            #expect(bad.status == 401 && bad.detail == "Invalid token")
            // Tampering with the payload breaks the signature.
            let parts = token.split(separator: ".")
            let tampered = try await api.call(.get, "/auth/user_details", token: "\(parts[0]).\(parts[1])x.\(parts[2])")
            #expect(tampered.status == 401 && tampered.detail == "Invalid token")
            // An Authorization header is not a session (the seed ignored it too).
            let bearer = try await api.call(.get, "/auth/user_details", headers: [.authorization: "Bearer \(token)"])
            #expect(bearer.status == 401)
        }
    }

    @Test func expiredForgedAndAlgChangedTokensAre401() async throws {
        try await AuthHarness.run { api in
            let (id, _) = try await api.user(.superAdmin)
            let uuid = try #require(UUID(uuidString: id))
            let ours = try await TokenService(secret: AuthHarness.secret, lifetime: 60)
            let expired = try await ours.issue(userID: uuid, email: "x@example.com", role: .superAdmin, now: Date().addingTimeInterval(-3600)).token
            let forger = try await TokenService(secret: String(repeating: "f", count: 48), lifetime: 600)
            let forged = try await forger.issue(userID: uuid, email: "x@example.com", role: .superAdmin).token
            let valid = try await ours.issue(userID: uuid, email: "x@example.com", role: .superAdmin).token
            let body = valid.split(separator: ".")[1]
            let none = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.\(body)."
            let hs512Header = "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9"
            let algSwapped = "\(hs512Header).\(body).\(valid.split(separator: ".")[2])"
            for token in [expired, forged, none, algSwapped] {
                let reply = try await api.call(.get, "/auth/users/", token: token)
                #expect(reply.status == 401 && reply.detail == "Invalid token", "\(token)")
            }
            #expect(try await api.call(.get, "/auth/users/", token: valid).status == 200)
        }
    }

    @Test func logoutClearsTheCookie() async throws {
        try await AuthHarness.run { api in
            let reply = try await api.call(.post, "/auth/logout", body: "{\"withCredentials\": true}")
            #expect(reply.status == 200)
            #expect(reply.json["message"] as? String == "Logged out successfully")
            let cookie = try #require(reply.setCookie)
            #expect(cookie.hasPrefix("access_token=\"\"; expires="))
            #expect(cookie.hasSuffix("GMT; HttpOnly; Max-Age=0; Path=/; SameSite=Lax; Secure"))
        }
    }

    @Test func unknownPathIs404AndWrongMethodIs405() async throws {
        try await AuthHarness.run { api in
            let missing = try await api.call(.get, "/auth/nothing-here")
            #expect(missing.status == 404 && missing.detail == "Not Found")
            let wrong = try await api.call(.get, "/auth/login")
            #expect(wrong.status == 405 && wrong.detail == "Method Not Allowed")
            #expect(wrong.headers[.allow] == "POST")
        }
    }

    @Test func healthReadyAndMetrics() async throws {
        try await AuthHarness.run { api in
            #expect(try await api.call(.get, "/health").json["status"] as? String == "pass")
            let ready = try await api.call(.get, "/ready")
            #expect(ready.status == 200)
            #expect((ready.json["checks"] as? [String: [String: Any]])?["postgres"]?["status"] as? String == "pass")
            let metrics = try await api.call(.get, "/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.text.contains("http_server_requests_total{"))
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
        }
    }

    @Test func aLostDatabaseIs503NotAHang() async throws {
        try await AuthHarness.run(configure: { $0.databaseTimeout = .seconds(1); $0.userCacheSeconds = 0 }) { api in
            let (_, token) = try await api.user(.user)
            try await TestDatabase.drop(api.database)  // every connection is cut, and no new one can be made
            let start = ContinuousClock.now
            let reply = try await api.call(.get, "/auth/user_details", token: token)
            #expect(reply.status == 503, "\(reply.text)")
            // Either the gate saw the lost database first, or the 1 s deadline ran out first (a busy machine): both are
            // the fixed 503 answers, never a 500 or a hang.
            #expect(
                ["The database is unavailable; try again shortly", "The database did not answer in time; try again shortly"]
                    .contains(reply.detail ?? ""), "\(reply.text)")
            #expect(reply.headers[.retryAfter] != nil)
            #expect(start.duration(to: .now) < .seconds(5))
            #expect(try await api.call(.get, "/ready").status == 503)
        }
    }

    @Test func corsEchoesOnlyListedOriginsWithCredentials() async throws {
        try await AuthHarness.run { api in
            let allowed = try await api.call(.get, "/", headers: [.origin: "http://localhost:5173"])
            #expect(allowed.headers[.accessControlAllowOrigin] == "http://localhost:5173")
            #expect(allowed.headers[.accessControlAllowCredentials] == "true")
            let other = try await api.call(.get, "/", headers: [.origin: "http://evil.example"])
            #expect(other.headers[.accessControlAllowOrigin] == nil)
            let preflight = try await api.call(
                .options, "/auth/login", headers: [.origin: "http://localhost:5173", .accessControlRequestMethod: "POST"])
            #expect(preflight.status == 204)
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("POST") == true)
        }
    }
}
