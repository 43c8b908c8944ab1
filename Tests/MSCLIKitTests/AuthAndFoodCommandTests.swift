import AuthService
import FoodService
import Foundation
import ServiceCore
import Testing

@testable import MSCLIKit

/// Auth and food commands in process on their fake backends: names resolve through the backend's lookup, the
/// change is narrated on stderr, the result printed on stdout, refusals end with the service's words and exit 4.
@Suite struct AuthAndFoodCommandTests {
    static let ana = UUID(uuidString: "11111111-2222-4333-8444-555555555555")!
    static let order = UUID(uuidString: "99999999-8888-4777-8666-555555555555")!

    static func user(role: Role) -> User {
        User(id: ana, email: "ana@example.com", name: "Ana", role: role, disabled: false, createdAt: Date(timeIntervalSince1970: 0),
             updatedAt: Date(timeIntervalSince1970: 0))
    }

    @Test func setRoleByEmail() async {
        let asked = Calls<String>()
        var auth = FakeAuthBackend()
        auth.onCandidates = { kind, text, _ in
            asked.record("candidates \(kind) \(text)")
            return [Candidate(id: Self.ana, cells: ["ana@example.com", "Ana", "user"])]
        }
        auth.onSetRole = { user, role in
            asked.record("setRole \(user) \(role)")
            return Self.user(role: role)
        }
        let run = await InProcessMSCLI(auth: auth).run("auth", "users", "set-role", "ana@example.com", "moderator", "-o", "name")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == Self.ana.uuidString.lowercased() + "\n")
        #expect(run.stderr == "ana@example.com is now moderator\n")
        #expect(asked.all == ["candidates user ana@example.com", "setRole id(\(Self.ana)) moderator"])
    }

    /// A role that does not exist is a usage error before any backend call (no handler is set).
    @Test func anUnknownRoleIsAUsageError() async {
        let run = await InProcessMSCLI(auth: FakeAuthBackend()).run("auth", "users", "set-role", "ana@example.com", "emperor")
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("emperor"), "\(run)")
    }

    /// An e-mail address nobody has: exit 4, saying what was looked for.
    @Test func anUnknownUser() async {
        var auth = FakeAuthBackend()
        auth.onCandidates = { _, _, _ in [] }
        let run = await InProcessMSCLI(auth: auth).run("auth", "users", "set-role", "nobody@example.com", "admin")
        #expect(run.status == 4, "\(run)")
        #expect(run.stderr == "mscli: no user with the e-mail address \"nobody@example.com\"\n")
    }

    static func order(status: OrderStatus) throws -> Order {
        try ServiceDocuments.decode(
            Order.self,
            """
            {"id": "\(order.uuidString.lowercased())", "user_id": "\(ana.uuidString.lowercased())",
             "restaurant_id": "\(UUID().uuidString.lowercased())", "order_number": "3B6BC2B2", "total_price": 12.45,
             "status": "\(status.rawValue)", "created_at": "2030-01-01T10:00:00Z", "updated_at": "2030-01-01T10:05:00Z", "food_orders": []}
            """)
    }

    @Test func orderStatusByNumber() async throws {
        var food = FakeFoodBackend()
        food.onCandidates = { kind, text, _ in
            #expect(kind == .order)
            #expect(text == "3B6BC2B2")
            return [Candidate(id: Self.order, cells: ["3B6BC2B2", "preparing", "2030-01-01"])]
        }
        food.onChangeStatus = { id, target in
            #expect(id == Self.order)
            #expect(target == .ready)
            return try Self.order(status: .ready)
        }
        let run = await InProcessMSCLI(food: food).run("food", "orders", "status", "3B6BC2B2", "ready", "-o", "json")
        #expect(run.status == 0, "\(run)")
        let document = try #require(run.json as? [String: Any], "\(run)")
        #expect(document["status"] as? String == "ready")
        #expect(document["order_number"] as? String == "3B6BC2B2")
        #expect(run.stderr == "Order 3B6BC2B2 is now ready\n")
    }

    /// A move the state machine refuses comes back from the service as a 409: exit 4 with its detail.
    @Test func aRefusedMove() async {
        var food = FakeFoodBackend()
        food.onChangeStatus = { _, _ in throw APIError.conflict("cannot move order 3B6BC2B2 from delivered to cancelled") }
        let run = await InProcessMSCLI(food: food).run("food", "orders", "cancel", Self.order.uuidString)
        #expect(run.status == 4, "\(run)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "mscli: cannot move order 3B6BC2B2 from delivered to cancelled\n")
    }
}
