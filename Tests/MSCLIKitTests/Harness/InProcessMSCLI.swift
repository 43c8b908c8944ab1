import ArgumentParser
import Foundation

@testable import MSCLIKit

/// What one command line printed and how it ended.
struct Invocation: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
    /// stdout as a JSON document (`-o json`).
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed]) }
}

/// Runs mscli command lines in process, as the binary would run them (swiftly's `runWithMockedIO`): the real argv
/// parser (``CommandLineParser``), the command's own `execute`, a ``CapturingConsole`` for its terminal, and fake
/// backends that fail every call a test did not set. Each run gets a fresh empty home and config directory unless the
/// environment names others, so no file of the machine's user is read.
struct InProcessMSCLI {
    var booking: FakeBookingBackend?
    var food: FakeFoodBackend?
    var auth: FakeAuthBackend?
    /// Added to (and overriding) the fresh home's HOME and XDG_CONFIG_HOME.
    var environment: [String: String] = [:]

    func run(_ arguments: String..., input: [String] = [], terminal: Bool = false) async -> Invocation {
        await run(arguments, input: input, terminal: terminal)
    }

    func run(_ arguments: [String], input: [String] = [], terminal: Bool = false) async -> Invocation {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("mscli-kit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let env = ["HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent("config").path].merging(environment) { $1 }
        let io = CapturingConsole(input: input)
        let console = Console(io: io, stdinIsTerminal: terminal)
        let backends = BackendOverrides(auth: auth, booking: booking, food: food)
        var status: Int32
        do {
            let parsed = try CommandLineParser.parse(arguments)
            if let command = parsed as? any MSCLICommand {
                status = await command.execute(environment: env, console: console, arguments: arguments, backends: backends)
            } else {
                // A command group without its subcommand, `--help`, `--version`: ArgumentParser's own "errors".
                var plain = parsed
                try plain.run()
                status = 0
            }
        } catch let problem as CommandLineParser.UsageProblem {
            console.err(problem.description)
            status = ExitStatus.usage.rawValue
        } catch {
            // As ArgumentParser's `exit(withError:)`: help and version to stdout, errors to stderr.
            status = MSCLI.exitCode(for: error).rawValue
            let message = MSCLI.fullMessage(for: error)
            if status == 0 { console.out(message) } else { console.err(message) }
        }
        return Invocation(status: status, stdout: io.stdout, stderr: io.stderr)
    }
}
