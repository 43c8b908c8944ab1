import Foundation

public enum SeatType: String, Sendable, CaseIterable, Codable {
    case regular, premium, recliner
}

public struct Customer: Sendable, Hashable, Identifiable {
    public let id: UUID
    public var name: String
    public var email: String

    public init(id: UUID = UUID(), name: String, email: String) {
        self.id = id
        self.name = name
        self.email = email
    }
}

public struct Movie: Sendable, Hashable, Identifiable {
    public let id: UUID
    public var title: String
    public init(id: UUID = UUID(), title: String) {
        self.id = id
        self.title = title
    }
}

public struct Theater: Sendable, Hashable, Identifiable {
    public let id: UUID
    public var name: String
    public var location: String
    public init(id: UUID = UUID(), name: String, location: String) {
        self.id = id
        self.name = name
        self.location = location
    }
}

public struct Seat: Sendable, Hashable, Identifiable {
    public let id: String
    public var type: SeatType
    public init(id: String, type: SeatType) {
        self.id = id
        self.type = type
    }
}

public struct Showing: Sendable, Hashable, Identifiable {
    public let id: UUID
    public var movie: Movie
    public var theater: Theater
    public var start: Date
    public var seats: [Seat]

    public init(id: UUID = UUID(), movie: Movie, theater: Theater, start: Date, seats: [Seat]) {
        self.id = id
        self.movie = movie
        self.theater = theater
        self.start = start
        self.seats = seats
    }
}

/// A booking's life: pending (seats held) → confirmed (paid, seats sold) → cancelled; or pending → cancelled,
/// or pending → paymentFailed. Every other move is refused.
public enum BookingStatus: String, Sendable, Codable {
    case pending, confirmed, cancelled, paymentFailed

    public func canMove(to next: BookingStatus) -> Bool {
        switch (self, next) {
        case (.pending, .confirmed), (.pending, .cancelled), (.pending, .paymentFailed), (.confirmed, .cancelled): true
        default: false
        }
    }
}

public struct Booking: Sendable, Hashable, Identifiable {
    public let id: UUID
    public let customerID: UUID
    public let showingID: UUID
    public let seatIDs: [String]
    public let total: Decimal
    public internal(set) var status: BookingStatus
    public internal(set) var receipt: PaymentReceipt?
}

public enum BookingError: Error, Sendable, Equatable {
    case unknownShowing(UUID)
    case noSeatsSelected
    /// The same seat twice in one request.
    case duplicateSeats([String])
    case unknownSeats([String])
    /// Held by someone else or already sold.
    case seatsUnavailable([String])
    case bookingNotFound(UUID)
    case notYourBooking
    case invalidTransition(from: BookingStatus, to: BookingStatus)
    /// The booking's holds ran out before payment and someone else took the seats.
    case holdsLost([String])
    case paymentDeclined(String)
}
