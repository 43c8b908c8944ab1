import ArgumentParser
import Foundation
import Logging

/// What a command runs against: resolved settings, the console, the session store. Built once per invocation by
/// ``MSCLICommand/run()``; the shell (later) builds one per line.
public struct CommandContext: Sendable {
    public var settings: Settings
    public var console: Console
    public var sessions: SessionStore
    public var logger: Logger

    public init(settings: Settings, console: Console) {
        self.settings = settings
        self.console = console
        self.sessions = SessionStore(configDirectory: settings.configDirectory)
        var logger = Logger(label: "mscli")
        logger.logLevel = settings.environment["MSCLI_DEBUG"] == nil ? .critical : .debug
        self.logger = logger
    }

    /// Prints a result in the selected format: the table for people, the value itself for scripts.
    public func output<Value: Encodable>(_ value: Value, table: (Value) -> Table) throws {
        switch settings.output {
        case .table: console.out(table(value).render())
        case .json: console.out(try Rendering.json(value))
        case .yaml: console.out(try Rendering.yaml(value))
        case .tsv: console.out(table(value).tsv())
        case .name:
            let ids = try NameOutput.identifiers(of: value)
            if !ids.isEmpty { console.out(ids.joined(separator: "\n")) }
        }
    }

    /// Narration (progress, confirmations of what happened). Always on stderr so stdout holds only results.
    public func message(_ text: String) {
        console.err(text)
    }
}

/// A mscli command: parses with ArgumentParser, then runs against a ``CommandContext``. Failures become one line on
/// stderr (`mscli: ...`) and an ``ExitStatus``.
public protocol MSCLICommand: AsyncParsableCommand {
    var global: GlobalOptions { get }
    /// Only `config set` may name a profile that does not exist yet.
    var createsProfile: Bool { get }
    func run(_ context: CommandContext) async throws
}

extension MSCLICommand {
    public var createsProfile: Bool { false }

    public func run() async throws {
        let status = await execute(environment: ProcessInfo.processInfo.environment)
        if status != 0 { throw ExitCode(status) }
    }

    /// Runs the command with `environment` (the process's, or the shell's with its profile and options) and returns
    /// its exit status; a failure has been printed as one line on stderr. Cancelled (Ctrl-C in the shell): 130.
    func execute(environment: [String: String], console: Console = Console()) async -> Int32 {
        do {
            let settings = try Settings.resolve(global, environment: environment, allowUnknownProfile: createsProfile)
            try NameOutput.check(Self.self, settings.output)
            try await run(CommandContext(settings: settings, console: console))
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            let failure = Task.isCancelled ? CLIError("interrupted", status: .interrupted) : ErrorClassifier.classify(error)
            console.err("mscli: \(failure.message)")
            return failure.status.rawValue
        }
    }
}
