import NIOCore
import NIOEmbedded
import Testing

@testable import RedisClient
import TestSupport

@Suite(.tags(.redis)) struct RESPDecoderTests {
    /// Every kind of RESP2 value, nested arrays and empty/null ones included, back to back.
    static let mixed = """
        +OK\r\n-ERR bad thing\r\n:-42\r\n:0\r\n$5\r\nhello\r\n$-1\r\n*-1\r\n*0\r\n$0\r\n\r\n\
        *3\r\n:1\r\n*2\r\n$3\r\nfoo\r\n*1\r\n+bar\r\n$4\r\na\r\nb\r\n\
        *2\r\n*1\r\n*1\r\n:7\r\n$-1\r\n
        """
    static let mixedValues: [RESPValue] = [
        .simpleString("OK"),
        .error("ERR bad thing"),
        .integer(-42),
        .integer(0),
        RESPValue(bulk: "hello"),
        .bulkString(nil),
        .array(nil),
        .array([]),
        RESPValue(bulk: ""),
        .array([.integer(1), .array([RESPValue(bulk: "foo"), .array([.simpleString("bar")])]), RESPValue(bulk: "a\r\nb")]),
        .array([.array([.array([.integer(7)])]), .bulkString(nil)]),
    ]

    /// Feeds `chunks` one read at a time through the real channel handler and collects the output.
    static func decode(_ chunks: [ArraySlice<UInt8>]) throws -> [RESPValue] {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(RESPDecoder()))
        var values: [RESPValue] = []
        for chunk in chunks {
            try channel.writeInbound(ByteBuffer(bytes: chunk))
            while let value = try channel.readInbound(as: RESPValue.self) {
                values.append(value)
            }
        }
        #expect(try channel.finish().isClean)
        return values
    }

    @Test func decodesWholeInput() throws {
        let bytes = Array(Self.mixed.utf8)
        #expect(try Self.decode([bytes[...]]) == Self.mixedValues)
    }

    @Test func decodesInputSplitAtEveryByte() throws {
        let bytes = Array(Self.mixed.utf8)
        for split in 0...bytes.count {
            let values = try Self.decode([bytes[..<split], bytes[split...]])
            #expect(values == Self.mixedValues, "split at \(split)")
        }
    }

    @Test func decodesInputFedOneByteAtATime() throws {
        let bytes = Array(Self.mixed.utf8)
        #expect(try Self.decode(bytes.indices.map { bytes[$0...$0] }) == Self.mixedValues)
    }

    @Test func decodesLargeBulkStringInsideArrayInChunks() throws {
        let payload = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var encoded = ByteBuffer()
        RESPEncoder.encode(.array([.integer(1), .bulkString(ByteBuffer(bytes: payload)), .simpleString("end")]), into: &encoded)
        let bytes = Array(encoded.readableBytesView)
        let chunks = stride(from: 0, to: bytes.count, by: 7919).map { bytes[$0..<min($0 + 7919, bytes.count)] }
        let values = try Self.decode(chunks)
        #expect(values.count == 1)
        let elements = try #require(values.first?.array)
        #expect(elements.count == 3)
        #expect(elements[1].buffer == ByteBuffer(bytes: payload))
        #expect(elements[2] == .simpleString("end"))
    }

    @Test func reportsIncompleteInputWithoutConsumingPartialItems() throws {
        var decoder = RESPDecoder()
        var buffer = ByteBuffer(string: "*2\r\n$5\r\nhel")
        #expect(try decoder.next(from: &buffer) == nil)
        #expect(buffer.readableBytes == 7, "the array header is consumed, the partial bulk string is not")
        buffer.writeString("lo\r\n:3\r\n+next")
        #expect(try decoder.next(from: &buffer) == .array([RESPValue(bulk: "hello"), .integer(3)]))
        #expect(try decoder.next(from: &buffer) == nil)
        #expect(buffer.readableBytes == 5)
    }

    @Test(arguments: [
        "?what\r\n",
        "$-2\r\n",
        "*-7\r\n",
        ":12a\r\n",
        ":\r\n",
        ":-\r\n",
        ":99999999999999999999\r\n",
        "$3\r\nabcX\r\n",
        "+OK\rX\n",
    ])
    func rejectsMalformedInput(_ input: String) throws {
        var decoder = RESPDecoder()
        var buffer = ByteBuffer(string: input)
        #expect(throws: RedisError.self) { try decoder.next(from: &buffer) }
    }

    @Test func rejectsOverlongLinesAndBulkStrings() throws {
        var decoder = RESPDecoder(maxBulkLength: 1024, maxLineLength: 100)
        var line = ByteBuffer(string: "+" + String(repeating: "x", count: 200))
        #expect(throws: RedisError.self) { try decoder.next(from: &line) }
        var bulk = ByteBuffer(string: "$2048\r\n")
        #expect(throws: RedisError.self) { try decoder.next(from: &bulk) }
    }

    @Test func handlerFailsTheChannelOnMalformedInput() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(RESPDecoder()))
        #expect(throws: RedisError.self) {
            try channel.writeInbound(ByteBuffer(string: "!oops\r\n"))
        }
        _ = try? channel.finish()
    }
}
