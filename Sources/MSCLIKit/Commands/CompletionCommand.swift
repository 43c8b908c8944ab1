import ArgumentParser
import Foundation

/// `mscli completion bash|zsh|fish`: the completion script for a shell, generated from the command tree (the same
/// text as the committed `completions/` files).
struct CompletionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Print the completion script for bash, zsh or fish.",
        discussion: """
            Install: `source <(mscli completion bash)` in ~/.bashrc; `mscli completion zsh > "${fpath[1]}/_mscli"`; \
            `mscli completion fish > ~/.config/fish/completions/mscli.fish`. The script is generated once per mscli \
            binary and kept in $XDG_CACHE_HOME/mscli (~/.cache/mscli): shells run this at every start.

            Examples:
              source <(mscli completion bash)
              mscli completion zsh > "${fpath[1]}/_mscli"
            """)

    @Argument(help: "The shell: bash, zsh or fish.") var shell: CompletionShell

    func run() {
        Console().out(Self.script(for: shell, environment: ProcessInfo.processInfo.environment))
    }

    /// The script, from the cache when this very binary (path, size, modification time) generated it before.
    static func script(for shell: CompletionShell, environment: [String: String]) -> String {
        guard let cache = cacheFile(for: shell, environment: environment) else { return generate(shell) }
        if let data = FileManager.default.contents(atPath: cache.path) { return String(decoding: data, as: UTF8.self) }
        let script = generate(shell)
        try? FileManager.default.createDirectory(at: cache.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(script.utf8).write(to: cache, options: .atomic)
        return script
    }

    static func generate(_ shell: CompletionShell) -> String {
        var text = MSCLI.completionScript(for: shell)
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    static func cacheFile(for shell: CompletionShell, environment: [String: String]) -> URL? {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: executable),
            let size = attributes[.size] as? Int, let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970
        else { return nil }
        let directory: URL
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            directory = URL(fileURLWithPath: xdg).appendingPathComponent("mscli")
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            directory = URL(fileURLWithPath: home).appendingPathComponent(".cache/mscli")
        } else {
            return nil
        }
        var hash: UInt64 = 14_695_981_039_346_656_037  // FNV-1a of the binary's identity
        for byte in "\(executable)|\(size)|\(Int(modified * 1000))|\(MSCLI.version)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211
        }
        return directory.appendingPathComponent("completion-\(String(hash, radix: 16)).\(shell.rawValue)")
    }
}

extension CompletionShell: @retroactive ExpressibleByArgument {}
