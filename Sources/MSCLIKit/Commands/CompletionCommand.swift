import ArgumentParser

/// `mscli completion bash|zsh|fish`: the completion script for a shell, generated from the command tree (the same
/// text as the committed `completions/` files).
struct CompletionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Print the completion script for bash, zsh or fish.",
        discussion: """
            Install: `source <(mscli completion bash)` in ~/.bashrc; `mscli completion zsh > "${fpath[1]}/_mscli"`; \
            `mscli completion fish > ~/.config/fish/completions/mscli.fish`.
            """)

    @Argument(help: "The shell: bash, zsh or fish.") var shell: CompletionShell

    func run() {
        Console().out(MSCLI.completionScript(for: shell).trimmingSuffixNewlines)
    }
}

extension CompletionShell: @retroactive ExpressibleByArgument {}

extension String {
    fileprivate var trimmingSuffixNewlines: String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
