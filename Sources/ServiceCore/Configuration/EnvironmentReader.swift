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

extension EnvironmentReader {
    /// The settings that hold secrets. Each may also come from a file: `NAME_FILE=/path` (container secrets), or
    /// systemd's `$CREDENTIALS_DIRECTORY/NAME` (`LoadCredential=NAME:/path` in the unit), so it need not sit in the
    /// environment (visible in `/proc/PID/environ` and crash reports). `SHARD_<i>_PASSWORD` counts too.
    public static let secretNames = [
        "TOKEN_SECRET", "TOKEN_PREVIOUS_SECRETS", "DATABASE_URL", "DATABASE_READ_URL", "POSTGRES_PASSWORD", "REDIS_URL",
        "SHARD_DATABASE_URLS",
    ]

    static func isSecretName(_ name: String) -> Bool {
        if secretNames.contains(name) { return true }
        // SHARD_<i>_PASSWORD
        guard name.hasPrefix("SHARD_"), name.hasSuffix("_PASSWORD") else { return false }
        let middle = name.dropFirst("SHARD_".count).dropLast("_PASSWORD".count)
        return !middle.isEmpty && middle.allSatisfy(\.isNumber)
    }

    /// The process environment with every secret setting resolved: `NAME` as set, else the contents of the file
    /// `NAME_FILE` names, else `$CREDENTIALS_DIRECTORY/NAME` when that file exists. One trailing line break is
    /// dropped. Setting both `NAME` and `NAME_FILE` is an error (which one wins would be a guess), and so is a file
    /// that cannot be read or is empty. Every service reads its configuration through this.
    public static func resolvingSecretFiles(
        _ values: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> EnvironmentReader {
        var resolved = values
        func set(_ name: String) -> String? {
            guard let value = values[name], !value.isEmpty else { return nil }
            return value
        }
        var names = Set(secretNames)
        for key in values.keys where key.hasSuffix("_FILE") {
            let base = String(key.dropLast("_FILE".count))
            if isSecretName(base) { names.insert(base) }
        }
        let credentials = set("CREDENTIALS_DIRECTORY")
        if let credentials, let files = try? FileManager.default.contentsOfDirectory(atPath: credentials) {
            for file in files where isSecretName(file) { names.insert(file) }
        }
        for name in names.sorted() {
            let file = set(name + "_FILE")
            if set(name) != nil {
                if file != nil { throw ConfigurationError("\(name) and \(name)_FILE are both set; keep one of them") }
                continue
            }
            if let file {
                resolved[name] = try readSecret(at: file, setting: "\(name)_FILE")
            } else if let credentials {
                let path = (credentials as NSString).appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: path) {
                    resolved[name] = try readSecret(at: path, setting: "$CREDENTIALS_DIRECTORY/\(name)")
                }
            }
        }
        return EnvironmentReader(resolved)
    }

    static func readSecret(at path: String, setting: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("\(setting): cannot read \(path)")
        }
        guard var text = String(data: data, encoding: .utf8) else { throw ConfigurationError("\(setting): \(path) is not UTF-8 text") }
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        guard !text.isEmpty else { throw ConfigurationError("\(setting): \(path) is empty") }
        return text
    }

    /// `TOKEN_PREVIOUS_SECRETS`: comma-separated keys still accepted for verification during a key rotation.
    public var tokenPreviousSecrets: [String] { list("TOKEN_PREVIOUS_SECRETS") ?? [] }
}
