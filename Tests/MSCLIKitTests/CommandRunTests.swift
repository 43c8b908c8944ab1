import BookingService
import Foundation
import HTTPTypes
import ServiceCore
import Testing

@testable import MSCLIKit

/// Whole commands from argv to output and exit code, in process, on fake backends: what the binary's end-to-end
/// tests prove against real services, here in milliseconds for the paths that depend only on mscli.
@Suite struct CommandRunTests {
    static let pvr = UUID(uuidString: "6b1f0a4e-4c5d-4a53-9d4e-0d6a1b2c3d4e")!
    static let inox = UUID(uuidString: "0c9e8d7f-1a2b-4c3d-8e9f-a0b1c2d3e4f5")!

    /// A booking backend answering the theaters list with PVR Forum and INOX Garuda, and recording what it was asked.
    static func twoTheaters(asked: Calls<String>? = nil) -> FakeBookingBackend {
        var booking = FakeBookingBackend()
        booking.onTheaters = { limit, offset, city in
            asked?.record("limit=\(limit) offset=\(offset) city=\(city ?? "-")")
            return [
                try ServiceDocuments.theater(id: pvr, name: "PVR Forum", city: "Bengaluru", location: "Koramangala"),
                try ServiceDocuments.theater(id: inox, name: "INOX Garuda", city: "Bengaluru", location: "MG Road"),
            ]
        }
        return booking
    }

    @Test func theatersListAsJSONPrintsTheServicesDocuments() async throws {
        let asked = Calls<String>()
        let run = await InProcessMSCLI(booking: Self.twoTheaters(asked: asked)).run("theaters", "list", "--city", "Bengaluru", "-o", "json")
        #expect(run.status == 0, "\(run)")
        #expect(asked.all == ["limit=100 offset=0 city=Bengaluru"])
        let list = try #require(run.json as? [[String: Any]], "\(run)")
        #expect(list.map { $0["name"] as? String } == ["PVR Forum", "INOX Garuda"])
        #expect(list.first?["id"] as? String == Self.pvr.uuidString.lowercased())
        #expect(list.first?["updated_at"] as? String == "2026-01-02T03:04:05.250Z")
        #expect(run.stderr.isEmpty, "\(run)")
    }

