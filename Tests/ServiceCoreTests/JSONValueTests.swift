import Foundation
import ServiceCore
import Testing

/// The byte encoder, the parser and the bulk body builder: no server needed.
@Suite struct JSONValueTests {
    func text(_ value: JSONValue) -> String { String(decoding: value.encoded(), as: UTF8.self) }

    @Test func encodesCompactlyWithSortedKeys() throws {
        let value: JSONValue = ["b": 1, "a": [true, false, nil, "x", -7], "c": ["z": [:], "y": []]]
        #expect(text(value) == #"{"a":[true,false,null,"x",-7],"b":1,"c":{"y":[],"z":{}}}"#)
        #expect(try JSONValue.decode(value.encoded()) == value)
    }

    @Test func escapesStringsAndPassesUnicodeThrough() throws {
        let original = "quote \" backslash \\ slash / newline \n cr \r tab \t bell \u{07} nul \u{00} unit \u{1F} del \u{7F} é 日本語 🎬"
        let bytes = JSONValue.string(original).encoded()
        let encoded = String(decoding: bytes, as: UTF8.self)
        #expect(
            encoded
                == #""quote \" backslash \\ slash / newline \n cr \r tab \t bell \u0007 nul \u0000 unit \u001f del "#
                + "\u{7F} é 日本語 🎬\"")
        #expect(!bytes.contains(0x0A))
        #expect(try JSONValue.decode(bytes) == .string(original))
        // Foundation reads it back the same
        let foundation = try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed) as? String
        #expect(foundation == original)
        // keys are escaped too
        let object: JSONValue = ["ke\"y\n": "v"]
        #expect(text(object) == #"{"ke\"y\n":"v"}"#)
        #expect(try JSONValue.decode(object.encoded()) == object)
    }

    @Test func doublesRoundTripExactly() throws {
        let cases: [(Double, String)] = [
            (0.1, "0.1"), (20.2, "20.2"), (-5.0, "-5.0"), (1e300, "1e+300"), (Double.leastNonzeroMagnitude, "5e-324"), (123456.789, "123456.789"),
            (0.30000000000000004, "0.30000000000000004"), (-0.0, "-0.0"), (1e16, "1e+16"), (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"),
        ]
        for (number, expected) in cases {
            let bytes = JSONValue.double(number).encoded()
            #expect(String(decoding: bytes, as: UTF8.self) == expected)
            // Writing keeps the double's form; reading follows the one number rule (-5.0 reads as the integer -5)
            let decoded = try JSONValue.decode(bytes)
            #expect(decoded == .number(number), "\(expected) decoded as \(decoded)")
            if case .double(let read) = decoded { #expect(read.bitPattern == number.bitPattern) } else { #expect(decoded.doubleValue == number) }
            // Foundation's JSONDecoder reads the same value (JSONSerialization on Linux rounds 0.30000000000000004)
            #expect(try JSONDecoder().decode(Double.self, from: Data(bytes)).bitPattern == number.bitPattern)
        }
        #expect(text(.double(.nan)) == "null")
        #expect(text(.double(.infinity)) == "null")
        #expect(text(["x": .double(-.infinity)]) == #"{"x":null}"#)
    }

    @Test func integersAndNumberKinds() throws {
        for number in [0, 1, -1, 9, 10, -10, 1_000_000, Int.max, Int.min] {
            let bytes = JSONValue.int(number).encoded()
            #expect(String(decoding: bytes, as: UTF8.self) == String(number))
            #expect(try JSONValue.decode(bytes) == .int(number))
        }
        #expect(try JSONValue.decode(Array("1.0".utf8)) == .int(1))
        #expect(try JSONValue.decode(Array("1e2".utf8)) == .int(100))
        #expect(try JSONValue.decode(Array("-0".utf8)) == .int(0))
        // beyond Int: a Double rather than a failure
        #expect(try JSONValue.decode(Array("92233720368547758080".utf8)) == .double(92233720368547758080.0))
        let value = try JSONValue.decode(Array(#" { "t": true, "f": false, "one": 1, "half": 0.5, "n": null } "#.utf8))
        #expect(value["t"] == .bool(true))
        #expect(value["f"] == .bool(false))
        #expect(value["one"] == .int(1))
        #expect(value["half"] == .double(0.5))
        #expect(value["n"] == .null)
        #expect(value["missing"] == nil)
        #expect(value["one"]?.intValue == 1 && value["one"]?.doubleValue == 1.0)
        #expect(value["half"]?.intValue == nil && value["t"]?.intValue == nil)
        #expect(JSONValue.double(3.0).intValue == 3)
    }

    /// The one number rule, through both decoders: the byte parser (search answers, PostgreSQL's JSON) and Codable
    /// (every HTTP body). A whole number that fits an Int is `.int`, read exactly; anything else is `.double`.
    @Test(arguments: [
        ("2", JSONValue.int(2)), ("2.0", .int(2)), ("-2.0", .int(-2)), ("2.5", .double(2.5)), ("1e3", .int(1000)),
        ("1E+3", .int(1000)), ("2.5e-1", .double(0.25)), ("-0", .int(0)), ("-0.0", .int(0)), ("0.1", .double(0.1)),
        ("9007199254740993", .int(9_007_199_254_740_993)), ("-9007199254740993", .int(-9_007_199_254_740_993)),
        ("9007199254740993.0", .int(9_007_199_254_740_993)), ("1.0e1", .int(10)), ("0.0", .int(0)),
        ("9223372036854775807", .int(Int.max)), ("-9223372036854775808", .int(Int.min)),
        ("9223372036854775808", .double(9_223_372_036_854_775_808.0)), ("92233720368547758080", .double(92_233_720_368_547_758_080.0)),
        ("1e300", .double(1e300)),
    ])
    func numbersFollowOneRule(_ text: String, _ expected: JSONValue) throws {
        #expect(try JSONValue.decode(Array(text.utf8)) == expected, "parser: \(text)")
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) == expected, "Codable: \(text)")
        // inside an object too (how a PATCH body arrives)
        let object = Data("{\"n\":\(text)}".utf8)
        #expect(try JSONDecoder().decode(JSONValue.self, from: object) == ["n": expected], "Codable in an object: \(text)")
        #expect(try JSONValue.decode(Array(object)) == ["n": expected], "parser in an object: \(text)")
    }

    @Test func numberKeepsWholeNumbersThatFitAnInt() {
        #expect(JSONValue.number(3) == .int(3))
        #expect(JSONValue.number(-0.0) == .int(0))
        #expect(JSONValue.number(3.5) == .double(3.5))
        #expect(JSONValue.number(9_223_372_036_854_775_808.0) == .double(9_223_372_036_854_775_808.0))
        #expect(JSONValue.number(.nan).intValue == nil)
        #expect(JSONValue.number(.infinity) == .double(.infinity))
    }

    @Test func syntaxErrorsSayWhere() {
        #expect(throws: JSONSyntaxError(offset: 5, reason: "expected ',' or ']'")) { try JSONValue.decode(Array("[1,2 3]".utf8)) }
        #expect(JSONSyntaxError(offset: 5, reason: "invalid number").description == "invalid JSON at byte 5: invalid number")
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONValue.decode(Array(#""a\u00e9\u65e5\ud83c\udfac\/\b\f\n\r\t\"\\z""#.utf8))
        #expect(value == .string("aé日🎬/\u{08}\u{0C}\n\r\t\"\\z"))
        // a lone surrogate becomes U+FFFD rather than an error or a crash
        #expect(try JSONValue.decode(Array(#""\ud83cx""#.utf8)) == .string("\u{FFFD}x"))
        #expect(try JSONValue.decode(Array(#""\udfac""#.utf8)) == .string("\u{FFFD}"))
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":}", "{\"a\" 1}", "tru", "nul", "01", "1.", "-", "1e", "\"abc", "\"\\x\"", "\"\\u12\"",
        "[1] x", "{'a':1}", "NaN",
    ])
    func rejectsInvalidJSON(_ input: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONValue.decode(Array(input.utf8)) }
    }

    @Test func deepNestingFailsInsteadOfCrashing() throws {
        let deep = Array(repeating: UInt8(ascii: "["), count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONValue.decode(deep) }
        let fine = Array(repeating: UInt8(ascii: "["), count: 100) + Array(repeating: UInt8(ascii: "]"), count: 100)
        #expect(throws: Never.self) { try JSONValue.decode(fine) }
    }

    @Test func codableKeepsBoolsIntsAndDoublesApart() throws {
        let json = Data(#"{"b":true,"i":2,"d":2.5,"s":"x","a":[null,false],"o":{"k":1}}"#.utf8)
        let decoded = try JSONDecoder().decode(JSONValue.self, from: json)
        let expected: JSONValue = ["b": true, "i": 2, "d": 2.5, "s": "x", "a": [nil, false], "o": ["k": 1]]
        #expect(decoded == expected)
        let reencoded = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(expected))
        #expect(reencoded == expected)
        // an integral double comes back as an Int, whichever decoder reads it (see numbersFollowOneRule)
        #expect(try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(JSONValue.double(2.0))) == .int(2))
    }

    @Test func largeDocumentsRoundTrip() throws {
        var documents: [JSONValue] = []
        for i in 0..<1000 {
            documents.append([
                "id": .int(i), "title": .string("Movie #\(i) \"quoted\"\n"), "rating": .double(Double(i) / 7 + 0.5),
                "tags": ["a", .string("t\(i % 13)")], "active": .bool(i % 2 == 0), "nothing": nil,
            ])
        }
        let value = JSONValue.array(documents)
        let bytes = value.encoded()
        #expect(try JSONValue.decode(bytes) == value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(bytes)) == value)
        // deterministic
        #expect(bytes == value.encoded())
    }
}
