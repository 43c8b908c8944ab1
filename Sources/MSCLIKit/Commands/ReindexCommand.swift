import ArgumentParser
import BookingService
import Foundation
import NIOCore
import PostgresNIO
import SearchClient
import ServiceCore

/// `mscli reindex [rebuild] [INDEX...]`: rebuilds search indices from the booking database with no downtime (see
/// ``SearchReindexer``). Works on the database and the search engine directly, so it needs both URLs.
struct ReindexRebuild: MSCLICommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild search indices from the booking database and swap them in atomically (the default).",
        discussion: """
            Each index is rebuilt into a new versioned index (movies_20261125093012345) from one consistent database \
            snapshot, its document count checked, and the alias moved in one atomic request; changes made meanwhile \
            are replayed from the outbox. The old index is removed after the swap unless --keep-old is given. A failed \
            or interrupted run leaves the live alias untouched and can simply be run again. Needs the booking database \
            (--booking-database-url, BOOKING_DATABASE_URL) and the search engine (--search-url, the profile's search_url, \
            ELASTICSEARCH_URL or SEARCH_URL). What is rebuilt from where into where is named.

            Examples:
              mscli reindex
              mscli reindex movies --keep-old --dry-run --search-url http://127.0.0.1:9200
              mscli reindex rollback movies
            """)

    @Argument(
        help: "Indices to rebuild: movies, theaters, showings, bookings (default: all).",
        completion: .list(["movies", "theaters", "showings", "bookings"]))
    var indices: [String] = []
    @Flag(help: "Keep the previous index after the swap (delete it yourself later).") var keepOld = false
    @Flag(help: "Report what would be done; change nothing.") var dryRun = false
    @Option(help: ArgumentHelp("Bulk request size.", valueName: "megabytes")) var batchMegabytes = 4
    @OptionGroup var searchURL: SearchURLOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        for name in indices where SearchIndex.named(name) == nil {
            throw ValidationError("unknown index \(name); use " + SearchIndex.all.map(\.name).joined(separator: ", "))
        }
        guard (1...100).contains(batchMegabytes) else { throw ValidationError("--batch-megabytes must be from 1 to 100") }
    }

    func run(_ context: CommandContext) async throws {
        let selected = indices.isEmpty ? SearchIndex.all : indices.compactMap(SearchIndex.named)
        let database = try context.databaseSettings(for: .booking)
        guard let url = try searchURL.resolved(context) else {
            throw CLIError.usage("no search engine: pass --search-url, `mscli config set search_url URL`, or set ELASTICSEARCH_URL")
        }
        let options = SearchReindexer.Options(keepOld: keepOld, dryRun: dryRun, batchBytes: batchMegabytes << 20)
        let bar = ProgressBar(console: context.console)
        let reports: [SearchReindexer.Report] = try await PostgresClient.withClient(database, logger: context.logger) { client in
            try await SearchURLOption.withEngine(url, context, requestTimeout: .seconds(120)) { (engine: SearchClient?) -> [SearchReindexer.Report] in
                guard let engine else { return [SearchReindexer.Report]() }
                var reports: [SearchReindexer.Report] = []
                let reindexer = SearchReindexer(engine: engine, client: client, logger: context.logger)
                for index in selected {
                    let report = try await reindexer.reindex(index, options: options) { progress in
                        bar.update(label: progress.index, done: progress.sent, total: progress.total)
                    }
                    bar.finish()
                    if dryRun {
                        context.message(
                            "Dry run: \(index.name) would be rebuilt from \(Targets.database(database)) into "
                                + "\(Targets.service(url)); nothing changed")
                    } else {
                        context.message(
                            String(
                                format: "%@: %d documents from %@ into %@ at %@ in %.1f s (%.0f docs/s), %d replayed, removed %@",
                                index.name, report.documents, Targets.database(database), report.newIndex, Targets.service(url), report.seconds, Double(report.documents) / max(report.seconds, 0.001),
                                report.replayed, report.removedIndices.isEmpty ? "nothing" : report.removedIndices.joined(separator: ", ")))
                    }
                    reports.append(report)
                }
                return reports
            }
        }
        try context.output(reports) { reports in
            Table(
                headers: ["INDEX", "DOCUMENTS", "FROM", "TO", "REPLAYED", "REMOVED", "SECONDS"],
                rows: reports.map {
                    [
                        $0.index, "\($0.documents)", $0.previousIndices.joined(separator: ",").nonEmpty ?? "-",
                        $0.dryRun ? "(dry run) \($0.newIndex)" : $0.newIndex, "\($0.replayed)",
                        $0.removedIndices.joined(separator: ",").nonEmpty ?? "-", String(format: "%.2f", $0.seconds),
                    ]
                })
        }
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
