import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// `mscli shell`: every mscli command at a prompt (readline editing, history, TAB completion), or a script of them.
struct ShellCommand: MSCLICommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "An interactive mscli prompt, or run a file of mscli commands.",
        discussion: """
            Each line is an mscli command without the leading `mscli`, split like a shell line (quotes, backslashes, \
            # comments): `theaters list -o json`. Options given to `mscli shell` (--profile, --maintenance, URLs) apply to \
            every command as if given on its line (a flag on a line still wins). Built in: `use PROFILE` switches \
            profile, as -p PROFILE would (exported target variables are then ignored), `exit [CODE]` or \
            Ctrl-D leaves, `help` lists the commands. Ctrl-C cancels the running command, not the shell. History is kept \
            in $MSCLI_HISTORY, else $XDG_STATE_HOME/mscli/history (~/.local/state/mscli/history), mode 0600; lines \
            starting with a space or naming a password are not kept.

            With -f FILE, or when standard input is not a terminal, the lines run in order (blank lines and comments \
            allowed, a trailing backslash continues a line); the first failing command stops the script with its line \
            number and exit code, unless --keep-going (then the exit code is the first failure's).

            Examples:
              mscli shell -p local
              mscli shell -f setup.msh --keep-going
            """)

    @Option(name: [.customShort("f"), .long], help: "Run the commands in this file instead of prompting.", completion: .file())
    var file: String?
    @Flag(help: "In a script, go on after a failing command.") var keepGoing = false
    @OptionGroup var global: GlobalOptions
    /// Each line resolves its own targets (and says what it ignored); the shell itself reaches nothing.
    var usesTargets: Bool { false }

    func run(_ context: CommandContext) async throws {
        let session = ShellSession(environment: context.settings.environment, options: global, console: context.console)
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
            try await script(String(decoding: data, as: UTF8.self), name: file, session: session)
        } else if !context.console.stdinIsTerminal {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            try await script(String(decoding: data, as: UTF8.self), name: "standard input", session: session)
        } else {
            try await interactive(session: session)
        }
    }

    /// Runs `text` line by line; stops at the first failure unless --keep-going.
    func script(_ text: String, name: String, session: ShellSession) async throws {
        LineEditor.installInterruptHandler()
        var firstFailure: Int32 = 0
        var assembler = LineAssembler()
        var pendingStart = 0
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            if !assembler.isContinuing { pendingStart = number }
            guard let (_, words) = assembler.add(String(rawLine)), !words.isEmpty else { continue }
            switch await session.run(words) {
            case .leave(let code):
                if code != 0 { throw ExitCode(code) }
                return
            case .status(let code) where code != 0:
                let at = pendingStart == number ? "line \(number)" : "lines \(pendingStart)-\(number)"
                if !keepGoing {
                    session.console.err("mscli: stopped at \(at) of \(name) (exit code \(code))")
                    throw ExitCode(code)
                }
                session.console.err("mscli: \(at) of \(name) failed (exit code \(code)); going on")
                if firstFailure == 0 { firstFailure = code }
            case .status:
                continue
            }
        }
        if assembler.isContinuing {
            session.console.err("mscli: \(name) ends inside quotes or after a backslash (line \(pendingStart))")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        if firstFailure != 0 { throw ExitCode(firstFailure) }
    }

    func interactive(session: ShellSession) async throws {
        let editor = LineEditor(
            historyFile: LineEditor.historyFile(session.environment),
            completer: ShellCompleter(tree: .mscli, profiles: { session.profiles() }))
        session.console.err("mscli \(MSCLI.version) shell: `help` lists the commands, TAB completes, Ctrl-D leaves.")
        var assembler = LineAssembler()
        while true {
            let prompt = !assembler.isContinuing ? "mscli(\(session.profileName)\(session.maintenance ? ", maintenance" : ""))> " : "...> "
            switch editor.read(prompt: prompt) {
            case .endOfFile:
                return
            case .interrupted:
                assembler.reset()
                continue
            case .line(let text):
                guard let (line, words) = assembler.add(text) else { continue }
                editor.remember(line)
                if words == ["help"] {
                    session.console.out(MSCLI.helpMessage())
                    session.console.out("\nIn the shell: use PROFILE, exit [CODE], help COMMAND; Ctrl-C cancels, Ctrl-D leaves.")
                    continue
                }
                if case .leave(let code) = await session.run(words) {
                    if code != 0 { throw ExitCode(code) }
                    return
                }
            }
        }
    }
}
