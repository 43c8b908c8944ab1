import Foundation
import ServiceCore
import Testing
import TestSupport

/// ``JSONDocument`` writes what decoding and writing the same bytes writes (`JSONWriter.write(JSONValue.decode(…))`),
/// on random JSON text of every shape it copies as it is and every shape it must not: keys out of order, repeated
/// keys, escapes, control characters, non-ASCII, `-0`, fractions, exponents, long integers, whitespace, nesting.
@Suite struct JSONCanonicalTests {
    static let keys = [
        "a", "b", "title", "_id", "_index", "_score", "Zeta", "9lives", "created_at", "", "caf\\u00e9", "café", "a\\nb",
        "tab\\t", "quote\\\"", "x", "aa", "ab", "_source", "\\u005fid", "a long plain key name", "a long key with \u{01} in it",
        "a long key with a \\\" in it", "a long key, then é", "a long plain key name!",
    ]
    static let strings = [
        "plain", "", "with space", "slash/here", "esc\\/aped", "quote \\\" inside", "back\\\\slash", "line\\nbreak",
        "\\u0000nul", "\\u001f", "\\ud83c\\udfac", "\\ud83c broken", "\\udc00", "日本語", "é", "del\u{7F}", "tab\\tx",
        "\\u00e9", "a\\u0022b", "\u{01}raw control", "raw\u{1F}", "~", " ", "\u{80}", "ü",
    ]
    static let numbers = [
        "0", "-0", "1", "-1", "42", "123456789012345678", "1234567890123456789", "-9223372036854775808",
        "9223372036854775808", "99999999999999999999999", "1.0", "-5.0", "0.1", "1.5", "1e3", "1E-2", "2.50", "-0.0",
        "1e400", "5e-324", "0.000001", "12.0e1",
    ]

    static func whitespace(_ random: inout SeededGenerator) -> String {
        ["", "", "", " ", "\n", "\t ", "\r\n  "][Int.random(in: 0..<7, using: &random)]
    }

    static func value(_ depth: Int, _ random: inout SeededGenerator) -> String {
        let ws = { (r: inout SeededGenerator) in whitespace(&r) }
        let kind = depth > 4 ? Int.random(in: 2..<6, using: &random) : Int.random(in: 0..<6, using: &random)
        switch kind {
        case 0:
            let count = Int.random(in: 0..<7, using: &random)
            let members = (0..<count).map { _ in
                let key = keys.randomElement(using: &random)!
                return ws(&random) + "\"\(key)\"" + ws(&random) + ":" + ws(&random) + value(depth + 1, &random) + ws(&random)
            }
            return "{" + ws(&random) + members.joined(separator: ",") + "}"
        case 1:
            let count = Int.random(in: 0..<5, using: &random)
            return "[" + ws(&random) + (0..<count).map { _ in ws(&random) + value(depth + 1, &random) + ws(&random) }.joined(separator: ",") + "]"
        case 2: return "\"" + strings.randomElement(using: &random)! + "\""
        case 3: return numbers.randomElement(using: &random)!
        case 4: return ["true", "false", "null"].randomElement(using: &random)!
        default:
            // Runs long enough for the eight-byte scan, with what ends it at any offset.
            let run = { (r: inout SeededGenerator) in String(repeating: "abcdefgh XYZ/09~", count: 3).prefix(Int.random(in: 0..<40, using: &r)) }
            return "\"" + run(&random) + strings.randomElement(using: &random)! + run(&random) + "\""
        }
    }

    static func decodedThenWritten(_ bytes: [UInt8], _ style: JSONWriter.DoubleStyle) throws -> [UInt8] {
        var out: [UInt8] = []
        JSONWriter.write(try JSONValue.decode(bytes), to: &out, doubles: style)
        return out
    }

    static func inPlace(_ bytes: [UInt8], _ style: JSONWriter.DoubleStyle) throws -> [UInt8] {
        try bytes.withUnsafeBufferPointer { buffer in
            let document = JSONDocument(buffer)
            var out: [UInt8] = []
            try document.write(try document.root(), to: &out, doubles: style)
            return out
        }
    }

