import ArgumentParser
import Foundation

/// How mscli reads a command line, in the process and in the shell alike: global options may come before the
/// subcommand (`mscli -p prod theaters list`, so `alias mp='mscli -p prod'` works, as with gh and kubectl); a misspelt
/// subcommand or option gets a "did you mean"; an unknown option is reported as such even when the command's own
/// checks would have complained first (ArgumentParser validates a command before it looks for unused words).
public enum CommandLineParser {
    /// The command to run for `arguments` (without the program name).
    public static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        let ordered = globalOptionsAfterCommand(arguments)
        do {
            return try MSCLI.parseAsRoot(ordered)
        } catch {
            // Help, version, completion scripts and the dump are "errors" that succeed: ArgumentParser's own.
            if MSCLI.exitCode(for: error) != .success, let problem = diagnose(ordered, tree: CommandTree.mscli.command) { throw problem }
            throw error
        }
    }

    /// Runs mscli as the process's main program.
    public static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            let command = try parse(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var plain = command
                try plain.run()
            }
        } catch let problem as UsageProblem {
            Console().err(problem.description)
            exit(ExitStatus.usage.rawValue)
        } catch {
            MSCLI.exit(withError: error)
        }
    }

    // MARK: - Global options first

    /// The options every command accepts (``GlobalOptions``), as the parser describes them.
    static let globalOptions: [CommandTree.Argument] = {
        struct Probe: ParsableCommand {
            @OptionGroup var global: GlobalOptions
        }
        let tree = try? JSONDecoder().decode(CommandTree.self, from: Data(Probe._dumpHelp().utf8))
        return tree?.command.arguments?.filter { !$0.isPositional } ?? []
    }()

    /// The global options as a help section, from their own declarations (written once, in ``GlobalOptions``).
    public static var globalOptionsHelp: String {
        globalOptions.filter { !($0.names ?? []).contains { $0.name == "help" } }.map { option in
            let names = (option.names ?? []).map(\.spelled).joined(separator: ", ")
            let value = option.takesValue ? " <\(option.valueName ?? "value")>" : ""
            return (["  \(names)\(value)"] + wrap(option.abstract ?? "", width: 78, indent: 6)).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// `text` in lines of at most `width` columns, each indented: help text ArgumentParser leaves as it is (it wraps
    /// only longer lines, and then without the indent).
    static func wrap(_ text: String, width: Int, indent: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, indent + line.count + 1 + word.count > width {
                lines.append(String(repeating: " ", count: indent) + line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(String(repeating: " ", count: indent) + line) }
        return lines
    }

    static func globalOption(_ word: String) -> CommandTree.Argument? {
        // Most command lines start with the command: no option, and no need to read the options' description.
        guard word.hasPrefix("-") else { return nil }
        let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
        return globalOptions.first { $0.names?.contains { $0.spelled == name } ?? false }
    }

    /// Moves global options written before the subcommand (`-p prod theaters list`) to just after it
    /// (`theaters list -p prod`), where every command declares them. Anything else is left as it was.
    static func globalOptionsAfterCommand(_ arguments: [String], tree: CommandTree.Node = CommandTree.mscli.command) -> [String] {
        var globals: [String] = []
        var index = 0
        while index < arguments.count, arguments[index] != "--", let option = globalOption(arguments[index]) {
            globals.append(arguments[index])
            if option.takesValue, !arguments[index].contains("="), index + 1 < arguments.count {
                globals.append(arguments[index + 1])
                index += 1
            }
            index += 1
        }
        guard !globals.isEmpty else { return arguments }
        var node = tree
        var end = index
        while end < arguments.count, let sub = node.subcommand(arguments[end]) {
            node = sub
            end += 1
        }
        guard end > index else { return arguments }  // no subcommand: let the parser say what is wrong
        return Array(arguments[index..<end]) + globals + Array(arguments[end...])
    }

    // MARK: - Diagnosis of a failed parse

    /// A usage error mscli words itself: an unknown subcommand or option, with the nearest known name.
    public struct UsageProblem: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var command: [String]
        public var description: String {
            "Error: \(message)\n  See '\(command.joined(separator: " ")) --help' for more information."
        }
    }

    /// Options ArgumentParser adds to every command.
    static let builtInOptions: Set<String> = [
        "-h", "--help", "--help-hidden", "--version", "--experimental-dump-help", "--generate-completion-script",
    ]

    /// The first unknown subcommand or unknown option of `arguments`, walking the command tree as the parser does.
    static func diagnose(_ arguments: [String], tree: CommandTree.Node) -> UsageProblem? {
        var node = tree
        var path = ["mscli"]
        var positionals = 0
        var index = 0
        if arguments.first == "help" { return nil }  // `mscli help theaters`: ArgumentParser's own
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if word == "--" { break }
            if word.count > 1, word.hasPrefix("-"), Double(word) == nil {
                let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
                if builtInOptions.contains(name) { continue }
                guard let option = node.option(name) else {
                    if let fallback = node.defaultSubcommand.flatMap(node.subcommand) {
                        node = fallback
                        path.append(fallback.commandName)
                        index -= 1
                        continue
                    }
                    let known = (node.arguments ?? []).filter { !$0.isPositional }.flatMap { $0.names ?? [] }.map(\.spelled)
                    return UsageProblem(
                        message: "Unknown option '\(name)' for '\(path.joined(separator: " "))'." + suggestion(for: name, among: known),
                        command: path)
                }
                if option.takesValue, !word.contains("=") { index += 1 }
                continue
            }
            if positionals == 0, let sub = node.subcommand(word) {
                node = sub
                path.append(word)
                continue
            }
            if positionals == 0, let name = node.defaultSubcommand, let fallback = node.subcommand(name) {
                node = fallback  // the word is the default subcommand's argument: read it again there
                path.append(name)
                index -= 1
                continue
            }
            let subcommands = (node.subcommands ?? []).filter { $0.shouldDisplay != false }.map(\.commandName)
            if positionals == 0, !subcommands.isEmpty, node.positionals.isEmpty {
                return UsageProblem(
                    message: "Unknown command '\(word)' for '\(path.joined(separator: " "))'."
                        + (suggestion(for: word, among: subcommands).nonEmpty ?? " Commands: \(subcommands.joined(separator: ", "))."),
                    command: path)
            }
            positionals += 1
        }
        return nil
    }

    /// ` Did you mean 'x'?` for the nearest of `candidates` within a small edit distance (or sharing a long prefix).
    static func suggestion(for word: String, among candidates: [String]) -> String {
        let bare = word.drop(while: { $0 == "-" }).lowercased()
        var best: (name: String, distance: Int)?
        for candidate in Set(candidates) {
            let other = candidate.drop(while: { $0 == "-" }).lowercased()
            let distance = editDistance(Array(bare), Array(other))
            let limit = max(1, min(3, other.count / 3))
            let close = distance <= limit || (bare.count >= 3 && (other.hasPrefix(bare) || bare.hasPrefix(other)))
            if close, best == nil || distance < best!.distance || (distance == best!.distance && candidate < best!.name) {
                best = (candidate, distance)
            }
        }
        return best.map { " Did you mean '\($0.name)'?" } ?? ""
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours each cost 1.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
