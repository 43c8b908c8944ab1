import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Terminal input and output. Results go to stdout; messages, prompts and errors to stderr.
public struct Console: Sendable {
    public var stdinIsTerminal: Bool

    public init() {
        stdinIsTerminal = isatty(STDIN_FILENO) == 1
    }

    public func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    public func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// All of standard input, without a trailing newline: `--password-stdin`.
    public func readAllStdin() -> String {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        var text = String(decoding: data, as: UTF8.self)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return text
    }

    /// Prompts on the terminal with echo off. Without a terminal it refuses rather than waiting for input.
    public func readSecret(prompt: String, alternative: String) throws -> String {
        guard stdinIsTerminal else {
            throw CLIError("no terminal to prompt for the password; \(alternative)", status: .cancelled)
        }
        FileHandle.standardError.write(Data(prompt.utf8))
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = Swift.readLine(strippingNewline: true) else {
            throw CLIError("no password entered", status: .cancelled)
        }
        return line
    }

    /// Asks `question (y/N)` unless `assumeYes`. Without a terminal it refuses (exit 2) and names the flag.
    public func confirm(_ question: String, assumeYes: Bool) throws {
        if assumeYes { return }
        guard stdinIsTerminal else {
            throw CLIError("\(question) Refusing without confirmation: no terminal to ask; pass --yes", status: .cancelled)
        }
        FileHandle.standardError.write(Data("\(question) (y/N) ".utf8))
        let answer = Swift.readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard answer == "y" || answer == "yes" else { throw CLIError("cancelled", status: .cancelled) }
    }
}
