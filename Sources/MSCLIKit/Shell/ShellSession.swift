import ArgumentParser
import Foundation
import Synchronization

/// Runs shell lines as mscli commands: the same parser, the same commands, the same output and errors, with the
/// shell's profile and options as the environment every command starts from.
final class ShellSession: @unchecked Sendable {
    /// The process environment, as every command starts from it.
    let environment: [String: String]
    /// The options `mscli shell` was started with, given to every line as flags; `use PROFILE` sets `profile`.
    private(set) var options: GlobalOptions
    let console: Console

    init(environment: [String: String], options: GlobalOptions, console: Console = Console()) {
        self.environment = environment
        self.options = options
        self.console = console
    }

    /// What ended first while a command ran: the command (its exit status), or the Ctrl-C watcher.
    private enum Ended: Sendable {
        case command(Int32)
        case watcher(presses: Int)
    }

    enum Outcome: Equatable {
        case status(Int32)
        case leave(Int32)
    }

    /// The config file the commands read (as ``Settings/resolve(_:environment:allowUnknownProfile:targets:)`` finds it).
    var configURL: URL {
        (options.configPath ?? environment["MSCLI_CONFIG"]).map { URL(fileURLWithPath: $0) } ?? Paths.configDirectory(environment).appendingPathComponent("config.toml")
    }

    var profileName: String {
        if let profile = options.profile { return profile }
        if let profile = environment["MSCLI_PROFILE"], !profile.isEmpty { return profile }
        return (try? ConfigFile.load(from: configURL).currentProfile) ?? nil ?? "default"
    }

    var maintenance: Bool { options.maintenance || ["1", "true", "yes"].contains(environment["MSCLI_MAINTENANCE"]?.lowercased() ?? "") }

    /// The profiles of the config file (for `use` and its completion).
    func profiles() -> [String] {
        let names = (try? ConfigFile.load(from: configURL).profiles.keys.sorted()) ?? []
        return names.contains("default") ? names : ["default"] + names
    }

    /// Runs one command line (already split into words), cancelling it when Ctrl-C is pressed meanwhile: the first
    /// press cancels the command, a third one while it still runs leaves mscli (130).
    func run(_ words: [String]) async -> Outcome {
        guard let first = words.first else { return .status(0) }
        switch first {
        case "exit", "quit":
            guard words.count <= 2 else { return .status(usage("usage: exit [CODE]")) }
            guard let code = words.count == 2 ? Int32(words[1]) : 0 else { return .status(usage("exit: CODE must be a number")) }
            return .leave(code)
        case "use":
            return .status(use(Array(words.dropFirst())))
        case "shell":
            return .status(usage("already in the shell"))
        default:
            break
        }
        shellInterrupts.store(0, ordering: .relaxed)
        let environment = self.environment
        let options = self.options
        let console = self.console
        let task = Task { await Self.execute(words, environment: environment, shell: options, console: console) }
        // The command's end and Ctrl-C race: a watcher looks for presses every 20 ms and is cancelled the moment the
        // command finishes, so a quick command is not held back until the watcher's next look.
        let (status, presses) = await withTaskGroup(of: Ended.self) { group -> (Int32, Int) in
            group.addTask { .command(await task.value) }
            group.addTask {
                var presses = 0
                while !Task.isCancelled {
                    let pressed = shellInterrupts.exchange(0, ordering: .relaxed)
                    if pressed > 0 {
                        presses += pressed
                        task.cancel()
                        if presses >= 3 {
                            console.err("mscli: the command does not stop; leaving")
                            exit(130)
                        }
                        if presses > 1 { console.err("mscli: cancelling… (Ctrl-C once more to leave the shell)") }
                    }
                    try? await Task.sleep(for: .milliseconds(20))
                }
                return .watcher(presses: presses)
            }
            var status: Int32 = 0
            var presses = 0
            for await ended in group {
                switch ended {
                case .command(let code):
                    status = code
                    group.cancelAll()
                case .watcher(let count):
                    presses = count
                }
            }
            return (status, presses)
        }
        if presses > 0 { console.err("") }  // past the terminal's "^C"
        return .status(presses > 0 && status == 0 ? 130 : status)
    }

    /// What `mscli WORDS…` would do, without leaving the process.
    static func execute(_ words: [String], environment: [String: String], shell: GlobalOptions, console: Console) async -> Int32 {
        let command: any ParsableCommand
        do {
            command = try CommandLineParser.parse(words)
        } catch let problem as CommandLineParser.UsageProblem {
            console.err(problem.description)
            return ExitStatus.usage.rawValue
        } catch {
            return report(error, console)
        }
        if let command = command as? any MSCLICommand {
            return await command.execute(environment: environment, shell: shell, console: console, arguments: words)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var plain = command
                try plain.run()
            }
            return 0
        } catch {
            return report(error, console)
        }
    }

    /// Help, version and usage errors as ArgumentParser prints them: help on stdout, errors on stderr.
    static func report(_ error: any Error, _ console: Console) -> Int32 {
        let code = MSCLI.exitCode(for: error).rawValue
        let message = MSCLI.fullMessage(for: error)
        if !message.isEmpty {
            if code == 0 { console.out(message) } else { console.err(message) }
        }
        return code
    }

    private func use(_ arguments: [String]) -> Int32 {
        guard arguments.count == 1, let name = arguments.first else { return usage("usage: use PROFILE (profiles: \(profiles().joined(separator: ", ")))") }
        guard profiles().contains(name) else {
            console.err("mscli: no profile \(name) (profiles: \(profiles().joined(separator: ", "))); create it with `config set KEY VALUE --profile \(name)`")
            return ExitStatus.usage.rawValue
        }
        options.profile = name
        console.err("Using profile \(name)")
        return 0
    }

    private func usage(_ message: String) -> Int32 {
        console.err("mscli: \(message)")
        return ExitStatus.usage.rawValue
    }
}
