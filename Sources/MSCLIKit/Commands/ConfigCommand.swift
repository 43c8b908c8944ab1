import ArgumentParser
import Foundation

extension ProfileKey: ExpressibleByArgument {}

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show and edit profiles in the config file.",
        discussion: "Keys: " + ProfileKey.allCases.map { "\($0.rawValue) (\($0.help))" }.joined(separator: "; "),
        subcommands: [List.self, Get.self, Set.self, Unset.self, Use.self, Path.self]
    )
}

extension ConfigCommand {
    struct ProfileView: Codable, Sendable {
        var name: String
        var current: Bool
        var settings: [String: String]
    }

    struct List: MSCLICommand {
        static let configuration = CommandConfiguration(abstract: "List profiles and their settings.")
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let file = try ConfigFile.load(from: context.settings.configURL)
            let views = file.profiles.keys.sorted().map { name in
                ProfileView(
                    name: name, current: name == context.settings.profileName,
                    settings: Dictionary(uniqueKeysWithValues: (file.profiles[name] ?? [:]).map { ($0.key.rawValue, redact($0.key, $0.value)) }))
            }
            try context.output(views) { views in
                Table(
                    headers: ["CURRENT", "PROFILE", "SETTING", "VALUE"],
                    rows: views.flatMap { view in
                        view.settings.isEmpty
                            ? [[view.current ? "*" : "", view.name, "-", "-"]]
                            : view.settings.keys.sorted().map { [view.current ? "*" : "", view.name, $0, view.settings[$0]!] }
                    })
            }
        }
    }

    struct Get: MSCLICommand {
        static let configuration = CommandConfiguration(abstract: "Print one setting of the profile.")
        @Argument(help: "Setting name.") var key: ProfileKey
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let file = try ConfigFile.load(from: context.settings.configURL)
            guard let value = file.profiles[context.settings.profileName]?[key] else {
                throw CLIError("\(key.rawValue) is not set in profile \(context.settings.profileName)", status: .refused)
            }
            context.console.out(value)
        }
    }

    struct Set: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a setting of the profile (creating the profile and the file as needed).",
            discussion: "Example: mscli config set auth_url http://127.0.0.1:8000 --profile staging")
        @Argument(help: "Setting name.") var key: ProfileKey
        @Argument(help: "Value.") var value: String
        @OptionGroup var global: GlobalOptions
        var createsProfile: Bool { true }

        func validate() throws {
            if key == .output, OutputFormat(rawValue: value) == nil { throw ValidationError("output must be \(OutputFormat.names)") }
            if [.authURL, .bookingURL].contains(key), !(value.hasPrefix("http://") || value.hasPrefix("https://")) {
                throw ValidationError("\(key.rawValue) must start with http:// or https://")
            }
        }

        func run(_ context: CommandContext) async throws {
            var file = try ConfigFile.load(from: context.settings.configURL)
            file.profiles[context.settings.profileName, default: [:]][key] = value
            if file.currentProfile == nil { file.currentProfile = context.settings.profileName }
            try file.save(to: context.settings.configURL)
            context.message("Set \(key.rawValue) in profile \(context.settings.profileName) (\(context.settings.configURL.path))")
        }
    }

    struct Unset: MSCLICommand {
        static let configuration = CommandConfiguration(abstract: "Remove a setting from the profile.")
        @Argument(help: "Setting name.") var key: ProfileKey
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            var file = try ConfigFile.load(from: context.settings.configURL)
            guard file.profiles[context.settings.profileName]?.removeValue(forKey: key) != nil else {
                context.message("\(key.rawValue) was not set")
                return
            }
            try file.save(to: context.settings.configURL)
            context.message("Removed \(key.rawValue) from profile \(context.settings.profileName)")
        }
    }

    struct Use: MSCLICommand {
        static let configuration = CommandConfiguration(abstract: "Make a profile the current one.")
        @Argument(help: "Profile name.") var name: String
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            var file = try ConfigFile.load(from: context.settings.configURL)
            guard file.profiles[name] != nil else {
                throw CLIError(
                    "no profile \(name); profiles: \(file.profiles.keys.sorted().joined(separator: ", "))", status: .refused)
            }
            file.currentProfile = name
            try file.save(to: context.settings.configURL)
            context.message("Now using profile \(name)")
        }
    }

    struct Path: MSCLICommand {
        static let configuration = CommandConfiguration(abstract: "Print the config file's path.")
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            context.console.out(context.settings.configURL.path)
        }
    }
}

/// Every URL in a setting is shown without its password: database URLs, each URL of a comma-separated list (the food
/// shards), Redis (`redis://:secret@host`). `config get` prints the stored value, for scripts that ask for it.
func redact(_ key: ProfileKey, _ value: String) -> String {
    value.split(separator: ",", omittingEmptySubsequences: false).map { part -> String in
        let text = String(part)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains("://"), var components = URLComponents(string: trimmed), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? "***"
    }.joined(separator: ",")
}
