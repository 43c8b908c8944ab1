import Foundation

/// How much a set of seats costs for a showing.
public protocol SeatPricing: Sendable {
    func price(of seats: [Seat], for showing: Showing) -> Decimal
}

/// A rate per seat type; the seed's rates (₹200 / 300 / 600) by default.
public struct SeatTypePricing: SeatPricing {
    public var rates: [SeatType: Decimal]

    public init(rates: [SeatType: Decimal] = [.regular: 200, .premium: 300, .recliner: 600]) { self.rates = rates }

    public func price(of seats: [Seat], for showing: Showing) -> Decimal {
        seats.reduce(0) { $0 + (rates[$1.type] ?? 0) }
    }
}

/// Another strategy on top: a surcharge for showings starting at or after an hour of the day (evening shows).
public struct PeakHourPricing: SeatPricing {
    public var base: any SeatPricing
    public var fromHour: Int
    public var multiplier: Decimal

    public init(base: any SeatPricing = SeatTypePricing(), fromHour: Int = 18, multiplier: Decimal = 1.25) {
        self.base = base
        self.fromHour = fromHour
        self.multiplier = multiplier
    }

    public func price(of seats: [Seat], for showing: Showing) -> Decimal {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let hour = calendar.component(.hour, from: showing.start)
        let price = base.price(of: seats, for: showing)
        return hour >= fromHour ? price * multiplier : price
    }
}
