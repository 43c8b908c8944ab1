import BookingService
import Foundation
import ServiceCore
import Testing

@testable import MSCLIKit

/// mscli's small booking rules: how money, times and row lists print, how seats named on the command line resolve
/// against a seat map, how a human identifier resolves to one id, and what the session token says about its user.
@Suite struct BookingTextTests {
    @Test(arguments: [
        ("180", "180.00"), ("180.5", "180.50"), ("0.1", "0.10"), ("0", "0.00"), ("12.345", "12.35"), ("12.344", "12.34"),
        ("0.005", "0.01"), ("99999.999", "100000.00"), ("-2.5", "-2.50"),
    ])
    func money(amount: String, text: String) throws {
        let value = try #require(Decimal(string: amount, locale: Locale(identifier: "en_US_POSIX")))
        #expect(BookingText.money(value) == text)
    }

    @Test func noAmountIsADash() {
        #expect(BookingText.money(nil as Decimal?) == "-")
        #expect(BookingText.text(nil) == "-")
        #expect(BookingText.text("") == "-")
        #expect(BookingText.text("x") == "x")
    }

    @Test(arguments: [
        ("2030-11-15T19:00:00Z", "UTC", "2030-11-15 19:00"),
        ("2030-11-15T19:00:00Z", "Asia/Kolkata", "2030-11-16 00:30"),
        ("2030-03-10T07:30:00Z", "America/New_York", "2030-03-10 03:30"),  // just after the clocks went forward
        ("2030-11-03T06:30:00Z", "America/New_York", "2030-11-03 01:30"),  // the second 01:30 of the day
    ])
    func localTime(instant: String, zone: String, text: String) throws {
        let date = try Date(instant, strategy: Date.ISO8601FormatStyle())
        let timeZone = try #require(TimeZone(identifier: zone))
        #expect(BookingText.local(date, timeZone) == text)
    }

    @Test(arguments: [
        ("H,I", ["H", "I"]), (" A, B ,,C ", ["A", "B", "C"]), ("", []), (",", []),
    ])
    func commaLists(text: String, items: [String]) {
        #expect(BookingText.list(text) == items)
    }

    @Test(arguments: [
        (["A", "B", "C", "D", "E"], "A-E"), (["H", "I"], "H, I"), (["A", "C", "D"], "A, C, D"), (["A"], "A"), ([], ""),
        (["Y", "Z", "AA"], "Y-AA"), (["C", "B", "A"], "C, B, A"), (["A", "B", "??"], "A, B, ??"),
    ])
    func rowRuns(labels: [String], text: String) {
        #expect(BookingText.rows(labels) == text)
    }

    static let showing = UUID()
    static let theater = UUID()

    @Test func seatsResolveByNumberInAnyCaseOrById() throws {
        let a5 = try ServiceDocuments.seatMapEntry(theater: Self.theater, number: "A5")
        let b1 = try ServiceDocuments.seatMapEntry(theater: Self.theater, number: "B1")
        let elsewhere = UUID()
        let seats = try SeatResolver.resolve(["a5", b1.seat.id.uuidString, elsewhere.uuidString], map: [a5, b1], showing: Self.showing)
        #expect(seats.map(\.id) == [a5.seat.id, b1.seat.id, elsewhere])
        // An id not on the map is passed on as it is (the service refuses it with its own words).
        #expect(seats.map(\.number) == ["A5", "B1", elsewhere.uuidString.lowercased()])
    }

    @Test func unknownSeatsAreRefusedTogether() throws {
        let a5 = try ServiceDocuments.seatMapEntry(theater: Self.theater, number: "A5")
        let id = Self.showing.uuidString.lowercased()
        let error = #expect(throws: CLIError.self) { try SeatResolver.resolve(["Z1", "A5", "Q9"], map: [a5], showing: Self.showing) }
        #expect(error?.message == "no seat Z1, Q9 in the theater of showing \(id) (see `mscli book map \(id)`)")
        #expect(error?.status == .refused)
        let empty = #expect(throws: CLIError.self) { try SeatResolver.resolve(["A1"], map: [], showing: Self.showing) }
        #expect(empty?.message == "no seat A1 in the theater of showing \(id) (its theater has no seats)")
    }

    @Test func oneCandidateIsTheId() throws {
        let id = UUID()
        #expect(try IdentifierResolution.single([Candidate(id: id, cells: ["PVR"])], Reference(argument: "PVR")!, .theater) == id)
    }

    @Test(arguments: [
        (IdentifierKind.theater, #"no theater with the name "PVR""#),
        (.booking, #"no booking with the booking number "PVR" among the bookings you may see (a customer sees only their own)"#),
        (.user, #"no user with the e-mail address "PVR""#),
    ])
    func noCandidate(kind: IdentifierKind, message: String) {
        let error = #expect(throws: CLIError.self) { try IdentifierResolution.single([], Reference(argument: "PVR")!, kind) }
        #expect(error?.message == message)
        #expect(error?.status == .refused)
    }

    @Test func severalCandidatesAreListedUpToTheLimit() {
        let found = (0..<25).map { Candidate(id: UUID(), cells: ["PVR", "City \($0)", "Road"]) }
        let few = #expect(throws: CLIError.self) { try IdentifierResolution.single(Array(found.prefix(2)), Reference(argument: "PVR")!, .theater) }
        #expect(few?.message.hasPrefix(#"2 theaters have the name "PVR"; name one by id:"# + "\n  ID") == true, "\(String(describing: few))")
        #expect(few?.message.split(separator: "\n").count == 4)
        let many = #expect(throws: CLIError.self) { try IdentifierResolution.single(found, Reference(argument: "PVR")!, .theater) }
        #expect(many?.message.hasPrefix(#"more than 20 theaters have the name "PVR""#) == true)
        #expect(many?.message.split(separator: "\n").count == 22)
    }

    @Test(arguments: [
        ("  PVR Forum ", "PVR Forum" as String?), ("", nil), ("   ", nil), ("a\u{7}b", nil), (String(repeating: "x", count: 320), String(repeating: "x", count: 320)),
        (String(repeating: "x", count: 321), nil),
    ])
    func references(argument: String, text: String?) {
        #expect(Reference(argument: argument)?.text == text)
    }

    /// Who "you" are, from the session token's payload (not verified: only to tell your holds apart).
    @Test func sessionIdentity() throws {
        let id = UUID()
        func token(_ payload: String) -> String {
            let base64 = Data(payload.utf8).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            return "eyJhbGciOiJIUzI1NiJ9.\(base64).signature"
        }
        let identity = try #require(SessionIdentity(token: token(#"{"auth_user_id":"\#(id.uuidString.lowercased())","role":"admin"}"#)))
        #expect(identity.userID == id)
        #expect(identity.role == .admin)
        #expect(SessionIdentity(token: token(#"{"auth_user_id":"not-a-uuid","role":"admin"}"#)) == nil)
        #expect(SessionIdentity(token: token(#"{"auth_user_id":"\#(id.uuidString)","role":"emperor"}"#)) == nil)
        #expect(SessionIdentity(token: "only.two") == nil)
        #expect(SessionIdentity(token: "a.%%%.c") == nil)
    }
}
