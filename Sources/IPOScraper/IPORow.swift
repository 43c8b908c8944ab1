/// One row of the upcoming-IPO table, with the seed's field names (seed section 10.1): the first five cells of a
/// row, their text with whitespace collapsed and trimmed.
public struct IPORow: Codable, Sendable, Equatable, Hashable {
    public var company: String
    public var issueDate: String
    public var priceBand: String
    public var issueSize: String
    public var gmp: String

    public init(company: String, issueDate: String, priceBand: String, issueSize: String, gmp: String) {
        self.company = company
        self.issueDate = issueDate
        self.priceBand = priceBand
        self.issueSize = issueSize
        self.gmp = gmp
    }

    enum CodingKeys: String, CodingKey {
        case company
        case issueDate = "issue_date"
        case priceBand = "price_band"
        case issueSize = "issue_size"
        case gmp
    }

    /// The fields a diff compares, by their JSON names, in table order (company is the key, not compared).
    public static let comparedFields: [(name: String, value: @Sendable (IPORow) -> String)] = [
        ("issue_date", { $0.issueDate }), ("price_band", { $0.priceBand }), ("issue_size", { $0.issueSize }), ("gmp", { $0.gmp }),
    ]
}

/// What changed between two scrapes, matched by company (case-insensitively; when a company appears twice in one
/// run, its first row counts).
public struct IPODiff: Codable, Sendable, Equatable {
    public struct FieldChange: Codable, Sendable, Equatable {
        /// The field's JSON name (`issue_date`, `price_band`, `issue_size`, `gmp`).
        public var field: String
        public var before: String
        public var after: String

        public init(field: String, before: String, after: String) {
            self.field = field
            self.before = before
            self.after = after
        }
    }

    public struct Change: Codable, Sendable, Equatable {
        public var company: String
        public var fields: [FieldChange]

        public init(company: String, fields: [FieldChange]) {
            self.company = company
            self.fields = fields
        }
    }

    /// In the newer run only, in its order.
    public var added: [IPORow]
    /// In the older run only, in its order.
    public var removed: [IPORow]
    /// In both, with at least one field different; in the newer run's order.
    public var changed: [Change]

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    public init(added: [IPORow] = [], removed: [IPORow] = [], changed: [Change] = []) {
        self.added = added
        self.removed = removed
        self.changed = changed
    }

    /// Compares `previous` (the older run) with `current`.
    public init(from previous: [IPORow], to current: [IPORow]) {
        func index(_ rows: [IPORow]) -> [String: IPORow] {
            var byKey: [String: IPORow] = [:]
            for row in rows where byKey[Self.key(row)] == nil { byKey[Self.key(row)] = row }
            return byKey
        }
        let before = index(previous)
        let after = index(current)
        var seen = Set<String>()
        var added: [IPORow] = []
        var changed: [Change] = []
        for row in current where seen.insert(Self.key(row)).inserted {
            guard let old = before[Self.key(row)] else {
                added.append(row)
                continue
            }
            let fields = IPORow.comparedFields.compactMap { field -> FieldChange? in
                let (was, now) = (field.value(old), field.value(row))
                return was == now ? nil : FieldChange(field: field.name, before: was, after: now)
            }
            if !fields.isEmpty { changed.append(Change(company: row.company, fields: fields)) }
        }
        var gone = Set<String>()
        let removed = previous.filter { after[Self.key($0)] == nil && gone.insert(Self.key($0)).inserted }
        self.init(added: added, removed: removed, changed: changed)
    }

    static func key(_ row: IPORow) -> String { row.company.lowercased() }
}
