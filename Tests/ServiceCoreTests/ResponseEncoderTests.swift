import Foundation
import ServiceCore
import Testing

/// ``ResponseEncoder`` must write what Foundation's encoder (``JSONCoding/encoder``) writes, byte for byte: every
/// response went through Foundation before, and clients may compare bodies. These tests cover the encoder's rules on
/// every field shape the services' response types use (the search answer has its own, SearchAnswerJSONTests).
@Suite struct ResponseEncoderTests {
    enum Kind: String, Codable { case first, second_kind }

    struct Inner: Codable, Equatable {
        var name: String
        var at: Date
        var price: Decimal
        var note: String?
    }

    struct Everything: Codable {
        @LowercaseUUID var id: UUID
        var title: String
        var count: Int
        var small: Int8
        var big: UInt64
        var negative: Int64
        var ratio: Double
        var single: Float
        var flag: Bool
        var missing: String?
        var present: Int?
        var kind: Kind
        var created: Date
        var prices: [String: Decimal]
        var inners: [Inner]
        var nested: [[Int]]
        var json: JSONValue
        var url: URL
        var data: Data
        var empty: [String]
        var emptyObject: [String: Int]

        enum CodingKeys: String, CodingKey {
            case id, title, count, small, big, negative, ratio, single, flag, missing, present, kind
            case created = "created_at", prices, inners, nested, json, url, data, empty
            case emptyObject = "empty_object"
        }
    }

