import Foundation
import SearchClient
import Testing

/// The byte encoder, the parser and the bulk body builder: no server needed.
@Suite struct SearchJSONTests {
    func text(_ value: SearchJSON) -> String { String(decoding: value.encoded(), as: UTF8.self) }

    @Test func encodesCompactlyWithSortedKeys() throws {
        let value: SearchJSON = ["b": 1, "a": [true, false, nil, "x", -7], "c": ["z": [:], "y": []]]
        #expect(text(value) == #"{"a":[true,false,null,"x",-7],"b":1,"c":{"y":[],"z":{}}}"#)
        #expect(try SearchJSON.decode(value.encoded()) == value)
    }

    @Test func escapesStringsAndPassesUnicodeThrough() throws {
        let original = "quote \" backslash \\ slash / newline \n cr \r tab \t bell \u{07} nul \u{00} unit \u{1F} del \u{7F} é 日本語 🎬"
        let bytes = SearchJSON.string(original).encoded()
        let encoded = String(decoding: bytes, as: UTF8.self)
        #expect(
            encoded
                == #""quote \" backslash \\ slash / newline \n cr \r tab \t bell \u0007 nul \u0000 unit \u001f del "#
                + "\u{7F} é 日本語 🎬\"")
        #expect(!bytes.contains(0x0A))
        #expect(try SearchJSON.decode(bytes) == .string(original))
        // Foundation reads it back the same
        let foundation = try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed) as? String
        #expect(foundation == original)
        // keys are escaped too
        let object: SearchJSON = ["ke\"y\n": "v"]
        #expect(text(object) == #"{"ke\"y\n":"v"}"#)
        #expect(try SearchJSON.decode(object.encoded()) == object)
    }

    @Test func doublesRoundTripExactly() throws {
        let cases: [(Double, String)] = [
            (0.1, "0.1"), (20.2, "20.2"), (-5.0, "-5.0"), (1e300, "1e+300"), (Double.leastNonzeroMagnitude, "5e-324"), (123456.789, "123456.789"),
            (0.30000000000000004, "0.30000000000000004"), (-0.0, "-0.0"), (1e16, "1e+16"), (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"),
        ]
        for (number, expected) in cases {
            let bytes = SearchJSON.double(number).encoded()
            #expect(String(decoding: bytes, as: UTF8.self) == expected)
            let decoded = try SearchJSON.decode(bytes)
            #expect(decoded == .double(number), "\(expected) decoded as \(decoded)")
            #expect(decoded.doubleValue?.bitPattern == number.bitPattern)
            // Foundation's JSONDecoder reads the same value (JSONSerialization on Linux rounds 0.30000000000000004)
            #expect(try JSONDecoder().decode(Double.self, from: Data(bytes)).bitPattern == number.bitPattern)
        }
        #expect(text(.double(.nan)) == "null")
        #expect(text(.double(.infinity)) == "null")
        #expect(text(["x": .double(-.infinity)]) == #"{"x":null}"#)
    }

    @Test func integersAndNumberKinds() throws {
        for number in [0, 1, -1, 9, 10, -10, 1_000_000, Int.max, Int.min] {
            let bytes = SearchJSON.int(number).encoded()
            #expect(String(decoding: bytes, as: UTF8.self) == String(number))
            #expect(try SearchJSON.decode(bytes) == .int(number))
        }
        #expect(try SearchJSON.decode(Array("1.0".utf8)) == .double(1.0))
        #expect(try SearchJSON.decode(Array("1e2".utf8)) == .double(100))
        #expect(try SearchJSON.decode(Array("-0".utf8)) == .int(0))
        // beyond Int: a Double rather than a failure
        #expect(try SearchJSON.decode(Array("92233720368547758080".utf8)) == .double(92233720368547758080.0))
        let value = try SearchJSON.decode(Array(#" { "t": true, "f": false, "one": 1, "half": 0.5, "n": null } "#.utf8))
        #expect(value["t"] == .bool(true))
        #expect(value["f"] == .bool(false))
        #expect(value["one"] == .int(1))
        #expect(value["half"] == .double(0.5))
        #expect(value["n"] == .null)
        #expect(value["missing"] == nil)
        #expect(value["one"]?.intValue == 1 && value["one"]?.doubleValue == 1.0)
        #expect(value["half"]?.intValue == nil && value["t"]?.intValue == nil)
        #expect(SearchJSON.double(3.0).intValue == 3)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try SearchJSON.decode(Array(#""a\u00e9\u65e5\ud83c\udfac\/\b\f\n\r\t\"\\z""#.utf8))
        #expect(value == .string("aé日🎬/\u{08}\u{0C}\n\r\t\"\\z"))
        // a lone surrogate becomes U+FFFD rather than an error or a crash
        #expect(try SearchJSON.decode(Array(#""\ud83cx""#.utf8)) == .string("\u{FFFD}x"))
        #expect(try SearchJSON.decode(Array(#""\udfac""#.utf8)) == .string("\u{FFFD}"))
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":}", "{\"a\" 1}", "tru", "nul", "01", "1.", "-", "1e", "\"abc", "\"\\x\"", "\"\\u12\"",
        "[1] x", "{'a':1}", "NaN",
    ])
    func rejectsInvalidJSON(_ input: String) {
        #expect(throws: SearchError.self) { try SearchJSON.decode(Array(input.utf8)) }
    }

    @Test func deepNestingFailsInsteadOfCrashing() throws {
        let deep = Array(repeating: UInt8(ascii: "["), count: 100_000)
        #expect(throws: SearchError.self) { try SearchJSON.decode(deep) }
        let fine = Array(repeating: UInt8(ascii: "["), count: 100) + Array(repeating: UInt8(ascii: "]"), count: 100)
        #expect(throws: Never.self) { try SearchJSON.decode(fine) }
    }

    @Test func codableKeepsBoolsIntsAndDoublesApart() throws {
        let json = Data(#"{"b":true,"i":2,"d":2.5,"s":"x","a":[null,false],"o":{"k":1}}"#.utf8)
        let decoded = try JSONDecoder().decode(SearchJSON.self, from: json)
        let expected: SearchJSON = ["b": true, "i": 2, "d": 2.5, "s": "x", "a": [nil, false], "o": ["k": 1]]
        #expect(decoded == expected)
        let reencoded = try JSONDecoder().decode(SearchJSON.self, from: JSONEncoder().encode(expected))
        #expect(reencoded == expected)
        // Codable cannot see how a number was written: an integral double comes back as an Int
        #expect(try JSONDecoder().decode(SearchJSON.self, from: Data("2.0".utf8)) == .int(2))
        #expect(try SearchJSON.decode(Array("2.0".utf8)) == .double(2.0))
    }

    @Test func largeDocumentsRoundTrip() throws {
        var documents: [SearchJSON] = []
        for i in 0..<1000 {
            documents.append([
                "id": .int(i), "title": .string("Movie #\(i) \"quoted\"\n"), "rating": .double(Double(i) / 7 + 0.5),
                "tags": ["a", .string("t\(i % 13)")], "active": .bool(i % 2 == 0), "nothing": nil,
            ])
        }
        let value = SearchJSON.array(documents)
        let bytes = value.encoded()
        #expect(try SearchJSON.decode(bytes) == value)
        // (no integral doubles here: through Codable, 2.0 comes back as .int(2); SearchJSON.decode keeps it a double)
        #expect(try JSONDecoder().decode(SearchJSON.self, from: Data(bytes)) == value)
        // deterministic
        #expect(bytes == value.encoded())
    }

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
