import Foundation
import ServiceCore
import Testing
import TestSupport

/// A value the database refuses is the client's mistake (422), not a 500, and the answer names no SQL or driver.
@Suite struct AuthDatabaseErrorTests {
    static let internals = ["SQL", "sql", "Postgres", "PSQL", "varchar", "character varying", "users", "byte sequence", "Error"]

    @Test func aNulCharacterIs422() async throws {
        try await AuthHarness.run { api in
            let reply = try await api.signup("nul@example.com", name: "Nul\u{0}Name")
            #expect(reply.status == 422, "\(reply.status) \(reply.text)")
            for word in Self.internals { #expect(!reply.text.contains(word), "\(word): \(reply.text)") }
            let login = try await api.login("nul@example.com")
            #expect(login.status == 400 && login.detail == "Login credentials incorrect", "\(login.status) \(login.text)")
        }
    }

    /// 200 characters (within the 255 the rules allow) of 400 code points (past the column's 255): 22001, a 422.
    @Test func aNameLongerThanItsColumnIs422() async throws {
        try await AuthHarness.run { api in
            let reply = try await api.signup("long@example.com", name: String(repeating: "e\u{301}", count: 200))
            #expect(reply.status == 422, "\(reply.status) \(reply.text)")
            for word in Self.internals { #expect(!reply.text.contains(word), "\(word): \(reply.text)") }
        }
    }
}
