import ArgumentParser
import Foundation

/// Options every mscli command accepts, before or after the command name. Documented once, in `mscli --help` (and
/// man mscli): each command's help shows only -p, -o and --maintenance; the connection settings are hidden there
/// (`--help-hidden` shows them) and usually live in a profile.
public struct GlobalOptions: ParsableArguments, Sendable {
    @Option(name: [.short, .long], help: "Profile from the config file (env MSCLI_PROFILE); other global options: mscli --help.")
    public var profile: String?

    @Option(
        name: [.short, .long],
        help: """
            Output format: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table's columns \
            tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) \
            (env MSCLI_OUTPUT).
            """)
    public var output: OutputFormat?

    @Flag(help: "Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).")
    public var maintenance = false

    @Option(name: .customLong("auth-url"), help: ArgumentHelp("Auth service base URL (env AUTH_SERVICE_URL).", visibility: .hidden))
    public var authURL: String?

    @Option(name: .customLong("auth-database-url"), help: ArgumentHelp("Auth database URL (env AUTH_DATABASE_URL).", visibility: .hidden))
    public var authDatabaseURL: String?

    @Option(name: .customLong("booking-url"), help: ArgumentHelp("Booking service base URL (env BOOKING_SERVICE_URL).", visibility: .hidden))
    public var bookingURL: String?

    @Option(name: .customLong("booking-database-url"), help: ArgumentHelp("Booking database URL (env BOOKING_DATABASE_URL).", visibility: .hidden))
    public var bookingDatabaseURL: String?

    @Option(name: .customLong("food-url"), help: ArgumentHelp("Food service base URL (env FOOD_SERVICE_URL).", visibility: .hidden))
    public var foodURL: String?

    @Option(name: .customLong("food-database-url"), help: ArgumentHelp("Food primary database URL (env FOOD_DATABASE_URL).", visibility: .hidden))
    public var foodDatabaseURL: String?

    @Option(name: .customLong("food-shard-urls"), help: ArgumentHelp("Food order shard database URLs, comma-separated (env FOOD_SHARD_DATABASE_URLS).", visibility: .hidden))
    public var foodShardURLs: String?

    @Option(name: .customLong("redis-url"), help: ArgumentHelp("Redis of the food service, to announce maintenance-mode order changes (env REDIS_URL).", visibility: .hidden))
    public var redisURL: String?

    @Option(name: .customLong("config"), help: ArgumentHelp("Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).", visibility: .hidden))
    public var configPath: String?

    public init() {}

    /// These options laid over the options `mscli shell` was started with: what a line gives wins, value by value, and
    /// the shell's options stay flags (explicit), never ambient variables. `use PROFILE` sets the shell's `profile`.
    func laid(over shell: GlobalOptions) -> GlobalOptions {
        var merged = self
        merged.profile = profile ?? shell.profile
        merged.output = output ?? shell.output
        merged.maintenance = maintenance || shell.maintenance
        merged.authURL = authURL ?? shell.authURL
        merged.authDatabaseURL = authDatabaseURL ?? shell.authDatabaseURL
        merged.bookingURL = bookingURL ?? shell.bookingURL
        merged.bookingDatabaseURL = bookingDatabaseURL ?? shell.bookingDatabaseURL
        merged.foodURL = foodURL ?? shell.foodURL
        merged.foodDatabaseURL = foodDatabaseURL ?? shell.foodDatabaseURL
        merged.foodShardURLs = foodShardURLs ?? shell.foodShardURLs
        merged.redisURL = redisURL ?? shell.redisURL
        merged.configPath = configPath ?? shell.configPath
        return merged
    }
}

/// The settings a command runs with, resolved once and from one environment (see ``TargetResolution``): flags win
/// value by value; then either the profile (chosen with -p or MSCLI_PROFILE, else the current one) or, when target
/// variables are exported and no profile was chosen, those variables alone; then the built-in defaults.
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
    /// The search engine for commands that reach it directly (profile `search_url`, env ELASTICSEARCH_URL/SEARCH_URL;
    /// a command's `--search-url` wins).
    public var searchURL: String?
    public var configURL: URL
    public var configDirectory: URL
    public var environment: [String: String]
    /// Where the targets came from: a profile, or the exported variables.
    public var source: TargetSource
    /// `note: ...` lines for stderr: what was ignored to keep to one environment.
    public var notes: [String]

    public static let defaultAuthURL = "http://127.0.0.1:8000"
    public static let defaultBookingURL = "http://127.0.0.1:8003"
    public static let defaultFoodURL = "http://127.0.0.1:8004"

    /// - Parameters:
    ///   - allowUnknownProfile: `config set` may name a profile that does not exist yet.
    ///   - targets: false for commands that only edit or show the config (no refusal of a mix, no notes).
    public static func resolve(
        _ options: GlobalOptions, environment env: [String: String], allowUnknownProfile: Bool = false, targets: Bool = true
    ) throws -> Settings {
        let configDirectory = Paths.configDirectory(env)
        let configURL = (options.configPath ?? env["MSCLI_CONFIG"]).map { URL(fileURLWithPath: $0) }
            ?? configDirectory.appendingPathComponent("config.toml")
        let file = try ConfigFile.load(from: configURL)

        let chosen: ProfileChoice? =
            options.profile.map { ProfileChoice(name: $0, by: "-p") }
            ?? env["MSCLI_PROFILE"].flatMap { $0.isEmpty ? nil : ProfileChoice(name: $0, by: "MSCLI_PROFILE") }
        let profileName = chosen?.name ?? file.currentProfile ?? "default"
        if let chosen, chosen.name != "default", file.profiles[chosen.name] == nil, !allowUnknownProfile {
            let known = file.profiles.keys.sorted()
            throw CLIError.usage(
                "no profile \(chosen.name) in \(configURL.path)"
                    + (known.isEmpty ? "; create it with `mscli config set KEY VALUE --profile \(chosen.name)`" : " (profiles: \(known.joined(separator: ", ")))"))
        }
        let profile = file.profiles[profileName] ?? [:]
        let resolution = try TargetResolution.resolve(
            flags: TargetSetting.flags(options), environment: env, profileName: profileName, profile: profile, chosen: chosen,
            refuseMix: targets)

        var output = options.output
        if output == nil, let raw = env["MSCLI_OUTPUT"].flatMap({ $0.isEmpty ? nil : $0 }) ?? profile[.output] {
            guard let parsed = OutputFormat(rawValue: raw) else {
                throw CLIError.usage("output format \(raw.debugDescription) is not one of \(OutputFormat.names)")
            }
            output = parsed
        }
        let values = resolution.values
        return Settings(
            profileName: profileName,
            output: output ?? .table,
            maintenance: options.maintenance || ["1", "true", "yes"].contains(env["MSCLI_MAINTENANCE"]?.lowercased() ?? ""),
            authURL: values[.authURL] ?? defaultAuthURL,
            authDatabaseURL: values[.authDatabaseURL],
            bookingURL: values[.bookingURL] ?? defaultBookingURL,
            bookingDatabaseURL: values[.bookingDatabaseURL],
            foodURL: values[.foodURL] ?? defaultFoodURL,
            foodDatabaseURL: values[.foodDatabaseURL],
            foodShardURLs: (values[.foodShardURLs] ?? "")
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            redisURL: values[.redisURL],
            searchURL: values[.searchURL],
            configURL: configURL,
            configDirectory: configDirectory,
            environment: env,
            source: resolution.source,
            notes: targets ? resolution.notes : []
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
