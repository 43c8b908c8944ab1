import BookingService
import Foundation
import Testing

/// The zone names `tz` accepts: every name of the system's time zone database that Foundation opens, in its current
/// spelling too (Foundation's own list knows Asia/Calcutta but not Asia/Kolkata).
@Suite struct TimeZoneNameTests {
    @Test(arguments: ["UTC", "Asia/Kolkata", "Asia/Calcutta", "America/Los_Angeles", "Europe/Kyiv"])
    func aZoneOfTheSystemDatabaseIsAccepted(_ name: String) {
        #expect(Timestamps.timeZone(named: name)?.identifier != nil)
        #expect(Timestamps.timeZoneNames.contains(name))
    }

    @Test(arguments: ["Mars/Olympus_Mons", "", "asia/kolkata", "GMT+5:30"])
    func anythingElseIsRefused(_ name: String) {
        #expect(Timestamps.timeZone(named: name) == nil)
    }
}
