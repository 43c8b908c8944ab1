import Foundation
import ServiceCore

// The answers a user reloads most (their bookings, a showing's seat map) write themselves: see `JSONWritable`.
// Keys in ascending order; BookingJSONWritableTests compares every type here with its `Encodable` form.

extension TheaterBrief: JSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.string("city", city)
            o.uuid("id", id)
            o.string("location", location)
            o.string("name", name)
        }
    }
}

extension MovieBrief: JSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.int("duration_minutes", durationMinutes)
            o.string("genre", genre)
            o.uuid("id", id)
            o.string("poster_url", posterURL)
            o.double("rating", rating)
            o.string("title", title)
        }
    }
}

extension BookingShowing: JSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.uuid("id", id)
            o.value("movie", movie)
            o.uuid("movie_id", movieID)
            o.date("show_end_datetime", showEnd)
            o.date("show_start_datetime", showStart)
            o.value("theater", theater)
            o.uuid("theater_id", theaterID)
        }
    }
}

extension BookedSeat: JSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.date("created_at", createdAt)
            o.uuid("id", id)
            o.decimal("price", price)
            o.uuid("seat_id", seatID)
            o.string("seat_number", seatNumber)
            o.raw("seat_type", seatType)
            o.uuid("showing_id", showingID)
            o.date("updated_at", updatedAt)
        }
    }
}

extension Booking: JSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.string("booking_number", bookingNumber)
            o.array("booking_seats", bookingSeats)
            o.date("cancelled_at", cancelledAt)
            o.date("created_at", createdAt)
            o.uuid("id", id)
            o.value("showing", showing)
            o.uuid("showing_id", showingID)
            o.raw("status", status)
            o.decimal("total_price", totalPrice)
            o.date("updated_at", updatedAt)
            o.uuid("user_id", userID)
        }
    }
}

extension Seat: JSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.string("column", column)
            o.date("created_at", createdAt)
            o.uuid("id", id)
            o.string("row", row)
            o.string("seat_number", seatNumber)
            o.raw("seat_type", seatType)
            o.uuid("theater_id", theaterID)
            o.date("updated_at", updatedAt)
        }
    }
}

extension SeatMapEntry: JSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.string("held_by", heldBy)
            o.date("hold_expires_at", holdExpiresAt)
            o.decimal("price", price)
            o.value("seat", seat)
            o.raw("state", state)
        }
    }
}
