import Foundation
import Testing

@testable import SystemDesign

@Suite struct MovieBookingTests {
    let clock = ManualClock()
    let ana = UUID()
    let bo = UUID()
    let showing = Showing(
        movie: Movie(title: "Dune"), theater: Theater(name: "Rex", location: "Pune"), start: Date(timeIntervalSince1970: 1_800_000_000),
        seats: (1...10).map { Seat(id: "A\($0)", type: $0 <= 6 ? .regular : $0 <= 9 ? .premium : .recliner) })
    static let goodCard = "4111 1111 1111 1111"

    func service(pricing: any SeatPricing = SeatTypePricing()) async -> MovieBookingService {
        let service = MovieBookingService(clock: clock, holdDuration: 300, pricing: pricing)
        await service.add(showing)
        return service
    }

    var card: CardPayment { CardPayment(number: Self.goodCard, expiryYear: 2030, expiryMonth: 12, clock: clock) }

    @Test func holdsAreAllOrNothing() async throws {
        let service = await service()
        try await service.hold(["A1", "A2"], in: showing.id, for: ana)
        await #expect(throws: BookingError.seatsUnavailable(["A2"])) { try await service.hold(["A3", "A2"], in: showing.id, for: bo) }
        #expect(try await service.currentHolds(in: showing.id)["A3"] == nil)  // A3 was not left held
        await #expect(throws: BookingError.unknownSeats(["Z9"])) { try await service.hold(["A4", "Z9"], in: showing.id, for: bo) }
        await #expect(throws: BookingError.duplicateSeats(["A4"])) { try await service.hold(["A4", "A4"], in: showing.id, for: bo) }
        await #expect(throws: BookingError.noSeatsSelected) { try await service.hold([], in: showing.id, for: bo) }
    }

    @Test func ownHoldsCountAsAvailableAndHoldsExpire() async throws {
        let service = await service()
        try await service.hold(["A1"], in: showing.id, for: ana)
        try await service.hold(["A1", "A2"], in: showing.id, for: ana)  // re-holding her own seat is fine
        #expect(try await service.availableSeats(in: showing.id, for: bo).map(\.id).contains("A1") == false)
        clock.advance(by: 301)
        #expect(try await service.availableSeats(in: showing.id, for: bo).map(\.id).contains("A1"))
        try await service.hold(["A1"], in: showing.id, for: bo)
        #expect(try await service.currentHolds(in: showing.id)["A1"] == bo)
    }

    @Test func onlyTheHolderReleases() async throws {
        let service = await service()
        try await service.hold(["A1"], in: showing.id, for: ana)
        try await service.release(["A1"], in: showing.id, for: bo)
        #expect(try await service.currentHolds(in: showing.id)["A1"] == ana)
        try await service.release(["A1"], in: showing.id, for: ana)
        #expect(try await service.currentHolds(in: showing.id)["A1"] == nil)
    }

