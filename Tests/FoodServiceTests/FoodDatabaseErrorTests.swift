import Foundation
import ServiceCore
import Testing
import TestSupport

/// A value the database refuses is the client's mistake (422), not a 500, and the answer names no SQL or driver.
@Suite struct FoodDatabaseErrorTests {
    static let internals = ["SQL", "sql", "Postgres", "PSQL", "varchar", "character varying", "categories", "byte sequence", "Error"]

    @Test func refusedValuesAre422() async throws {
        try await FoodHarness.run { api in
            let admin = try await api.session(.admin)
            let nul = try await api.call(.post, "/food/categories/", body: ["name": "Nul\u{0}", "slug": "nul"], as: admin)
            #expect(nul.status == 422, "\(nul.status) \(nul.text)")
            // 60 characters (within the 100 the rules allow) of 120 code points (past the column's 100): 22001
            let long = try await api.call(
                .post, "/food/categories/", body: ["name": String(repeating: "e\u{301}", count: 60), "slug": "long"], as: admin)
            #expect(long.status == 422, "\(long.status) \(long.text)")
            for reply in [nul, long] {
                for word in Self.internals { #expect(!reply.text.contains(word), "\(word): \(reply.text)") }
            }
            #expect(try await api.call(.get, "/food/categories/", as: admin).list.isEmpty)
        }
    }
}
