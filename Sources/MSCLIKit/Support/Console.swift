import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a ``Console`` writes and reads instead of the process's descriptors: tests capture what a command prints
/// and answer its prompts, so a whole command runs in process (swiftly's `outputHandler`/`inputProvider`).
public protocol ConsoleIO: Sendable {
    func write(_ text: String, toStandardError: Bool)
    /// The next line of input without its newline, nil at the end.
    func readLine() -> String?
}

/// Terminal input and output. Results go to stdout; messages, prompts and errors to stderr.
public struct Console: Sendable {
    public var stdinIsTerminal: Bool
    /// nil: the process's stdin, stdout and stderr.
    let io: (any ConsoleIO)?

    public init() {
        stdinIsTerminal = isatty(STDIN_FILENO) == 1
        io = nil
    }

    /// A console over `io`; `stdinIsTerminal` says whether prompts may ask (a test answering them says true).
    public init(io: any ConsoleIO, stdinIsTerminal: Bool = false) {
        self.stdinIsTerminal = stdinIsTerminal
        self.io = io
    }

    public func out(_ text: String) {
        write(text + "\n", toStandardError: false)
    }

    public func err(_ text: String) {
        write(text + "\n", toStandardError: true)
    }

    private func write(_ text: String, toStandardError: Bool) {
        if let io { return io.write(text, toStandardError: toStandardError) }
        Self.write(text, to: toStandardError ? STDERR_FILENO : STDOUT_FILENO)
    }

    /// Writes all of `text`. When the reader has gone (`mscli ... | head -1`), mscli ends as Unix tools do, by
    /// SIGPIPE, instead of crashing on the failed write (FileHandle.write traps on EPIPE).
    static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { buffer in
                #if canImport(Glibc)
                    Glibc.write(descriptor, buffer.baseAddress, buffer.count)
                #elseif canImport(Musl)
                    Musl.write(descriptor, buffer.baseAddress, buffer.count)
                #else
                    Darwin.write(descriptor, buffer.baseAddress, buffer.count)
                #endif
            }
            if written >= 0 {
                bytes = bytes.dropFirst(written)
            } else if errno == EINTR || errno == EAGAIN {
                continue
            } else if errno == EPIPE {
                signal(SIGPIPE, SIG_DFL)
                raise(SIGPIPE)
                exit(141)
            } else {
                return  // a closed or failing stderr/stdout: nothing better to do than to drop the text
            }
        }
    }

    /// All of standard input, without a trailing newline: `--password-stdin`.
    public func readAllStdin() -> String {
        var text: String
        if let io {
            text = Array(sequence(state: io) { $0.readLine() }).joined(separator: "\n")
        } else {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return text
    }

    /// Prompts on the terminal with echo off. Without a terminal it refuses rather than waiting for input.
    public func readSecret(prompt: String, alternative: String) throws -> String {
        guard stdinIsTerminal else {
            throw CLIError("no terminal to prompt for the password; \(alternative)", status: .cancelled)
        }
        if let io {
            io.write(prompt, toStandardError: true)
            guard let line = io.readLine() else { throw CLIError("no password entered", status: .cancelled) }
            return line
        }
        Console.write(prompt, to: STDERR_FILENO)
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            Console.write("\n", to: STDERR_FILENO)
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
        write("\(question) (y/N) ", toStandardError: true)
        let answer = (io.map { $0.readLine() } ?? Swift.readLine(strippingNewline: true))?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard answer == "y" || answer == "yes" else { throw CLIError("cancelled", status: .cancelled) }
    }
}
