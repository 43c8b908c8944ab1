import SearchClient
import ServiceCore
import Testing

/// ``SearchPage`` reads a `_search` answer in one pass; it must read what decoding the answer reads (the rules the
/// client had before: `hits.total.value` or a bare `hits.total`, each hit's `_index` and `_id` required, `_source` an
/// object or nothing), on answers of every shape an engine, an old engine or a broken one sends.
@Suite struct SearchPageTests {
    /// The decoded reading, as the client did it before ``SearchPage``.
    static func decoded(_ bytes: [UInt8]) throws -> (total: Int, hits: [String]) {
        let json = try JSONValue.decode(bytes)
        guard let hitsObject = json["hits"] else { throw SearchError.malformedResponse("_search answer has no hits") }
        let total = hitsObject["total"]?["value"]?.intValue ?? hitsObject["total"]?.intValue ?? 0
        var hits: [String] = []
        if case .array(let rawHits)? = hitsObject["hits"] {
            for raw in rawHits {
                guard let index = raw["_index"]?.stringValue, let id = raw["_id"]?.stringValue else {
                    throw SearchError.malformedResponse("search hit without _index or _id")
                }
                let source = JSONValue.object(raw["_source"]?.objectValue ?? [:])
                hits.append("\(index) \(id) \(raw["_score"]?.doubleValue.map { "\($0)" } ?? "nil") \(String(decoding: source.encoded(), as: UTF8.self))")
            }
        }
        return (total, hits)
    }

    static func inPlace(_ bytes: [UInt8]) throws -> (total: Int, hits: [String]) {
        let page = try SearchPage(bytes)
        return try bytes.withUnsafeBufferPointer { buffer in
            let document = JSONDocument(buffer)
            return (
                page.total,
                try page.hits.map { hit in
                    let source = try hit.source.map { try document.value($0) } ?? .object([:])
                    return "\(hit.index) \(hit.id) \(hit.score.map { "\($0)" } ?? "nil") \(String(decoding: source.encoded(), as: UTF8.self))"
                }
            )
        }
    }

    static let answers = [
        #"{"took":3,"timed_out":false,"_shards":{"total":1},"hits":{"total":{"value":2,"relation":"eq"},"max_score":1.5,"hits":[{"_index":"movies_1","_id":"a","_score":1.5,"_source":{"title":"Dark","year":2008}},{"_index":"theaters_1","_id":"b","_score":0.5,"_source":{"name":"Hall \"A\""}}]}}"#,
        #"{"hits":{"total":7,"hits":[]}}"#,
        #"{"hits":{"total":{"relation":"eq"},"hits":[{"_index":"i","_id":"x"}]}}"#,
        #"{"hits":{"hits":[{"_index":"i","_id":"x","_score":null,"_source":null}]}}"#,
        #"{"hits":{"total":{"value":1},"hits":[{"_index":"i","_id":"x","_source":[1,2]}]}}"#,
        #" { "hits" : { "total" : { "value" : 3 } , "hits" : [ { "_id" : "x" , "_index" : "i" , "_score" : 2 , "_source" : { "b" : 1 , "a" : [ ] } } ] } } "#,
        #"{"hits":{"total":{"value":1},"hits":[{"_index":"i","_id":"x"}]},"hits":{"total":{"value":9},"hits":[]}}"#,
        #"{"hits":{"total":{"value":1},"total":{"value":4},"hits":[{"_index":"i","_id":"x","_id":"y"}]}}"#,
        #"{"h\u0069ts":{"t\u006ftal":5,"hits":[{"\u005findex":"i","_id":"\u00e9"}]}}"#,
        #"{"hits":"none"}"#,
        #"{"hits":{"total":{"value":"5"},"hits":{"not":"an array"}}}"#,
        #"{"took":1}"#,
        #"[]"#,
        #"{"hits":{"hits":[{"_index":"i"}]}}"#,
        #"{"hits":{"hits":[{"_index":"i","_id":5}]}}"#,
        #"{"hits":{"hits":[7]}}"#,
        #"{"hits":{"total":1.0e1,"hits":[{"_index":"i","_id":"x","_score":1e400}]}}"#,
        #"{"hits":{"hits":[]}"#,
        #"{"hits":{"hits":[]}} trailing"#,
        #"{"hits":{"hits":[{"_index":"i","_id":"x","_source":{"a":tru}}]}}"#,
        "",
    ]

    @Test func readsWhatDecodingReads() {
        for text in Self.answers {
            let bytes = Array(text.utf8)
            switch (Result { try Self.decoded(bytes) }, Result { try Self.inPlace(bytes) }) {
            case (.success(let expected), .success(let actual)):
                #expect(actual.total == expected.total, "\(text)")
                #expect(actual.hits == expected.hits, "\(text)")
            case (.failure(let expected), .failure(let actual)):
                // the same kind of failure: not JSON, or JSON without what a search answer needs
                #expect((expected is JSONSyntaxError) == (actual is JSONSyntaxError), "\(text): \(expected) / \(actual)")
            case (let expected, let actual):
                Issue.record("\(text): decoded \(expected), in place \(actual)")
            }
        }
    }
}
