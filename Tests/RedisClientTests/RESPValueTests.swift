import NIOCore
import Testing

@testable import RedisClient
import TestSupport

@Suite(.tags(.redis)) struct RESPValueTests {
    @Test func encodesCommandsAsArraysOfBulkStrings() {
        var buffer = ByteBuffer()
        RESPEncoder.encodeCommand("SET", ["key", "välue"], into: &buffer)
        #expect(String(buffer: buffer) == "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$6\r\nvälue\r\n")

        var binary = ByteBuffer()
        RESPEncoder.encodeCommand("PUBLISH", [ByteBuffer(string: "ch"), ByteBuffer(bytes: [0, 13, 10, 255])], into: &binary)
        #expect(Array(binary.readableBytesView) == Array("*3\r\n$7\r\nPUBLISH\r\n$2\r\nch\r\n$4\r\n".utf8) + [0, 13, 10, 255] + Array("\r\n".utf8))

        var noArguments = ByteBuffer()
        RESPEncoder.encodeCommand("PING", [String](), into: &noArguments)
        #expect(String(buffer: noArguments) == "*1\r\n$4\r\nPING\r\n")
    }

    @Test func encodedValuesDecodeToThemselves() throws {
        var buffer = ByteBuffer()
        for value in RESPDecoderTests.mixedValues {
            RESPEncoder.encode(value, into: &buffer)
        }
        #expect(String(buffer: buffer) == RESPDecoderTests.mixed)
        var decoder = RESPDecoder()
        var decoded: [RESPValue] = []
        while let value = try decoder.next(from: &buffer) {
            decoded.append(value)
        }
        #expect(decoded == RESPDecoderTests.mixedValues)
    }

    @Test func accessors() {
        #expect(RESPValue.simpleString("OK").string == "OK")
        #expect(RESPValue(bulk: "12").string == "12")
        #expect(RESPValue(bulk: "12").int == 12)
        #expect(RESPValue.integer(5).int == 5)
        #expect(RESPValue.integer(5).string == "5")
        #expect(RESPValue(bulk: "x").int == nil)
        #expect(RESPValue.bulkString(nil).string == nil)
        #expect(RESPValue.bulkString(nil).isNull)
        #expect(RESPValue.array(nil).isNull)
        #expect(!RESPValue.array([]).isNull)
        #expect(RESPValue.array([.integer(1)]).array == [.integer(1)])
        #expect(RESPValue.integer(1).array == nil)
        #expect(RESPValue.error("ERR x").errorMessage == "ERR x")
        #expect(RESPValue.error("ERR x").string == nil)
        #expect(RESPValue(bulk: "b").buffer == ByteBuffer(string: "b"))
    }

    @Test func serverErrorCode() {
        #expect(RedisError.server("NOSCRIPT No matching script.").serverErrorCode == "NOSCRIPT")
        #expect(RedisError.server("ERR").serverErrorCode == "ERR")
        #expect(RedisError.timeout.serverErrorCode == nil)
    }
}
