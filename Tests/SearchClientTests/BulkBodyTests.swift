import Foundation
import SearchClient
import ServiceCore
import Testing

/// The search client's own writing (bulk bodies) and its errors; ``JSONValue`` itself is tested in ServiceCoreTests.
@Suite struct BulkBodyTests {
    @Test func bulkBodyWritesNDJSON() throws {
        var body = BulkBody()
        #expect(body.isEmpty && body.operationCount == 0 && body.byteCount == 0)
        body.index("movies", id: "1", document: ["title": "Heat", "year": 1995])
        body.index("movies", id: "2\"x", documentJSON: Array("{\"title\":\n\"Up\"}".utf8))
        body.delete("movies", id: "3")
        let expected = """
            {"index":{"_index":"movies","_id":"1"}}
            {"title":"Heat","year":1995}
            {"index":{"_index":"movies","_id":"2\\"x"}}
            {"title": "Up"}
            {"delete":{"_index":"movies","_id":"3"}}

            """
        #expect(String(decoding: body.bytes, as: UTF8.self) == expected)
        #expect(body.operationCount == 3)
        #expect(body.byteCount == expected.utf8.count)
        #expect(!body.isEmpty)
        body.removeAll()
        #expect(body.isEmpty && body.byteCount == 0 && body.operationCount == 0)
    }

    @Test func errorDescriptionsAreOneLine() {
        let errors: [SearchError] = [
            .unreachable("GET http://127.0.0.1:1/: connection refused"),
            .server(status: 404, type: "index_not_found_exception", reason: "no such index [x]"),
            .server(status: 500, type: nil, reason: "boom"),
            .malformedResponse("_count answer has no count"),
        ]
        #expect(errors.map(\.description) == [
            "search server unreachable: GET http://127.0.0.1:1/: connection refused",
            "search server answered 404 index_not_found_exception: no such index [x]",
            "search server answered 500: boom",
            "search server sent an unexpected response: _count answer has no count",
        ])
    }
}
