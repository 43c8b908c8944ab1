import Foundation
import ServiceCore
import Testing
import TestSupport

@testable import AuthService

/// The signed-in user's profile writes itself (`JSONWritable`); the bytes must be those of its `Encodable` form.
@Suite struct AuthJSONWritableTests {
    @Test func profilesWriteWhatTheirEncodableFormWrites() throws {
        var r = RandomFields()
        for _ in 0..<300 {
            let user = User(
                id: UUID(), email: r.string(), name: r.string(), role: r.pick(Role.allCases), disabled: r.bool(), createdAt: r.date(),
                updatedAt: r.date())
            let mismatch = try JSONWritableCheck.mismatch(AuthController.Profile(user))
            #expect(mismatch == nil, "\(mismatch ?? "")")
            if mismatch != nil { return }
        }
    }
}