    /// The same list in every format: each a different rendering of one answer.
    @Test(arguments: [
        ("table", "ID                                    NAME         CITY       LOCATION\n"
            + "6b1f0a4e-4c5d-4a53-9d4e-0d6a1b2c3d4e  PVR Forum    Bengaluru  Koramangala\n"
            + "0c9e8d7f-1a2b-4c3d-8e9f-a0b1c2d3e4f5  INOX Garuda  Bengaluru  MG Road\n"),
        ("tsv", "ID\tNAME\tCITY\tLOCATION\n6b1f0a4e-4c5d-4a53-9d4e-0d6a1b2c3d4e\tPVR Forum\tBengaluru\tKoramangala\n"
            + "0c9e8d7f-1a2b-4c3d-8e9f-a0b1c2d3e4f5\tINOX Garuda\tBengaluru\tMG Road\n"),
        ("name", "6b1f0a4e-4c5d-4a53-9d4e-0d6a1b2c3d4e\n0c9e8d7f-1a2b-4c3d-8e9f-a0b1c2d3e4f5\n"),
    ])
    func theatersListInEachFormat(format: String, expected: String) async {
        let run = await InProcessMSCLI(booking: Self.twoTheaters()).run("theaters", "list", "-o", format)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == expected)
    }

    @Test func yamlKeepsTheDocumentsFields() async {
        let run = await InProcessMSCLI(booking: Self.twoTheaters()).run("-o", "yaml", "theaters", "list")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("- address: 1 Road\n"), "\(run)")
        #expect(run.stdout.contains("  name: INOX Garuda\n"))
        #expect(run.stdout.contains("  updated_at: '2026-01-02T03:04:05.250Z'\n"), "dates as the JSON has them")
    }

    /// The output format comes from the environment when the line does not give one; a flag wins.
    @Test func outputFormatFromTheEnvironment() async {
        var mscli = InProcessMSCLI(booking: Self.twoTheaters())
        mscli.environment["MSCLI_OUTPUT"] = "name"
        #expect(await mscli.run("theaters", "list").stdout.split(separator: "\n").count == 2)
        #expect(await mscli.run("theaters", "list", "-o", "tsv").stdout.hasPrefix("ID\tNAME"))
        mscli.environment["MSCLI_OUTPUT"] = "xml"
        let refused = await mscli.run("theaters", "list")
        #expect(refused.status == 64)
        #expect(refused.stderr == "mscli: output format \"xml\" is not one of table, json, yaml, name or tsv\n")
    }

    @Test func anEmptyTableSaysSoOnStderr() async {
        var booking = FakeBookingBackend()
        booking.onTheaters = { _, _, _ in [] }
        let run = await InProcessMSCLI(booking: booking).run("theaters", "list")
        #expect(run.status == 0)
        #expect(run.stdout == "ID  NAME  CITY  LOCATION\n")
        #expect(run.stderr == "nothing found\n")
    }

    /// A booking the service refuses as a conflict (409) is exit 4 with the service's own words; nothing on stdout.
    @Test func bookRefusedOnAConflict() async throws {
        let showing = UUID()
        let seat = UUID()
        let asked = Calls<BookingInput>()
        var booking = FakeBookingBackend()
        booking.onSeatMap = { id in
            #expect(id == showing)
            return [try ServiceDocuments.seatMapEntry(id: seat, theater: Self.pvr, number: "A5", state: "booked")]
        }
        booking.onCreateBooking = { input, user in
            asked.record(input)
            #expect(user == nil, "over HTTP the session decides who books")
            throw APIError.conflict("Seat A5 is already booked")
        }
        let run = await InProcessMSCLI(booking: booking).run("book", "create", showing.uuidString, "a5", "--total-price", "180")
        #expect(run.status == MSCLIKit.ExitStatus.refused.rawValue, "\(run)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "mscli: Seat A5 is already booked\n")
        let input = try #require(asked.all.first)
        #expect(input.seatIDs == [seat])
        #expect(input.totalPrice == Decimal(180))
    }

    /// A seat number the theater does not have is refused before anything is booked (no createBooking handler: a
    /// call would fail the test).
    @Test func bookRefusesAnUnknownSeatBeforeBooking() async throws {
        let showing = UUID()
        var booking = FakeBookingBackend()
        booking.onSeatMap = { _ in [try ServiceDocuments.seatMapEntry(theater: Self.pvr, number: "A5")] }
        let run = await InProcessMSCLI(booking: booking).run("book", "create", showing.uuidString, "Z9")
        #expect(run.status == 4, "\(run)")
        #expect(run.stderr.contains("no seat Z9 in the theater of showing \(showing.uuidString.lowercased())"), "\(run)")
    }

    /// Validation happens before any backend is reached: no handler is set, and none is called.
    @Test(arguments: [
        (["book", "create", "00000000-0000-0000-0000-000000000001", "A1", "--total-price", "12,50"],
         "--total-price must be an amount such as 360.00, not 12,50"),
        (["theaters", "list", "--limit", "0"], "--limit must be from 1 to 1000"),
        (["book", "create", "not-a-uuid", "A1"], "not-a-uuid"),
    ])
    func refusedBeforeTheBackend(arguments: [String], fragment: String) async {
        let run = await InProcessMSCLI(booking: FakeBookingBackend()).run(arguments)
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains(fragment), "\(run)")
        #expect(run.stdout.isEmpty)
    }

    /// Service errors map to exit codes by status (the HTTP backend throws the reply's APIError as it is).
    @Test(arguments: [
        (APIError(.notFound, "Theater not found"), Int32(4)),
        (APIError(.forbidden, "Admin role required"), 4),
        (APIError(.unauthorized, "Not authenticated"), 4),
        (APIError(.unprocessableContent, "bad"), 4),
        (APIError(.serviceUnavailable, "database unavailable"), 5),
        (APIError(.badGateway, "upstream"), 5),
        (APIError(.internalServerError, "boom"), 1),
    ] as [(APIError, Int32)])
    func serviceErrorsBecomeExitCodes(error: APIError, status: Int32) async {
        var booking = FakeBookingBackend()
        booking.onTheater = { _ in throw error }
        let run = await InProcessMSCLI(booking: booking).run("theaters", "get", Self.pvr.uuidString)
        #expect(run.status == status, "\(run)")
        #expect(run.stderr == "mscli: \(error.cliMessage)\n")
    }

    /// A theater named instead of given by id is looked up first (IdentifierLookup), then fetched by its id.
    @Test func theaterByName() async throws {
        var booking = FakeBookingBackend()
        booking.onCandidates = { kind, text, _ in
            #expect(kind == .theater)
            #expect(text == "PVR Forum")
            return [Candidate(id: Self.pvr, cells: ["PVR Forum", "Bengaluru", "1 Road"])]
        }
        booking.onTheater = { id in try ServiceDocuments.theater(id: id, name: "PVR Forum", city: "Bengaluru") }
        let run = await InProcessMSCLI(booking: booking).run("theaters", "get", "PVR Forum", "-o", "name")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == Self.pvr.uuidString.lowercased() + "\n")
    }

    /// A confirmation needs a terminal: without one the command refuses (exit 2) and names --yes; with one, "n" cancels.
    @Test func deleteAsksFirst() async {
        var booking = FakeBookingBackend()  // no onDeleteTheater: deleting would fail the test
        booking.onTheater = { id in try ServiceDocuments.theater(id: id, name: "PVR Forum", city: "Bengaluru") }
        let withoutTerminal = await InProcessMSCLI(booking: booking).run("theaters", "delete", Self.pvr.uuidString)
        #expect(withoutTerminal.status == 2, "\(withoutTerminal)")
        #expect(withoutTerminal.stderr.contains("pass --yes"), "\(withoutTerminal)")
        let declined = await InProcessMSCLI(booking: booking).run("theaters", "delete", Self.pvr.uuidString, input: ["n"], terminal: true)
        #expect(declined.status == 2, "\(declined)")
        #expect(declined.stderr.hasSuffix("(y/N) mscli: cancelled\n"), "\(declined)")
    }
}
