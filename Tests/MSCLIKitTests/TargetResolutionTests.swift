import Foundation
import Testing

@testable import MSCLIKit

/// The rule that keeps a command to one environment (``TargetResolution``), without a binary or a database.
@Suite struct TargetResolutionTests {
    static let staging: [ProfileKey: String] = [
        .authURL: "https://auth.staging.example",
        .authDatabaseURL: "postgres://ops:pw@staging-db:5432/auth_service",
        .foodDatabaseURL: "postgres://ops:pw@staging-db:5432/food_service",
        .foodShardURLs: "postgres://ops:pw@staging-db:5432/food_shard_0,postgres://ops:pw@staging-db:5432/food_shard_1",
    ]
    static let localEnvironment = [
        "AUTH_DATABASE_URL": "postgres://postgres:pw@127.0.0.1:5432/auth_service",
        "AUTH_SERVICE_URL": "http://127.0.0.1:8000",
        "FOOD_DATABASE_URL": "postgres://postgres:pw@127.0.0.1:5432/food_service",
        "HOME": "/nonexistent",
    ]

    @Test func explicitProfileIgnoresExportedVariablesAndNamesThem() throws {
        let resolved = try TargetResolution.resolve(
            flags: [:], environment: Self.localEnvironment, profileName: "staging", profile: Self.staging,
            chosen: ProfileChoice(name: "staging", by: "-p"))
        #expect(resolved.source == .profile("staging", chosenBy: "-p"))
        #expect(resolved.values[.authDatabaseURL] == Self.staging[.authDatabaseURL])
        #expect(resolved.values[.foodDatabaseURL] == Self.staging[.foodDatabaseURL])
        #expect(resolved.values[.authURL] == "https://auth.staging.example")
        #expect(
            resolved.notes == ["note: profile staging (-p) is used; ignoring exported AUTH_SERVICE_URL, AUTH_DATABASE_URL, FOOD_DATABASE_URL"])
    }

    @Test func explicitProfileSaysNothingWhenTheVariablesAgree() throws {
        let env = ["AUTH_DATABASE_URL": Self.staging[.authDatabaseURL]!]
        let resolved = try TargetResolution.resolve(
            flags: [:], environment: env, profileName: "staging", profile: Self.staging, chosen: ProfileChoice(name: "staging", by: "-p"))
        #expect(resolved.notes.isEmpty)
    }

    @Test func exportedVariablesAreNeverCompletedByTheCurrentProfile() throws {
        let env = ["FOOD_DATABASE_URL": "postgres://postgres:pw@127.0.0.1:5432/food_service"]
        let resolved = try TargetResolution.resolve(flags: [:], environment: env, profileName: "staging", profile: Self.staging, chosen: nil)
        #expect(resolved.source == .environment)
        #expect(resolved.values[.foodDatabaseURL] == env["FOOD_DATABASE_URL"])
        #expect(resolved.values[.foodShardURLs] == nil, "the shards of another environment")
        #expect(resolved.values[.authDatabaseURL] == nil)
        #expect(resolved.values[.authURL] == Settings.defaultAuthURL, "service URLs fall back to the built-in defaults")
        #expect(resolved.notes.count == 1)
        #expect(resolved.notes.first?.contains("food_shard_urls") == true, "\(resolved.notes)")
        #expect(resolved.notes.first?.contains("auth_database_url") == true, "\(resolved.notes)")
    }

    @Test func withoutVariablesTheCurrentProfileIsTheEnvironment() throws {
        let resolved = try TargetResolution.resolve(flags: [:], environment: ["HOME": "/x"], profileName: "staging", profile: Self.staging, chosen: nil)
        #expect(resolved.source == .profile("staging", chosenBy: nil))
        #expect(resolved.values[.foodShardURLs] == Self.staging[.foodShardURLs])
        #expect(resolved.values[.bookingURL] == Settings.defaultBookingURL)
        #expect(resolved.notes.isEmpty)
    }

    @Test func flagsWinValueByValueInEveryMode() throws {
        let flag = "postgres://me:pw@flag-host:6543/auth_service"
        for chosen in [ProfileChoice(name: "staging", by: "-p"), nil] {
            let resolved = try TargetResolution.resolve(
                flags: [.authDatabaseURL: flag], environment: Self.localEnvironment, profileName: "staging", profile: Self.staging,
                chosen: chosen)
            #expect(resolved.values[.authDatabaseURL] == flag)
            #expect(resolved.notes.allSatisfy { !$0.contains("AUTH_DATABASE_URL") }, "a variable a flag beats is not 'ignored for the profile'")
        }
    }

    @Test func profileFromMSCLIProfileAndDifferentVariablesIsRefused() throws {
        #expect(throws: CLIError.self) {
            try TargetResolution.resolve(
                flags: [:], environment: Self.localEnvironment, profileName: "staging", profile: Self.staging,
                chosen: ProfileChoice(name: "staging", by: "MSCLI_PROFILE"))
        }
        do {
            _ = try TargetResolution.resolve(
                flags: [:], environment: Self.localEnvironment, profileName: "staging", profile: Self.staging,
                chosen: ProfileChoice(name: "staging", by: "MSCLI_PROFILE"))
        } catch let error as CLIError {
            #expect(error.status == .usage)
            #expect(error.message.contains("unset AUTH_SERVICE_URL AUTH_DATABASE_URL FOOD_DATABASE_URL"), "\(error.message)")
            #expect(!error.message.contains("pw@"), "\(error.message)")
        }
        // Not refused when the command does not reach a target (config ...): the profile is used.
        let lenient = try TargetResolution.resolve(
            flags: [:], environment: Self.localEnvironment, profileName: "staging", profile: Self.staging,
            chosen: ProfileChoice(name: "staging", by: "MSCLI_PROFILE"), refuseMix: false)
        #expect(lenient.values[.authDatabaseURL] == Self.staging[.authDatabaseURL])
    }

    @Test func searchURLIsATargetLikeTheOthers() throws {
        let env = ["SEARCH_URL": "http://127.0.0.1:9200"]
        let fromEnv = try TargetResolution.resolve(flags: [:], environment: env, profileName: "p", profile: [.searchURL: "http://s:9200"], chosen: nil)
        #expect(fromEnv.values[.searchURL] == "http://127.0.0.1:9200")
        let fromProfile = try TargetResolution.resolve(
            flags: [:], environment: env, profileName: "p", profile: [.searchURL: "http://s:9200"], chosen: ProfileChoice(name: "p", by: "-p"))
        #expect(fromProfile.values[.searchURL] == "http://s:9200")
        #expect(fromProfile.notes == ["note: profile p (-p) is used; ignoring exported SEARCH_URL"])
    }

    /// The shell's options are flags under the line's own: the line wins, and `use PROFILE` is an explicit choice.
    @Test func shellOptionsAreFlagsUnderTheLine() throws {
        let shell = try GlobalOptions.parse(["--profile", "staging", "--auth-url", "http://shell:1", "--maintenance"])
        let line = try GlobalOptions.parse(["--auth-url", "http://line:2"])
        let merged = line.laid(over: shell)
        #expect(merged.profile == "staging")
        #expect(merged.authURL == "http://line:2")
        #expect(merged.maintenance)
        let other = try GlobalOptions.parse(["-p", "local"]).laid(over: shell)
        #expect(other.profile == "local")
        #expect(other.authURL == "http://shell:1")
    }

    /// Through ``Settings/resolve``: a config file on disk, the profile chosen with -p against exported variables.
    @Test func settingsResolveReadsTheProfileAndNotesTheIgnoredVariables() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mscli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("config.toml")
        try ConfigFile(currentProfile: "local", profiles: ["staging": Self.staging, "local": [.authURL: "http://127.0.0.1:8000"]]).save(to: config)
        var env = Self.localEnvironment
        env["MSCLI_CONFIG"] = config.path
        let settings = try Settings.resolve(try GlobalOptions.parse(["-p", "staging"]), environment: env)
        #expect(settings.profileName == "staging")
        #expect(settings.authDatabaseURL == Self.staging[.authDatabaseURL])
        #expect(settings.foodShardURLs.count == 2)
        #expect(settings.notes.count == 1)
        let ambient = try Settings.resolve(try GlobalOptions.parse([]), environment: env)
        #expect(ambient.source == .environment)
        #expect(ambient.profileName == "local", "the current profile still holds the session and the output format")
        #expect(ambient.foodShardURLs.isEmpty)
    }
}
