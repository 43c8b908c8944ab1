import Foundation

/// Durations as operators type them: `90s`, `5m`, `2h`, `1d`, `1w`, combinations such as `1h30m`, or a bare number of
/// seconds (`60`). At most ``maximumSeconds``: a longer one is refused (nil), not turned into a number of
/// milliseconds that overflows (`--timeout 99999999999999999999s` once crashed `mscli migrate wait`).
public enum DurationText {
    /// A hundred years.
    public static let maximumSeconds: Double = 100 * 365 * 86_400

    public static func seconds(_ text: String) -> Double? {
        guard let seconds = parse(text), seconds.isFinite, seconds >= 0, seconds <= maximumSeconds else { return nil }
        return seconds
    }

    private static func parse(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !trimmed.isEmpty else { return nil }
        if let plain = Double(trimmed) { return plain }
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        var total = 0.0
        var number = ""
        var sawUnit = false
        for character in trimmed {
            if character.isNumber || character == "." {
                number.append(character)
            } else if let unit = units[character], let value = Double(number) {
                total += value * unit
                number = ""
                sawUnit = true
            } else {
                return nil
            }
        }
        guard number.isEmpty, sawUnit else { return nil }
        return total
    }

    /// A point in time: ISO 8601 (`2026-12-05T10:00:00Z`, with or without fractional seconds, or a day `2026-12-05`,
    /// read as midnight UTC), or a duration meaning that long before `now` (`2h` = two hours ago).
    public static func instant(_ text: String, now: Date = Date()) -> Date? {
        if let seconds = seconds(text) { return now.addingTimeInterval(-seconds) }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return date }
        if text.count == 10, let date = try? Date(text + "T00:00:00Z", strategy: Date.ISO8601FormatStyle()) { return date }
        return nil
    }
}
