import BookingService
import Foundation
import ServiceCore
import Testing

/// The booking rules mscli reuses instead of copying: the showing day filter, the movie field table, the money rule
/// and the settings parsers. Pure, so no database.
@Suite struct SharedRuleTests {
    static func issues(_ body: () throws -> Void) -> [ValidationIssue] {
        do {
            try body()
        } catch let error as APIError {
            if case .issues(let issues) = error.detail { return issues }
        } catch {}
        return []
    }

    @Test func aDayInAZoneIsThatZonesMidnightToMidnight() throws {
        let filter = try ShowingFilter(movieID: nil, theaterID: nil, date: "2030-11-15", timeZone: "Asia/Tokyo")
        let range = try #require(filter.startsIn)
        // 2030-11-15 00:00 in Tokyo (UTC+9) is 2030-11-14 15:00 UTC.
        #expect(range.lowerBound == Date(timeIntervalSince1970: 1_920_898_800))
        #expect(range.upperBound.timeIntervalSince(range.lowerBound) == 86_400)
        #expect(filter.date == "2030-11-15" && filter.timeZone == "Asia/Tokyo")
        let utc = try ShowingFilter(movieID: nil, theaterID: nil, date: "2030-11-15", timeZone: nil)
        #expect(utc.startsIn?.lowerBound == Date(timeIntervalSince1970: 1_920_931_200))
        let none = try ShowingFilter(movieID: nil, theaterID: nil, date: nil, timeZone: "UTC")
        #expect(none.startsIn == nil && none.date == nil)
    }

    @Test func aBadDayOrZoneIsTheRoutes422() {
        let zone = Self.issues { _ = try ShowingFilter(movieID: nil, theaterID: nil, date: "2030-11-15", timeZone: "Mars/Olympus") }
        #expect(zone.map(\.loc) == [["query", "tz"]] && zone.first?.msg == "Unknown time zone Mars/Olympus")
        let zoneAlone = Self.issues { _ = try ShowingFilter(movieID: nil, theaterID: nil, date: nil, timeZone: "Mars/Olympus") }
        #expect(zoneAlone.map(\.loc) == [["query", "tz"]])
        let day = Self.issues { _ = try ShowingFilter(movieID: nil, theaterID: nil, date: "2030-02-30", timeZone: nil) }
        #expect(day.map(\.loc) == [["query", "date"]] && day.first?.type == "date_parsing")
    }

    @Test func theMovieFieldTableStatesItsRanges() throws {
        let duration = try #require(FieldSpec.movie.entry("duration_minutes"))
        #expect(duration.type == "integer" && duration.minimum == 1 && duration.maximum == 1440)
        let rating = try #require(FieldSpec.movie.entry("rating"))
        #expect(rating.type == "number" && rating.nullable && rating.minimum == 0 && rating.maximum == 10)
        let title = try #require(FieldSpec.movie.entry("title"))
        #expect(title.maxLength == 255 && title.minLength == 1 && !title.nullable)
        let cast = try #require(FieldSpec.movie.entry("cast"))
        #expect(cast.type == "array" && cast.maxItems == 100 && cast.maxLength == 255)
        #expect(FieldSpec.movie.entry("release_date")?.format == "date")
        #expect(FieldSpec.movie.entries.map(\.name) == FieldSpec.movie.entries.map(\.name).sorted())
        #expect(FieldSpec.movie.entry("budget") == nil)
    }

    @Test func theTableJudgesOneValueAsAPatchWould() {
        #expect(FieldSpec.movie.problem("duration_minutes", .int(1441)) == "Input should be from 1 to 1440")
        #expect(FieldSpec.movie.problem("duration_minutes", .int(1440)) == nil)
        #expect(FieldSpec.movie.problem("rating", .double(10.5)) == "Input should be from 0.0 to 10.0")
        #expect(FieldSpec.movie.problem("release_date", .string("2030-13-01")) == "Input should be a valid date (YYYY-MM-DD)")
        #expect(FieldSpec.movie.problem("budget", .int(1)) == "Extra inputs are not permitted")
    }

    @Test func aShowingsPricesFollowTheOneMoneyRule() {
        for bad: Decimal in [-1, 100_000_000, Decimal(string: "1.234")!] {
            let issues = Self.issues { try ShowingPricesInput(prices: ["vip": bad]).validate() }
            let expected = FieldCheck.priceIssue(bad, at: ["body", "prices", "vip"])
            #expect(expected != nil && issues == [expected!], "\(bad): \(issues)")
        }
        #expect(Self.issues { try ShowingPricesInput(prices: ["vip": Decimal(string: "99999999.99")!]).validate() }.isEmpty)
    }

    @Test func settingsOutOfRangeAreRefusedNamingTheVariableAndRange() throws {
        #expect(try BookingConfiguration.holdDuration(EnvironmentReader([:])) == nil)
        #expect(try BookingConfiguration.holdDuration(EnvironmentReader(["SEAT_HOLD_SECONDS": "90"])) == .seconds(90))
        for bad in ["4", "86401", "ten"] {
            #expect {
                _ = try BookingConfiguration.holdDuration(EnvironmentReader(["SEAT_HOLD_SECONDS": bad]))
            } throws: { error in
                "\(error)".contains("SEAT_HOLD_SECONDS must be a whole number from 5 to 86400")
            }
        }
        #expect {
            _ = try BookingConfiguration.ipoFetchTimeoutSeconds(EnvironmentReader(["IPO_FETCH_TIMEOUT_SECONDS": "0"]))
        } throws: { "\($0)".contains("IPO_FETCH_TIMEOUT_SECONDS must be a whole number from 1 to 300") }
    }
}
