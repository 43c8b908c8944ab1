import Foundation
import Testing

@testable import MSCLIKit

/// `config.toml` (``ConfigFile``): profiles, what is refused in it, and files only their owner may read (``SecureFile``).
@Suite struct ConfigFileTests {
    /// A private directory for one test's files, removed afterwards.
    static func withDirectory<T>(_ body: (URL) async throws -> T) async rethrows -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mscli-config-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        return try await body(dir)
    }

    static func write(_ text: String, in dir: URL) throws -> URL {
        let url = dir.appendingPathComponent("config.toml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func readsProfilesAndTheCurrentOne() async throws {
        try await Self.withDirectory { dir in
            let url = try Self.write(
                """
                current_profile = "local"

                [profiles.local]
                auth_url = "http://127.0.0.1:8000"
                output = "json"

                [profiles."prod eu"]
                booking_database_url = "postgres://ops:secret@db:5432/booking"
                """, in: dir)
            let config = try ConfigFile.load(from: url)
            #expect(config.currentProfile == "local")
            #expect(config.profiles["local"] == [.authURL: "http://127.0.0.1:8000", .output: "json"])
            #expect(config.profiles["prod eu"] == [.bookingDatabaseURL: "postgres://ops:secret@db:5432/booking"])
        }
    }

    @Test func aMissingFileIsAnEmptyConfig() throws {
        #expect(try ConfigFile.load(from: URL(fileURLWithPath: "/nonexistent/mscli/config.toml")) == ConfigFile())
    }

    /// Each refusal names the file and what is wrong in it; nothing is silently ignored.
    @Test(arguments: [
        ("current_profile = ", "is not valid TOML"),
        ("[profiles.local\nauth_url = \"x\"", "is not valid TOML"),
        ("colour = \"blue\"", "unknown key colour (known: current_profile, profiles)"),
        ("[profiles.local]\nauth_ulr = \"x\"", "unknown setting profiles.local.auth_ulr (known: auth_url, auth_database_url,"),
        ("current_profile = 3", "current_profile must be a string"),
        ("profiles = \"local\"", "profiles must be a table"),
        ("[profiles]\nlocal = 1", "profiles.local must be a table"),
        ("[profiles.local]\nauth_url = 8000", "profiles.local.auth_url must be a string"),
    ])
    func refusals(text: String, fragment: String) async throws {
        try await Self.withDirectory { dir in
            let url = try Self.write(text, in: dir)
            let error = #expect(throws: CLIError.self) { try ConfigFile.load(from: url) }
            #expect(error?.message.contains(url.path) == true, "\(String(describing: error))")
            #expect(error?.message.contains(fragment) == true, "\(String(describing: error))")
            #expect(error?.status == .failure)
        }
    }

    /// What `save` writes reads back the same, whatever the names and values hold; the file is 0600 in a 0700 directory.
    @Test func saveRoundTripsPrivately() async throws {
        try await Self.withDirectory { dir in
            let url = dir.appendingPathComponent("nested/config.toml")
            let config = ConfigFile(
                currentProfile: "prod eu",
                profiles: [
                    "prod eu": [.authURL: "http://a\"b\\c", .foodShardURLs: "postgres://x@h/s0,postgres://x@h/s1"],
                    "local": [.output: "tsv", .redisURL: "redis://:p\tw\n@cache:6379/0\u{1}"],
                ])
            try config.save(to: url)
            #expect(try ConfigFile.load(from: url) == config)
            let file = try FileManager.default.attributesOfItem(atPath: url.path)
            #expect((file[.posixPermissions] as? Int) == 0o600)
            let folder = try FileManager.default.attributesOfItem(atPath: url.deletingLastPathComponent().path)
            #expect((folder[.posixPermissions] as? Int) == 0o700)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
            #expect(leftovers == ["config.toml"], "no temporary file is left behind")
        }
    }

    @Test(arguments: [("local", "local"), ("prod-eu_2", "prod-eu_2"), ("prod eu", "\"prod eu\""), ("", "\"\""), ("a.b", "\"a.b\"")])
    func profileNamesAreQuotedOnlyWhenTheyMustBe(name: String, key: String) {
        #expect(ConfigFile.quoteKey(name) == key)
    }

    /// A file others can read is refused, as ssh refuses such keys; the owner's own file is read.
    @Test func privateFilesRefuseOtherReaders() async throws {
        try await Self.withDirectory { dir in
            let url = dir.appendingPathComponent("session.json")
            try SecureFile.write("{}", to: url)
            #expect(try SecureFile.readPrivate(url) == "{}")
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path)
            let error = #expect(throws: CLIError.self) { try SecureFile.readPrivate(url) }
            #expect(error?.message == "\(url.path) can be read by other users; run `chmod 600 \(url.path)` or log in again")
            #expect(try SecureFile.readPrivate(dir.appendingPathComponent("absent")) == nil)
        }
    }

    /// Through a command: a profile that does not exist is a usage error naming those that do; a broken file fails
    /// before anything is reached (no backend handler is set).
    @Test func commandsReadTheConfig() async throws {
        try await Self.withDirectory { dir in
            let url = try Self.write("[profiles.local]\noutput = \"json\"\n[profiles.staging]\n", in: dir)
            let mscli = InProcessMSCLI(booking: FakeBookingBackend(), environment: ["MSCLI_CONFIG": url.path])
            let missing = await mscli.run("-p", "prod", "theaters", "list")
            #expect(missing.status == 64, "\(missing)")
            #expect(missing.stderr == "mscli: no profile prod in \(url.path) (profiles: local, staging)\n")

            _ = try Self.write("[profiles.local]\ncolour = \"blue\"\n", in: dir)
            let broken = await mscli.run("theaters", "list")
            #expect(broken.status == 1, "\(broken)")
            #expect(broken.stderr.hasPrefix("mscli: \(url.path): unknown setting profiles.local.colour"), "\(broken)")
        }
    }
}
