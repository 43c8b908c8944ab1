import Foundation
import ServiceCore
import Testing
import TestSupport

@testable import BookingService

/// The booking answers that write themselves (`JSONWritable`) must write what their `Encodable` form writes, byte for
/// byte, on random values of every field: a key out of order, a nil written as `null` or a date format drifting fails.
@Suite struct BookingJSONWritableTests {
    static func movie(_ r: inout RandomFields) -> MovieBrief {
        MovieBrief(
            id: UUID(), title: r.string(), durationMinutes: r.int(), genre: r.optionalString(), rating: r.optionalDouble(),
            posterURL: r.optionalString())
    }

    static func theater(_ r: inout RandomFields) -> TheaterBrief {
        TheaterBrief(id: UUID(), name: r.string(), location: r.string(), city: r.string())
    }

    static func booking(_ r: inout RandomFields) -> Booking {
        let showing = BookingShowing(
            id: UUID(), movieID: UUID(), theaterID: UUID(), showStart: r.date(), showEnd: r.date(), theater: theater(&r), movie: movie(&r))
        let seats = (0..<Int.random(in: 0...3, using: &r.generator)).map { _ in
            BookedSeat(
                id: UUID(), showingID: UUID(), seatID: UUID(), seatNumber: r.string(), seatType: r.pick(SeatType.allCases), price: r.decimal(),
                createdAt: r.date(), updatedAt: r.date())
        }
        return Booking(
            id: UUID(), showingID: UUID(), userID: UUID(), totalPrice: r.decimal(), bookingNumber: r.string(),
            status: r.pick(BookingStatus.allCases), cancelledAt: r.optionalDate(), createdAt: r.date(), updatedAt: r.date(),
            showing: showing, bookingSeats: seats)
    }

    static func seatMapEntry(_ r: inout RandomFields) -> SeatMapEntry {
        let seat = Seat(
            id: UUID(), theaterID: UUID(), seatNumber: r.string(), row: r.string(), column: r.string(), seatType: r.pick(SeatType.allCases),
            createdAt: r.date(), updatedAt: r.date())
        return SeatMapEntry(
            seat: seat, state: r.pick([.free, .held, .booked]), heldBy: r.optionalString(), holdExpiresAt: r.optionalDate(),
            price: r.optionalDecimal())
    }

    @Test func bookingsWriteWhatTheirEncodableFormWrites() throws {
        var r = RandomFields()
        for _ in 0..<300 {
            let value = Self.booking(&r)
            let mismatch = try JSONWritableCheck.mismatch(value)
            #expect(mismatch == nil, "\(mismatch ?? "")")
            if mismatch != nil { return }
        }
        #expect(try JSONWritableCheck.mismatch((0..<10).map { _ in Self.booking(&r) }) == nil)
        #expect(try JSONWritableCheck.mismatch([Booking]()) == nil)
    }

    @Test func seatMapsWriteWhatTheirEncodableFormWrites() throws {
        var r = RandomFields()
        for _ in 0..<300 {
            let value = Self.seatMapEntry(&r)
            let mismatch = try JSONWritableCheck.mismatch(value)
            #expect(mismatch == nil, "\(mismatch ?? "")")
            if mismatch != nil { return }
        }
        #expect(try JSONWritableCheck.mismatch((0..<200).map { _ in Self.seatMapEntry(&r) }) == nil)
    }
}