    /// Encodes through nested containers and a super encoder, and writes a key twice.
    struct Handwritten: Encodable {
        enum Keys: String, CodingKey { case a, b, c, z, zz = "z_z", sup = "super" }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("first", forKey: .z)
            var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .b)
            try nested.encode(1.5, forKey: .a)
            try nested.encodeNil(forKey: .c)
            var list = container.nestedUnkeyedContainer(forKey: .a)
            try list.encode(1)
            try list.encode("two")
            var inner = list.nestedContainer(keyedBy: Keys.self)
            try inner.encode(true, forKey: .zz)
            try list.encodeNil()
            let sup = container.superEncoder()
            var single = sup.singleValueContainer()
            try single.encode(Date(timeIntervalSince1970: 1_700_000_000.5))
            try container.encode("second", forKey: .z)
        }
    }

    static func same<Value: Encodable>(_ value: Value, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let foundation = String(decoding: try JSONCoding.encoder.encode(value), as: UTF8.self)
        let ours = String(decoding: try ResponseEncoder.encode(value), as: UTF8.self)
        #expect(ours == foundation, sourceLocation: sourceLocation)
    }

    static func sample(_ seed: Int, random: inout some RandomNumberGenerator) -> Everything {
        let date = Date(timeIntervalSince1970: Double.random(in: 0...4_102_444_800, using: &random))
        return Everything(
            id: UUID(), title: "title \(seed) \"quoted\" / slash \\ back\n\u{01}\u{1F}\u{7F} é 🎬", count: Int.random(in: Int.min...Int.max, using: &random),
            small: Int8.random(in: Int8.min...Int8.max, using: &random), big: UInt64.random(in: 0...UInt64.max, using: &random),
            negative: -Int64.random(in: 0...Int64.max, using: &random),
            ratio: Double.random(in: -1e6...1e6, using: &random), single: Float.random(in: -1000...1000, using: &random),
            flag: Bool.random(using: &random), missing: nil, present: seed, kind: seed % 2 == 0 ? .first : .second_kind,
            created: date,
            prices: ["standard": Decimal(string: "12.50")!, "vip": Decimal(Int.random(in: 0...100_000, using: &random)) / 100, "zero": 0],
            inners: (0..<3).map { Inner(name: "inner \($0)", at: date.addingTimeInterval(Double($0) * 0.0017), price: Decimal($0) / 3, note: $0 == 1 ? nil : "n") },
            nested: [[1, 2], [], [-3]], json: ["b": 1, "a": [true, nil, 2.5, "x"], "c": [:]],
            url: URL(string: "https://example.com/a/b?c=d")!, data: Data([0, 1, 2, 250]), empty: [], emptyObject: [:])
    }

    @Test func randomValuesEncodeAsFoundationDoes() throws {
        var random = SystemRandomNumberGenerator()
        for seed in 0..<300 { try Self.same(Self.sample(seed, random: &random)) }
        try Self.same([Self.sample(1, random: &random), Self.sample(2, random: &random)])
    }

    @Test func handwrittenContainersEncodeAsFoundationDoes() throws {
        try Self.same(Handwritten())
        try Self.same([Handwritten()])
    }

    @Test func topLevelPrimitivesAndCollections() throws {
        try Self.same("text / \u{00} \u{08}\u{0C}\u{0B}")
        try Self.same(42)
        try Self.same(-0.0)
        try Self.same(true)
        try Self.same([String: [Int]]())
        try Self.same(["b": 2, "a": 1, "B": 3, "a_b": 4, "a1": 5, "a10": 6, "a2": 7])
        try Self.same([Optional<Int>.none, 1])
    }

    @Test func everyControlCharacterAndUnicodeScalarClass() throws {
        var text = ""
        for scalar in 0..<0x80 { text.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
        text += "\u{80}\u{A0}\u{2028}\u{2029}\u{FEFF}\u{10FFFF}"
        try Self.same(text)
        try Self.same([text: text])
    }

    @Test func doublesAndDecimals() throws {
        var random = SystemRandomNumberGenerator()
        let doubles: [Double] = [0, 1, -1, 0.1, 20.2, 1e16, 1e-7, 123456.789, 1e300, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, 5e-324, 0.30000000000000004]
        for value in doubles { try Self.same(value) }
        for _ in 0..<500 {
            try Self.same(Double(bitPattern: UInt64.random(in: 0...0x7FEF_FFFF_FFFF_FFFF, using: &random)))
            try Self.same(Double.random(in: -1e9...1e9, using: &random))
            try Self.same(Float.random(in: -1e6...1e6, using: &random))
        }
        let decimals = ["0", "0.5", "12.50", "-3.25", "99999999.99", "0.01", "1000000", "123.456"]
        for text in decimals { try Self.same(Decimal(string: text)!) }
        #expect(throws: EncodingError.self) { try ResponseEncoder.encode(Double.nan) }
        #expect(throws: EncodingError.self) { try ResponseEncoder.encode([Double.infinity]) }
    }

    @Test func datesToTheMillisecond() throws {
        var random = SystemRandomNumberGenerator()
        let fixed: [Double] = [0, 0.0005, 0.9999, 1_700_000_000.123, 1_700_000_000.1239, 951_782_400, 4_102_444_799.999, -1, -0.5, -86_400.001]
        for seconds in fixed { try Self.same(Date(timeIntervalSince1970: seconds)) }
        for _ in 0..<2000 {
            let seconds = Double.random(in: -2_208_988_800...4_102_444_800, using: &random)
            try Self.same(Date(timeIntervalSince1970: seconds))
        }
        for _ in 0..<500 { try Self.same(Date(timeIntervalSince1970: Double(Int.random(in: 0...4_102_444_800, using: &random)))) }
    }

    @Test func lowercaseUUIDsAsFoundationWritesThemLowercased() {
        for _ in 0..<1000 {
            let id = UUID()
            #expect(id.lowercasedString == id.uuidString.lowercased())
        }
        let fixed = UUID(uuidString: "00000000-0000-0000-0000-000000000000")!
        #expect(fixed.lowercasedString == "00000000-0000-0000-0000-000000000000")
        let high = UUID(uuidString: "FFFFFFFF-ABCD-EF01-2345-6789ABCDEF00")!
        #expect(high.lowercasedString == "ffffffff-abcd-ef01-2345-6789abcdef00")
    }
}