    @Test func writesWhatDecodingAndWritingWrites() throws {
        var random = SeededGenerator(seed: UInt64.random(in: 0...UInt64.max))
        let seed = random.state
        for round in 0..<4000 {
            let text = Self.whitespace(&random) + Self.value(0, &random) + Self.whitespace(&random)
            let bytes = Array(text.utf8)
            for style in [JSONWriter.DoubleStyle.foundation, .shortest] {
                let expected = try Self.decodedThenWritten(bytes, style)
                let actual = try Self.inPlace(bytes, style)
                #expect(actual == expected, "seed \(seed) round \(round): \(text)")
                if actual != expected { return }
            }
        }
    }

    @Test func settingMembersWritesWhatTheDecodedObjectWithThemWrites() throws {
        var random = SeededGenerator(seed: UInt64.random(in: 0...UInt64.max))
        let seed = random.state
        for round in 0..<2000 {
            var text = Self.value(0, &random)
            if !text.hasPrefix("{") { text = "{\"k\":" + text + "}" }
            let bytes = Array(text.utf8)
            let id = JSONValue.string("id-\(round)")
            let score: JSONValue = round % 3 == 0 ? .null : .double(Double(round) / 7)
            let extra: [(key: StaticString, json: [UInt8])] = [
                ("_id", id.encoded()), ("_index", JSONValue.string("movies").encoded()), ("_score", Self.foundation(score)),
            ]
            guard case .object(var object) = try JSONValue.decode(bytes) else { continue }
            object["_id"] = id
            object["_index"] = "movies"
            object["_score"] = score
            var expected: [UInt8] = []
            JSONWriter.write(.object(object), to: &expected, doubles: .foundation)
            let actual = try bytes.withUnsafeBufferPointer { buffer in
                let document = JSONDocument(buffer)
                var out: [UInt8] = []
                try document.writeObject(try document.root(), setting: extra, to: &out, doubles: .foundation)
                return out
            }
            #expect(actual == expected, "seed \(seed) round \(round): \(text)")
            if actual != expected { return }
        }
        // No document at all: the members alone.
        var out: [UInt8] = []
        try [UInt8]().withUnsafeBufferPointer { buffer in
            try JSONDocument(buffer).writeObject(nil, setting: [("_id", Array(#""x""#.utf8)), ("_score", Array("null".utf8))], to: &out, doubles: .foundation)
        }
        #expect(String(decoding: out, as: UTF8.self) == #"{"_id":"x","_score":null}"#)
    }

    static func foundation(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        JSONWriter.write(value, to: &out, doubles: .foundation)
        return out
    }

    @Test func longKeysAndStringsWithWhatEndsThePlainScanAnywhere() throws {
        for special in ["\u{01}", "\u{1F}", "\\\"", "\\n", "\u{7F}", "é", "\\u0041"] {
            for offset in 0..<20 {
                let run = String(repeating: "k", count: offset)
                let text = "{\"\(run)\(special)\(run)tail\":\"\(run)\(special)\(run)\",\"b\":[\"\(run)\(special)\"]}"
                let bytes = Array(text.utf8)
                #expect(try Self.inPlace(bytes, .foundation) == (try Self.decodedThenWritten(bytes, .foundation)), "\(text)")
            }
        }
    }

    @Test func refusesWhatTheParserRefuses() {
        let bad = [
            "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "01", "1.", "-", "1e", "+1", ".5", "\"open", "\"bad \\x escape\"",
            "\"\\u12\"", "tru", "nul", "[1 2]", "{\"a\":1}{}", "[]]", "\"a\" \"b\"", String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        ]
        for text in bad {
            let bytes = Array(text.utf8)
            #expect(throws: JSONSyntaxError.self, "\(text.prefix(40))") { try JSONValue.decode(bytes) }
            #expect(throws: JSONSyntaxError.self, "\(text.prefix(40))") { try Self.inPlace(bytes, .foundation) }
        }
    }

    @Test func readsMembersAndElementsInPlace() throws {
        let bytes = Array(#" {"hits": {"total": {"value": 3}, "hits": [ {"_id":"a"}, 7 ]}, "hits": {"total": 5}} "#.utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            let document = JSONDocument(buffer)
            let root = try document.root()
            let members = try document.members(root)
            #expect(members.count == 2)
            // the last member of a name wins, as in a decoded object
            let hits = try #require(document.member("hits", of: members))
            #expect(try document.value(hits.value) == ["total": 5])
            let first = try document.members(members[0].value)
            let list = try #require(document.member("hits", of: first))
            #expect(try document.elements(list.value).map { try document.value($0) } == [["_id": "a"], 7])
        }
    }
}
