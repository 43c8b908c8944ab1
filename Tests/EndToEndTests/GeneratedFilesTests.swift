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

    @Test func everyCommandHasAManPage() throws {
        let pages = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("man").path)
        for page in ["mscli.1", "mscli.auth.1", "mscli.auth.users.create.1", "mscli.migrate.up.1", "mscli.config.set.1"] {
            #expect(pages.contains(page), "man/\(page) missing: run scripts/generate-docs")
        }
    }
}
