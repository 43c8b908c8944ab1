import Foundation
import ServiceCore

/// The seat classes a theater is laid out in; stored and spoken as these lower-case values.
public enum SeatType: String, Codable, Sendable, CaseIterable {
    case regular, premium, vip, recliner
}

public enum BookingStatus: String, Codable, Sendable, CaseIterable {
    case pending, confirmed, cancelled, expired, refunded
}

public struct Theater: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var name: String
    public var location: String
    public var description: String?
    public var address: String
    public var city: String
    public var createdAt: Date
    public var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, location, description, address, city
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

public struct Movie: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var title: String
    public var description: String?
    public var durationMinutes: Int
    public var genre: String?
    public var director: String?
    /// `YYYY-MM-DD`.
    public var releaseDate: String?
    public var rating: Double?
    public var language: String?
    public var isImax: Bool
    public var posterURL: String?
    public var trailerURL: String?
    public var cast: [String]
    public var createdAt: Date
    public var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, title, description, genre, director, rating, language, cast
        case durationMinutes = "duration_minutes", releaseDate = "release_date", isImax = "is_imax"
        case posterURL = "poster_url", trailerURL = "trailer_url"
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// The movie fields a showing carries, as the seed nested them.
public struct MovieBrief: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var title: String
    public var durationMinutes: Int
    public var genre: String?
    public var rating: Double?
    public var posterURL: String?

    enum CodingKeys: String, CodingKey {
        case id, title, genre, rating
        case durationMinutes = "duration_minutes", posterURL = "poster_url"
    }
}

public struct TheaterBrief: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var name: String
    public var location: String
    public var city: String
}

public struct Showing: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    @LowercaseUUID public var movieID: UUID
    @LowercaseUUID public var theaterID: UUID
    public var showStart: Date
    public var showEnd: Date
    public var availableSeats: Int
    public var isActive: Bool
    public var expiresAt: Date
    /// Price of one seat of each type at this showing.
    public var prices: [String: Decimal]
    public var createdAt: Date
    public var updatedAt: Date
    public var movie: MovieBrief
    public var theater: TheaterBrief

    enum CodingKeys: String, CodingKey {
        case id, prices, movie, theater
        case movieID = "movie_id", theaterID = "theater_id"
        case showStart = "show_start_datetime", showEnd = "show_end_datetime"
        case availableSeats = "available_seats", isActive = "is_active", expiresAt = "expires_at"
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

public struct Seat: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    @LowercaseUUID public var theaterID: UUID
    public var seatNumber: String
    public var row: String
    public var column: String
    public var seatType: SeatType
    public var createdAt: Date
    public var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, row, column
        case theaterID = "theater_id", seatNumber = "seat_number", seatType = "seat_type"
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// A sold seat, with the seat it is (routes `GET /booking/booking_seats/{showing_id}`).
public struct BookingSeat: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    @LowercaseUUID public var bookingID: UUID
    @LowercaseUUID public var seatID: UUID
    @LowercaseUUID public var showingID: UUID
    public var price: Decimal
    public var createdAt: Date
    public var updatedAt: Date
    public var seat: Seat?

    enum CodingKeys: String, CodingKey {
        case id, price, seat
        case bookingID = "booking_id", seatID = "seat_id", showingID = "showing_id"
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// A hold on a seat, in the seed's lock shape plus when it lapses.
public struct SeatHold: Codable, Sendable, Equatable {
    @LowercaseUUID public var seatID: UUID
    @LowercaseUUID public var showingID: UUID
    @LowercaseUUID public var userID: UUID
    /// Absent in the answer to a release.
    public var expiresAt: Date?

    enum CodingKeys: String, CodingKey {
        case seatID = "seat_id", showingID = "showing_id", userID = "user_id", expiresAt = "expires_at"
    }
}

/// The showing as a booking nests it.
public struct BookingShowing: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    @LowercaseUUID public var movieID: UUID
    @LowercaseUUID public var theaterID: UUID
    public var showStart: Date
    public var showEnd: Date
    public var theater: TheaterBrief
    public var movie: MovieBrief

    enum CodingKeys: String, CodingKey {
        case id, theater, movie
        case movieID = "movie_id", theaterID = "theater_id"
        case showStart = "show_start_datetime", showEnd = "show_end_datetime"
    }
}

public struct Booking: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    @LowercaseUUID public var showingID: UUID
    @LowercaseUUID public var userID: UUID
    public var totalPrice: Decimal
    public var bookingNumber: String
    public var status: BookingStatus
    public var cancelledAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var showing: BookingShowing
    public var bookingSeats: [BookedSeat]

    enum CodingKeys: String, CodingKey {
        case id, status, showing
        case showingID = "showing_id", userID = "user_id", totalPrice = "total_price", bookingNumber = "booking_number"
        case cancelledAt = "cancelled_at", createdAt = "created_at", updatedAt = "updated_at", bookingSeats = "booking_seats"
    }
}

/// One seat of a booking: the seed's `{id, showing_id, created_at, updated_at}` plus which seat it is.
public struct BookedSeat: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    @LowercaseUUID public var showingID: UUID
    @LowercaseUUID public var seatID: UUID
    public var seatNumber: String
    public var seatType: SeatType
    public var price: Decimal
    public var createdAt: Date
    public var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, price
        case showingID = "showing_id", seatID = "seat_id", seatNumber = "seat_number", seatType = "seat_type"
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// The state of every seat of a showing: the seat map `mscli book map` draws and a seat page renders.
public struct SeatMapEntry: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable { case free, held, booked }
    public var seat: Seat
    public var state: State
    public var heldBy: String?
    public var holdExpiresAt: Date?
    public var price: Decimal?

    enum CodingKeys: String, CodingKey {
        case seat, state, price
        case heldBy = "held_by", holdExpiresAt = "hold_expires_at"
    }
}
