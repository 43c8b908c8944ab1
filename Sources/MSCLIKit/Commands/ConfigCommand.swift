import ArgumentParser
import Foundation

extension ProfileKey: ExpressibleByArgument {}

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show and edit profiles in the config file.",
        discussion: "Keys:\n" + ProfileKey.allCases.map { (["  \($0.rawValue)"] + CommandLineParser.wrap($0.help, width: 78, indent: 6)).joined(separator: "\n") }
            .joined(separator: "\n") + """


            Examples:
              mscli config set auth_url https://auth.example.com --profile staging
              mscli config use staging
            """,
        subcommands: [List.self, Get.self, Set.self, Unset.self, Use.self, DeleteProfile.self, Path.self]
    )
}

extension ConfigCommand {
    struct ProfileView: Codable, Sendable {
        var name: String
        var current: Bool
        var settings: [String: String]
    }

    struct List: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "List profiles and their settings.",
            discussion: """
                Examples:
                  mscli config list
                  mscli config list -o json
                """)
        @OptionGroup var global: GlobalOptions
        var usesTargets: Bool { false }

        func run(_ context: CommandContext) async throws {
            let file = try ConfigFile.load(from: context.settings.configURL)
            let views = file.profiles.keys.sorted().map { name in
                ProfileView(
                    name: name, current: name == context.settings.profileName,
                    settings: Dictionary(uniqueKeysWithValues: (file.profiles[name] ?? [:]).map { ($0.key.rawValue, Secrets.setting($0.value)) }))
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
        static let configuration = CommandConfiguration(
            abstract: "Print one setting of the profile (passwords masked unless --reveal).",
            discussion: """
                Examples:
                  mscli config get auth_url
                  mscli config get auth_database_url --reveal --profile staging
                """)
        @Argument(help: "Setting name.") var key: ProfileKey
        @Flag(help: "Print the value as stored, passwords included (for scripts).") var reveal = false
        @OptionGroup var global: GlobalOptions
        var usesTargets: Bool { false }

        func run(_ context: CommandContext) async throws {
            let file = try ConfigFile.load(from: context.settings.configURL)
            guard let value = file.profiles[context.settings.profileName]?[key] else {
                throw CLIError("\(key.rawValue) is not set in profile \(context.settings.profileName)", status: .refused)
            }
            context.console.out(reveal ? value : Secrets.setting(value))
        }
    }

    struct Set: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a setting of the profile (creating the profile and the file as needed).",
            discussion: """
                Examples:
                  mscli config set auth_url http://127.0.0.1:8000 --profile staging
                  mscli config set booking_database_url 'service=booking' -p staging
                  mscli config set search_url http://127.0.0.1:9200 --profile staging
                """)
        @Argument(help: "Setting name.") var key: ProfileKey
        @Argument(help: "Value.") var value: String
        @OptionGroup var global: GlobalOptions
        var usesTargets: Bool { false }
        var createsProfile: Bool { true }

        func validate() throws {
            if key == .output, OutputFormat(rawValue: value) == nil { throw ValidationError("output must be \(OutputFormat.names)") }
            if [.authURL, .bookingURL, .foodURL, .searchURL].contains(key), !(value.hasPrefix("http://") || value.hasPrefix("https://")) {
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
        static let configuration = CommandConfiguration(
            abstract: "Remove a setting from the profile.",
            discussion: """
                Examples:
                  mscli config unset redis_url -p staging
                """)
        @Argument(help: "Setting name.") var key: ProfileKey
        @OptionGroup var global: GlobalOptions
        var usesTargets: Bool { false }

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
        static let configuration = CommandConfiguration(
            abstract: "Make a profile the current one.",
            discussion: """
                Examples:
                  mscli config use staging
                """)
        @Argument(help: "Profile name.") var name: String
        @OptionGroup var global: GlobalOptions
        var usesTargets: Bool { false }

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

    struct DeleteProfile: MSCLICommand {
        static let configuration = CommandConfiguration(
            commandName: "delete-profile",
            abstract: "Delete a profile and its stored session (asks first unless --yes).",
            discussion: """
                The session is ended at its auth service first (best effort), then forgotten. Deleting the current profile \
                leaves no current profile: name one with `mscli config use`.

                Examples:
                  mscli config delete-profile staging
                  mscli config delete-profile old-laptop --yes
                """)
        @Argument(help: "Profile name.") var name: String
        @Flag(name: [.short, .long], help: "Do not ask for confirmation.") var yes = false
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            var file = try ConfigFile.load(from: context.settings.configURL)
            let session = try? context.sessions.load(profile: name)
            guard file.profiles[name] != nil || session != nil else {
                let known = file.profiles.keys.sorted()
                throw CLIError(
                    "no profile \(name) in \(context.settings.configURL.path)"
                        + (known.isEmpty ? "" : " (profiles: \(known.joined(separator: ", ")))"), status: .refused)
            }
            let settings = file.profiles[name]?.count ?? 0
            try context.console.confirm(
                "Delete profile \(name) (\(settings) setting(s)\(session.map { ", the session of \($0.email)" } ?? "")) from \(context.settings.configURL.path)?",
                assumeYes: yes)
            if let session {
                _ = try? await ServiceHTTPClient(baseURL: session.authURL, token: session.token, on: context).send(.POST, "/auth/logout")
                context.sessions.delete(profile: name)
            }
            file.profiles.removeValue(forKey: name)
            let wasCurrent = file.currentProfile == name
            if wasCurrent { file.currentProfile = nil }
            try file.save(to: context.settings.configURL)
            context.message(
                "Deleted profile \(name)" + (session == nil ? "" : " and its session")
                    + (wasCurrent ? "; no profile is current now (`mscli config use NAME`)" : ""))
        }
    }

    struct Path: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the config file's path.",
            discussion: """
                Examples:
                  mscli config path
                  $EDITOR "$(mscli config path)"
                """)
        @OptionGroup var global: GlobalOptions
        var usesTargets: Bool { false }

        func run(_ context: CommandContext) async throws {
            context.console.out(context.settings.configURL.path)
        }
    }
}
