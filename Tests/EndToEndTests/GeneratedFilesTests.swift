import Foundation
import Testing
import TestSupport

/// The committed completion scripts are what the current binary generates (regenerate with scripts/generate-docs).
@Suite struct GeneratedFilesTests {
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

    @Test func everyCommandHasAManPage() throws {
        let pages = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("man").path)
        for page in ["mscli.1", "mscli.auth.1", "mscli.auth.users.create.1", "mscli.migrate.up.1", "mscli.config.set.1"] {
            #expect(pages.contains(page), "man/\(page) missing: run scripts/generate-docs")
        }
    }
}
