import ArgumentParser
import Foundation

/// `mscli doctor`: is everything the current profile points at up, migrated and in step?
struct DoctorCommand: MSCLICommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the services, databases and shards, search and Redis of the current profile.",
        discussion: """
            Services: reachable, /ready, version. Databases (auth, booking, the food primary and every shard): reachable, \
            migrations applied or pending. Search (with --search-url and the booking database, or an admin session): \
            cluster health, which versioned index each alias points at, documents against database rows, outbox lag. \
            Redis: PING. A highly available PostgreSQL (scripts/ha-cluster; --patroni-url or PATRONI_URLS): the leader, \
            whether a synchronous standby is there, each member's role, state, timeline and lag (a warning past 1 MiB) \
            from Patroni's REST API. What is not configured is skipped. A checklist on a terminal, a list with -o json; each failure \
            comes with the command that fixes it. Exit code 1 when a check failed (warnings do not fail).

            Examples:
              mscli doctor
              mscli doctor -p staging -o json
            """)

    @OptionGroup var searchURL: SearchURLOption
    @Option(
        name: .customLong("patroni-url"),
        help: "A Patroni member's REST API, to show the PostgreSQL cluster (repeatable or comma-separated; env PATRONI_URLS).")
    var patroniURLs: [String] = []
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        for url in patroniURLs.flatMap({ $0.split(separator: ",") }) where !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            throw ValidationError("--patroni-url must start with http:// or https://, not \(url)")
        }
    }

    /// The flags, else PATRONI_URLS.
    func patroniMembers(_ context: CommandContext) -> [String] {
        let given = patroniURLs.isEmpty ? [context.settings.environment[PatroniCluster.urlsVariable] ?? ""] : patroniURLs
        return given.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run(_ context: CommandContext) async throws {
        let probes = DoctorProbes(context: context, searchURL: try SearchURLOption.resolve(searchURL.url, context))
        let checks = await withTaskGroup(of: (Int, [DoctorCheck]).self) { group in
            for (index, target) in probes.services.enumerated() {
                group.addTask { (index, [await probes.service(target)]) }
            }
            group.addTask { (10, await probes.databases()) }
            let patroni = patroniMembers(context)
            group.addTask { (15, await probes.postgresCluster(patroni)) }
            group.addTask { (20, await probes.search()) }
            group.addTask { (30, [await probes.redis()]) }
            var results: [(Int, [DoctorCheck])] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
        switch context.settings.output {
        case .table: context.out(DoctorReport.checklist(checks))
        case .json, .yaml, .name, .tsv:
            try context.output(checks) {
                Table(headers: ["CHECK", "STATUS", "DETAIL", "FIX"], rows: $0.map { [$0.name, $0.status.rawValue, $0.detail, $0.fix ?? "-"] })
            }
        }
        let failed = checks.filter { $0.status == .fail }.count
        if failed > 0 { throw CLIError("\(failed) check(s) failed", status: .failure) }
    }
}
