import BookingService
import Foundation
import Testing

/// The date rules of the booking service (``Timestamps``): which calendar days exist, the instants a local day spans
/// (the showings `date` filter, across time zones and daylight-saving changes), and the show times clients send.
@Suite struct TimestampsTests {
    static func utc(_ text: String) -> Date {
        try! Date(text, strategy: Date.ISO8601FormatStyle())
    }

    @Test(arguments: [
        ("2030-01-31", true), ("2028-02-29", true), ("2000-02-29", true), ("2030-12-31", true), ("1000-01-01", true),
        ("2030-02-29", false), ("1900-02-29", false), ("2030-04-31", false), ("2030-02-30", false),
        ("2030-13-01", false), ("2030-00-10", false), ("2030-01-00", false), ("2030-01-32", false),
        ("2030-1-05", false), ("30-01-05", false), ("0999-01-01", false), ("2030/01/05", false), ("2030-01-05T00:00", false),
        ("", false), ("２０３０-01-05", false), (" 2030-01-05", false),
    ])
    func isValidDate(text: String, valid: Bool) {
        #expect(Timestamps.isValidDate(text) == valid)
    }

    /// The UTC instants of one local day: 24 hours, except 23 and 25 on the days clocks change.
    @Test(arguments: [
        ("2030-03-15", "UTC", "2030-03-15T00:00:00Z", 24),
        ("2030-03-15", "Asia/Kolkata", "2030-03-14T18:30:00Z", 24),
        ("2030-03-15", "America/Los_Angeles", "2030-03-15T07:00:00Z", 24),
        ("2030-03-10", "America/New_York", "2030-03-10T05:00:00Z", 23),  // spring forward: 02:00 does not exist
        ("2030-11-03", "America/New_York", "2030-11-03T04:00:00Z", 25),  // fall back: 01:00 twice
        ("2030-03-31", "Europe/Berlin", "2030-03-30T23:00:00Z", 23),
        ("2030-10-27", "Europe/Berlin", "2030-10-26T22:00:00Z", 25),
        ("2030-04-07", "Australia/Sydney", "2030-04-06T13:00:00Z", 25),  // the southern autumn
        ("2028-02-29", "Pacific/Kiritimati", "2028-02-28T10:00:00Z", 24),  // UTC+14
        ("2030-12-31", "Pacific/Pago_Pago", "2030-12-31T11:00:00Z", 24),  // UTC-11
    ])
    func dayRange(day: String, zone: String, start: String, hours: Int) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let range = try #require(Timestamps.dayRange(day, timeZone: timeZone))
        #expect(range.lowerBound == Self.utc(start))
        #expect(range.upperBound.timeIntervalSince(range.lowerBound) == Double(hours) * 3600)
    }

    /// Consecutive days tile time: each day ends where the next begins, through a clock change.
    @Test func consecutiveDaysMeet() throws {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        let days = ["2030-11-02", "2030-11-03", "2030-11-04"].map { Timestamps.dayRange($0, timeZone: zone) }
        #expect(days[0]?.upperBound == days[1]?.lowerBound)
        #expect(days[1]?.upperBound == days[2]?.lowerBound)
    }

    @Test(arguments: ["2030-02-30", "2030-13-01", "tomorrow", "", "2030-03-15T00:00:00Z"])
    func noRangeForAnInvalidDay(text: String) {
        #expect(Timestamps.dayRange(text, timeZone: TimeZone(identifier: "UTC")!) == nil)
    }

    @Test(arguments: [
        ("2030-11-15T19:00:00Z", "2030-11-15T19:00:00Z"),
        ("2030-11-15T19:00:00", "2030-11-15T19:00:00Z"),  // no offset: UTC, as the seed's clients meant it
        ("2030-11-15 19:00:00", "2030-11-15T19:00:00Z"),
        ("2030-11-15T19:00Z", "2030-11-15T19:00:00Z"),  // minutes without seconds
        ("2030-11-15T19:00", "2030-11-15T19:00:00Z"),
        ("2030-11-15T19:00:00+05:30", "2030-11-15T13:30:00Z"),
        ("2030-11-15T19:00-08:00", "2030-11-16T03:00:00Z"),
        ("2030-11-15T19:00:00.250Z", "2030-11-15T19:00:00Z"),
    ])
    func parse(text: String, instant: String) throws {
        let date = try #require(Timestamps.parse(text), "\(text)")
        #expect(abs(date.timeIntervalSince(Self.utc(instant))) < 1)
    }

    @Test(arguments: [
        "2030-11-15", "2030-11-15T25:00:00Z", "2030-11-15T19:60Z", "2030-13-15T19:00Z", "15/11/2030 19:00", "",
        "2030-11-15T19:00:00+15:00", "2030-11-15T19", "now",
    ])
    func parseRefuses(text: String) {
        #expect(Timestamps.parse(text) == nil)
    }

    @Test func timeZoneNames() {
        // Every listed name is a zone (the list is the system's time zone database, so no one name is assumed here).
        for name in Timestamps.timeZoneNames {
            #expect(Timestamps.timeZone(named: name) != nil, "\(name)")
        }
        #expect(Timestamps.timeZone(named: "UTC") != nil)
        #expect(Timestamps.timeZone(named: "Mars/Olympus") == nil)
        #expect(Timestamps.timeZone(named: "GMT+5") == nil, "only IANA names the document lists")
        #expect(Timestamps.timeZoneNames == Timestamps.timeZoneNames.sorted())
    }
}
