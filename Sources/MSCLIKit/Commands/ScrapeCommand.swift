import ArgumentParser
import BookingService
import Foundation
import IPOScraper
import ServiceCore

struct ScrapeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scrape",
        abstract: "Scrape the upcoming-IPO page, and look at earlier runs and what changed between them.",
        discussion: """
            Over HTTP `scrape ipos` asks the booking service (GET /booking/scrap/upcoming_ipos), which fetches its \
            IPO_PAGE_URL and stores the run; history and diffs need an admin session. With --maintenance, or --file \
            with a saved page, mscli fetches or reads the page itself and stores the run in the booking database \
            (--booking-database-url, BOOKING_DATABASE_URL). Every run is stored, failed ones with their error. \
            Examples:
              mscli scrape ipos
              mscli scrape ipos --file saved-page.html --diff
              mscli scrape history --limit 5 --maintenance
            """,
        subcommands: [IPOs.self, History.self, Diff.self]
    )
}

enum ScrapeTables {
    static func ipos(_ rows: [IPORow]) -> Table {
        Table(
            headers: ["COMPANY", "ISSUE_DATE", "PRICE_BAND", "ISSUE_SIZE", "GMP"],
            rows: rows.map { [$0.company, $0.issueDate, $0.priceBand, $0.issueSize, $0.gmp] })
    }

    static func runs(_ runs: [ScrapeRun]) -> Table {
        Table(
            headers: ["RUN", "STARTED", "SECONDS", "STATUS", "IPOS", "SOURCE", "ERROR"],
            rows: runs.map {
                [
                    "\($0.id)", Rendering.date($0.startedAt), String(format: "%.2f", $0.finishedAt.timeIntervalSince($0.startedAt)),
                    $0.status, $0.succeeded ? "\($0.rowCount)" : "-", $0.source, $0.error ?? "-",
                ]
            })
    }

    /// One line per added or removed IPO and per changed field.
    static func diff(_ report: ScrapeDiffReport) -> Table {
        func summary(_ row: IPORow) -> String { [row.issueDate, row.priceBand, row.issueSize, row.gmp].joined(separator: " | ") }
        var rows: [[String]] = report.added.map { ["added", $0.company, "-", "-", summary($0)] }
        rows += report.removed.map { ["removed", $0.company, "-", summary($0), "-"] }
        for change in report.changed {
            rows += change.fields.map { ["changed", change.company, $0.field, $0.before, $0.after] }
        }
        return Table(headers: ["CHANGE", "COMPANY", "FIELD", "BEFORE", "AFTER"], rows: rows)
    }

    /// "run 7 against run 6 (2026-11-25T09:30:00Z): 1 added, 1 removed, 2 changed", or why there is nothing to compare.
    static func headline(_ report: ScrapeDiffReport) -> String {
        guard let previous = report.previous else {
            return "run \(report.run.id) is the first successful run: nothing to compare with"
        }
        let counts = "\(report.added.count) added, \(report.removed.count) removed, \(report.changed.count) changed"
        return "run \(report.run.id) against run \(previous.id) (\(Rendering.date(previous.startedAt))): \(counts)"
    }
}

