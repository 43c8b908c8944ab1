import Foundation
import PostgresNIO
import SearchClient
import ServiceCore

/// Request bodies. Create bodies decode with `Decodable`; every rule the database would otherwise reject with an
/// opaque error is checked first and reported as a 422 naming the field.
public struct TheaterInput: Codable, Sendable, ValidatedBody {
    public var name: String
    public var location: String
    public var description: String?
    public var address: String
    public var city: String

    public init(name: String, location: String, description: String?, address: String, city: String) {
        self.name = name
        self.location = location
        self.description = description
        self.address = address
        self.city = city
    }

    /// The same field rules as a PATCH (``FieldSpec/theater``).
    public func validate() throws {
        var body: [String: JSONValue] = [
            "name": .string(name), "location": .string(location), "address": .string(address), "city": .string(city),
        ]
        body["description"] = description.map(JSONValue.string)
        _ = try FieldSpec.theater.changes(body)
    }
}

public struct MovieInput: Codable, Sendable, ValidatedBody {
    public var title: String
    public var description: String?
    public var durationMinutes: Int
    public var genre: String?
    public var director: String?
    public var releaseDate: String?
    public var rating: Double?
    public var language: String?
    public var isImax: Bool?
    public var posterURL: String?
    public var trailerURL: String?
    public var cast: [String]?

    enum CodingKeys: String, CodingKey {
        case title, description, genre, director, rating, language, cast
        case durationMinutes = "duration_minutes", releaseDate = "release_date", isImax = "is_imax"
        case posterURL = "poster_url", trailerURL = "trailer_url"
    }

    public init(
        title: String, description: String? = nil, durationMinutes: Int, genre: String? = nil, director: String? = nil,
        releaseDate: String? = nil, rating: Double? = nil, language: String? = nil, isImax: Bool? = nil,
        posterURL: String? = nil, trailerURL: String? = nil, cast: [String]? = nil
    ) {
        self.title = title
        self.description = description
        self.durationMinutes = durationMinutes
        self.genre = genre
        self.director = director
        self.releaseDate = releaseDate
        self.rating = rating
        self.language = language
        self.isImax = isImax
        self.posterURL = posterURL
        self.trailerURL = trailerURL
        self.cast = cast
    }

    public func validate() throws {
        var body: [String: JSONValue] = [
            "title": .string(title), "duration_minutes": .int(durationMinutes),
        ]
        body["description"] = description.map(JSONValue.string)
        body["genre"] = genre.map(JSONValue.string)
        body["director"] = director.map(JSONValue.string)
        body["release_date"] = releaseDate.map(JSONValue.string)
        body["rating"] = rating.map(JSONValue.double)
        body["language"] = language.map(JSONValue.string)
        body["poster_url"] = posterURL.map(JSONValue.string)
        body["trailer_url"] = trailerURL.map(JSONValue.string)
        body["cast"] = cast.map { .array($0.map(JSONValue.string)) }
        _ = try FieldSpec.movie.changes(body)
    }
}

public struct ShowingInput: Codable, Sendable, ValidatedBody {
    public var movieID: UUID
    public var theaterID: UUID
    public var showStart: String
    public var showEnd: String
    /// Defaults to the number of seats laid out in the theater.
    public var availableSeats: Int?
    public var isActive: Bool?
    /// When the showing stops being listed and bookable; defaults to its start.
    public var expiresAt: String?
    /// Price per seat type; types left out get the service's default prices.
    public var prices: [String: Decimal]?

    enum CodingKeys: String, CodingKey {
        case prices
        case movieID = "movie_id", theaterID = "theater_id"
        case showStart = "show_start_datetime", showEnd = "show_end_datetime"
        case availableSeats = "available_seats", isActive = "is_active", expiresAt = "expires_at"
    }

