import BookingService
import Foundation
import IPOScraper
import PostgresNIO
import ServiceCore

/// One scrape as mscli reports it: the stored run (nil with --no-store), where the page came from, its rows and,
/// with --diff, what changed since the successful run before.
struct ScrapeResult: Encodable, Sendable {
    var runID: Int64?
    var source: String
    var scrapedAt: Date
    var count: Int
    var ipos: [IPORow]
    var diff: ScrapeDiffReport?

    enum CodingKeys: String, CodingKey {
        case source, count, ipos, diff
        case runID = "run_id", scrapedAt = "scraped_at"
    }
}

/// What the scrape commands do, whichever way they reach the booking database: over HTTP the booking service scrapes
/// its own `IPO_PAGE_URL` and stores the run; directly (--maintenance, --file) mscli runs the same ``IPOScraper`` and
/// ``BookingStore`` code.
protocol ScrapeBackend: Sendable {
    /// Scrapes and stores the run. `source` nil: the service's page (over HTTP).
    func scrape(_ source: IPOSource?) async throws -> ScrapeResult
    func runs(limit: Int) async throws -> [ScrapeRun]
    /// `run` nil: the newest successful run.
    func diff(_ run: Int64?) async throws -> ScrapeDiffReport
}

/// Runs `body` over HTTP, or (`direct`, or --maintenance) on the booking database.
func withScrapeBackend<T: Sendable>(
    _ context: CommandContext, direct: Bool = false, _ body: @Sendable (any ScrapeBackend) async throws -> T
) async throws -> T {
    if let override = context.backends.scrape { return try await body(override) }
    if direct || context.settings.maintenance {
        let settings = try context.databaseSettings(for: .booking)
        return try await context.withDatabase(.booking, settings) { client in
            try await Migrator(client: client, set: BookingMigrations.set, logger: context.logger).requireCurrent()
            let store = BookingStore(client: client, logger: context.logger)
            return try await ScrapeSettings.withScraper(context) { try await body(DirectScrapeBackend(store: store, scraper: $0)) }
        }
    }
    let token = try context.sessionToken(required: false)
    return try await body(HTTPScrapeBackend(http: ServiceHTTPClient(baseURL: context.settings.bookingURL, token: token, on: context)))
}

enum ScrapeSettings {
    /// `--url`, else `IPO_PAGE_URL`, else the seed's page.
    static func pageURL(_ flag: String?, _ context: CommandContext) -> String {
        flag ?? context.settings.environment["IPO_PAGE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? IPOPageFetcher.defaultURL
    }

    /// Runs `body` with a scraper on an HTTP client of this run's own, shut down afterwards; the fetch timeout from
    /// `IPO_FETCH_TIMEOUT_SECONDS` (1-300, default 30), as the service reads it.
    static func withScraper<T>(_ context: CommandContext, _ body: (IPOScraper) async throws -> T) async throws -> T {
        let seconds = context.settings.environment["IPO_FETCH_TIMEOUT_SECONDS"].flatMap(Int64.init).map { min(max($0, 1), 300) } ?? 30
        return try await IPOPageFetcher.withFetcher(timeout: .seconds(seconds)) { try await body(IPOScraper(fetcher: $0)) }
    }
}

struct DirectScrapeBackend: ScrapeBackend {
    let store: BookingStore
    let scraper: IPOScraper

    func scrape(_ source: IPOSource?) async throws -> ScrapeResult {
        let outcome = try await store.scrape(source ?? .url(IPOPageFetcher.defaultURL), with: scraper)
        return ScrapeResult(
            runID: outcome.run.id, source: outcome.run.source, scrapedAt: outcome.run.finishedAt, count: outcome.page.rows.count,
            ipos: outcome.page.rows)
    }

    func runs(limit: Int) async throws -> [ScrapeRun] { try await store.scrapeRuns(limit: limit) }

    func diff(_ run: Int64?) async throws -> ScrapeDiffReport { try await store.scrapeDiff(run) }
}

struct HTTPScrapeBackend: ScrapeBackend {
    let http: ServiceHTTPClient

    /// The service's answer: the seed's envelope plus the stored run.
    struct Envelope: Decodable {
        var count: Int
        var ipos: [IPORow]
        var runID: Int64
        var source: String
        var scrapedAt: Date

        enum CodingKeys: String, CodingKey {
            case count, ipos, source
            case runID = "run_id", scrapedAt = "scraped_at"
        }
    }

    func scrape(_ source: IPOSource?) async throws -> ScrapeResult {
        if source != nil { throw CLIError.usage("over HTTP the booking service scrapes its own IPO_PAGE_URL; use --maintenance or --file") }
        let envelope = try http.decode(Envelope.self, from: try await http.send(.GET, "/booking/scrap/upcoming_ipos"))
        return ScrapeResult(
            runID: envelope.runID, source: envelope.source, scrapedAt: envelope.scrapedAt, count: envelope.count, ipos: envelope.ipos)
    }

    func runs(limit: Int) async throws -> [ScrapeRun] {
        try await requireSession()
        return try http.decode([ScrapeRun].self, from: try await http.send(.GET, "/booking/scrap/runs", query: [("limit", "\(limit)")]))
    }

    func diff(_ run: Int64?) async throws -> ScrapeDiffReport {
        try await requireSession()
        var id = run
        if id == nil {
            let runs = try http.decode([ScrapeRun].self, from: try await http.send(.GET, "/booking/scrap/runs", query: [("limit", "1000")]))
            guard let newest = runs.first(where: \.succeeded) else { throw APIError.notFound("No successful scrape run yet") }
            id = newest.id
        }
        return try http.decode(ScrapeDiffReport.self, from: try await http.send(.GET, "/booking/scrap/runs/\(id!)/diff"))
    }

    /// The history is for admins: say how to get a session rather than relay a bare 401.
    func requireSession() async throws {
        guard http.token != nil else {
            throw CLIError(
                "the scrape history needs an admin session: run `mscli auth login`, or use --maintenance with the booking database",
                status: .refused)
        }
    }
}
