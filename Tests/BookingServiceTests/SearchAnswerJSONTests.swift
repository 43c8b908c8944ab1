import Foundation
import ServiceCore
import Testing
import TestSupport

@testable import BookingService

/// The search route writes its answer and the engine's query without Foundation or ``JSONValue`` trees (issue 15);
/// these hold the bytes to what the slower forms wrote: `JSONResponse`'s `JSONEncoder` for the answer, the
/// ``JSONValue`` of the query for the query. No database: pure rules.
@Suite struct SearchAnswerJSONTests {
    static func foundationBytes(_ answer: SearchAnswer) throws -> [UInt8] {
        Array(try JSONCoding.encoder.encode(answer))
    }

    static func answer(_ results: [JSONValue], query: String = "midnight") -> SearchAnswer {
        SearchAnswer(
            query: query, indicesSearched: ["movies", "theaters", "showings", "bookings"], totalResults: results.count,
            total: results.count + 7, limit: 10, offset: 30, engine: "search", results: results)
    }

    @Test func anAnswerIsWrittenAsJSONEncoderWroteIt() throws {
        let hit: JSONValue = [
            "_index": "movies", "_id": "6f1c1e1a-1111-4222-8333-944455556666", "_score": 3.0, "title": "Amélie / \"Le Fabuleux\"",
            "rating": 8.5, "duration_minutes": 122, "release_date": "2001-04-25", "is_imax": false, "poster_url": nil,
            "cast": ["Audrey Tautou", "Mathieu Kassovitz"], "Zeta": 1e16, "a10": 0.1, "a9": -0.0, "aB": 1e300, "a_b": 2.5e-7,
            "nested": ["é": [1, 2.0, -3.25], "tab\there": "line\nbreak\u{1}\\", "": [:]], "total_price": 25.0,
        ]
        for results in [[], [hit], [hit, ["_index": "theaters", "_id": "t1", "_score": nil, "name": "Odeon"]]] {
            for query in ["midnight", "dark knight", "a/b \"c\" \\ é \u{1F}"] {
                let answer = Self.answer(results, query: query)
                #expect(answer.jsonBytes() == (try Self.foundationBytes(answer)), "\(String(decoding: answer.jsonBytes(), as: UTF8.self))")
            }
        }
    }

    /// Random documents of every shape, from a fixed seed, so a difference in key order or number text shows up.
    @Test func randomDocumentsAreWrittenAsJSONEncoderWroteThem() throws {
        var random = SeededGenerator(seed: 15)
        for _ in 0..<200 {
            let results = (0..<Int.random(in: 0...4, using: &random)).map { _ in Self.randomValue(depth: 0, &random) }
            let answer = Self.answer(results)
            #expect(answer.jsonBytes() == (try Self.foundationBytes(answer)), "\(String(decoding: answer.jsonBytes(), as: UTF8.self))")
        }
    }

    @Test func theEngineQueryIsTheJSONValueItReplaced() {
        for ownerID in [nil, "6f1c1e1a-1111-4222-8333-944455556666"] as [String?] {
            for (text, fields) in [("midnight", SearchIndex.all.flatMap(\.searchFields)), ("\"quoted\" \\ é\n", ["title^3"]), ("x", [])] {
                let query = SearchEngineQuery(text: text, fields: fields, ownerID: ownerID, from: 40, size: 20)
                let filters: [JSONValue] =
                    ownerID.map { id in
                        [[
                            "bool": [
                                "should": [["bool": ["must_not": [["exists": ["field": "user_id"]]]]], ["term": ["user_id": .string(id)]]],
                                "minimum_should_match": 1,
                            ]
                        ]]
                    } ?? []
                let expected: JSONValue = [
                    "from": 40, "size": 20,
                    "query": [
                        "bool": [
                            "must": [[
                                "multi_match": [
                                    "query": .string(text), "fields": .array(fields.map(JSONValue.string)), "type": "best_fields",
                                    "fuzziness": "AUTO", "operator": "or",
                                ]
                            ]],
                            "filter": .array(filters),
                        ]
                    ],
                ]
                #expect(query.encoded() == expected.encoded(), "\(String(decoding: query.encoded(), as: UTF8.self))")
            }
        }
    }

    static func randomValue(depth: Int, _ random: inout SeededGenerator) -> JSONValue {
        let keys = ["_id", "_index", "_score", "id", "title", "Title", "a", "a_b", "aB", "a10", "a9", "é", "z", "total", "ümlaut", ""]
        let strings = ["", "plain", "with \"quotes\"", "back\\slash", "slash/ed", "tab\t", "ctl\u{1}\u{1F}\u{7F}", "日本語", "emoji 🎬"]
        switch Int.random(in: 0...(depth >= 3 ? 5 : 7), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .int(Int.random(in: -1_000_000...1_000_000, using: &random))
        case 3:
            let doubles = [0.0, -0.0, 1.0, 2.5, 100.0, 0.1, 1e15, 1e16, 1.5e-7, 1e300, 5e-324, -42.0, 3.14159, .nan, .infinity]
            return .double(Bool.random(using: &random) ? doubles.randomElement(using: &random)! : Double.random(in: -1e6...1e6, using: &random))
        case 4, 5: return .string(strings.randomElement(using: &random)!)
        case 6: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in randomValue(depth: depth + 1, &random) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                members[keys.randomElement(using: &random)!] = randomValue(depth: depth + 1, &random)
            }
            return .object(members)
        }
    }
}