    public init(
        movieID: UUID, theaterID: UUID, showStart: String, showEnd: String, availableSeats: Int? = nil, isActive: Bool? = nil,
        expiresAt: String? = nil, prices: [String: Decimal]? = nil
    ) {
        self.movieID = movieID
        self.theaterID = theaterID
        self.showStart = showStart
        self.showEnd = showEnd
        self.availableSeats = availableSeats
        self.isActive = isActive
        self.expiresAt = expiresAt
        self.prices = prices
    }

    struct Checked {
        var start: Date
        var end: Date
        var expiresAt: Date
        var prices: [SeatType: Decimal]
    }

    /// A `prices` map of a request, checked: known seat types only (else an `enum` issue naming the key), each price
    /// from 0 to 99 999 999.99 (else a `value_error`). Used at creation and by a price change.
    static func checkPrices(_ given: [String: Decimal], issues: inout [ValidationIssue]) -> [SeatType: Decimal] {
        var checked: [SeatType: Decimal] = [:]
        for (key, value) in given.sorted(by: { $0.key < $1.key }) {
            guard let type = SeatType(rawValue: key) else {
                issues.append(ValidationIssue(
                    type: "enum", loc: ["body", "prices", key],
                    msg: "Input should be " + SeatType.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")))
                continue
            }
            guard value >= 0, value < 100_000_000 else {
                issues.append(ValidationIssue(type: "value_error", loc: ["body", "prices", key], msg: "Price must be from 0 to 99999999.99"))
                continue
            }
            checked[type] = value
        }
        return checked
    }

    /// The field checks of ``check(defaultPrices:)``, run when the body is decoded.
    public func validate() throws { _ = try check(defaultPrices: [:]) }

    /// Field checks (422), then the seed's rule order for what is left: start before end, seats above zero (400).
    func check(defaultPrices: [SeatType: Decimal]) throws -> Checked {
        var issues: [ValidationIssue] = []
        let start = Timestamps.parse(showStart)
        let end = Timestamps.parse(showEnd)
        let expires = expiresAt.map(Timestamps.parse)
        if start == nil { issues.append(.datetime("show_start_datetime")) }
        if end == nil { issues.append(.datetime("show_end_datetime")) }
        if let expires, expires == nil { issues.append(.datetime("expires_at")) }
        var prices = defaultPrices
        prices.merge(Self.checkPrices(self.prices ?? [:], issues: &issues)) { _, given in given }
        if !issues.isEmpty { throw APIError(validation: issues) }
        guard let start, let end else { throw APIError(validation: issues) }
        guard start < end else { throw APIError.badRequest("Show start datetime must be before show end datetime") }
        if let availableSeats, availableSeats <= 0 { throw APIError.badRequest("Available seats must be greater than 0") }
        return Checked(start: start, end: end, expiresAt: (expires ?? start) ?? start, prices: prices)
    }
}

public struct BookingInput: Codable, Sendable, ValidatedBody {
    public var showingID: UUID
    public var seatIDs: [UUID]
    /// What the client believes the seats cost; checked against the server's price when present.
    public var totalPrice: Decimal?

    enum CodingKeys: String, CodingKey {
        case showingID = "showing_id", seatIDs = "seats_ids", totalPrice = "total_price"
    }

    public init(showingID: UUID, seatIDs: [UUID], totalPrice: Decimal? = nil) {
        self.showingID = showingID
        self.seatIDs = seatIDs
        self.totalPrice = totalPrice
    }

    public static let maximumSeats = 20

    public func validate() throws {
        if seatIDs.isEmpty {
            throw APIError.invalid(["body", "seats_ids"], "List should have at least 1 item", type: "too_short")
        }
        if seatIDs.count > Self.maximumSeats {
            throw APIError.invalid(["body", "seats_ids"], "List should have at most \(Self.maximumSeats) items", type: "too_long")
        }
        if Set(seatIDs).count != seatIDs.count {
            throw APIError.invalid(["body", "seats_ids"], "List should not repeat a seat", type: "value_error")
        }
    }
}

public struct HoldInput: Codable, Sendable, ValidatedBody {
    public var seatID: UUID
    public var showingID: UUID
    public var lockSeat: Bool?

    enum CodingKeys: String, CodingKey {
        case seatID = "seat_id", showingID = "showing_id", lockSeat = "lock_seat"
    }

    public init(seatID: UUID, showingID: UUID, lockSeat: Bool = true) {
        self.seatID = seatID
        self.showingID = showingID
        self.lockSeat = lockSeat
    }

    /// Identifiers and a flag only: decoding checked them.
    public func validate() {}
}

public struct BookingSeatInput: Codable, Sendable, ValidatedBody {
    public var bookingID: UUID
    public var seatID: UUID
    public var showingID: UUID

    enum CodingKeys: String, CodingKey {
        case bookingID = "booking_id", seatID = "seat_id", showingID = "showing_id"
    }

    /// Identifiers only: decoding checked them.
    public func validate() {}
}

/// The seat grid `POST /booking/seats/{theater_id}/initialize` lays out.
public struct SeatLayout: Sendable, Equatable {
    public var rows: Int
    public var seatsPerRow: Int
    public var rowTypes: [String: SeatType]

    public init(rows: Int, seatsPerRow: Int, rowTypes: [String: SeatType] = [:]) {
        self.rows = rows
        self.seatsPerRow = seatsPerRow
        self.rowTypes = rowTypes
    }

    public static let maximumRows = 52
    public static let maximumSeatsPerRow = 100
    public static let rowRange = 1...maximumRows
    public static let seatsPerRowRange = 1...maximumSeatsPerRow

    /// Row labels: A–Z, then AA, AB, … ZZ (the seed ran on into `[`, `\`, … after Z). Total: any index outside
    /// 0..<702 (which ``validate()`` never lets through) gets a label of `#` and the number, never a trap.
    public static func rowLabel(_ index: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        switch index {
        case 0..<26: return String(letters[index])
        case 26..<(27 * 26): return String(letters[index / 26 - 1]) + String(letters[index % 26])
        default: return "#\(index)"
        }
    }

    /// The row labels of a valid layout; empty when `rows` is out of range.
    public var labels: [String] { Self.rowRange.contains(rows) ? (0..<rows).map(Self.rowLabel) : [] }

    func validate() throws {
        var issues: [ValidationIssue] = []
        if !Self.rowRange.contains(rows) {
            issues.append(ValidationIssue(type: "value_error", loc: ["query", "rows"], msg: "rows must be from 1 to \(Self.maximumRows)"))
        }
        if !Self.seatsPerRowRange.contains(seatsPerRow) {
            issues.append(ValidationIssue(
                type: "value_error", loc: ["query", "seats_per_row"], msg: "seats_per_row must be from 1 to \(Self.maximumSeatsPerRow)"))
        }
        if issues.isEmpty {
            let known = Set(labels)
            for (row, type) in rowTypes.sorted(by: { $0.key < $1.key }) where !known.contains(row) {
                issues.append(ValidationIssue(type: "value_error", loc: ["query", "\(type.rawValue)_rows"], msg: "row \(row) is not in the grid"))
            }
        }
        if !issues.isEmpty { throw APIError(validation: issues) }
    }
}

extension ValidationIssue {
    static func datetime(_ field: String) -> ValidationIssue {
        ValidationIssue(type: "datetime_from_date_parsing", loc: ["body", field], msg: "Input should be a valid datetime (ISO 8601)")
    }
}

/// `PUT /booking/prices/{showing_id}`: new prices for some seat types of a showing.
public struct ShowingPricesInput: Codable, Sendable, ValidatedBody {
    public var prices: [String: Decimal]

    public init(prices: [String: Decimal]) { self.prices = prices }

    public func validate() throws { _ = try BookingStore.checkPrices(prices) }
}
