import Foundation

/// Reading the date and time texts clients send. Show times are instants (`timestamptz`): a text with an offset or
/// `Z` means what it says; a text without one (what the seed's clients send) is read as UTC.
public enum Timestamps {
    public static func parse(_ text: String) -> Date? {
        var normalized = text.trimmingCharacters(in: .whitespaces)
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

    private static func hasOffset(_ text: String) -> Bool {
        if text.hasSuffix("Z") || text.hasSuffix("z") { return true }
        guard let t = text.firstIndex(of: "T") else { return false }
        return text[t...].contains("+") || text[t...].dropFirst().contains("-")
    }

    /// A calendar date `YYYY-MM-DD` that exists (no 2023-02-30).
    public static func isValidDate(_ text: String) -> Bool {
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
