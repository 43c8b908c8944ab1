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
            Redis: PING. What is not configured is skipped. A checklist on a terminal, a list with -o json; each failure \
            comes with the command that fixes it. Exit code 1 when a check failed (warnings do not fail).

            Examples:
              mscli doctor
              mscli doctor -p staging -o json
            """)

    @OptionGroup var searchURL: SearchURLOption
    @OptionGroup var global: GlobalOptions

    func run(_ context: CommandContext) async throws {
        let probes = DoctorProbes(context: context, searchURL: try SearchURLOption.resolve(searchURL.url, context))
        let checks = await withTaskGroup(of: (Int, [DoctorCheck]).self) { group in
            for (index, target) in probes.services.enumerated() {
                group.addTask { (index, [await probes.service(target)]) }
            }
            group.addTask { (10, await probes.databases()) }
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
