import Foundation
import IPOScraper
import Testing

/// The table parse over every saved page in fixtures/scrape, and the diff between two runs.
@Suite struct IPOTableParserTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/scrape")

    static func page(_ name: String) throws -> String {
        try IPOScraper.read(fixtures.appendingPathComponent(name).path)
    }

    static func parse(_ name: String, includeHTML: Bool = false, cleanHTML: Bool = true) throws -> IPOPage {
        try IPOTableParser.parse(try page(name), source: name, includeHTML: includeHTML, cleanHTML: cleanHTML)
    }

    @Test func aFullPageGivesItsRowsWithTheSeedsFieldNames() throws {
        let rows = try Self.parse("upcoming-ipos.html").rows
        #expect(rows.map(\.company) == [
            "Aravali Solar Power", "Kaveri Cold Chain", "Deccan Precision Forge", "Lotus & Lake Hospitality", "Nilgiri Agrotech",
        ])
        // Nested links and spans, entities, &nbsp;, line breaks inside cells and <br> all end up as plain text.
        #expect(rows[0] == IPORow(
            company: "Aravali Solar Power", issueDate: "02 Dec - 04 Dec 2026", priceBand: "₹412 - ₹433", issueSize: "1,250.00",
            gmp: "₹58 (13.4%)"))
        #expect(rows[3].gmp == "--")
        #expect(rows[4].issueDate == "11 Dec - 15 Dec 2026" && rows[4].gmp == "₹6 (11.5%)")
        // The second table on the page (closed IPOs) and the ad row (one cell, holding a script) are not rows.
        #expect(!rows.contains { $0.company.contains("Old Closed") || $0.company.contains("loadAd") })

        let json = String(decoding: try JSONEncoder().encode(rows[1]), as: UTF8.self)
        for key in ["\"company\"", "\"issue_date\"", "\"price_band\"", "\"issue_size\"", "\"gmp\""] { #expect(json.contains(key), "\(json)") }
    }

    @Test func theNextDaysPage() throws {
        let rows = try Self.parse("upcoming-ipos-next.html").rows
        #expect(rows.count == 5)
        #expect(rows.last == IPORow(
            company: "Sahyadri Textiles", issueDate: "17 Dec - 19 Dec 2026", priceBand: "₹140 - ₹147", issueSize: "310.20", gmp: "₹15"))
    }

    @Test func aMalformedPageIsRecoveredAsABrowserWould() throws {
        let rows = try Self.parse("upcoming-ipos-malformed.html").rows
        // The row after an unclosed <b> is its own row, not text of the cell before; the three-cell row is skipped.
        #expect(rows.map(\.company) == ["Aravali Solar Power", "Kaveri Cold Chain", "Mehta & Sons Logistics"])
        #expect(rows[0].gmp == "₹58")
        #expect(rows[1] == IPORow(
            company: "Kaveri Cold Chain", issueDate: "03 Dec - 05 Dec 2026", priceBand: "₹96 - ₹101", issueSize: "88.40", gmp: "₹12"))
        #expect(rows[2].gmp == "₹4 (5%)")
    }

    @Test func aTableWithoutIPORowsIsAnEmptyResultNotAnError() throws {
        let page = try Self.parse("empty-table.html", includeHTML: true)
        #expect(page.rows.isEmpty)
        #expect(page.sectionHTML?.hasPrefix("<div id=\"UpcomingIpo\"") == true)
    }

    @Test func pagesOfTheWrongShapeAreErrorsThatSayWhy() throws {
        #expect(throws: ScrapeError.noSection(source: "no-section.html")) { try Self.parse("no-section.html") }
        #expect(throws: ScrapeError.noTable(source: "no-table.html")) { try Self.parse("no-table.html") }
        #expect(throws: ScrapeError.emptyPage(source: "blank.html")) { try Self.parse("blank.html") }
        #expect(throws: ScrapeError.emptyPage(source: "x")) { try IPOTableParser.parse("", source: "x") }
        // Not HTML at all: libxml2 makes a document of it, which has no section.
        #expect(throws: ScrapeError.noSection(source: "x")) { try IPOTableParser.parse(#"{"ipos": []}"#, source: "x") }
        #expect(ScrapeError.noSection(source: "the page").description.hasPrefix("no div#UpcomingIpo section in the page"))
        #expect(!ScrapeError.noTable(source: "p").isFetchFailure && ScrapeError.unreachable(url: "u", reason: "r").isFetchFailure)
    }

    @Test func theSectionHTMLIsCleanedAsTheSeedDid() throws {
        let clean = try #require(try Self.parse("upcoming-ipos.html", includeHTML: true).sectionHTML)
        #expect(clean.hasPrefix("<div id=\"UpcomingIpo\" class=\"ipoListing\">") && clean.hasSuffix("</div>"))
        #expect(!clean.contains("<script") && !clean.contains("loadAd") && !clean.contains("  "))
        #expect(!clean.contains("ClosedIpo"))
        let raw = try #require(try Self.parse("upcoming-ipos.html", includeHTML: true, cleanHTML: false).sectionHTML)
        #expect(raw.contains("<script>") && raw.contains("  "))
        #expect(try Self.parse("upcoming-ipos.html").sectionHTML == nil)
    }

    @Test func onlyTheFirstTableOfTheSectionCountsAndItsFirstRowIsTheHeader() throws {
        let html = """
            <div id="UpcomingIpo"><table><tr><td>a</td><td>b</td><td>c</td><td>d</td><td>e</td></tr>
            <tr><td> One </td><td>1</td><td>2</td><td>3</td><td>4</td><td>extra</td></tr>
            <tr><td>Nested<table><tr><td>x</td><td>x</td><td>x</td><td>x</td><td>x</td></tr></table></td><td>1</td><td>2</td><td>3</td><td>4</td></tr>
            </table><table><tr><th>h</th></tr><tr><td>Two</td><td>1</td><td>2</td><td>3</td><td>4</td></tr></table></div>
            """
        let rows = try IPOTableParser.parse(html).rows
        // A table inside a cell is that cell's text, not rows of ours; the second table of the section is ignored.
        #expect(rows.count == 2 && rows[0].company == "One" && rows[1].company.hasPrefix("Nested") && rows[1].gmp == "4")
    }

    @Test func theDiffMatchesByCompany() throws {
        let before = try Self.parse("upcoming-ipos.html").rows
        let after = try Self.parse("upcoming-ipos-next.html").rows
        let diff = IPODiff(from: before, to: after)
        #expect(diff.added.map(\.company) == ["Sahyadri Textiles"])
        #expect(diff.removed.map(\.company) == ["Kaveri Cold Chain"])
        #expect(diff.changed.map(\.company) == ["Aravali Solar Power", "Lotus & Lake Hospitality"])
        #expect(diff.changed[0].fields == [
            .init(field: "price_band", before: "₹412 - ₹433", after: "₹418 - ₹440"),
            .init(field: "gmp", before: "₹58 (13.4%)", after: "₹71 (16.1%)"),
        ])
        #expect(diff.changed[1].fields.map(\.field) == ["issue_date", "gmp"])
        #expect(IPODiff(from: after, to: after).isEmpty)
        #expect(IPODiff(from: [], to: after).added.count == 5)
    }

    @Test func savedFilesThatCannotBeReadSaySo() {
        #expect(throws: ScrapeError.unreadableFile(path: "/no/such/page.html", reason: "no such file")) {
            try IPOScraper.read("/no/such/page.html")
        }
        #expect(throws: ScrapeError.unreadableFile(path: Self.fixtures.path, reason: "it is a directory")) {
            try IPOScraper.read(Self.fixtures.path)
        }
    }

    @Test func fetchingRefusesBadURLsAndReportsRefusedConnections() async throws {
        try await IPOPageFetcher.withFetcher(timeout: .seconds(5)) { fetcher in
            await #expect(throws: ScrapeError.invalidURL("ftp://example.com/")) { try await fetcher.fetch("ftp://example.com/") }
            // Port 9 (discard) on loopback: nothing listens there in a test environment.
            await #expect(throws: ScrapeError.unreachable(url: "http://127.0.0.1:9/ipo", reason: "connection refused")) {
                try await fetcher.fetch("http://127.0.0.1:9/ipo")
            }
        }
    }
}
