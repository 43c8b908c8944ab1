import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging

/// What a command runs against: resolved settings, the console, the session store. Built once per invocation by
/// ``MSCLICommand/run()``; the shell (later) builds one per line.
public struct CommandContext: Sendable {
    public var settings: Settings
    public var console: Console
    public var sessions: SessionStore
    public var logger: Logger
    /// The HTTP client of this run, shut down when the run ends (``ServiceHTTPClient/withRunClient(_:)``).
    public let http: HTTPClient
    /// The tokens to mask wherever they would be printed (read once: a watch prints many lines).
    let hidden: [String]
    /// Backends to use instead of those the settings select (none in mscli; tests run commands on fakes).
    var backends = BackendOverrides()

    public init(settings: Settings, console: Console, http: HTTPClient) {
        self.settings = settings
        self.http = http
        self.console = console
        self.sessions = SessionStore(configDirectory: settings.configDirectory)
        let hidden = settings.tokens
        self.hidden = hidden
        var logger = Logger(label: "mscli") { label in MaskingLogHandler(label: label, hiding: hidden) }
        logger.logLevel = settings.environment["MSCLI_DEBUG"] == nil ? .critical : .debug
        self.logger = logger
    }

    /// Prints a result in the selected format: the table for people, the value itself for scripts. Passwords in
    /// URLs and tokens are masked (``Secrets``), whatever the value holds.
    public func output<Value: Encodable>(_ value: Value, table: (Value) -> Table) throws {
        let text: String
        switch settings.output {
        case .table: text = table(value).render()
        case .json: text = try Rendering.json(value)
        case .yaml: text = try Rendering.yaml(value)
        case .tsv: text = table(value).tsv()
        case .name:
            let ids = try NameOutput.identifiers(of: value)
            guard !ids.isEmpty else { return }
            text = ids.joined(separator: "\n")
        }
        console.out(Secrets.mask(text, hiding: hidden))
    }

    /// A line of a result that is not a table or a value (a checklist, a seat map, an event), masked as ``output``.
    public func out(_ text: String) {
        console.out(Secrets.mask(text, hiding: hidden))
    }

    /// Narration (progress, confirmations of what happened). Always on stderr so stdout holds only results.
    public func message(_ text: String) {
        console.err(Secrets.mask(text, hiding: hidden))
    }
}

/// The backends a command runs against instead of the HTTP or maintenance one its settings select. Each
/// `with…Backend` function hands its body the override when there is one, so a command runs in process with no
/// service and no database (MSCLIKitTests' fakes). Empty whenever mscli itself runs.
struct BackendOverrides: Sendable {
    var auth: (any AuthBackend)?
    var booking: (any BookingBackend)?
    var food: (any FoodBackend)?
    var scrape: (any ScrapeBackend)?
}

/// A mscli command: parses with ArgumentParser, then runs against a ``CommandContext``. Failures become one line on
/// stderr (`mscli: ...`) and an ``ExitStatus``.
public protocol MSCLICommand: AsyncParsableCommand {
    var global: GlobalOptions { get }
    /// Only `config set` may name a profile that does not exist yet.
    var createsProfile: Bool { get }
    /// Whether (and when) a run changes data and so goes to the audit trail. Commands that only read say `.none`
    /// (Audit/ReadOnlyCommands.swift); the default records every --maintenance run.
    var dataChange: DataChange { get }
    /// False for commands that reach no service or database (`config ...`; `shell`, whose lines resolve their own):
    /// for them a mix of environments is neither refused nor noted.
    var usesTargets: Bool { get }
    func run(_ context: CommandContext) async throws
}

extension MSCLICommand {
    public var createsProfile: Bool { false }
    public var dataChange: DataChange { .inMaintenanceMode }
    public var usesTargets: Bool { true }

    public func run() async throws {
        let status = await execute(environment: ProcessInfo.processInfo.environment)
        if status != 0 { throw ExitCode(status) }
    }

    /// Runs the command with `environment` (the process's, or the shell's with its profile and options) and returns
    /// its exit status; a failure has been printed as one line on stderr. Cancelled (Ctrl-C in the shell): 130.
    /// `shell`: the options `mscli shell` was started with (and its `use PROFILE`), under the line's own flags.
    /// `arguments`: the words after `mscli` (the process's by default; the shell passes its line's), for the audit
    /// trail of a data-changing run.
    func execute(
        environment: [String: String], shell: GlobalOptions? = nil, console: Console = Console(), arguments: [String]? = nil,
        backends: BackendOverrides = BackendOverrides()
    ) async -> Int32 {
        do {
            let options = shell.map { global.laid(over: $0) } ?? global
            let settings = try Settings.resolve(
                options, environment: environment, allowUnknownProfile: createsProfile, targets: usesTargets)
            for note in settings.notes { console.err("mscli: \(Secrets.mask(note))") }
            try NameOutput.check(Self.self, settings.output)
            let audit = AuditSession.start(for: self, settings: settings, arguments: arguments ?? Array(CommandLine.arguments.dropFirst()))
            try await AuditSession.$current.withValue(audit) {
                try await ServiceHTTPClient.withRunClient { http in
                    var context = CommandContext(settings: settings, console: console, http: http)
                    context.backends = backends
                    try await run(context)
                }
            }
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            let failure = Task.isCancelled ? CLIError("interrupted", status: .interrupted) : ErrorClassifier.classify(error)
            console.err("mscli: \(Secrets.mask(failure.message, hiding: Settings.tokens(environment, global)))")
            return failure.status.rawValue
        }
    }
}
