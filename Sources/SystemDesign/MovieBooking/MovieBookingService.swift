import Foundation

/// Seats, holds and bookings for showings. An actor: every operation below runs alone, and none awaits in the
/// middle of a check-and-change, so "check the seats are free, then hold them" cannot interleave with another
/// caller. The one await (the payment) happens after the seats are held by the booking, and its outcome is
/// re-checked against the booking's state when it returns.
public actor MovieBookingService {
    struct Hold {
        var holder: UUID
        var expires: Date
    }

    struct ShowingState {
        var showing: Showing
        var seats: [String: Seat]
        var holds: [String: Hold] = [:]
        /// Seats sold, and to which booking. A confirmed booking keeps its seats for good (the seed let them expire).
        var sold: [String: UUID] = [:]
    }

    public let holdDuration: TimeInterval
    private let clock: any DesignClock
    private let pricing: any SeatPricing
    private var showings: [UUID: ShowingState] = [:]
    private var bookings: [UUID: Booking] = [:]

    public init(clock: any DesignClock = SystemClock(), holdDuration: TimeInterval = 300, pricing: any SeatPricing = SeatTypePricing()) {
        self.clock = clock
        self.holdDuration = holdDuration
        self.pricing = pricing
    }

    public func add(_ showing: Showing) {
        showings[showing.id] = ShowingState(showing: showing, seats: Dictionary(uniqueKeysWithValues: showing.seats.map { ($0.id, $0) }))
    }

    // MARK: - Holds

    /// Holds every seat for `customer`, or none: one unknown or unavailable seat fails the whole call.
    /// Seats the customer already holds count as available to them, and holding again extends the hold.
    public func hold(_ seatIDs: [String], in showingID: UUID, for customer: UUID) throws(BookingError) {
        var state = try showingState(showingID)
        try Self.checkAvailable(seatIDs, in: state, for: customer, now: clock.now)
        let expires = clock.now.addingTimeInterval(holdDuration)
        for id in seatIDs { state.holds[id] = Hold(holder: customer, expires: expires) }
        showings[showingID] = state
    }

    /// Releases the customer's own holds; seats held by others are left alone.
    public func release(_ seatIDs: [String], in showingID: UUID, for customer: UUID) throws(BookingError) {
        var state = try showingState(showingID)
        for id in seatIDs where state.holds[id]?.holder == customer { state.holds[id] = nil }
        showings[showingID] = state
    }

    /// Seats this customer could hold now: not sold, and not held by anyone else.
    public func availableSeats(in showingID: UUID, for customer: UUID) throws(BookingError) -> [Seat] {
        let state = try showingState(showingID)
        let now = clock.now
        return state.showing.seats.filter { Self.isAvailable($0.id, in: state, for: customer, now: now) }
    }

    // MARK: - Bookings

    /// Holds the seats for the customer (all or nothing) and opens a pending booking priced by the strategy.
    public func createBooking(for customer: UUID, showing showingID: UUID, seats seatIDs: [String]) throws(BookingError) -> Booking {
        try hold(seatIDs, in: showingID, for: customer)
        let state = try showingState(showingID)
        let seats = seatIDs.compactMap { state.seats[$0] }
        let booking = Booking(
            id: UUID(), customerID: customer, showingID: showingID, seatIDs: seatIDs,
            total: pricing.price(of: seats, for: state.showing), status: .pending, receipt: nil)
        bookings[booking.id] = booking
        return booking
    }

    /// Pays and confirms a pending booking. Its holds must still be the customer's (a hold that ran out and was taken
    /// by someone else fails the booking). A failed payment releases the seats and ends the booking.
    public func confirm(_ bookingID: UUID, by customer: UUID, paying payment: any PaymentStrategy) async throws(BookingError) -> Booking {
        var booking = try owned(bookingID, by: customer)
        try Self.require(booking.status, to: .confirmed)
        var state = try showingState(booking.showingID)
        let now = clock.now
        let lost = booking.seatIDs.filter { !Self.isAvailable($0, in: state, for: customer, now: now) }
        guard lost.isEmpty else {
            fail(&booking, releasing: &state)
            throw .holdsLost(lost)
        }
        // Re-hold for the payment's duration so the seats cannot lapse while the gateway answers.
        for id in booking.seatIDs { state.holds[id] = Hold(holder: customer, expires: now.addingTimeInterval(holdDuration)) }
        showings[booking.showingID] = state

        let receipt: PaymentReceipt
        do {
            receipt = try await payment.charge(booking.total, reference: booking.id)
        } catch {
            var state = try showingState(booking.showingID)
            var current = bookings[bookingID]!
            if current.status == .pending { fail(&current, releasing: &state) }
            throw .paymentDeclined("\(error)")
        }
        // The actor may have run other calls during the await: decide on the booking as it is now.
        var current = bookings[bookingID]!
        guard current.status == .pending else { throw .invalidTransition(from: current.status, to: .confirmed) }
        var after = try showingState(current.showingID)
        for id in current.seatIDs {
            after.holds[id] = nil
            after.sold[id] = current.id
        }
        current.status = .confirmed
        current.receipt = receipt
        showings[current.showingID] = after
        bookings[bookingID] = current
        return current
    }

    /// Cancels a pending booking (its holds are released) or a confirmed one (its seats go back on sale).
    public func cancel(_ bookingID: UUID, by customer: UUID) throws(BookingError) -> Booking {
        var booking = try owned(bookingID, by: customer)
        try Self.require(booking.status, to: .cancelled)
        var state = try showingState(booking.showingID)
        for id in booking.seatIDs {
            if state.sold[id] == booking.id { state.sold[id] = nil }
            if state.holds[id]?.holder == customer { state.holds[id] = nil }
        }
        booking.status = .cancelled
        showings[booking.showingID] = state
        bookings[bookingID] = booking
        return booking
    }

    public func booking(_ id: UUID) -> Booking? { bookings[id] }

    /// Which booking each sold seat belongs to (for invariant checks).
    public func soldSeats(in showingID: UUID) throws(BookingError) -> [String: UUID] { try showingState(showingID).sold }

    /// Who holds each seat now (expired holds excluded).
    public func currentHolds(in showingID: UUID) throws(BookingError) -> [String: UUID] {
        let now = clock.now
        return try showingState(showingID).holds.filter { $0.value.expires > now }.mapValues(\.holder)
    }

    // MARK: - Rules

    private func showingState(_ id: UUID) throws(BookingError) -> ShowingState {
        guard let state = showings[id] else { throw .unknownShowing(id) }
        return state
    }

    private func owned(_ id: UUID, by customer: UUID) throws(BookingError) -> Booking {
        guard let booking = bookings[id] else { throw .bookingNotFound(id) }
        guard booking.customerID == customer else { throw .notYourBooking }
        return booking
    }

    private func fail(_ booking: inout Booking, releasing state: inout ShowingState) {
        for id in booking.seatIDs where state.holds[id]?.holder == booking.customerID { state.holds[id] = nil }
        booking.status = .paymentFailed
        showings[booking.showingID] = state
        bookings[booking.id] = booking
    }

    static func require(_ status: BookingStatus, to next: BookingStatus) throws(BookingError) {
        guard status.canMove(to: next) else { throw .invalidTransition(from: status, to: next) }
    }

    static func isAvailable(_ seatID: String, in state: ShowingState, for customer: UUID, now: Date) -> Bool {
        guard state.seats[seatID] != nil, state.sold[seatID] == nil else { return false }
        guard let hold = state.holds[seatID], hold.expires > now else { return true }
        return hold.holder == customer
    }

    static func checkAvailable(_ seatIDs: [String], in state: ShowingState, for customer: UUID, now: Date) throws(BookingError) {
        guard !seatIDs.isEmpty else { throw .noSeatsSelected }
        var seen = Set<String>()
        let duplicates = seatIDs.filter { !seen.insert($0).inserted }
        guard duplicates.isEmpty else { throw .duplicateSeats(duplicates) }
        let unknown = seatIDs.filter { state.seats[$0] == nil }
        guard unknown.isEmpty else { throw .unknownSeats(unknown) }
        let taken = seatIDs.filter { !isAvailable($0, in: state, for: customer, now: now) }
        guard taken.isEmpty else { throw .seatsUnavailable(taken) }
    }
}
