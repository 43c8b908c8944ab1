import Foundation
import TOMLKit

/// A setting a profile can hold. Unknown keys in the file are an error, not ignored: a typo must not silently
/// point a command at the wrong place.
public enum ProfileKey: String, CaseIterable, Sendable {
    case authURL = "auth_url"
    case authDatabaseURL = "auth_database_url"
    case bookingURL = "booking_url"
    case bookingDatabaseURL = "booking_database_url"
    case foodURL = "food_url"
    case foodDatabaseURL = "food_database_url"
    case foodShardURLs = "food_shard_urls"
    case redisURL = "redis_url"
    case searchURL = "search_url"
    case output

    var help: String {
        switch self {
        case .authURL: "base URL of the auth service (env AUTH_SERVICE_URL)"
        case .authDatabaseURL: "auth database URL for maintenance mode and migrations (env AUTH_DATABASE_URL)"
        case .bookingURL: "base URL of the booking service (env BOOKING_SERVICE_URL)"
        case .bookingDatabaseURL: "booking database URL for maintenance mode and migrations (env BOOKING_DATABASE_URL)"
        case .foodURL: "base URL of the food service (env FOOD_SERVICE_URL)"
        case .foodDatabaseURL: "food primary database URL for maintenance mode and migrations (env FOOD_DATABASE_URL)"
        case .foodShardURLs: "food order shard database URLs, comma-separated (env FOOD_SHARD_DATABASE_URLS)"
        case .redisURL: "Redis of the food service, for live events from maintenance mode (env REDIS_URL)"
        case .searchURL: "search engine for reindex, and search and doctor in maintenance mode (env ELASTICSEARCH_URL or SEARCH_URL)"
        case .output: "default output format: \(OutputFormat.names) (env MSCLI_OUTPUT)"
        }
    }
}

/// `config.toml`: named profiles plus the current one.
///
/// ```toml
/// current_profile = "local"
///
/// [profiles.local]
/// auth_url = "http://127.0.0.1:8000"
/// auth_database_url = "postgres://postgres:secret@127.0.0.1:5432/auth_service"
/// ```
public struct ConfigFile: Sendable, Equatable {
    public var currentProfile: String?
    public var profiles: [String: [ProfileKey: String]]

    public init(currentProfile: String? = nil, profiles: [String: [ProfileKey: String]] = [:]) {
        self.currentProfile = currentProfile
        self.profiles = profiles
    }

    public static func load(from url: URL) throws -> ConfigFile {
        guard FileManager.default.fileExists(atPath: url.path) else { return ConfigFile() }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw CLIError("cannot read \(url.path): \(error.localizedDescription)")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch {
            throw CLIError("\(url.path) is not valid TOML: \(error)")
        }
        var config = ConfigFile()
        for (key, value) in table {
            switch key {
            case "current_profile":
                guard let name = value.string else { throw CLIError("\(url.path): current_profile must be a string") }
                config.currentProfile = name
            case "profiles":
                guard let profiles = value.table else { throw CLIError("\(url.path): profiles must be a table") }
                for (name, profileValue) in profiles {
                    guard let profile = profileValue.table else { throw CLIError("\(url.path): profiles.\(name) must be a table") }
                    var settings: [ProfileKey: String] = [:]
                    for (settingName, settingValue) in profile {
                        guard let setting = ProfileKey(rawValue: settingName) else {
                            let known = ProfileKey.allCases.map(\.rawValue).joined(separator: ", ")
                            throw CLIError("\(url.path): unknown setting profiles.\(name).\(settingName) (known: \(known))")
                        }
                        guard let string = settingValue.string else {
                            throw CLIError("\(url.path): profiles.\(name).\(settingName) must be a string")
                        }
                        settings[setting] = string
                    }
                    config.profiles[name] = settings
                }
            default:
                throw CLIError("\(url.path): unknown key \(key) (known: current_profile, profiles)")
            }
        }
        return config
    }

    /// Writes the file atomically with mode 0600 (it may hold database passwords).
    public func save(to url: URL) throws {
        var lines: [String] = ["# mscli configuration; `mscli config` edits it."]
        if let currentProfile { lines.append("current_profile = \(Self.quote(currentProfile))") }
        for name in profiles.keys.sorted() {
            lines.append("")
            lines.append("[profiles.\(Self.quoteKey(name))]")
            for key in ProfileKey.allCases {
                if let value = profiles[name]?[key] { lines.append("\(key.rawValue) = \(Self.quote(value))") }
            }
        }
        try SecureFile.write(lines.joined(separator: "\n") + "\n", to: url)
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if c.value < 0x20 { out += String(format: "\\u%04X", c.value) } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }

    static func quoteKey(_ s: String) -> String {
        s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } && !s.isEmpty ? s : quote(s)
    }
}

/// Files only their owner may read: written atomically with 0600 in a 0700 directory; reading one that others can
/// read is refused, as ssh does with keys.
enum SecureFile {
    static func write(_ text: String, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let temp = dir.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
            guard FileManager.default.createFile(atPath: temp.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw CLIError("cannot write \(temp.path)")
            }
            if rename(temp.path, url.path) != 0 {
                try? FileManager.default.removeItem(at: temp)
                throw CLIError("cannot replace \(url.path): \(String(cString: strerror(errno)))")
            }
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// The file's text, nil when it does not exist.
    static func readPrivate(_ url: URL) throws -> String? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        if info.st_mode & 0o077 != 0 {
            throw CLIError("\(url.path) can be read by other users; run `chmod 600 \(url.path)` or log in again")
        }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw CLIError("cannot read \(url.path): \(error.localizedDescription)")
        }
    }
}
