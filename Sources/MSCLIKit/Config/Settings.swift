import ArgumentParser
import Foundation

/// Options every mscli command accepts, wherever they appear after the command name.
public struct GlobalOptions: ParsableArguments, Sendable {
    @Option(name: [.short, .long], help: "Profile from the config file (env MSCLI_PROFILE).")
    public var profile: String?

    @Option(
        name: [.short, .long],
        help: """
            Output format: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table's columns \
            tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) \
            (env MSCLI_OUTPUT).
            """)
    public var output: OutputFormat?

    @Flag(help: "Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).")
    public var maintenance = false

    @Option(name: .customLong("auth-url"), help: "Auth service base URL (env AUTH_SERVICE_URL).")
    public var authURL: String?

    @Option(name: .customLong("auth-database-url"), help: "Auth database URL (env AUTH_DATABASE_URL).")
    public var authDatabaseURL: String?

    @Option(name: .customLong("booking-url"), help: "Booking service base URL (env BOOKING_SERVICE_URL).")
    public var bookingURL: String?

    @Option(name: .customLong("booking-database-url"), help: "Booking database URL (env BOOKING_DATABASE_URL).")
    public var bookingDatabaseURL: String?

    @Option(name: .customLong("food-url"), help: "Food service base URL (env FOOD_SERVICE_URL).")
    public var foodURL: String?

    @Option(name: .customLong("food-database-url"), help: "Food primary database URL (env FOOD_DATABASE_URL).")
    public var foodDatabaseURL: String?

    @Option(name: .customLong("food-shard-urls"), help: "Food order shard database URLs, comma-separated (env FOOD_SHARD_DATABASE_URLS).")
    public var foodShardURLs: String?

    @Option(name: .customLong("redis-url"), help: "Redis of the food service, to announce maintenance-mode order changes (env REDIS_URL).")
    public var redisURL: String?

    @Option(name: .customLong("config"), help: "Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).")
    public var configPath: String?

    public init() {}

    /// These options as the environment variables that mean the same (a flag on a later command line still wins):
    /// how `mscli shell --profile x --maintenance` hands its options to every command it runs.
    var environmentOverlay: [String: String] {
        var env: [String: String] = [:]
        env["MSCLI_PROFILE"] = profile
        env["MSCLI_OUTPUT"] = output?.rawValue
        if maintenance { env["MSCLI_MAINTENANCE"] = "1" }
        env["AUTH_SERVICE_URL"] = authURL
        env["AUTH_DATABASE_URL"] = authDatabaseURL
        env["BOOKING_SERVICE_URL"] = bookingURL
        env["BOOKING_DATABASE_URL"] = bookingDatabaseURL
        env["FOOD_SERVICE_URL"] = foodURL
        env["FOOD_DATABASE_URL"] = foodDatabaseURL
        env["FOOD_SHARD_DATABASE_URLS"] = foodShardURLs
        env["REDIS_URL"] = redisURL
        env["MSCLI_CONFIG"] = configPath
        return env
    }
}

/// The settings a command runs with, resolved once: flag, then environment variable, then the selected profile,
/// then the built-in default.
public struct Settings: Sendable {
    public var profileName: String
    public var output: OutputFormat
    public var maintenance: Bool
    public var authURL: String
    public var authDatabaseURL: String?
    public var bookingURL: String
    public var bookingDatabaseURL: String?
    public var foodURL: String
    public var foodDatabaseURL: String?
    /// The food order shards; empty when food is not sharded (orders on the primary).
    public var foodShardURLs: [String]
    public var redisURL: String?
    public var configURL: URL
    public var configDirectory: URL
    public var environment: [String: String]

    public static let defaultAuthURL = "http://127.0.0.1:8000"
    public static let defaultBookingURL = "http://127.0.0.1:8003"
    public static let defaultFoodURL = "http://127.0.0.1:8004"

    /// - Parameter allowUnknownProfile: `config set` may name a profile that does not exist yet.
    public static func resolve(
        _ options: GlobalOptions, environment env: [String: String], allowUnknownProfile: Bool = false
    ) throws -> Settings {
        let configDirectory = Paths.configDirectory(env)
        let configURL = (options.configPath ?? env["MSCLI_CONFIG"]).map { URL(fileURLWithPath: $0) }
            ?? configDirectory.appendingPathComponent("config.toml")
        let file = try ConfigFile.load(from: configURL)

        let named = options.profile ?? env["MSCLI_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        let profileName = named ?? file.currentProfile ?? "default"
        if let named, named != "default", file.profiles[named] == nil, !allowUnknownProfile {
            let known = file.profiles.keys.sorted()
            throw CLIError.usage(
                "no profile \(named) in \(configURL.path)"
                    + (known.isEmpty ? "; create it with `mscli config set KEY VALUE --profile \(named)`" : " (profiles: \(known.joined(separator: ", ")))"))
        }
        let profile = file.profiles[profileName] ?? [:]

        func pick(_ flag: String?, _ envName: String, _ key: ProfileKey) -> String? {
            flag ?? env[envName].flatMap { $0.isEmpty ? nil : $0 } ?? profile[key]
        }

        var output = options.output
        if output == nil, let raw = pick(nil, "MSCLI_OUTPUT", .output) {
            guard let parsed = OutputFormat(rawValue: raw) else {
                throw CLIError.usage("output format \(raw.debugDescription) is not one of \(OutputFormat.names)")
            }
            output = parsed
        }
        return Settings(
            profileName: profileName,
            output: output ?? .table,
            maintenance: options.maintenance || ["1", "true", "yes"].contains(env["MSCLI_MAINTENANCE"]?.lowercased() ?? ""),
            authURL: pick(options.authURL, "AUTH_SERVICE_URL", .authURL) ?? defaultAuthURL,
            authDatabaseURL: pick(options.authDatabaseURL, "AUTH_DATABASE_URL", .authDatabaseURL),
            bookingURL: pick(options.bookingURL, "BOOKING_SERVICE_URL", .bookingURL) ?? defaultBookingURL,
            bookingDatabaseURL: pick(options.bookingDatabaseURL, "BOOKING_DATABASE_URL", .bookingDatabaseURL),
            foodURL: pick(options.foodURL, "FOOD_SERVICE_URL", .foodURL) ?? defaultFoodURL,
            foodDatabaseURL: pick(options.foodDatabaseURL, "FOOD_DATABASE_URL", .foodDatabaseURL),
            foodShardURLs: (pick(options.foodShardURLs, "FOOD_SHARD_DATABASE_URLS", .foodShardURLs) ?? "")
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            redisURL: pick(options.redisURL, "REDIS_URL", .redisURL),
            configURL: configURL,
            configDirectory: configDirectory,
            environment: env
        )
    }
}

enum Paths {
    /// `$XDG_CONFIG_HOME/mscli`, else `~/.config/mscli`.
    static func configDirectory(_ env: [String: String]) -> URL {
        if let xdg = env["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("mscli")
        }
        let home = env["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".config/mscli")
    }
}
