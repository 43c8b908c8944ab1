import Foundation
import IPOScraper
import Logging
import PostgresNIO
import ServiceCore

/// One run of the upcoming-IPO scraper as stored in `scrape_runs`.
public struct ScrapeRun: Codable, Sendable, Equatable {
    public var id: Int64
    /// The page URL, or `file:` and the path of a saved page.
    public var source: String
    public var startedAt: Date
    public var finishedAt: Date
    /// `succeeded` or `failed`.
    public var status: String
    public var rowCount: Int
    /// Why a failed run failed.
    public var error: String?

    public var succeeded: Bool { status == "succeeded" }

    enum CodingKeys: String, CodingKey {
        case id, source, status, error
        case startedAt = "started_at", finishedAt = "finished_at", rowCount = "row_count"
    }
}

/// A successful run and the rows it found.
public struct ScrapeOutcome: Sendable {
    public var run: ScrapeRun
    public var page: IPOPage
}

/// What changed between a run and the successful run before it (`previous` absent: there was none, so there is
/// nothing to compare and the lists are empty).
public struct ScrapeDiffReport: Codable, Sendable, Equatable {
    public var run: ScrapeRun
    public var previous: ScrapeRun?
    public var added: [IPORow]
    public var removed: [IPORow]
    public var changed: [IPODiff.Change]

    public init(run: ScrapeRun, previous: ScrapeRun?, diff: IPODiff) {
        self.run = run
        self.previous = previous
        self.added = diff.added
        self.removed = diff.removed
        self.changed = diff.changed
    }

    public var diff: IPODiff { IPODiff(added: added, removed: removed, changed: changed) }
}

extension BookingStore {
    static let scrapeRunColumns = "id, source, started_at, finished_at, status, row_count, error"

    static func scrapeRun(_ c: inout Cells) throws -> ScrapeRun {
        ScrapeRun(
            id: try c.next(), source: try c.next(), startedAt: try c.next(), finishedAt: try c.next(), status: try c.next(),
            rowCount: try c.next(), error: try c.next())
    }

    /// Scrapes `source` and stores the run: its rows when it succeeds; when it fails, the run with its error, and the
    /// error is rethrown (a failure to store a failed run is logged, and the scrape's error still wins).
    public func scrape(_ source: IPOSource, with scraper: IPOScraper, includeHTML: Bool = false, cleanHTML: Bool = true)
        async throws -> ScrapeOutcome
    {
        let started = Date()
        let page: IPOPage
        do {
            page = try await scraper.scrape(source, includeHTML: includeHTML, cleanHTML: cleanHTML)
        } catch {
            let message = (error as? ScrapeError)?.description ?? "\(error)"
            do {
                _ = try await recordScrape(source: source.description, startedAt: started, finishedAt: Date(), rows: [], error: message)
            } catch let storeError {
                logger.error("cannot store a failed scrape run", metadata: ["error": "\(PostgresErrorText.describe(storeError))"])
            }
            throw error
        }
        let run = try await recordScrape(source: source.description, startedAt: started, finishedAt: Date(), rows: page.rows, error: nil)
        return ScrapeOutcome(run: run, page: page)
    }

    /// Stores one run and its rows in one statement. `error` nil: a successful run.
    public func recordScrape(source: String, startedAt: Date, finishedAt: Date, rows: [IPORow], error: String?) async throws -> ScrapeRun {
        let status = error == nil ? "succeeded" : "failed"
        let companies = rows.map(\.company)
        let dates = rows.map(\.issueDate)
        let bands = rows.map(\.priceBand)
        let sizes = rows.map(\.issueSize)
        let gmps = rows.map(\.gmp)
        return try await bounded {
            let result = try await self.rows(
                """
                WITH run AS (
                    INSERT INTO scrape_runs (source, started_at, finished_at, status, row_count, error)
                    VALUES (\(source), \(startedAt), \(max(finishedAt, startedAt)), \(status), \(companies.count), \(error))
                    RETURNING \(unescaped: Self.scrapeRunColumns)
                ), stored AS (
                    INSERT INTO scrape_rows (run_id, position, company, issue_date, price_band, issue_size, gmp)
                    SELECT run.id, r.n - 1, r.company, r.issue_date, r.price_band, r.issue_size, r.gmp
                    FROM run, unnest(\(companies)::text[], \(dates)::text[], \(bands)::text[], \(sizes)::text[], \(gmps)::text[])
                        WITH ORDINALITY AS r(company, issue_date, price_band, issue_size, gmp, n)
                )
                SELECT \(unescaped: Self.scrapeRunColumns) FROM run
                """)
            var c = Cells(result[0])
            return try Self.scrapeRun(&c)
        }
    }

    /// The newest runs first.
    public func scrapeRuns(limit: Int, offset: Int = 0) async throws -> [ScrapeRun] {
        try await bounded {
            try await rows(
                """
                SELECT \(unescaped: Self.scrapeRunColumns) FROM scrape_runs
                ORDER BY started_at DESC, id DESC LIMIT \(limit) OFFSET \(offset)
                """
            ).map { row in
                var c = Cells(row)
                return try Self.scrapeRun(&c)
            }
        }
    }

    public func scrapeRun(_ id: Int64) async throws -> ScrapeRun {
        try await bounded {
            guard let row = try await rows("SELECT \(unescaped: Self.scrapeRunColumns) FROM scrape_runs WHERE id = \(id)").first else {
                throw APIError.notFound("Scrape run \(id) not found")
            }
            var c = Cells(row)
            return try Self.scrapeRun(&c)
        }
    }

    /// The rows a run found, in page order.
    public func scrapeRows(_ runID: Int64) async throws -> [IPORow] {
        try await bounded {
            try await rows(
                """
                SELECT company, issue_date, price_band, issue_size, gmp FROM scrape_rows WHERE run_id = \(runID) ORDER BY position
                """
            ).map { row in
                var c = Cells(row)
                return IPORow(company: try c.next(), issueDate: try c.next(), priceBand: try c.next(), issueSize: try c.next(), gmp: try c.next())
            }
        }
    }

    /// What changed between run `id` (nil: the newest successful run) and the successful run before it. A failed run
    /// has nothing to compare (409); no successful run at all is a 404.
    public func scrapeDiff(_ id: Int64? = nil) async throws -> ScrapeDiffReport {
        let run: ScrapeRun
        if let id {
            run = try await scrapeRun(id)
        } else {
            let newest = try await bounded {
                try await rows(
                    """
                    SELECT \(unescaped: Self.scrapeRunColumns) FROM scrape_runs WHERE status = 'succeeded' ORDER BY id DESC LIMIT 1
                    """
                ).first
            }
            guard let newest else { throw APIError.notFound("No successful scrape run yet") }
            var c = Cells(newest)
            run = try Self.scrapeRun(&c)
        }
        guard run.succeeded else {
            throw APIError.conflict("Scrape run \(run.id) failed (\(run.error ?? "no reason recorded")); there is nothing to compare")
        }
        let before = try await bounded {
            try await rows(
                """
                SELECT \(unescaped: Self.scrapeRunColumns) FROM scrape_runs
                WHERE status = 'succeeded' AND id < \(run.id) ORDER BY id DESC LIMIT 1
                """
            ).first
        }
        guard let before else { return ScrapeDiffReport(run: run, previous: nil, diff: IPODiff()) }
        var c = Cells(before)
        let previous = try Self.scrapeRun(&c)
        let diff = IPODiff(from: try await scrapeRows(previous.id), to: try await scrapeRows(run.id))
        return ScrapeDiffReport(run: run, previous: previous, diff: diff)
    }
}
