import Foundation
import Testing
import TestSupport

/// `mscli auth` end to end: the real binaries, the real service, a private config directory.
@Suite(.tags(.endToEnd)) struct AuthCommandTests {
    @Test func operatorBootstrapsAnAdminThenManagesUsersOverHTTP() async throws {
        try await EndToEnd.run { base in
            #expect(try await base.mscli("migrate", "up", "auth").status == 0)
            let (service, url) = try await base.startAuthService()
            defer { Task { await service.stop() } }
            var e2e = base
            e2e.serviceURL = url

            // Maintenance mode: the first super_admin, straight into the database.
            let root = try await e2e.mscli(
                "auth", "users", "create", "--maintenance", "--email", "root@example.com", "--name", "Root", "--role", "super_admin",
                "--password-stdin", input: "root-password\n")
            #expect(root.status == 0, "\(root)")
            #expect(root.stdout.contains("super_admin"))

            // Not signed in yet: refused with 4 and a hint.
            let anonymous = try await e2e.mscli("auth", "users", "list")
            #expect(anonymous.status == 4 && anonymous.stderr.contains("mscli auth login"), "\(anonymous)")

            let badLogin = try await e2e.mscli("auth", "login", "--email", "root@example.com", "--password-stdin", input: "wrong-password")
            #expect(badLogin.status == 4 && badLogin.stderr == "mscli: Login credentials incorrect\n", "\(badLogin)")
            let login = try await e2e.mscli("auth", "login", "--email", "root@example.com", "--password-stdin", "-o", "json", input: "root-password")
            #expect(login.status == 0, "\(login)")

            // The session file is private.
            let sessionFile = e2e.home.appendingPathComponent("config/mscli/sessions/default.json")
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: sessionFile.path)[.posixPermissions] as? Int)
            #expect(mode == 0o600)

            let whoami = try await e2e.mscli("auth", "whoami", "-o", "json")
            let me = try #require(try e2e.json(whoami) as? [String: Any])
            #expect(me["email"] as? String == "root@example.com" && me["role"] as? String == "super_admin")

            let signup = try await e2e.mscli(
                "auth", "register", "--email", "ana@example.com", "--name", "Ana", "--password-stdin", "-o", "json", input: "ana-password")
            #expect(signup.status == 0, "\(signup)")
            let registered = try #require(try e2e.json(signup) as? [String: Any])
            #expect(registered["role"] as? String == "user" && UUID(uuidString: registered["id"] as? String ?? "") != nil)
            let created = try await e2e.mscli(
                "auth", "users", "create", "--email", "mod@example.com", "--name", "Mod", "--role", "moderator", "--password-stdin", "-o", "json",
                input: "mod-password")
            #expect(created.status == 0, "\(created)")

            let list = try #require(try e2e.json(try await e2e.mscli("auth", "users", "list", "-o", "json")) as? [String: Any])
            #expect(list["total"] as? Int == 3)
            #expect((list["items"] as? [[String: Any]])?.map { $0["email"] as? String } == ["root@example.com", "ana@example.com", "mod@example.com"])

            let promoted = try await e2e.mscli("auth", "users", "set-role", "ANA@example.com", "admin", "-o", "json")
            #expect((try e2e.json(promoted) as? [String: Any])?["role"] as? String == "admin", "\(promoted)")
            let disabled = try await e2e.mscli("auth", "users", "disable", "ana@example.com", "-o", "json")
            #expect((try e2e.json(disabled) as? [String: Any])?["disabled"] as? Bool == true)
            let anaLogin = try await e2e.mscli("auth", "login", "--email", "ana@example.com", "--password-stdin", input: "ana-password")
            #expect(anaLogin.status == 4 && anaLogin.stderr.contains("disabled"), "\(anaLogin)")

            let notConfirmed = try await e2e.mscli("auth", "users", "delete", "mod@example.com")
            #expect(notConfirmed.status == 2, "\(notConfirmed)")
            #expect(try await e2e.mscli("auth", "users", "delete", "mod@example.com", "--yes").status == 0)
            let gone = try await e2e.mscli("auth", "users", "get", "mod@example.com")
            #expect(gone.status == 4 && gone.stderr == "mscli: no user with the e-mail address \"mod@example.com\"\n", "\(gone)")

            let selfDemote = try await e2e.mscli("auth", "users", "set-role", "root@example.com", "user")
            #expect(selfDemote.status == 4, "\(selfDemote)")

            #expect(try await e2e.mscli("auth", "logout").status == 0)
            #expect(try await e2e.mscli("auth", "whoami").status == 4)
        }
    }

    @Test func exitCodesForEachFailureClass() async throws {
        try await EndToEnd.run { base in
            #expect(try await base.mscli("migrate", "up", "auth").status == 0)
            var e2e = base
            // usage
            #expect(try await e2e.mscli("auth", "users", "list", "--limit", "0").status == 64)
            #expect(try await e2e.mscli("auth", "users", "frobnicate").status == 64)
            #expect(try await e2e.mscli("auth", "users", "set-role", "x@example.com", "emperor").status == 64)
            #expect(try await e2e.mscli("auth", "whoami", "--profile", "nope").status == 64)
            // refused: not found in maintenance mode
            let missing = try await e2e.mscli("auth", "users", "get", "ghost@example.com", "--maintenance")
            #expect(missing.status == 4, "\(missing)")
            // refused: invalid input judged by the service rules
            let weak = try await e2e.mscli(
                "auth", "users", "create", "--maintenance", "--email", "w@example.com", "--name", "W", "--password-stdin", input: "short")
            #expect(weak.status == 4 && weak.stderr.contains("password: Password must be at least 8 characters"), "\(weak)")
            // unreachable: a service that is not there (token given so the command gets as far as the network)
            e2e.serviceURL = "http://127.0.0.1:\(ProcessRunner.freePort())"
            let unreachable = try await e2e.mscli("auth", "users", "list", env: ["MSCLI_TOKEN": "x"])
            #expect(unreachable.status == 5 && unreachable.stderr.contains("connection refused"), "\(unreachable)")
            // cancelled: a password prompt with no terminal
            let noTTY = try await e2e.mscli("auth", "login", "--email", "a@example.com")
            #expect(noTTY.status == 2 && noTTY.stderr.contains("--password-stdin"), "\(noTTY)")
        }
    }

    @Test func profilesComeFromTheConfigFileAndFlagsWin() async throws {
        try await EndToEnd.run { e2e in
            #expect(try await e2e.mscli("config", "set", "auth_url", "http://127.0.0.1:1", "--profile", "staging").status == 0)
            #expect(try await e2e.mscli("config", "set", "output", "json", "--profile", "staging").status == 0)
            #expect(try await e2e.mscli("config", "set", "colour", "x").status == 64)
            let get = try await e2e.mscli("config", "get", "auth_url", "--profile", "staging")
            #expect(get.stdout == "http://127.0.0.1:1\n")
            let config = try String(contentsOf: e2e.home.appendingPathComponent("config/mscli/config.toml"), encoding: .utf8)
            #expect(config.contains("[profiles.staging]") && config.contains("current_profile = \"staging\""))
            // The profile's output default applies; the flag overrides it.
            let json = try await e2e.mscli("migrate", "status", "auth")
            #expect(json.stdout.hasPrefix("["), "\(json)")
            let table = try await e2e.mscli("migrate", "status", "auth", "-o", "table")
            #expect(table.stdout.hasPrefix("VERSION"))
            // A typo in the file is an error, not silently ignored.
            try "[profiles.staging]\nauth_ulr = \"x\"\n".write(
                to: e2e.home.appendingPathComponent("config/mscli/config.toml"), atomically: true, encoding: .utf8)
            let typo = try await e2e.mscli("migrate", "status", "auth")
            #expect(typo.status == 1 && typo.stderr.contains("unknown setting profiles.staging.auth_ulr"), "\(typo)")
        }
    }
}
