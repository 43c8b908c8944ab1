import Foundation
import Testing
import TestSupport

/// `mscli shell`: scripts (file and piped), and the interactive prompt under a real pseudo-terminal (tmux): typing,
/// TAB completion, history across sessions, Ctrl-C at the prompt and during a long command, `use`, Ctrl-D.
@Suite(.tags(.endToEnd)) struct ShellTests {
    static var redisURL: String? { ProcessInfo.processInfo.environment["REDIS_URL"] }

    @Test func scriptsStopAtTheFirstFailureWithItsLineUnlessKeepGoing() async throws {
        try await EndToEnd.run { e2e in
            let script = e2e.home.appendingPathComponent("setup.msh")
            try """
                # migrate and look around
                migrate up auth

                migrate status auth \\
                    -o json
                auth users get "nobody@example.com"   # refused: exit 4
                migrate status auth
                """.write(to: script, atomically: true, encoding: .utf8)
            let stopped = try await e2e.mscli("shell", "-f", script.path)
            #expect(stopped.status == 4, "\(stopped)")
            #expect(stopped.stderr.contains("mscli: stopped at line 6 of \(script.path) (exit code 4)"), "\(stopped)")
            let status = try #require(stopped.stdout.range(of: "["), "\(stopped)")
            let rows = try JSONSerialization.jsonObject(with: Data(stopped.stdout[status.lowerBound...].utf8)) as? [[String: Any]]
            #expect(rows?.allSatisfy { $0["state"] as? String == "applied" } == true, "the continued line ran with -o json: \(stopped)")

            let going = try await e2e.mscli("shell", "-f", script.path, "--keep-going")
            #expect(going.status == 4 && going.stderr.contains("line 6 of \(script.path) failed (exit code 4); going on"), "\(going)")
            #expect(going.stdout.split(separator: "\n").last?.contains("maintenance_audit_trail") == true && going.stdout.split(separator: "\n").last?.contains("applied") == true, "the last line ran: \(going)")

            // Standard input that is not a terminal is a script too; options of `shell` reach every line.
            let piped = try await e2e.mscli(["shell", "-o", "json"], input: "migrate status auth\nexit 7\nmigrate status auth\n")
            #expect(piped.status == 7, "\(piped)")
            #expect(piped.stdout.hasPrefix("[") && piped.stdout.components(separatedBy: "\"version\"").count == 5, "one status, as JSON: \(piped)")
            let unterminated = try await e2e.mscli(["shell"], input: "migrate status \"auth\n")
            #expect(unterminated.status == 64 && unterminated.stderr.contains("ends inside quotes"), "\(unterminated)")
            let usage = try await e2e.mscli(["shell"], input: "theaters list --limit 0\n")
            #expect(usage.status == 64 && usage.stderr.contains("--limit must be from 1 to 1000"), "\(usage)")
        }
    }

    @Test(.enabled(if: TerminalSession.available, "needs tmux (scripts/test installs it)"))
    func anInteractiveSessionUnderAPseudoTerminal() async throws {
        try await EndToEnd.run { e2e in
            #expect(try await e2e.mscli("migrate", "up", "auth").status == 0)
            // Two complete profiles of the one database (ops first: the first profile written becomes the current one);
            // a profile the shell is given, or `use`s, is the environment of every line.
            try await e2e.profile("ops", [.authDatabaseURL: e2e.databaseURL, .output: "yaml"])
            try await e2e.profile("default", [.authDatabaseURL: e2e.databaseURL])
            var environment = e2e.environment
            environment["MSCLI_HISTORY"] = e2e.home.appendingPathComponent("state/history").path
            // (ops is the current profile; the shell starts on `default` all the same.)
            let terminal = try await TerminalSession(Binaries.path("mscli"), ["shell", "--profile", "default"], environment: environment)
            defer { Task { await terminal.close() } }
            try await terminal.waitFor("mscli(default)>")

            // TAB completes commands, subcommands, fixed values and options from the parser's own tree.
            try await terminal.send("mig", "Tab", "st", "Tab", "au", "Tab", "--ch", "Tab", "Enter")
            try await terminal.waitFor("migrate status auth --check") { $0.contains("migrate status auth --check") && $0.contains("roles_and_account_state") }
            // A refused command prints its error and the shell goes on.
            try await terminal.send("auth whoami", "Enter")
            try await terminal.waitFor("mscli: not logged in (profile default)")
            // Ctrl-C at the prompt drops the half-typed line.
            try await terminal.send("auth users delete everyone")
            try await terminal.send("C-c")
            try await terminal.waitFor("everyone^C")
            // History: Up twice recalls the migrate line.
            try await terminal.send("Up", "Up", "Enter")
            try await terminal.waitFor("second run of the recalled line") { $0.components(separatedBy: "migrate status auth --check").count == 3 }
            // `use` switches profile (completed from the config file); the prompt and the output format follow.
            try await terminal.send("use o", "Tab", "Enter")
            try await terminal.waitFor("mscli(ops)>")
            try await terminal.send("migrate status auth", "Enter")
            try await terminal.waitFor("- applied_at:")

            // Ctrl-C during a long command cancels it, not the shell.
            if let redis = Self.redisURL {
                try await terminal.send("food orders watch --all --maintenance --redis-url \(redis)", "Enter")
                try await terminal.waitFor("watching every instance")
                try await terminal.send("C-c")
                try await terminal.waitFor("a prompt after the cancelled watch") { screen in
                    screen.split(separator: "\n").last.map { $0.hasPrefix("mscli(ops)>") } == true
                        && screen.components(separatedBy: "mscli(ops)>").count >= 4
                }
            }
            try await terminal.send("C-d")
            try await terminal.waitFor("[exited 0]")

            // The history file: private, and it carries over to the next session.
            let history = URL(fileURLWithPath: environment["MSCLI_HISTORY"]!)
            let attributes = try FileManager.default.attributesOfItem(atPath: history.path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let lines = try String(contentsOf: history, encoding: .utf8).split(separator: "\n")
            #expect(lines.first == "migrate status auth --check" && !lines.contains("auth users delete everyone"), "\(lines)")
            let again = try await TerminalSession(Binaries.path("mscli"), ["shell"], environment: environment)
            defer { Task { await again.close() } }
            try await again.waitFor("mscli(ops)>")
            try await again.send("Up")
            try await again.waitFor(lines.last.map(String.init) ?? "?")
            try await again.send("C-u", "exit 3", "Enter")
            try await again.waitFor("[exited 3]")
            await again.close()
            await terminal.close()
        }
    }
}
