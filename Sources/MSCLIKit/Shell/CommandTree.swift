import ArgumentParser
import Foundation

/// mscli's commands, options and fixed values, read from ArgumentParser's own description of the command tree (the
/// `--experimental-dump-help` document), so the shell completes exactly what the parser accepts.
struct CommandTree: Decodable, Sendable {
    struct Name: Decodable, Sendable {
        var kind: String
        var name: String

        var spelled: String { kind == "long" ? "--\(name)" : kind == "short" ? "-\(name)" : "-\(name)" }
    }

    struct Argument: Decodable, Sendable {
        var kind: String
        var names: [Name]?
        var abstract: String?
        var allValues: [String]?
        var valueName: String?
        var shouldDisplay: Bool?
        var isRepeating: Bool?
        var completionKind: CompletionKind?

        struct CompletionKind: Decodable, Sendable {
            struct Values: Decodable, Sendable { var values: [String] }
            var list: Values?
        }

        /// The fixed values it accepts or suggests (an enum's cases, a `.list` completion).
        var offeredValues: [String] { allValues ?? completionKind?.list?.values ?? [] }

        var isPositional: Bool { kind == "positional" }
        var takesValue: Bool { kind == "option" }
    }

    struct Node: Decodable, Sendable {
        var commandName: String
        var abstract: String?
        var arguments: [Argument]?
        var subcommands: [Node]?
        var shouldDisplay: Bool?
        /// The subcommand that runs when none is named (`mscli reindex movies` is `mscli reindex rebuild movies`).
        var defaultSubcommand: String?

        func subcommand(_ name: String) -> Node? { subcommands?.first { $0.commandName == name } }

        func option(_ spelled: String) -> Argument? {
            arguments?.first { argument in argument.names?.contains { $0.spelled == spelled } ?? false }
        }

        var positionals: [Argument] { arguments?.filter(\.isPositional) ?? [] }
    }

    var command: Node

    static let mscli: CommandTree = {
        let json = MSCLI._dumpHelp()
        return (try? JSONDecoder().decode(CommandTree.self, from: Data(json.utf8))) ?? CommandTree(command: Node(commandName: "mscli"))
    }()
}

/// What TAB offers for the word under the cursor, given the words before it: subcommands, then options of the command
/// reached (after a `-`), fixed values of an option or positional argument, and live values that cost nothing (profile
/// names from the config file).
struct ShellCompleter: Sendable {
    var tree: CommandTree
    /// Profile names, read when asked (the config file may change while the shell runs).
    var profiles: @Sendable () -> [String]

    static let builtins = ["exit", "quit", "use", "help"]

    func candidates(before words: [String], prefix: String) -> [String] {
        if words.isEmpty {
            let commands = (tree.command.subcommands ?? []).filter { $0.shouldDisplay != false }.map(\.commandName)
            return Self.matching(commands + Self.builtins, prefix)
        }
        if words == ["use"] { return Self.matching(profiles(), prefix) }
        if ["exit", "quit", "use"].contains(words[0]) { return [] }
        var node = tree.command
        var consumedPositionals = 0
        var index = words.first == "help" ? 1 : 0
        var expectingValueOf: CommandTree.Argument?
        while index < words.count {
            let word = words[index]
            if expectingValueOf != nil {
                expectingValueOf = nil
            } else if word.hasPrefix("-") {
                let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
                if let option = node.option(name), option.takesValue, !word.contains("=") { expectingValueOf = option }
            } else if let sub = node.subcommand(word), consumedPositionals == 0 {
                node = sub
            } else {
                consumedPositionals += 1
            }
            index += 1
        }
        if let option = expectingValueOf { return values(for: option, prefix: prefix) }
        if prefix.hasPrefix("-") {
            // Hidden from each command's help but accepted everywhere: the global connection options complete too.
            let globals = Set(CommandLineParser.globalOptions.flatMap { $0.names ?? [] }.map(\.spelled))
            let names = (node.arguments ?? []).filter { argument in
                !argument.isPositional && (argument.shouldDisplay != false || (argument.names ?? []).contains { globals.contains($0.spelled) })
            }.flatMap { $0.names ?? [] }
                .filter { $0.kind == "long" }.map(\.spelled)
            return Self.matching(names + ["--help"], prefix)
        }
        var offered: [String] = []
        if consumedPositionals == 0 {
            offered += (node.subcommands ?? []).filter { $0.shouldDisplay != false }.map(\.commandName)
        }
        let positionals = node.positionals
        let positional =
            consumedPositionals < positionals.count ? positionals[consumedPositionals] : positionals.last { $0.isRepeating == true }
        offered += positional?.offeredValues ?? []
        return Self.matching(offered, prefix)
    }

    func values(for option: CommandTree.Argument, prefix: String) -> [String] {
        if option.names?.contains(where: { $0.name == "profile" }) == true { return Self.matching(profiles(), prefix) }
        return Self.matching(option.offeredValues, prefix)
    }

    static func matching(_ words: [String], _ prefix: String) -> [String] {
        var seen: Set<String> = []
        return words.filter { $0.hasPrefix(prefix) && seen.insert($0).inserted }.sorted()
    }
}
