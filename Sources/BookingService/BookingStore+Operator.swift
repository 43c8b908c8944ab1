import Foundation
import Logging
import PostgresNIO
import ServiceCore

/// Operator changes to what a showing or a theater already sells: new prices, a new seat grid. Both are refused while
/// customers are in the middle of buying, so nobody pays something other than what they were shown.
extension BookingStore {
    /// New prices for the seat types named in `prices` (the others keep theirs). Bookings already made keep the
    /// prices they were sold at (each sold seat stores its price). Refused with 409 once the showing has started
    /// (nobody can buy any more) and while any seat of it is held: a hold is a customer who saw the old price and is
    /// about to pay it. A held seat is free again after at most the hold duration.
    public func setShowingPrices(_ id: UUID, _ prices: [String: Decimal]) async throws -> Showing {
        let checked = try Self.checkPrices(prices)
        try await bounded {
            try await client.withTransaction(logger: logger) { conn in
                let found = try await Self.rows(
                    """
                    SELECT s.show_start_datetime <= now(),
                           (SELECT count(*) FROM seat_holds h WHERE h.showing_id = s.id AND h.expires_at > now())::int,
                           (SELECT max(h.expires_at) FROM seat_holds h WHERE h.showing_id = s.id AND h.expires_at > now())
                    FROM showings s WHERE s.id = \(id) FOR UPDATE
                    """, on: conn, logger: logger)
                guard let row = found.first else { throw APIError.notFound("Showing with ID \(id.lowercasedString) not found") }
                var cells = Cells(row)
                if try cells.next(Bool.self) { throw APIError.conflict("The showing has started; its prices can no longer change") }
                let held: Int = try cells.next()
                let until: Date? = try cells.next()
                if held > 0 {
                    let when = until.map { " (the last hold ends at \($0.formatted(Date.ISO8601FormatStyle())))" } ?? ""
                    throw APIError.conflict("\(held) seat(s) of this showing are held at the current prices; change them when no seat is held\(when)")
                }
                let types = checked.keys.map(\.rawValue).sorted()
                let values = types.map { "\(checked[SeatType(rawValue: $0)!]!)" }
                try await conn.query(
                    """
                    INSERT INTO showing_prices (showing_id, seat_type, price)
                    SELECT \(id), type::seat_type, price::numeric FROM unnest(\(types)::text[], \(values)::text[]) AS p(type, price)
                    ON CONFLICT (showing_id, seat_type) DO UPDATE SET price = excluded.price
                    """, logger: logger)
                try await conn.query("UPDATE showings SET updated_at = now() WHERE id = \(id)", logger: logger)
            }
        }
        return try await showing(id)
    }

    /// The price map of a request: known seat types only, each from 0 to 99 999 999.99 (stored to the cent, as at
    /// creation), and at least one.
    static func checkPrices(_ prices: [String: Decimal]) throws -> [SeatType: Decimal] {
        if prices.isEmpty { throw APIError.invalid(["body", "prices"], "Name at least one seat type and its price") }
        var issues: [ValidationIssue] = []
        let checked = ShowingInput.checkPrices(prices, issues: &issues)
        if !issues.isEmpty { throw APIError(validation: issues) }
        return checked
    }

    /// A theater's grid may be replaced only when no showing of it holds a seat now or has sold one ever (sold seats
    /// stay referenced by their bookings, cancelled ones included).
    static func requireSeatsReplaceable(theater: UUID, on conn: PostgresConnection, logger: Logger) async throws {
        let found = try await rows(
            """
            SELECT (SELECT count(*) FROM seat_holds h JOIN showings s ON s.id = h.showing_id
                    WHERE s.theater_id = \(theater) AND h.expires_at > now())::int,
                   (SELECT count(DISTINCT b.booking_id) FROM booking_seats b JOIN seats se ON se.id = b.seat_id
                    WHERE se.theater_id = \(theater))::int
            """, on: conn, logger: logger)
        var cells = Cells(found[0])
        let held: Int = try cells.next()
        let booked: Int = try cells.next()
        if booked > 0 {
            throw APIError.conflict("Showings of this theater have \(booked) booking(s) on its seats; the grid cannot be replaced")
        }
        if held > 0 {
            throw APIError.conflict("\(held) seat(s) of this theater are held for a showing; replace the grid when no seat is held")
        }
    }
}
