@preconcurrency import CReadline
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Ctrl-C presses not yet handled. Set by the SIGINT handler (an atomic add is async-signal-safe), read by the line
/// editor (a press at the prompt drops the line) and by the shell (a press while a command runs cancels it).
let shellInterrupts = Atomic<Int>(0)

/// The write end of a pipe the SIGINT handler writes a byte to: the signal may be handled on any thread, so the
/// prompt's `poll` watches this pipe beside the terminal to wake up at once.
private nonisolated(unsafe) var interruptPipe: (read: Int32, write: Int32) = (-1, -1)

/// The line editor's state that readline's C callbacks reach: they are plain C function pointers and cannot capture.
/// Only the shell's one reading thread touches it, between `read` calls.
private nonisolated(unsafe) var receivedLine: String?? = nil
private nonisolated(unsafe) var activeCompleter: ShellCompleter?
private nonisolated(unsafe) var completionCandidates: [String] = []
private nonisolated(unsafe) var completionIndex = 0
private nonisolated(unsafe) var cancelledAtPrompt = false

/// GNU readline through its callback interface, so that Ctrl-C at the prompt is handled here, outside the signal
/// handler: the line is dropped and a fresh prompt shown, as in bash and psql. History lives in a file (mode 0600).
final class LineEditor: @unchecked Sendable {
    enum Input: Equatable {
        case line(String)
        case interrupted
        case endOfFile
    }

    let historyFile: URL?
    static let historyLimit: Int32 = 2000
    private var lastHistoryEntry: String?

    init(historyFile: URL?, completer: ShellCompleter) {
        self.historyFile = historyFile
        activeCompleter = completer
        rl_readline_name = UnsafePointer(strdup("mscli"))
        // Signals are ours: SIGINT only counts presses (while a command runs). At the prompt the terminal is raw and
        // Ctrl-C arrives as a key, bound here to "drop this line".
        rl_catch_signals = 0
        rl_bind_key(3) { _, _ in
            cancelledAtPrompt = true
            Console.write("^C", to: STDOUT_FILENO)
            rl_done = 1
            return 0
        }
        rl_attempted_completion_function = { text, start, _ in
            rl_attempted_completion_over = 1
            guard let completer = activeCompleter, let buffer = rl_line_buffer else { return nil }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: Int(start)))
            let before = ShellTokenizer.split(String(decoding: bytes, as: UTF8.self)).words
            let prefix = text.map { String(cString: $0) } ?? ""
            completionCandidates = completer.candidates(before: before, prefix: prefix)
            completionIndex = 0
            return rl_completion_matches(text) { _, _ in
                guard completionIndex < completionCandidates.count else { return nil }
                defer { completionIndex += 1 }
                return strdup(completionCandidates[completionIndex])
            }
        }
        using_history()
        stifle_history(Self.historyLimit)
        if let historyFile {
            try? FileManager.default.createDirectory(at: historyFile.deletingLastPathComponent(), withIntermediateDirectories: true)
            _ = read_history(historyFile.path)
            if history_length > 0, let entry = history_get(history_base + history_length - 1) {
                lastHistoryEntry = String(cString: entry.pointee.line)
            }
        }
        Self.installInterruptHandler()
    }

    /// SIGINT counts a press instead of ending the process; no SA_RESTART, so a blocking read returns EINTR.
    static func installInterruptHandler() {
        if interruptPipe.read < 0 {
            var descriptors: [Int32] = [0, 0]
            if pipe(&descriptors) == 0 {
                for descriptor in descriptors { _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK) }
                interruptPipe = (descriptors[0], descriptors[1])
            }
        }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            shellInterrupts.add(1, ordering: .relaxed)
            var byte: UInt8 = 3
            _ = write(interruptPipe.write, &byte, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// One line from the terminal; `.interrupted` when Ctrl-C dropped it, `.endOfFile` on Ctrl-D at an empty prompt.
    func read(prompt: String) -> Input {
        receivedLine = nil
        cancelledAtPrompt = false
        shellInterrupts.store(0, ordering: .relaxed)
        Self.drainInterruptPipe()
        rl_callback_handler_install(prompt) { line in
            if let line {
                receivedLine = .some(String(cString: line))
                free(line)
            } else {
                receivedLine = .some(nil)
            }
            rl_callback_handler_remove()
        }
        while true {
            if shellInterrupts.exchange(0, ordering: .relaxed) > 0 {
                Self.drainInterruptPipe()
                Console.write("^C\n", to: STDOUT_FILENO)
                rl_free_line_state()
                rl_callback_sigcleanup()
                rl_cleanup_after_signal()
                rl_callback_handler_remove()
                return .interrupted
            }
            var descriptors = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: interruptPipe.read, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, interruptPipe.read < 0 ? 1 : 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                rl_callback_handler_remove()
                return .endOfFile
            }
            if descriptors[1].revents != 0 {
                Self.drainInterruptPipe()
                continue
            }
            if descriptors[0].revents == 0 { continue }
            rl_callback_read_char()
            if let received = receivedLine {
                if cancelledAtPrompt { return .interrupted }
                guard let line = received else {
                    Console.write("\n", to: STDOUT_FILENO)
                    return .endOfFile
                }
                return .line(line)
            }
        }
    }

    static func drainInterruptPipe() {
        guard interruptPipe.read >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 64)
        while Glibc.read(interruptPipe.read, &buffer, buffer.count) > 0 {}
    }

    /// Remembers `line` unless it starts with a space, repeats the previous entry, or could hold a secret.
    func remember(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !line.hasPrefix(" "), trimmed != lastHistoryEntry, !trimmed.contains("--password"),
            !trimmed.contains("MSCLI_TOKEN")
        else { return }
        lastHistoryEntry = trimmed
        add_history(trimmed)
        guard let historyFile else { return }
        let path = historyFile.path
        if !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        chmod(path, 0o600)
        _ = append_history(1, path)
        _ = history_truncate_file(path, Self.historyLimit)
    }

    /// `$MSCLI_HISTORY`, else `$XDG_STATE_HOME/mscli/history`, else `~/.local/state/mscli/history`.
    static func historyFile(_ env: [String: String]) -> URL {
        if let path = env["MSCLI_HISTORY"], !path.isEmpty { return URL(fileURLWithPath: path) }
        if let state = env["XDG_STATE_HOME"], state.hasPrefix("/") {
            return URL(fileURLWithPath: state).appendingPathComponent("mscli/history")
        }
        let home = env["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".local/state/mscli/history")
    }
}
