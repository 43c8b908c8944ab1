import BookingService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IPOScraper
import PostgresNIO
import ServiceCore
import Testing
import TestSupport

/// Serves the saved pages of fixtures/scrape at `/ipo`, whichever one the test picks, over a real local HTTP server;
/// `missing` answers 404.
actor PageServer {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/scrape")

    var page = "upcoming-ipos.html"
    private(set) var requests: [HTTPFields] = []

    func serve(_ name: String) { page = name }

    func respond(_ headers: HTTPFields) throws -> Response {
        requests.append(headers)
        guard page != "missing" else { return Response(status: .notFound) }
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent(page))
        return Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Runs `body` with the server's page URL.
    static func run(_ body: @Sendable (PageServer, String) async throws -> Void) async throws {
        let server = PageServer()
        let router = Router()
        router.get("/ipo") { request, _ in try await server.respond(request.headers) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body(server, "http://127.0.0.1:\(try #require(client.port))/ipo")
        }
    }
}

/// `GET /booking/scrap/upcoming_ipos` against a local page server: the seed's envelope, every run stored, failures as
/// 502s that say what went wrong, the history and the diff between runs.
@Suite struct ScrapeRouteTests {
    static func document(_ api: BookingAPI) async throws -> OpenAPIContract {
        try OpenAPIContract(json: try await api.call(.get, "/openapi.json", as: nil).text)
    }

    static func check(
        _ reply: Reply, _ validator: OpenAPIContract, _ path: String, status: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(reply.status == status, "\(reply.text)", sourceLocation: sourceLocation)
        let value = try? JSONSerialization.jsonObject(with: Data(reply.text.utf8), options: [.fragmentsAllowed])
        let problems = validator.problems(value, path: path, method: "get", status: "\(status)")
        #expect(problems.isEmpty, "\(path) \(status): \(problems)", sourceLocation: sourceLocation)
    }

