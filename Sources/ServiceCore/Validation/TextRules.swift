import Foundation

/// The one rule for text that reaches a service, whether from a JSON body, a query string or an operator's
/// `mscli --maintenance` arguments: a stated maximum length, and no control characters (PostgreSQL refuses U+0000
/// outright, and the others have no business in a name, an address or a search). Line breaks and tabs are allowed only
/// where a field is multi-line (descriptions).
public struct TextLimit: Sendable, Equatable {
    /// Most characters (Unicode scalars, as PostgreSQL's `varchar(n)` and `length()` count them).
    public var maxLength: Int
    /// Fewest characters after trimming white space; 1 means "not blank".
    public var minLength: Int
    /// Line feeds, carriage returns and tabs are allowed (descriptions); every other control character never is.
    public var multiline: Bool

    public init(maxLength: Int, minLength: Int = 1, multiline: Bool = false) {
        self.maxLength = maxLength
        self.minLength = minLength
        self.multiline = multiline
    }

    /// A one-line name of up to `max` characters that must not be blank.
    public static func name(_ max: Int) -> TextLimit { TextLimit(maxLength: max) }
    /// Free text of up to `max` characters, line breaks allowed, may be empty.
    public static func prose(_ max: Int) -> TextLimit { TextLimit(maxLength: max, minLength: 0, multiline: true) }
    /// A one-line value of up to `max` characters that may be empty.
    public static func line(_ max: Int) -> TextLimit { TextLimit(maxLength: max, minLength: 0) }
}

public enum TextRules {
    /// No string anywhere in a JSON body may be longer than this, whatever field it is in (fields have their own,
    /// lower limits; this bounds the ones that have none, such as a field the route ignores).
    public static let bodyCeiling = 10_000
    /// No query parameter value may be longer than this.
    public static let queryCeiling = 1_000

    /// The first character the rule refuses, if any: a control character (Unicode general category Cc: U+0000–U+001F,
    /// U+007F–U+009F), except line feed, carriage return and tab when `allowingLineBreaks`.
    public static func forbiddenCharacter(in value: some StringProtocol, allowingLineBreaks: Bool) -> Unicode.Scalar? {
        for scalar in value.unicodeScalars where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
            if allowingLineBreaks && (scalar == "\n" || scalar == "\r" || scalar == "\t") { continue }
            return scalar
        }
        return nil
    }

    /// The 422 issue for `value` at `loc` under `limit`, or nil when it passes.
    public static func issue(_ value: some StringProtocol, at loc: [String], _ limit: TextLimit) -> ValidationIssue? {
        if let bad = forbiddenCharacter(in: value, allowingLineBreaks: limit.multiline) {
            return controlCharacterIssue(bad, at: loc, multiline: limit.multiline)
        }
        let length = value.unicodeScalars.count
        if length > limit.maxLength {
            return ValidationIssue(type: "string_too_long", loc: loc, msg: "String should have at most \(limit.maxLength) characters")
        }
        if limit.minLength > 0, value.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars.count < limit.minLength {
            let noun = limit.minLength == 1 ? "character" : "characters"
            return ValidationIssue(type: "string_too_short", loc: loc, msg: "String should have at least \(limit.minLength) \(noun)")
        }
        return nil
    }

    static func controlCharacterIssue(_ scalar: Unicode.Scalar, at loc: [String], multiline: Bool) -> ValidationIssue {
        let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        let allowed = multiline ? " (line breaks and tabs are allowed)" : ""
        return ValidationIssue(type: "string_pattern_mismatch", loc: loc, msg: "String should not contain control characters such as \(code)\(allowed)")
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Collects the 422 issues of one body (or one operator command), so a client hears of every bad field at once.
public struct FieldCheck: Sendable {
    public private(set) var issues: [ValidationIssue] = []
    /// Where the fields live: `["body"]` for a JSON body, `["query"]` for query parameters.
    public let location: [String]

    public init(location: [String] = ["body"]) { self.location = location }

    /// A text field under the project's text rule.
    public mutating func text(_ field: String, _ value: String?, _ limit: TextLimit) {
        guard let value else { return }
        if let issue = TextRules.issue(value, at: location + [field], limit) { issues.append(issue) }
    }

    /// Each item of a list of text, and the list's length.
    public mutating func textList(_ field: String, _ values: [String]?, maxItems: Int, _ limit: TextLimit) {
        guard let values else { return }
        if values.count > maxItems {
            issues.append(ValidationIssue(type: "too_long", loc: location + [field], msg: "List should have at most \(maxItems) items"))
            return
        }
        for (index, value) in values.enumerated() {
            if let issue = TextRules.issue(value, at: location + [field, String(index)], limit) { issues.append(issue) }
        }
    }

    /// An integer within `range`.
    public mutating func int(_ field: String, _ value: Int?, _ range: ClosedRange<Int>) {
        guard let value, !range.contains(value) else { return }
        issues.append(ValidationIssue(
            type: "value_error", loc: location + [field], msg: "Input should be from \(range.lowerBound) to \(range.upperBound)"))
    }

    /// Money: not negative, at most two decimal places, below 100 million (`numeric(10,2)`).
    public mutating func price(_ field: String, _ value: Decimal?) {
        guard let value else { return }
        if let issue = Self.priceIssue(value, at: location + [field]) { issues.append(issue) }
    }

    public static func priceIssue(_ value: Decimal, at loc: [String]) -> ValidationIssue? {
        if value.isNaN || value < 0 || value >= 100_000_000 {
            return ValidationIssue(type: "value_error", loc: loc, msg: "Price should be from 0 to 99999999.99")
        }
        var scaled = value * 100
        var whole = Decimal()
        NSDecimalRound(&whole, &scaled, 0, .plain)
        if whole != scaled {
            return ValidationIssue(type: "value_error", loc: loc, msg: "Price should have at most 2 decimal places")
        }
        return nil
    }

    /// Adds an issue found some other way.
    public mutating func add(_ issue: ValidationIssue) { issues.append(issue) }

    /// Throws the collected issues as one 422.
    public func finish() throws {
        if !issues.isEmpty { throw APIError(validation: issues) }
    }
}

extension TextLimit {
    /// The limit as JSON Schema keywords for the OpenAPI documents (without the braces): `type`, `minLength` (1 for a
    /// name; "not blank" is also in the pattern), `maxLength`, and a `pattern` that refuses the control characters the
    /// rule refuses, so a client can know every limit without trying.
    public func jsonSchema(nullable: Bool = false) -> String {
        let type = nullable ? #"["string", "null"]"# : #""string""#
        let allowed = multiline ? #"\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f"# : #"\\u0000-\\u001f\\u007f-\\u009f"#
        // "not blank": at least one character that is not white space, between any allowed characters.
        let pattern = minLength > 0 ? "^[^\(allowed)]*[^\\\\s\(allowed)][^\(allowed)]*$" : "^[^\(allowed)]*$"
        return #""type": \#(type), "minLength": \#(minLength), "maxLength": \#(maxLength), "pattern": "\#(pattern)""#
    }
}