    @Test func bookingWithOwnHoldsIsPricedAndConfirmedForGood() async throws {
        let service = await service()
        try await service.hold(["A1", "A7"], in: showing.id, for: ana)  // the seed refused this: D01
        let booking = try await service.createBooking(for: ana, showing: showing.id, seats: ["A1", "A7", "A10"])
        #expect(booking.total == Decimal(1100), "\(booking.total)")
        #expect(booking.status == .pending)
        let confirmed = try await service.confirm(booking.id, by: ana, paying: card)
        #expect(confirmed.status == .confirmed && confirmed.receipt?.method == "card" && confirmed.receipt?.amount == 1100)
        clock.advance(by: 10_000)  // long past any hold
        #expect(try await service.soldSeats(in: showing.id)["A1"] == booking.id)
        await #expect(throws: BookingError.seatsUnavailable(["A1"])) { try await service.hold(["A1"], in: showing.id, for: bo) }
        await #expect(throws: BookingError.invalidTransition(from: .confirmed, to: .confirmed)) {
            try await service.confirm(booking.id, by: ana, paying: card)
        }
    }

    @Test func ownershipIsChecked() async throws {
        let service = await service()
        let booking = try await service.createBooking(for: ana, showing: showing.id, seats: ["A1"])
        await #expect(throws: BookingError.notYourBooking) { try await service.confirm(booking.id, by: bo, paying: card) }
        await #expect(throws: BookingError.notYourBooking) { try await service.cancel(booking.id, by: bo) }
        let missing = UUID()
        await #expect(throws: BookingError.bookingNotFound(missing)) { try await service.cancel(missing, by: ana) }
    }

    @Test func aFailedPaymentReleasesTheSeatsAndEndsTheBooking() async throws {
        let service = await service()
        let booking = try await service.createBooking(for: ana, showing: showing.id, seats: ["A1", "A2"])
        await #expect(throws: BookingError.self) { try await service.confirm(booking.id, by: ana, paying: DecliningPayment()) }
        #expect(await service.booking(booking.id)?.status == .paymentFailed)
        #expect(try await service.currentHolds(in: showing.id).isEmpty)
        try await service.hold(["A1", "A2"], in: showing.id, for: bo)
        let badCard = CardPayment(number: "4111 1111 1111 1112", expiryYear: 2030, expiryMonth: 1, clock: clock)
        let other = try await service.createBooking(for: bo, showing: showing.id, seats: ["A1"])
        await #expect(throws: BookingError.paymentDeclined("invalidCard(\"card number fails the Luhn check\")")) {
            try await service.confirm(other.id, by: bo, paying: badCard)
        }
    }

    @Test func cancellingFreesSeatsAndIsFinal() async throws {
        let service = await service()
        let booking = try await service.createBooking(for: ana, showing: showing.id, seats: ["A3"])
        _ = try await service.confirm(booking.id, by: ana, paying: UPIPayment(address: "ana@okbank"))
        let cancelled = try await service.cancel(booking.id, by: ana)
        #expect(cancelled.status == .cancelled)
        #expect(try await service.soldSeats(in: showing.id).isEmpty)
        await #expect(throws: BookingError.invalidTransition(from: .cancelled, to: .confirmed)) {
            try await service.confirm(booking.id, by: ana, paying: card)
        }
        await #expect(throws: BookingError.invalidTransition(from: .cancelled, to: .cancelled)) { try await service.cancel(booking.id, by: ana) }
    }

    @Test func expiredHoldTakenBySomeoneElseFailsTheBooking() async throws {
        let service = await service()
        let booking = try await service.createBooking(for: ana, showing: showing.id, seats: ["A5"])
        clock.advance(by: 301)
        try await service.hold(["A5"], in: showing.id, for: bo)
        await #expect(throws: BookingError.holdsLost(["A5"])) { try await service.confirm(booking.id, by: ana, paying: card) }
        #expect(try await service.currentHolds(in: showing.id)["A5"] == bo)  // Bo keeps his hold
    }

    @Test func paymentValidation() {
        #expect(CardPayment.luhnValid("4111111111111111"))
        #expect(!CardPayment.luhnValid("79927398713"))  // passes Luhn, but too short for a card
        #expect(!CardPayment.luhnValid("4111111111111112"))
        #expect(!CardPayment.luhnValid("4111a11111111111"))
        #expect(UPIPayment.validAddress("ana.k@okbank"))
        #expect(!UPIPayment.validAddress("ana@"))
        #expect(!UPIPayment.validAddress("ana@ok@bank"))
    }

    @Test func expiredCardsAreRefused() async {
        let expired = CardPayment(number: Self.goodCard, expiryYear: 2020, expiryMonth: 1, clock: clock)
        await #expect(throws: PaymentError.invalidCard("card expired")) { try await expired.charge(10, reference: UUID()) }
    }

    @Test func peakHourPricingIsAStrategyOnTop() async throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let evening = calendar.date(from: DateComponents(year: 2027, month: 1, day: 1, hour: 19))!
        var late = showing
        late.start = evening
        let pricing = PeakHourPricing()
        #expect(pricing.price(of: [late.seats[0]], for: late) == 250)
        #expect(pricing.price(of: [showing.seats[0]], for: showing) == 200)  // 08:00 UTC: no surcharge
    }

    /// 300 tasks for 10 seats, each trying to book 2 random seats: a seat is never held or sold twice.
    @Test func concurrentBookingsNeverDoubleSell() async throws {
        let service = await service()
        let card = self.card
        let showingID = showing.id
        let outcomes = await withTaskGroup(of: Booking?.self) { group in
            for i in 0..<300 {
                group.addTask {
                    let customer = UUID()
                    let a = "A\(i % 10 + 1)"
                    let b = "A\((i * 7 + 3) % 10 + 1)"
                    let seats = a == b ? [a] : [a, b]
                    guard let booking = try? await service.createBooking(for: customer, showing: showingID, seats: seats) else { return nil }
                    if i % 3 == 0 { return try? await service.cancel(booking.id, by: customer) }
                    return try? await service.confirm(booking.id, by: customer, paying: card)
                }
            }
            return await group.reduce(into: [Booking]()) { if let b = $1 { $0.append(b) } }
        }
        let confirmed = outcomes.filter { $0.status == .confirmed }
        let soldByBookings = confirmed.flatMap(\.seatIDs)
        #expect(Set(soldByBookings).count == soldByBookings.count, "a seat sold twice")
        let sold = try await service.soldSeats(in: showingID)
        #expect(sold.count == soldByBookings.count)
        for booking in confirmed { for seat in booking.seatIDs { #expect(sold[seat] == booking.id) } }
        #expect(!confirmed.isEmpty)
    }
}
