import ArgumentParser
import Foundation
import Testing

@testable import MSCLIKit

/// How mscli reads a command line (``CommandLineParser``): global options before the subcommand, "did you mean",
/// unknown options named as such, and the defaults a command gets.
@Suite struct CommandLineParsingTests {
    /// Global options written before the subcommand move to just after it; anything else stays where it was.
    @Test(arguments: [
        (["-p", "prod", "theaters", "list"], ["theaters", "list", "-p", "prod"]),
        (["-o=json", "--maintenance", "theaters", "list", "--city", "Pune"], ["theaters", "list", "-o=json", "--maintenance", "--city", "Pune"]),
        (["--profile", "staging", "migrate", "status", "--all"], ["migrate", "status", "--profile", "staging", "--all"]),
        (["theaters", "list", "-p", "prod"], ["theaters", "list", "-p", "prod"]),
        (["-p", "prod"], ["-p", "prod"]),  // no subcommand: the parser says what is wrong
        (["-p", "prod", "nosuch"], ["-p", "prod", "nosuch"]),
        (["--", "-p", "prod"], ["--", "-p", "prod"]),
        (["--city", "Pune", "theaters", "list"], ["--city", "Pune", "theaters", "list"]),  // not a global option
    ])
    func globalOptionsMoveAfterTheCommand(arguments: [String], expected: [String]) {
        #expect(CommandLineParser.globalOptionsAfterCommand(arguments) == expected)
    }

    @Test func globalOptionsBeforeTheCommandReachIt() throws {
        let command = try #require(try CommandLineParser.parse(["-p", "prod", "-o", "tsv", "theaters", "list"]) as? TheatersCommand.List)
        #expect(command.global.profile == "prod")
        #expect(command.global.output == .tsv)
    }

    @Test func defaults() throws {
        let command = try #require(try CommandLineParser.parse(["theaters", "list"]) as? TheatersCommand.List)
        #expect(command.page.limit == 100)
        #expect(command.page.offset == 0)
        #expect(command.city == nil)
        #expect(command.global.profile == nil)
        #expect(command.global.output == nil)
        #expect(command.global.maintenance == false)
    }

    /// A misspelt command or option is a usage error (exit 64) that names the nearest known one.
    @Test(arguments: [
        (["theatres", "list"], "Error: Unknown command 'theatres' for 'mscli'. Did you mean 'theaters'?\n  See 'mscli --help' for more information."),
        (["theaters", "lst"], "Error: Unknown command 'lst' for 'mscli theaters'. Did you mean 'list'?\n  See 'mscli theaters --help' for more information."),
        (["theaters", "list", "--cty", "Pune"],
         "Error: Unknown option '--cty' for 'mscli theaters list'. Did you mean '--city'?\n  See 'mscli theaters list --help' for more information."),
        (["-p", "prod", "theaters", "list", "--limt=5"],
         "Error: Unknown option '--limt' for 'mscli theaters list'. Did you mean '--limit'?\n  See 'mscli theaters list --help' for more information."),
        (["theaters", "list", "--bogus"], "Error: Unknown option '--bogus' for 'mscli theaters list'.\n  See 'mscli theaters list --help' for more information."),
    ])
    func didYouMean(arguments: [String], expected: String) async {
        let run = await InProcessMSCLI().run(arguments)
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr == expected + "\n")
        #expect(run.stdout.isEmpty)
    }

    /// An unknown command with nothing near it lists the commands there are.
    @Test func unknownCommandListsTheCommands() throws {
        let problem = try #require(CommandLineParser.diagnose(["frobnicate"], tree: CommandTree.mscli.command))
        #expect(problem.message.hasPrefix("Unknown command 'frobnicate' for 'mscli'. Commands: auth, theaters, movies, showings, book,"), "\(problem)")
    }

    /// Lines ArgumentParser handles itself (help, a value where a value belongs) are not "diagnosed".
    @Test(arguments: [["help", "theaters"], ["theaters", "list", "--limit", "-5"], ["theaters", "get", "PVR Forum"], ["theaters", "list", "--", "--x"]])
    func notDiagnosed(arguments: [String]) {
        #expect(CommandLineParser.diagnose(arguments, tree: CommandTree.mscli.command) == nil)
    }

    @Test func helpAndVersionSucceedOnStdout() async {
        let help = await InProcessMSCLI().run("--help")
        #expect(help.status == 0)
        #expect(help.stdout.contains("Exit codes: 0 success; 1 error;"), "\(help)")
        #expect(help.stderr.isEmpty)
        let version = await InProcessMSCLI().run("--version")
        #expect(version.status == 0)
        #expect(version.stdout == MSCLI.version + "\n")
        let group = await InProcessMSCLI().run("theaters")
        #expect(group.status == 0, "\(group)")
        #expect(group.stdout.contains("SUBCOMMANDS:"), "\(group)")
    }

    @Test(arguments: [
        ("theatres", ["theaters", "movies"], " Did you mean 'theaters'?"),
        ("--cty", ["--city", "--limit"], " Did you mean '--city'?"),
        ("stat", ["status", "up", "down"], " Did you mean 'status'?"),
        ("migr", ["migrate", "auth"], " Did you mean 'migrate'?"),  // a prefix of three letters or more, however far
        ("xyz", ["status", "up", "down"], ""),
        ("lst", ["list", "get"], " Did you mean 'list'?"),
        ("gte", ["get", "set"], " Did you mean 'get'?"),  // a swap of neighbours costs one
        ("lst", ["list", "last"], " Did you mean 'last'?"),  // equally near: the first name in order
    ])
    func suggestion(word: String, candidates: [String], expected: String) {
        #expect(CommandLineParser.suggestion(for: word, among: candidates) == expected)
    }

    @Test(arguments: [
        ("", "abc", 3), ("abc", "", 3), ("abc", "abc", 0), ("kitten", "sitting", 3), ("ab", "ba", 1), ("theatres", "theaters", 1),
        ("ca", "abc", 3),  // optimal string alignment: no edit of a swapped pair
    ])
    func editDistance(a: String, b: String, distance: Int) {
        #expect(CommandLineParser.editDistance(Array(a), Array(b)) == distance)
        #expect(CommandLineParser.editDistance(Array(b), Array(a)) == distance)
    }

    @Test func wrapIndentsAndKeepsWithinTheWidth() {
        let lines = CommandLineParser.wrap("one two three four five six seven", width: 16, indent: 4)
        #expect(lines == ["    one two", "    three four", "    five six", "    seven"])
        #expect(CommandLineParser.wrap("", width: 16, indent: 4).isEmpty)
    }
}
