import Foundation

/// Reading the date and time texts clients send. Show times are instants (`timestamptz`): a text with an offset or
/// `Z` means what it says; a text without one (what the seed's clients send) is read as UTC.
public enum Timestamps {
    public static func parse(_ text: String) -> Date? {
        guard (try? dateTimeRegex.wholeMatch(in: text)) != nil else { return nil }
        var normalized = text
        guard normalized.count >= 16 else { return nil }
        if normalized.count > 10 {
            let index = normalized.index(normalized.startIndex, offsetBy: 10)
            if normalized[index] == " " { normalized.replaceSubrange(index...index, with: "T") }
        }
        if !hasOffset(normalized) { normalized += "Z" }
        // Minutes without seconds ("2030-11-15T19:00Z") are accepted too.
        if let t = normalized.firstIndex(of: "T") {
            let time = normalized[normalized.index(after: t)...]
            if time.count >= 5, time.prefix(5).filter({ $0 == ":" }).count == 1, time.dropFirst(5).first.map({ $0 != ":" }) ?? true {
                let insertAt = normalized.index(t, offsetBy: 6)
                normalized.insert(contentsOf: ":00", at: insertAt)
            }
        }
        if let date = try? Date(normalized, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return try? Date(normalized, strategy: Date.ISO8601FormatStyle())
    }

    /// The IANA zone names `tz` accepts (the system's time zone database, and `UTC`), sorted; the OpenAPI document
    /// lists the same names.
    public static let timeZoneNames: [String] =
        Array(Set(TimeZone.knownTimeZoneIdentifiers).union(["UTC"]).union(systemZoneNames())).sorted()

    /// The zones and links of the system's time zone database (`tzdata.zi`) that `TimeZone(identifier:)` opens.
    /// Foundation's `knownTimeZoneIdentifiers` comes from its bundled ICU data, which spells some zones the old way
    /// only (Asia/Calcutta, not Asia/Kolkata), while `TimeZone(identifier:)` and mscli's `--tz` read the system's
    /// database: without these, `tz=Asia/Kolkata` was a 422 here and accepted by mscli's maintenance mode.
    static func systemZoneNames() -> [String] {
        let directory = ProcessInfo.processInfo.environment["TZDIR"] ?? "/usr/share/zoneinfo"
        guard let text = try? String(contentsOfFile: directory + "/tzdata.zi", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line -> String? in
            // "Z Asia/Kolkata 5:53:28 - LMT 1854 Jun 28" (a zone), "L Asia/Kolkata Asia/Calcutta" (a link: its name last).
            let fields = line.split(separator: " ")
            switch fields.first {
            case "Z" where fields.count > 1: return String(fields[1])
            case "L" where fields.count > 2: return String(fields[2])
            default: return nil
            }
        }.filter { TimeZone(identifier: $0) != nil }
    }
    static let timeZoneNameSet = Set(timeZoneNames)

    /// A zone from its IANA name, or nil when the name is not one of ``timeZoneNames``.
    public static func timeZone(named name: String) -> TimeZone? {
        timeZoneNameSet.contains(name) ? TimeZone(identifier: name) : nil
    }

    /// JSON Schema patterns for the texts ``parse(_:)`` and ``isValidDate(_:)`` read (a calendar day may still not
    /// exist, 2023-02-30, which is a 422).
    public static let datePattern = #"^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"#
    public static let dateTimePattern =
        #"^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])?$"#

    // The document's patterns are JSON text (a backslash written twice); the same patterns check the texts here.
    nonisolated(unsafe) static let dateRegex = try! Regex(datePattern.replacingOccurrences(of: "\\\\", with: "\\"))
    nonisolated(unsafe) static let dateTimeRegex = try! Regex(dateTimePattern.replacingOccurrences(of: "\\\\", with: "\\"))

    private static func hasOffset(_ text: String) -> Bool {
        if text.hasSuffix("Z") || text.hasSuffix("z") { return true }
        guard let t = text.firstIndex(of: "T") else { return false }
        return text[t...].contains("+") || text[t...].dropFirst().contains("-")
    }

    /// A calendar date `YYYY-MM-DD` that exists (no 2023-02-30).
    public static func isValidDate(_ text: String) -> Bool {
        guard (try? dateRegex.wholeMatch(in: text)) != nil else { return false }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1
        else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: y, month: m, day: 1)),
            let days = calendar.range(of: .day, in: .month, for: date)
        else { return false }
        return days.contains(d)
    }

    /// The UTC instants a local calendar day spans, for the showings `date` filter.
    public static func dayRange(_ text: String, timeZone: TimeZone) -> Range<Date>? {
        guard isValidDate(text) else { return nil }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard let start = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
            let end = calendar.date(byAdding: .day, value: 1, to: start)
        else { return nil }
        return start..<end
    }
}
