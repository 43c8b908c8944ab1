import Foundation

/// A program on a real pseudo-terminal, driven like a person at a keyboard: tmux on a private server socket runs it
/// in a detached session; tests send keys and read the screen.
public final class TerminalSession: @unchecked Sendable {
    public let socket = "msvc-test-\(UUID().uuidString.prefix(8))"
    let directory: URL

    public static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Starts `executable arguments` with exactly `environment`, in a 160×50 terminal. When the program ends, the pane
    /// stays and shows `[exited N]`.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let script = directory.appendingPathComponent("run.sh")
        let exports = environment.map { "export \($0.key)=\(quoted($0.value))" }.sorted().joined(separator: "\n")
        try """
            #!/bin/sh
            # Ctrl-C goes to the whole foreground group: this script must outlive it to report the exit code.
            trap 'true' INT
            \(exports)
            \(([executable] + arguments).map(quoted).joined(separator: " "))
            echo "[exited $?]"
            exec sleep 120
            """.write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        let started = try await tmux(["new-session", "-d", "-x", "160", "-y", "50", script.path])
        guard started.status == 0 else { throw TerminalError("tmux new-session failed: \(started)") }
    }

    /// Runs the tmux client with posix_spawn and waitpid: the client of `new-session` starts the server, which
    /// daemonizes, and Foundation's Process was seen never to reap such a client (a zombie that `isRunning` forever).
    @discardableResult
    func tmux(_ arguments: [String]) async throws -> ProcessResult {
        let output = directory.appendingPathComponent("out-\(UUID().uuidString)")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else of the test process reaches tmux: its server outlives the client, and a descriptor it inherited
        // (say the pipe Foundation watches for another test's child) would keep that other test waiting. (glibc skips
        // a close action whose descriptor was closed meanwhile.)
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            if let descriptor = Int32(entry), descriptor > 2 { posix_spawn_file_actions_addclose(&actions, descriptor) }
        }
        let words: [String] = ["/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + arguments
        let variables: [String] = ["PATH=/usr/bin:/bin", "TERM=xterm-256color", "HOME=\(directory.path)"]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, argv, envp) == 0 else { throw TerminalError("cannot start tmux") }
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(20)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw TerminalError("tmux \(arguments.joined(separator: " ")) did not finish")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: output)
        let exited = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ProcessResult(status: exited, stdout: text, stderr: "")
    }

    /// Types `keys`: text as is, or tmux key names such as `Enter`, `Tab`, `Up`, `C-c`, `C-d`.
    public func send(_ keys: String...) async throws {
        for key in keys {
            let isKeyName = ["Enter", "Tab", "Up", "Down", "Left", "Right", "BSpace", "Escape"].contains(key) || key.hasPrefix("C-")
            try await tmux(["send-keys", "-t", "0"] + (isKeyName ? [] : ["-l"]) + ["--", key])
        }
    }

    /// What the terminal shows now, line by line, trailing blank lines dropped.
    public func screen() async throws -> String {
        let captured = try await tmux(["capture-pane", "-p", "-t", "0", "-S", "-200"])
        return captured.stdout.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }

    /// Waits until the screen satisfies `condition` (60 s by default: on a loaded two-core machine a program can take many seconds to draw its first line; the wait ends as soon as it does), returning the screen; throws with the screen
    /// as it was when the time ran out.
    @discardableResult
    public func waitFor(
        _ description: String, timeout: TimeInterval = 60, _ condition: (String) -> Bool
    ) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try await screen()
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TerminalError("timed out waiting for \(description); the screen:\n\(last)")
    }

    @discardableResult
    public func waitFor(_ text: String, timeout: TimeInterval = 60) async throws -> String {
        try await waitFor(text.debugDescription, timeout: timeout) { $0.contains(text) }
    }

    public func close() async {
        _ = try? await tmux(["kill-server"])
        try? FileManager.default.removeItem(at: directory)
    }
}

public struct TerminalError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
