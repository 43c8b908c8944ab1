import BookingService
import Foundation
import SearchClient
import ServiceCore

/// `-o name`: the ids of what a command printed, one a line, each one that mscli accepts back as input
/// (`mscli theaters list -o name | xargs -n1 mscli theaters get`).
///
/// The id of a result is its document's `id` (the services' own field), of a list each element's, of a page
/// (`{"items": [...]}`) each item's. A result whose id is elsewhere says so with ``Identified``. A command whose
/// output has no id is a usage error (exit 64): those that are known are refused before they run (``NoIdentifiers``),
/// so `-o name` never changes data and then fails.
enum NameOutput {
    static func identifiers(of value: some Encodable) throws -> [String] {
        if let identified = value as? any Identified { return identified.identifiers }
        let tree = try JSONDecoder().decode(JSONValue.self, from: Data(try Rendering.json(value).utf8))
        guard let ids = identifiers(in: tree) else { throw noIdentifiers }
        return ids
    }

    static func identifiers(in tree: JSONValue) -> [String]? {
        switch tree {
        case .object(let fields):
            if case .string(let id)? = fields["id"] { return [id] }
            if let items = fields["items"] { return identifiers(in: items) }
            return nil
        case .array(let elements):
            var ids: [String] = []
            for element in elements {
                guard case .object(let fields) = element, case .string(let id)? = fields["id"] else { return nil }
                ids.append(id)
            }
            return ids
        default:
            return nil
        }
    }

    static let noIdentifiers = CLIError.usage("-o name: this command's output has no ids; use -o tsv, json or yaml")

    /// Refuses `-o name` for a command whose output has no ids, before it runs.
    static func check(_ command: Any.Type, _ format: OutputFormat) throws {
        if format == .name, command is any NoIdentifiers.Type { throw noIdentifiers }
    }
}

/// A result whose ids are not in an `id` field of its document.
protocol Identified {
    var identifiers: [String] { get }
}

extension Array: Identified where Element: Identified {
    var identifiers: [String] { flatMap(\.identifiers) }
}

/// `book hold` and `book release`: the seats, by the id `book hold`/`release` take back.
extension HeldSeat: Identified {
    var identifiers: [String] { [BookingText.id(hold.seatID)] }
}

/// `book map -o name`: the showing's seats.
extension SeatMapEntry: Identified {
    var identifiers: [String] { [BookingText.id(seat.id)] }
}

/// `search -o name`: each hit's id (a movie's, theater's, showing's or booking's).
extension SearchAnswer: Identified {
    var identifiers: [String] {
        results.compactMap { hit in
            if case .object(let fields) = hit, case .string(let id)? = fields["_id"] { return id }
            return nil
        }
    }
}

/// Commands whose output has no ids: `-o name` is refused before they run.
protocol NoIdentifiers {}

extension DoctorCommand: NoIdentifiers {}
extension ReindexCommand: NoIdentifiers {}
extension SeedCommand: NoIdentifiers {}
extension ConfigCommand.List: NoIdentifiers {}
extension ConfigCommand.Get: NoIdentifiers {}
extension ConfigCommand.Set: NoIdentifiers {}
extension ConfigCommand.Unset: NoIdentifiers {}
extension ConfigCommand.Use: NoIdentifiers {}
extension ConfigCommand.Path: NoIdentifiers {}
extension MigrateCommand.Status: NoIdentifiers {}
extension MigrateCommand.Up: NoIdentifiers {}
extension MigrateCommand.Down: NoIdentifiers {}
extension MigrateCommand.Verify: NoIdentifiers {}
extension MigrateCommand.Baseline: NoIdentifiers {}
extension ScrapeCommand.IPOs: NoIdentifiers {}
extension ScrapeCommand.Diff: NoIdentifiers {}
extension SearchCommand.Status: NoIdentifiers {}
extension AuthCommand.Logout: NoIdentifiers {}
