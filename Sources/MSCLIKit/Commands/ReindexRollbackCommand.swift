import ArgumentParser
import BookingService
import PostgresNIO
import SearchClient

/// `mscli reindex`: `rebuild` (the default, so `mscli reindex movies` rebuilds) and `rollback`.
struct ReindexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: "Rebuild search indices (the default), or roll one back to the index a rebuild kept.",
        discussion: """
            `mscli reindex [INDEX...]` is `mscli reindex rebuild [INDEX...]`.

            Examples:
              mscli reindex movies --keep-old
              mscli reindex rollback movies
            """,
        subcommands: [ReindexRebuild.self, Rollback.self],
        defaultSubcommand: ReindexRebuild.self)
}

extension ReindexCommand {
    struct Rollback: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Point an index's alias back at the index `reindex --keep-old` kept.",
            discussion: """
                For a reindex that went live and turned out wrong (a bad mapping, say). The alias moves back in one \
                atomic request; the index it leaves stays (the next reindex removes it). Refused (exit 4) when no \
                earlier index was kept. Changes made since that reindex are only in the index left: run \
                `mscli reindex INDEX` again once the problem is fixed.

                Examples:
                  mscli reindex rollback movies
                  mscli reindex rollback showings --search-url http://127.0.0.1:9200 -o json
                """)
        @Argument(help: "Index whose alias to move back: movies, theaters, showings, bookings.", completion: .list(["movies", "theaters", "showings", "bookings"]))
        var index: String
        @OptionGroup var searchURL: SearchURLOption
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if SearchIndex.named(index) == nil {
                throw ValidationError("unknown index \(index); use " + SearchIndex.all.map(\.name).joined(separator: ", "))
            }
        }

        func run(_ context: CommandContext) async throws {
            let selected = SearchIndex.named(index)!
            let database = try context.databaseSettings(for: .booking)
            guard let url = try searchURL.resolved(context) else {
                throw CLIError.usage("no search engine: pass --search-url or set ELASTICSEARCH_URL")
            }
            let report: SearchReindexer.RollbackReport = try await PostgresClient.withClient(database, logger: context.logger) { client in
                try await SearchURLOption.withEngine(url, context) { (engine: SearchClient?) -> SearchReindexer.RollbackReport in
                    guard let engine else { throw CLIError.usage("no search engine: pass --search-url or set ELASTICSEARCH_URL") }
                    return try await SearchReindexer(engine: engine, client: client, logger: context.logger).rollback(selected)
                }
            }
            context.message("\(report.index): the alias now points at \(report.to) (\(report.documents) documents), no longer at \(report.from.joined(separator: ", "))")
            try context.output(report) { report in
                Table(headers: ["INDEX", "FROM", "TO", "DOCUMENTS"], rows: [[report.index, report.from.joined(separator: ","), report.to, "\(report.documents)"]])
            }
        }
    }
}