    @Test func scrapesStoresEveryRunAndDiffsThem() async throws {
        try await PageServer.run { server, url in
            try await BookingHarness.run(configure: { $0.ipoPageURL = url }) { api in
                let validator = try await Self.document(api)
                let route = "/booking/scrap/upcoming_ipos"

                // Public, as in the seed; the seed's envelope and the rows with its field names.
                let first = try await api.call(.get, route, as: nil)
                Self.check(first, validator, route, status: 200)
                #expect(first.json["success"] as? Bool == true && first.json["count"] as? Int == 5)
                #expect(first.json["html"] == nil && first.json["source"] as? String == url)
                let ipos = try #require(first.json["ipos"] as? [[String: String]])
                #expect(ipos[0] == [
                    "company": "Aravali Solar Power", "issue_date": "02 Dec - 04 Dec 2026", "price_band": "₹412 - ₹433",
                    "issue_size": "1,250.00", "gmp": "₹58 (13.4%)",
                ])
                let firstRun = try #require(first.json["run_id"] as? Int)
                // The page was asked for as a browser would.
                let headers = try #require(await server.requests.last)
                #expect(headers[.userAgent]?.contains("Chrome/120") == true)

                // With a trailing slash, and with the section's HTML.
                let withHTML = try await api.call(.get, route + "/?include_html=true", as: nil)
                Self.check(withHTML, validator, route, status: 200)
                let html = try #require(withHTML.json["html"] as? String)
                #expect(html.hasPrefix("<div id=\"UpcomingIpo\"") && !html.contains("<script"))
                #expect(try await api.call(.get, route + "?include_html=maybe", as: nil).status == 422)

                // The next day's page, then the diff against the run before.
                await server.serve("upcoming-ipos-next.html")
                let second = try await api.call(.get, route, as: nil)
                Self.check(second, validator, route, status: 200)
                let secondRun = try #require(second.json["run_id"] as? Int)
                #expect(secondRun > firstRun)
                let admin = try await api.session(.admin)
                let diffPath = "/booking/scrap/runs/{run_id}/diff"
                let diff = try await api.call(.get, "/booking/scrap/runs/\(secondRun)/diff", as: admin)
                Self.check(diff, validator, diffPath, status: 200)
                #expect((diff.json["added"] as? [[String: String]])?.map { $0["company"] } == ["Sahyadri Textiles"])
                #expect((diff.json["removed"] as? [[String: String]])?.map { $0["company"] } == ["Kaveri Cold Chain"])
                let changed = try #require(diff.json["changed"] as? [[String: Any]])
                #expect(changed.map { $0["company"] as? String } == ["Aravali Solar Power", "Lotus & Lake Hospitality"])
                #expect((changed[0]["fields"] as? [[String: String]])?.first == ["field": "price_band", "before": "₹412 - ₹433", "after": "₹418 - ₹440"])
                #expect((diff.json["previous"] as? [String: Any])?["id"] as? Int == withHTML.json["run_id"] as? Int)
                // The first run has nothing before it.
                let none = try await api.call(.get, "/booking/scrap/runs/\(firstRun)/diff", as: admin)
                Self.check(none, validator, diffPath, status: 200)
                #expect(none.json["previous"] == nil && (none.json["added"] as? [Any])?.isEmpty == true)

                // Pages of the wrong shape are 502s that say why, never an empty success; an empty table is a success.
                for (page, says) in [
                    ("no-section.html", "no div#UpcomingIpo section"), ("no-table.html", "has no table"),
                    ("blank.html", "is empty"), ("missing", "answered 404"),
                ] {
                    await server.serve(page)
                    let failed = try await api.call(.get, route, as: nil)
                    Self.check(failed, validator, route, status: 502)
                    #expect(failed.detail?.hasPrefix("Scraping upcoming IPOs failed: ") == true, "\(failed.text)")
                    #expect(failed.detail?.contains(says) == true, "\(page): \(failed.text)")
                    #expect(failed.detail?.contains("127.0.0.1") == false, "the page's address stays out of the answer: \(failed.text)")
                }
                await server.serve("empty-table.html")
                let empty = try await api.call(.get, route, as: nil)
                Self.check(empty, validator, route, status: 200)
                #expect(empty.json["count"] as? Int == 0 && (empty.json["ipos"] as? [Any])?.isEmpty == true)

                // Every run is stored, failed ones with their error, newest first; the history is for admins.
                let runs = try await api.call(.get, "/booking/scrap/runs", as: admin)
                Self.check(runs, validator, "/booking/scrap/runs", status: 200)
                #expect(runs.list.map { $0["status"] as? String } == [
                    "succeeded", "failed", "failed", "failed", "failed", "succeeded", "succeeded", "succeeded",
                ])
                #expect(runs.list.map { $0["row_count"] as? Int } == [0, 0, 0, 0, 0, 5, 5, 5])
                #expect((runs.list[1]["error"] as? String)?.contains("404") == true)
                #expect(runs.list[5]["error"] == nil)
                let page = try await api.call(.get, "/booking/scrap/runs?limit=2", as: admin)
                #expect(page.list.count == 2 && page.headers[HTTPField.Name("Link")!]?.contains("offset=2") == true)
                Self.check(try await api.call(.get, "/booking/scrap/runs", as: try await api.session(.user)), validator, "/booking/scrap/runs", status: 403)
                Self.check(try await api.call(.get, "/booking/scrap/runs", as: nil), validator, "/booking/scrap/runs", status: 401)

                // A failed run has nothing to compare; an unknown one is a 404; a bad id a 422.
                let failedID = try #require(runs.list[1]["id"] as? Int)
                let conflict = try await api.call(.get, "/booking/scrap/runs/\(failedID)/diff", as: admin)
                Self.check(conflict, validator, diffPath, status: 409)
                #expect(conflict.detail?.contains("failed") == true)
                Self.check(try await api.call(.get, "/booking/scrap/runs/999999/diff", as: admin), validator, diffPath, status: 404)
                Self.check(try await api.call(.get, "/booking/scrap/runs/abc/diff", as: admin), validator, diffPath, status: 422)
            }
        }
    }

    @Test func anUnreachablePageIsA502ThatSaysSoAndIsStored() async throws {
        let url = "http://127.0.0.1:\(ProcessRunner.freePort())/ipo"
        try await BookingHarness.run(configure: { $0.ipoPageURL = url }) { api in
            let reply = try await api.call(.get, "/booking/scrap/upcoming_ipos/", as: nil)
            #expect(reply.status == 502, "\(reply.text)")
            #expect(reply.detail == "Scraping upcoming IPOs failed: the page source could not be reached", "\(reply.text)")
            let runs = try await api.call(.get, "/booking/scrap/runs", as: try await api.session(.admin)).list
            #expect(runs.count == 1 && runs.first?["status"] as? String == "failed" && runs.first?["source"] as? String == url)
            #expect((runs.first?["error"] as? String)?.hasSuffix("connection refused") == true)
        }
    }

    @Test func thePageURLComesFromTheEnvironment() throws {
        let env = EnvironmentReader(["TOKEN_SECRET": BookingHarness.secret, "IPO_PAGE_URL": "http://127.0.0.1:9/ipo", "IPO_FETCH_TIMEOUT_SECONDS": "5"])
        let config = try BookingConfiguration.fromEnvironment(env, development: false)
        #expect(config.ipoPageURL == "http://127.0.0.1:9/ipo" && config.ipoFetchTimeoutSeconds == 5)
        #expect(try BookingConfiguration.fromEnvironment(EnvironmentReader(["TOKEN_SECRET": BookingHarness.secret]), development: false).ipoPageURL
            == IPOPageFetcher.defaultURL)
        #expect(throws: ConfigurationError.self) {
            try BookingConfiguration.fromEnvironment(EnvironmentReader(["TOKEN_SECRET": BookingHarness.secret, "IPO_PAGE_URL": "file:///x"]), development: false)
        }
    }
}
