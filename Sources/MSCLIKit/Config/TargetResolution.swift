import Foundation

/// A setting that says where a command works: a service, a database, the shards, Redis, the search engine.
/// All of a command's targets come from one environment (see ``TargetResolution``).
public enum TargetSetting: CaseIterable, Sendable {
    case authURL, authDatabaseURL, bookingURL, bookingDatabaseURL, foodURL, foodDatabaseURL, foodShardURLs, redisURL, searchURL

    var profileKey: ProfileKey {
        switch self {
        case .authURL: .authURL
        case .authDatabaseURL: .authDatabaseURL
        case .bookingURL: .bookingURL
        case .bookingDatabaseURL: .bookingDatabaseURL
        case .foodURL: .foodURL
        case .foodDatabaseURL: .foodDatabaseURL
        case .foodShardURLs: .foodShardURLs
        case .redisURL: .redisURL
        case .searchURL: .searchURL
        }
    }

    /// The exported variables that set it, the first set one counting.
    var variables: [String] {
        switch self {
        case .authURL: ["AUTH_SERVICE_URL"]
        case .authDatabaseURL: ["AUTH_DATABASE_URL"]
        case .bookingURL: ["BOOKING_SERVICE_URL"]
        case .bookingDatabaseURL: ["BOOKING_DATABASE_URL"]
        case .foodURL: ["FOOD_SERVICE_URL"]
        case .foodDatabaseURL: ["FOOD_DATABASE_URL"]
        case .foodShardURLs: ["FOOD_SHARD_DATABASE_URLS"]
        case .redisURL: ["REDIS_URL"]
        case .searchURL: ["ELASTICSEARCH_URL", "SEARCH_URL"]
        }
    }

    /// The built-in default (service URLs only: a database is never guessed).
    var defaultValue: String? {
        switch self {
        case .authURL: Settings.defaultAuthURL
        case .bookingURL: Settings.defaultBookingURL
        case .foodURL: Settings.defaultFoodURL
        default: nil
        }
    }

    /// The global flags that were given, by setting. (`--search-url` belongs to the commands that use it.)
    static func flags(_ options: GlobalOptions) -> [TargetSetting: String] {
        var flags: [TargetSetting: String] = [:]
        flags[.authURL] = options.authURL
        flags[.authDatabaseURL] = options.authDatabaseURL
        flags[.bookingURL] = options.bookingURL
        flags[.bookingDatabaseURL] = options.bookingDatabaseURL
        flags[.foodURL] = options.foodURL
        flags[.foodDatabaseURL] = options.foodDatabaseURL
        flags[.foodShardURLs] = options.foodShardURLs
        flags[.redisURL] = options.redisURL
        return flags
    }
}

/// A profile named for this command: with `-p/--profile` (or the shell's `use`), or with `MSCLI_PROFILE`.
struct ProfileChoice: Sendable, Equatable {
    var name: String
    /// "-p" or "MSCLI_PROFILE", for the notes.
    var by: String
}

/// Where a command's targets came from.
public enum TargetSource: Sendable, Equatable {
    /// The profile's settings (and built-in defaults); `chosenBy` is "-p" or "MSCLI_PROFILE", nil for the current one.
    case profile(String, chosenBy: String?)
    /// The exported target variables alone (and built-in defaults); no profile completes them.
    case environment
}

/// The rule that keeps a command to one environment, in one place:
///
/// 1. Flags on the command line (`--auth-url`, `--food-shard-urls`, ...) are explicit and win value by value.
/// 2. A profile chosen with `-p` is the environment: exported target variables are ignored (a note names those
///    whose values differ).
/// 3. `MSCLI_PROFILE` chooses a profile too, but it is ambient like the target variables: when both are exported and
///    the variables name other targets than the profile, the command is refused with the variables to unset
///    (there is no telling which of the two the operator meant).
/// 4. No profile chosen and any target variable exported: the variables alone are the environment (plus the built-in
///    service URLs); the current profile's targets are never used to complete them (a note says so when they differ).
/// 5. Otherwise the current profile.
struct TargetResolution: Sendable, Equatable {
    var values: [TargetSetting: String]
    var source: TargetSource
    var notes: [String]

    static func resolve(
        flags: [TargetSetting: String], environment env: [String: String], profileName: String, profile: [ProfileKey: String],
        chosen: ProfileChoice?, refuseMix: Bool = true
    ) throws -> TargetResolution {
        /// The exported target variables: setting → (variable, value).
        var exported: [(setting: TargetSetting, variable: String, value: String)] = []
        for setting in TargetSetting.allCases {
            if let variable = setting.variables.first(where: { !(env[$0] ?? "").isEmpty }) {
                exported.append((setting, variable, env[variable]!))
            }
        }
        func fromProfile(_ setting: TargetSetting) -> String? { profile[setting.profileKey] ?? setting.defaultValue }
        func fromEnvironment(_ setting: TargetSetting) -> String? {
            exported.first { $0.setting == setting }?.value ?? setting.defaultValue
        }

        let source: TargetSource
        if let chosen {
            source = .profile(chosen.name, chosenBy: chosen.by)
        } else if !exported.isEmpty {
            source = .environment
        } else {
            source = .profile(profileName, chosenBy: nil)
        }
        var values: [TargetSetting: String] = [:]
        for setting in TargetSetting.allCases {
            let base = source == .environment ? fromEnvironment(setting) : fromProfile(setting)
            values[setting] = flags[setting] ?? base
        }

        var notes: [String] = []
        switch source {
        case .profile(let name, let chosenBy?):
            // The exported variables that would have pointed elsewhere than the profile (a flag beats both).
            let ignored = exported.filter { flags[$0.setting] == nil && values[$0.setting] != $0.value }.map(\.variable)
            if !ignored.isEmpty {
                if chosenBy == "MSCLI_PROFILE", refuseMix {
                    throw CLIError.usage(
                        "MSCLI_PROFILE=\(name) and the exported \(ignored.joined(separator: ", ")) name two environments; "
                            + "unset \(ignored.joined(separator: " ")) (or MSCLI_PROFILE), or choose with -p \(name)")
                }
                notes.append("note: profile \(name) (\(chosenBy)) is used; ignoring exported \(ignored.joined(separator: ", "))")
            }
        case .environment:
            let unused = TargetSetting.allCases.filter { setting in
                guard flags[setting] == nil, let value = profile[setting.profileKey] else { return false }
                return values[setting] != value
            }
            let used = exported.filter { flags[$0.setting] == nil }.map(\.variable)
            if !unused.isEmpty, !used.isEmpty {
                notes.append(
                    "note: the exported \(used.joined(separator: ", ")) are used; ignoring profile "
                        + "\(profileName)'s \(unused.map(\.profileKey.rawValue).joined(separator: ", ")) (choose it with -p \(profileName))")
            }
        case .profile(_, chosenBy: nil):
            break
        }
        return TargetResolution(values: values, source: source, notes: notes)
    }
}
