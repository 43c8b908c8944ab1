import Foundation
import Testing
import TestSupport

/// The committed completion scripts and man pages are what the current binary generates (regenerate with
/// scripts/generate-docs); every command's help carries examples that fit the terminal; global options are documented
/// once.
@Suite(.tags(.endToEnd)) struct GeneratedFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptIsCurrent(shell: String) async throws {
        let generated = try await ProcessRunner.run(Binaries.path("mscli"), ["--generate-completion-script", shell], environment: [:])
        #expect(generated.status == 0)
        let committed = try String(contentsOf: Self.root.appendingPathComponent("completions/mscli.\(shell)"), encoding: .utf8)
        #expect(committed == generated.stdout, "completions/mscli.\(shell) is stale: run scripts/generate-docs")
    }

    /// `mscli completion SHELL` prints the same script, the first time (generated and cached) and the next (cached).
    @Test func completionCommandPrintsTheSameScriptCachedOrNot() async throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("completion-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let committed = try String(contentsOf: Self.root.appendingPathComponent("completions/mscli.bash"), encoding: .utf8)
        for run in ["generated", "cached"] {
            let printed = try await ProcessRunner.run(Binaries.path("mscli"), ["completion", "bash"], environment: ["XDG_CACHE_HOME": cache.path])
            #expect(printed.status == 0 && printed.stdout == committed, "\(run): \(printed.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("mscli").path).count == 1)
        let refused = try await ProcessRunner.run(Binaries.path("mscli"), ["completion", "tcsh"], environment: [:])
        #expect(refused.status == 64, "\(refused)")
    }

    /// man/ is exactly what scripts/lib/generate-man makes from this binary: the same pages, the same text.
    @Test func manPagesAreCurrent() async throws {
        let fresh = FileManager.default.temporaryDirectory.appendingPathComponent("man-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: fresh) }
        let generated = try await ProcessRunner.run(
            Self.root.appendingPathComponent("scripts/lib/generate-man").path, [Binaries.path("mscli"), fresh.path],
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"], timeout: 120)
        #expect(generated.status == 0, "\(generated)")
        let committedDirectory = Self.root.appendingPathComponent("man")
        let committed = try FileManager.default.contentsOfDirectory(atPath: committedDirectory.path).filter { $0.hasSuffix(".1") }.sorted()
        let pages = try FileManager.default.contentsOfDirectory(atPath: fresh.path).sorted()
        #expect(committed == pages, "man/ has other pages than the binary's commands: run scripts/generate-docs")
        for page in pages where committed.contains(page) {
            let old = try String(contentsOf: committedDirectory.appendingPathComponent(page), encoding: .utf8)
            let new = try String(contentsOf: fresh.appendingPathComponent(page), encoding: .utf8)
            #expect(old == new, "man/\(page) is stale: run scripts/generate-docs")
        }
    }

    /// Every command (but ArgumentParser's own `help`) shows examples: an "Examples:" block of indented lines naming
    /// mscli, none longer than 79 columns, so `--help` never wraps one mid-argument.
    @Test func everyCommandHasExamplesThatFit() async throws {
        let dump = try await ProcessRunner.run(Binaries.path("mscli"), ["--experimental-dump-help"], environment: [:])
        let tree = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var checked = 0
        func walk(_ command: [String: Any], _ path: [String]) {
            let path = path + [command["commandName"] as? String ?? "?"]
            let name = path.joined(separator: " ")
            let discussion = command["discussion"] as? String ?? ""
            if name != "mscli help" {
                let block = discussion.components(separatedBy: "Examples:\n").dropFirst().first ?? ""
                let examples = block.split(separator: "\n", omittingEmptySubsequences: false).prefix { $0.hasPrefix("  ") }
                #expect(examples.contains { $0.contains("mscli") }, "\(name) has no Examples: block")
                for line in discussion.split(separator: "\n") where line.hasPrefix(" ") {
                    #expect(line.count <= 79, "\(name): a preformatted line of \(line.count) columns wraps in --help: \(line)")
                }
                checked += 1
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub, path) }
        }
        walk(try #require(tree["command"] as? [String: Any]), [])
        #expect(checked > 100)
    }

    /// The connection options are described once, in `mscli --help`; a command's help shows only -p, -o and
    /// --maintenance of them, and still accepts the rest.
    @Test func globalOptionsAreDocumentedOnce() async throws {
        let root = try await ProcessRunner.run(Binaries.path("mscli"), ["--help"], environment: [:])
        for option in ["--profile", "--output", "--maintenance", "--auth-url", "--auth-database-url", "--food-shard-urls", "--config"] {
            #expect(root.stdout.contains(option), "mscli --help does not document \(option)")
        }
        let leaf = try await ProcessRunner.run(Binaries.path("mscli"), ["theaters", "list", "--help"], environment: [:])
        #expect(leaf.stdout.contains("-p, --profile") && leaf.stdout.contains("--maintenance"), "\(leaf)")
        #expect(!leaf.stdout.contains("--auth-database-url") && !leaf.stdout.contains("--food-shard-urls"), "\(leaf)")
        let accepted = try await ProcessRunner.run(
            Binaries.path("mscli"), ["config", "path", "--food-shard-urls", "postgres://x@h/d", "--config", "/tmp/elsewhere.toml"],
            environment: [:])
        #expect(accepted.status == 0 && accepted.stdout == "/tmp/elsewhere.toml\n", "\(accepted)")
    }

    @Test func everyCommandHasAManPage() throws {
        let pages = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("man").path)
        for page in ["mscli.1", "mscli.auth.1", "mscli.auth.users.create.1", "mscli.migrate.up.1", "mscli.config.set.1"] {
            #expect(pages.contains(page), "man/\(page) missing: run scripts/generate-docs")
        }
    }
}
