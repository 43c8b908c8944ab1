import Foundation
import Logging

/// Typed reads of environment variables, each failure naming the variable.
public struct EnvironmentReader: Sendable {
    public let values: [String: String]

    public init(_ values: [String: String] = ProcessInfo.processInfo.environment) { self.values = values }

    public subscript(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    public func bool(_ name: String) throws -> Bool? {
        guard let raw = self[name]?.lowercased() else { return nil }
        switch raw {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigurationError("\(name) must be true or false, not \(raw.debugDescription)")
        }
    }

    public func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let raw = self[name] else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            throw ConfigurationError("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(raw.debugDescription)")
        }
        return value
    }

    /// `LOG_LEVEL`-style variables: one of swift-log's level names, any case.
    public func logLevel(_ name: String) throws -> Logger.Level? {
        guard let raw = self[name] else { return nil }
        guard let level = Logger.Level(rawValue: raw.lowercased()) else {
            throw ConfigurationError("\(name) must be one of trace, debug, info, notice, warning, error, critical")
        }
        return level
    }

    /// A comma-separated list, trimmed, empty entries dropped.
    public func list(_ name: String) -> [String]? {
        self[name].map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }
}

extension EnvironmentReader {
    /// `TOKEN_SECRET`; without it, the shared development secret when `development` is set, else an error ending
    /// with `hint` (what to set it to).
    public func tokenSecret(development: Bool, hint: String) throws -> String {
        if let configured = self["TOKEN_SECRET"] { return configured }
        if development { return TokenService.developmentSecret }
        throw ConfigurationError("TOKEN_SECRET is not set; set it to \(hint), or start with --dev for local development")
    }
}
