import Foundation
import ServiceCore
import Testing
import TestSupport

@testable import FoodService

/// A user's orders write themselves (`JSONWritable`); the bytes must be those of their `Encodable` form.
@Suite struct FoodJSONWritableTests {
    static func order(_ r: inout RandomFields) -> Order {
        let lines = (0..<Int.random(in: 0...4, using: &r.generator)).map { _ in
            OrderLine(
                id: UUID(), menuID: UUID(), name: r.string(), unitPrice: r.decimal(), quantity: r.int(), lineTotal: r.decimal(),
                createdAt: r.date(), updatedAt: r.date())
        }
        return Order(
            id: UUID(), userID: UUID(), restaurantID: UUID(), orderNumber: r.string(), totalPrice: r.decimal(),
            status: r.pick(OrderStatus.allCases), createdAt: r.date(), updatedAt: r.date(), foodOrders: lines)
    }

    @Test func ordersWriteWhatTheirEncodableFormWrites() throws {
        var r = RandomFields()
        for _ in 0..<300 {
            let mismatch = try JSONWritableCheck.mismatch(Self.order(&r))
            #expect(mismatch == nil, "\(mismatch ?? "")")
            if mismatch != nil { return }
        }
        #expect(try JSONWritableCheck.mismatch((0..<10).map { _ in Self.order(&r) }) == nil)
    }
}