extension ScrapeCommand {
    struct IPOs: MSCLICommand {
        static let configuration = CommandConfiguration(
            commandName: "ipos",
            abstract: "Scrape the upcoming IPOs (company, issue date, price band, issue size, GMP) and store the run.",
            discussion: """
                A page that cannot be fetched, or that has no div#UpcomingIpo section or no table in it, is an error \
                (exit 5 when the page could not be had, 1 when it is not the expected page); a table without IPO rows \
                is an empty result. --diff also shows what changed since the last successful run.

                Examples:
                  mscli scrape ipos
                  mscli scrape ipos --file fixtures/scrape/upcoming-ipos.html --no-store
                """)
        @Option(help: ArgumentHelp("Parse a saved page instead of fetching one (works on the booking database directly).", valueName: "path"),
                completion: .file(extensions: ["html", "htm"]))
        var file: String?
        @Option(help: ArgumentHelp("Page to fetch in maintenance mode (env IPO_PAGE_URL; default \(IPOPageFetcher.defaultURL)).", valueName: "url"))
        var url: String?
        @Flag(help: "Also show what changed since the previous successful run.") var diff = false
        @Flag(help: "Only parse and print; store nothing (needs no database; not with --diff).") var noStore = false
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if file != nil, url != nil { throw ValidationError("give --file or --url, not both") }
            if let url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
                throw ValidationError("--url must start with http:// or https://")
            }
            if noStore, diff { throw ValidationError("--diff compares stored runs; it cannot be used with --no-store") }
        }

        func run(_ context: CommandContext) async throws {
            let direct = file != nil || context.settings.maintenance || noStore
            if url != nil, !direct {
                throw CLIError.usage("--url is for maintenance mode; over HTTP the booking service scrapes its own IPO_PAGE_URL")
            }
            let source: IPOSource? = direct ? (file.map { .file($0) } ?? .url(ScrapeSettings.pageURL(url, context))) : nil
            let result: ScrapeResult
            if noStore, let source {
                let page = try await ScrapeSettings.withScraper(context) { try await $0.scrape(source) }
                result = ScrapeResult(runID: nil, source: source.description, scrapedAt: Date(), count: page.rows.count, ipos: page.rows)
            } else {
                let diff = self.diff
                result = try await withScrapeBackend(context, direct: direct) { backend in
                    var result = try await backend.scrape(source)
                    if diff, let id = result.runID { result.diff = try await backend.diff(id) }
                    return result
                }
            }
            try context.output(result) { ScrapeTables.ipos($0.ipos) }
            if context.settings.output == .table {
                let run = result.runID.map { "run \($0): " } ?? ""
                let stored = result.runID == nil ? "" : " in \(direct || context.settings.maintenance ? context.databaseTargets(.booking) : context.target(.booking))"
                context.message("\(run)\(result.count) upcoming IPO(s) from \(result.source) at \(Rendering.date(result.scrapedAt))\(stored)")
                if let report = result.diff {
                    context.message(ScrapeTables.headline(report))
                    if !report.diff.isEmpty {
                        context.out("")
                        context.out(ScrapeTables.diff(report).render())
                    }
                }
            }
        }
    }

    struct History: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Earlier scrape runs, newest first: when, from where, how many IPOs, or why they failed (admin).",
            discussion: """
                Examples:
                  mscli scrape history --limit 5
                """)
        @Option(help: "Runs to show (1-1000).") var limit = 20
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard (1...1000).contains(limit) else { throw ValidationError("--limit must be from 1 to 1000") }
        }

        func run(_ context: CommandContext) async throws {
            let limit = self.limit
            let runs = try await withScrapeBackend(context) { try await $0.runs(limit: limit) }
            try context.output(runs, table: ScrapeTables.runs)
            if context.settings.output == .table, runs.isEmpty { context.message("no scrape runs yet") }
        }
    }

    struct Diff: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "What a run found that the successful run before it did not: added, removed and changed IPOs (admin).",
            discussion: """
            Without RUN: the newest successful run. IPOs are matched by company name.

            Examples:
              mscli scrape diff 12
              mscli scrape diff 12 -o json
            """)
        @Argument(help: ArgumentHelp("Run id (from `mscli scrape history`).", valueName: "run")) var run: Int64?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if let run, run < 1 { throw ValidationError("a run id is a positive number") }
        }

        func run(_ context: CommandContext) async throws {
            let id = run
            let report = try await withScrapeBackend(context) { try await $0.diff(id) }
            try context.output(report, table: ScrapeTables.diff)
            if context.settings.output == .table { context.message(ScrapeTables.headline(report)) }
        }
    }
}
