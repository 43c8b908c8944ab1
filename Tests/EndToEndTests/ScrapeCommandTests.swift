import Foundation
import Testing
import TestSupport

/// `mscli scrape` end to end: saved pages (fixtures/scrape) scraped into a private booking database, the history
/// and the diff between runs, errors as one line and an exit code; and over HTTP through the booking service, which
/// fetches a page from a local HTTP server.
@Suite(.tags(.endToEnd)) struct ScrapeCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/scrape")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// A table's lines as cells (columns are separated by two or more spaces).
    static func cells(_ table: String) -> [[String]] {
        table.split(separator: "\n").map { line in
            line.split(separator: /\s{2,}/).map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    @Test func savedPagesThenHistoryAndDiff() async throws {
        try await EndToEnd.run { e2e in
            try await TestDatabase.with { bookingDB in
                let db = ["--booking-database-url", TestDatabase.url(bookingDB)]
                let unmigrated = try await e2e.mscli(["scrape", "ipos", "--file", Self.fixture("upcoming-ipos.html")] + db)
                #expect(unmigrated.status != 0 && unmigrated.stderr.contains("mscli migrate up booking"), "\(unmigrated)")
                #expect(try await e2e.mscli(["migrate", "up", "booking"] + db).status == 0)

                // The first run: the rows as a table on stdout, the run on stderr.
                let first = try await e2e.mscli(["scrape", "ipos", "--file", Self.fixture("upcoming-ipos.html")] + db)
                #expect(first.status == 0, "\(first)")
                let rows = Self.cells(first.stdout)
                #expect(rows.first == ["COMPANY", "ISSUE_DATE", "PRICE_BAND", "ISSUE_SIZE", "GMP"], "\(first)")
                #expect(rows.dropFirst().first == ["Aravali Solar Power", "02 Dec - 04 Dec 2026", "₹412 - ₹433", "1,250.00", "₹58 (13.4%)"])
                #expect(rows.count == 6)
                #expect(first.stderr.contains("run 1: 5 upcoming IPO(s) from file:\(Self.fixture("upcoming-ipos.html"))"), "\(first)")

                // The next day's page with --diff, as JSON.
                let second = try await e2e.mscli(
                    ["scrape", "ipos", "--file", Self.fixture("upcoming-ipos-next.html"), "--diff", "-o", "json"] + db)
                #expect(second.status == 0, "\(second)")
                let json = try #require(try e2e.json(second) as? [String: Any])
                #expect(json["run_id"] as? Int == 2 && json["count"] as? Int == 5)
                let diff = try #require(json["diff"] as? [String: Any])
                #expect((diff["added"] as? [[String: String]])?.map { $0["company"] } == ["Sahyadri Textiles"])
                #expect((diff["removed"] as? [[String: String]])?.map { $0["company"] } == ["Kaveri Cold Chain"])
                #expect((diff["changed"] as? [[String: Any]])?.map { $0["company"] as? String } == ["Aravali Solar Power", "Lotus & Lake Hospitality"])
                #expect((diff["previous"] as? [String: Any])?["id"] as? Int == 1)

                // The same diff as a table: one line per added or removed IPO and per changed field.
                let table = try await e2e.mscli(["scrape", "diff", "--maintenance"] + db)
                #expect(table.status == 0, "\(table)")
                let lines = Self.cells(table.stdout)
                #expect(lines.first == ["CHANGE", "COMPANY", "FIELD", "BEFORE", "AFTER"])
                #expect(lines.contains(["added", "Sahyadri Textiles", "-", "-", "17 Dec - 19 Dec 2026 | ₹140 - ₹147 | 310.20 | ₹15"]), "\(table)")
                #expect(lines.contains(["removed", "Kaveri Cold Chain", "-", "03 Dec - 05 Dec 2026 | ₹96 - ₹101 | 88.40 | ₹12", "-"]), "\(table)")
                #expect(lines.contains(["changed", "Aravali Solar Power", "price_band", "₹412 - ₹433", "₹418 - ₹440"]), "\(table)")
                #expect(lines.contains(["changed", "Aravali Solar Power", "gmp", "₹58 (13.4%)", "₹71 (16.1%)"]), "\(table)")
                #expect(lines.contains(["changed", "Lotus & Lake Hospitality", "issue_date", "To be announced", "16 Dec - 18 Dec 2026"]), "\(table)")
                #expect(table.stderr.contains("run 2 against run 1") && table.stderr.contains("1 added, 1 removed, 2 changed"), "\(table)")
                let none = try await e2e.mscli(["scrape", "diff", "1", "--maintenance"] + db)
                #expect(none.status == 0 && none.stderr.contains("run 1 is the first successful run"), "\(none)")

                // A malformed page still parses; pages of the wrong shape fail with one line and a non-zero exit.
                let malformed = try await e2e.mscli(["scrape", "ipos", "--file", Self.fixture("upcoming-ipos-malformed.html"), "-o", "json"] + db)
                #expect(malformed.status == 0, "\(malformed)")
                #expect((try e2e.json(malformed) as? [String: Any])?["count"] as? Int == 3, "\(malformed)")
                for (page, says) in [("no-section.html", "no div#UpcomingIpo section in file:"), ("no-table.html", "has no table"),
                                     ("blank.html", "is empty")] {
                    let failed = try await e2e.mscli(["scrape", "ipos", "--file", Self.fixture(page)] + db)
                    #expect(failed.status == 1, "\(failed)")
                    #expect(failed.stdout.isEmpty && failed.stderr.hasPrefix("mscli: ") && failed.stderr.contains(says), "\(failed)")
                    #expect(failed.stderr.split(separator: "\n").count == 1, "\(failed)")
                }
                let missing = try await e2e.mscli(["scrape", "ipos", "--file", "/no/such/page.html"] + db)
                #expect(missing.status == 1 && missing.stderr == "mscli: cannot read /no/such/page.html: no such file\n", "\(missing)")
                let diffOfFailed = try await e2e.mscli(["scrape", "diff", "4", "--maintenance"] + db)
                #expect(diffOfFailed.status == 4 && diffOfFailed.stderr.contains("Scrape run 4 failed"), "\(diffOfFailed)")

                // The history, newest first, failed runs with their error; as YAML too.
                let history = try await e2e.mscli(["scrape", "history", "--maintenance", "--limit", "4"] + db)
                #expect(history.status == 0, "\(history)")
                let runs = Self.cells(history.stdout)
                #expect(runs.first == ["RUN", "STARTED", "SECONDS", "STATUS", "IPOS", "SOURCE", "ERROR"])
                #expect(runs.dropFirst().map { $0[0] } == ["7", "6", "5", "4"], "\(history)")
                #expect(runs[1][3] == "failed" && runs[1][4] == "-" && runs[1].last?.contains("no such file") == true, "\(history)")
                #expect(runs[4][3] == "failed" && runs[4].last?.contains("no div#UpcomingIpo section") == true, "\(history)")
                let all = try await e2e.mscli(["scrape", "history", "--maintenance", "-o", "yaml"] + db)
                #expect(all.status == 0 && all.stdout.contains("status: succeeded") && all.stdout.contains("row_count: 5"), "\(all)")
                #expect(all.stdout.components(separatedBy: "status: ").count - 1 == 7, "\(all)")

                // --no-store needs no database; usage errors are one line with exit 64.
                let offline = try await e2e.mscli("scrape", "ipos", "--no-store", "--file", Self.fixture("empty-table.html"), "-o", "json")
                #expect(offline.status == 0, "\(offline)")
                #expect((try e2e.json(offline) as? [String: Any])?["count"] as? Int == 0, "\(offline)")
                let conflicting = try await e2e.mscli("scrape", "ipos", "--no-store", "--diff", "--file", Self.fixture("empty-table.html"))
                #expect(conflicting.status == 64, "\(conflicting)")
                let overHTTP = try await e2e.mscli("scrape", "ipos", "--url", "http://127.0.0.1:9/ipo")
                #expect(overHTTP.status == 64 && overHTTP.stderr.contains("--url is for maintenance mode"), "\(overHTTP)")
            }
        }
    }

    @Test func overHTTPTheBookingServiceScrapes() async throws {
        try await EndToEnd.run { e2e in
            try await TestDatabase.with { bookingDB in
                // A local page server over the fixtures.
                let pagePort = ProcessRunner.freePort()
                let pages = try ProcessRunner.Background(
                    "/usr/bin/env", ["python3", "-m", "http.server", "\(pagePort)", "--bind", "127.0.0.1", "--directory", Self.fixtures.path],
                    environment: ["PATH": e2e.environment["PATH"]!])
                defer { Task { await pages.stop() } }
                let pageBase = "http://127.0.0.1:\(pagePort)"
                #expect(await ProcessRunner.waitForHTTP(pageBase + "/README.md"), "the page server did not come up")

                let (booking, url) = try await e2e.startBookingService(
                    databaseURL: TestDatabase.url(bookingDB), env: ["IPO_PAGE_URL": pageBase + "/upcoming-ipos.html"])
                defer { Task { await booking.stop() } }
                let scraped = try await e2e.mscli("scrape", "ipos", "--booking-url", url, "-o", "json")
                #expect(scraped.status == 0, "\(scraped)")
                let json = try #require(try e2e.json(scraped) as? [String: Any])
                #expect(json["count"] as? Int == 5 && json["source"] as? String == pageBase + "/upcoming-ipos.html", "\(json)")

                // The history is for admins: without a session, one line and exit 4.
                let history = try await e2e.mscli("scrape", "history", "--booking-url", url)
                #expect(history.status == 4 && history.stderr.contains("needs an admin session"), "\(history)")

                // A page the service cannot fetch: the service's 502 and its detail, exit 5.
                let (broken, brokenURL) = try await e2e.startBookingService(
                    databaseURL: TestDatabase.url(bookingDB), env: ["IPO_PAGE_URL": "http://127.0.0.1:\(ProcessRunner.freePort())/ipo"])
                defer { Task { await broken.stop() } }
                let failed = try await e2e.mscli("scrape", "ipos", "--booking-url", brokenURL)
                #expect(failed.status == 5, "\(failed)")
                // The service's answer names no address (the stored run keeps the whole error, for `scrape history`).
                #expect(failed.stderr == "mscli: Scraping upcoming IPOs failed: the page source could not be reached\n", "\(failed)")

                // Both runs are in the database the services share.
                let runs = try await e2e.mscli("scrape", "history", "--maintenance", "--booking-database-url", TestDatabase.url(bookingDB), "-o", "json")
                let list = try #require(try e2e.json(runs) as? [[String: Any]], "\(runs)")
                #expect(list.map { $0["status"] as? String } == ["failed", "succeeded"], "\(runs)")
            }
        }
    }
}
