import ArgumentParser
import Foundation

/// Something named on the command line: a UUID, or one of the identifiers mscli prints for people (a booking number,
/// an order number, an e-mail address, a slug, a name). Parsing only checks the text; the command resolves it at run
/// time with ``IdentifierLookup/resolve(_:as:)``, through the service (HTTP) or the service's library (maintenance).
struct Reference: ExpressibleByArgument, Sendable, Hashable, CustomStringConvertible {
    /// Longer than any name, title or e-mail address the services keep.
    static let maximumLength = 320

    let text: String

    init?(argument: String) {
        let trimmed = argument.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= Self.maximumLength,
            !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return nil }
        text = trimmed
    }

    init(_ id: UUID) { text = id.lowercasedString }

    /// The UUID itself, when the text is one: then nothing is looked up.
    var uuid: UUID? { UUID(uuidString: text) }

    var description: String { text }
}

/// The kinds of thing a ``Reference`` can name, with what their human identifier is.
public enum IdentifierKind: String, Sendable, CaseIterable {
    case theater, movie, booking, category, restaurant, food, menuItem, order, user

    var noun: String {
        switch self {
        case .menuItem: "menu item"
        default: rawValue
        }
    }

    var plural: String {
        switch self {
        case .category: "categories"
        case .menuItem: "menu items"
        default: rawValue + "s"
        }
    }

    /// What the text is compared with: `no theater with the name X`.
    var key: String {
        switch self {
        case .theater, .restaurant, .food: "name"
        case .movie: "title"
        case .booking: "booking number"
        case .category: "slug or name"
        case .menuItem: "dish name"
        case .order: "order number"
        case .user: "e-mail address"
        }
    }

    /// The columns of a candidate line after its id, for the ambiguity message.
    var columns: [String] {
        switch self {
        case .theater: ["NAME", "CITY", "ADDRESS"]
        case .movie: ["TITLE", "RELEASED", "LANGUAGE"]
        case .booking: ["BOOKING_NUMBER", "MOVIE", "STATUS"]
        case .category: ["NAME", "SLUG"]
        case .restaurant: ["NAME", "TYPE", "ADDRESS"]
        case .food: ["NAME", "CATEGORY", "PRICE"]
        case .menuItem: ["FOOD", "RESTAURANT", "PRICE"]
        case .order: ["ORDER_NUMBER", "STATUS", "CREATED"]
        case .user: ["EMAIL", "NAME", "ROLE"]
        }
    }
}

/// One row a human identifier matched: its id and what tells it apart from the others.
public struct Candidate: Sendable, Equatable {
    public var id: UUID
    public var cells: [String]
}

/// What can look up human identifiers: the booking, food and auth backends, each for the kinds its service keeps.
/// Over HTTP the lookup is a filter of the service's list route (so the service's permissions apply: a user finds
/// only their own bookings and orders); in maintenance mode the same store method, called directly.
public protocol IdentifierLookup: Sendable {
    /// Rows whose identifier of `kind` is `text` (at most `limit`). A kind this backend does not keep is a bug.
    func candidates(_ kind: IdentifierKind, matching text: String, limit: Int) async throws -> [Candidate]
}

extension IdentifierLookup {
    /// The id `reference` names: a UUID as it is, anything else looked up. No match, or several, refuses (exit 4)
    /// with what was looked for, or with the candidates to choose from by id.
    func resolve(_ reference: Reference, as kind: IdentifierKind) async throws -> UUID {
        if let id = reference.uuid { return id }
        let found = try await candidates(kind, matching: reference.text, limit: IdentifierResolution.candidateLimit + 1)
        return try IdentifierResolution.single(found, reference, kind)
    }

    func resolve(_ reference: Reference?, as kind: IdentifierKind) async throws -> UUID? {
        guard let reference else { return nil }
        let id: UUID = try await resolve(reference, as: kind)
        return id
    }

    func resolve(_ references: [Reference], as kind: IdentifierKind) async throws -> [UUID] {
        var ids: [UUID] = []
        for reference in references { ids.append(try await resolve(reference, as: kind)) }
        return ids
    }
}

enum IdentifierResolution {
    /// How many candidates an ambiguity message lists.
    static let candidateLimit = 20

    /// The one candidate, or the refusal that says why there is not exactly one.
    static func single(_ found: [Candidate], _ reference: Reference, _ kind: IdentifierKind) throws -> UUID {
        switch found.count {
        case 1:
            return found[0].id
        case 0:
            throw CLIError("no \(kind.noun) with the \(kind.key) \(reference.text.debugDescription)\(notFoundHint(kind))", status: .refused)
        default:
            throw ambiguous(found, reference, kind)
        }
    }

    static func notFoundHint(_ kind: IdentifierKind) -> String {
        switch kind {
        // Over HTTP the service answers only what the caller may see: someone else's number looks unknown.
        case .booking, .order: " among the \(kind.plural) you may see (a customer sees only their own)"
        default: ""
        }
    }

    /// `several restaurants have the name "X"; name one by id:` and the candidates as a table.
    static func ambiguous(_ found: [Candidate], _ reference: Reference, _ kind: IdentifierKind) -> CLIError {
        let shown = Array(found.prefix(candidateLimit))
        let count = found.count > candidateLimit ? "more than \(candidateLimit)" : "\(found.count)"
        let table = Table(headers: ["ID"] + kind.columns, rows: shown.map { [BookingText.id($0.id)] + $0.cells })
        let lines = table.render().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        return CLIError(
            "\(count) \(kind.plural) have the \(kind.key) \(reference.text.debugDescription); name one by id:\n\(lines)",
            status: .refused)
    }
}

extension CommandContext {
    /// A user named on the command line (id or e-mail address) as an id. An e-mail address is looked up in the auth
    /// service (an admin session) or, in maintenance mode, in the auth database; your own address needs no lookup.
    func userID(_ reference: Reference) async throws -> UUID {
        if let id = reference.uuid { return id }
        if !settings.maintenance, settings.environment["MSCLI_TOKEN"] == nil,
            let session = try? sessions.load(profile: settings.profileName),
            session.email.lowercased() == reference.text.lowercased(), let id = UUID(uuidString: session.userID)
        {
            return id
        }
        return try await withAuthBackend(self) { try await $0.resolve(reference, as: .user) }
    }

    func userID(_ reference: Reference?) async throws -> UUID? {
        guard let reference else { return nil }
        return try await userID(reference)
    }
}
