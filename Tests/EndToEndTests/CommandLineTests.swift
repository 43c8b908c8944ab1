import Foundation
import Testing
import TestSupport

/// How mscli reads a command line, in the process and in the shell: global options before the subcommand, "did you
/// mean" for commands and options, unknown options reported as such.
@Suite(.tags(.endToEnd)) struct CommandLineTests {
    @Test func globalOptionsMayComeBeforeTheSubcommand() async throws {
        try await EndToEnd.run { e2e in
            #expect(try await e2e.mscli("config", "set", "booking_url", "http://127.0.0.1:9", "--profile", "prod").status == 0)
            // -o and -p before the subcommand mean what they mean after it.
            let before = try await e2e.mscli("-o", "json", "-p", "prod", "config", "list")
            let after = try await e2e.mscli("config", "list", "-o", "json", "-p", "prod")
            #expect(before.status == 0 && before.stdout == after.stdout, "\(before)\n\(after)")
            #expect(before.stdout.hasPrefix("["), "\(before)")
            let equals = try await e2e.mscli("--profile=nope", "config", "get", "booking_url")
            #expect(equals.status == 64 && equals.stderr.contains("no profile nope"), "\(equals)")
            // Nothing but global options: the parser's own complaint, not a crash.
            let bare = try await e2e.mscli("-p", "prod")
            #expect(bare.status == 64, "\(bare)")
        }
    }

    @Test(arguments: [
        (["theatres", "list"], "Unknown command 'theatres' for 'mscli'. Did you mean 'theaters'?"),
        (["food", "order", "list"], "Unknown command 'order' for 'mscli food'. Did you mean 'orders'?"),
        (["migrate", "stauts", "auth"], "Unknown command 'stauts' for 'mscli migrate'. Did you mean 'status'?"),
        (["auth", "bogus"], "Unknown command 'bogus' for 'mscli auth'. Commands: "),
        (["theaters", "list", "--citty", "x"], "Unknown option '--citty' for 'mscli theaters list'. Did you mean '--city'?"),
        // The command's own check ("nothing to change") must not hide the unknown option.
        (["showings", "update", "7d3c4d1e-52a1-4d3c-9d35-5d5f2d2d1a11", "--bogus", "x"], "Unknown option '--bogus' for 'mscli showings update'."),
        (["theaters", "update", "7d3c4d1e-52a1-4d3c-9d35-5d5f2d2d1a11", "--citty", "x"], "Did you mean '--city'?"),
    ])
    func mistakesAreNamedWithTheNearestName(arguments: [String], expected: String) async throws {
        try await EndToEnd.run { e2e in
            let result = try await e2e.mscli(arguments)
            #expect(result.status == 64, "\(result)")
            #expect(result.stderr.contains(expected), "\(result)")
            #expect(!result.stderr.contains("nothing to change"), "\(result)")
            // The shell reads its lines with the same parser.
            let shell = try await e2e.mscli(["shell", "--keep-going"], input: arguments.joined(separator: " ") + "\n")
            #expect(shell.stderr.contains(expected), "\(shell)")
        }
    }

    @Test func sessionStatusTokenAndDeletingAProfile() async throws {
        try await EndToEnd.run { base in
            #expect(try await base.mscli("migrate", "up", "auth").status == 0)
            let (auth, authURL) = try await base.startAuthService()
            defer { Task { await auth.stop() } }
            var e2e = base
            e2e.serviceURL = authURL
            let created = try await e2e.mscli(
                "auth", "users", "create", "--maintenance", "--email", "ops@example.com", "--name", "Ops", "--role", "admin",
                "--password-stdin", input: "password-123")
            #expect(created.status == 0, "\(created)")

            let before = try await e2e.mscli("auth", "status")
            #expect(before.status == 4 && before.stdout.contains("logged_in   no") && before.stderr.contains("not logged in"), "\(before)")
            #expect(try await e2e.mscli("auth", "token").status == 4)

            let login = try await e2e.mscli("auth", "login", "--email", "ops@example.com", "--password-stdin", input: "password-123")
            #expect(login.status == 0, "\(login)")
            let status = try await e2e.mscli("auth", "status", "-o", "json")
            #expect(status.status == 0, "\(status)")
            let object = try #require(try e2e.json(status) as? [String: Any])
            #expect(object["email"] as? String == "ops@example.com" && object["logged_in"] as? Bool == true, "\(status)")
            #expect((object["seconds_left"] as? Int ?? 0) > 60, "\(status)")
            #expect(object["auth_url"] as? String == authURL, "\(status)")

            // The token alone, as another tool would use it: whoami through MSCLI_TOKEN with no stored session.
            let token = try await e2e.mscli("auth", "token")
            #expect(token.status == 0 && token.stdout.split(separator: ".").count == 3, "\(token)")
            let cookie = try await e2e.mscli("auth", "token", "--cookie")
            #expect(cookie.stdout == "access_token=" + token.stdout, "\(cookie)")
            let other = base.home.appendingPathComponent("other-config").path
            let whoami = try await e2e.mscli(
                ["auth", "whoami", "-o", "json"],
                env: ["MSCLI_TOKEN": token.stdout.trimmingCharacters(in: .newlines), "XDG_CONFIG_HOME": other])
            #expect(whoami.status == 0 && whoami.stdout.contains("ops@example.com"), "\(whoami)")

            // Deleting the profile: refused without a terminal, then done with --yes, session and all.
            #expect(try await e2e.mscli("config", "set", "output", "table", "--profile", "default").status == 0)
            let refused = try await e2e.mscli("config", "delete-profile", "default")
            #expect(refused.status == 2 && refused.stderr.contains("the session of ops@example.com"), "\(refused)")
            let deleted = try await e2e.mscli("config", "delete-profile", "default", "--yes")
            #expect(deleted.status == 0 && deleted.stderr.contains("Deleted profile default and its session"), "\(deleted)")
            let after = try await e2e.mscli("auth", "status")
            #expect(after.status == 4, "\(after)")
            // The token was ended at the service too, not only forgotten here.
            let revoked = try await e2e.mscli(
                ["auth", "whoami"], env: ["MSCLI_TOKEN": token.stdout.trimmingCharacters(in: .newlines), "XDG_CONFIG_HOME": other])
            #expect(revoked.status == 4, "\(revoked)")
            let missing = try await e2e.mscli("config", "delete-profile", "default", "--yes")
            #expect(missing.status == 4 && missing.stderr.contains("no profile default"), "\(missing)")
        }
    }
}
