import NIOCore

/// Incremental RESP2 decoder.
///
/// Only complete items (a whole line, or a bulk header together with its payload) are consumed
/// from the buffer; arrays under construction are kept on a stack, so a large or deeply nested
/// reply arriving in many reads is decoded in linear time.
public struct RESPDecoder: ByteToMessageDecoder {
    public typealias InboundOut = RESPValue

    /// Redis's own `proto-max-bulk-len` default.
    public static let defaultMaxBulkLength = 512 * 1024 * 1024
    /// Bound on a line (simple string, error, integer, header) still waiting for its CRLF.
    public static let defaultMaxLineLength = 64 * 1024

    private struct PartialArray {
        var remaining: Int
        var elements: [RESPValue]
    }

    private enum Item {
        case value(RESPValue)
        case arrayStart(count: Int)
    }

    private let maxBulkLength: Int
    private let maxLineLength: Int
    private var openArrays: [PartialArray] = []

    public init(
        maxBulkLength: Int = RESPDecoder.defaultMaxBulkLength,
        maxLineLength: Int = RESPDecoder.defaultMaxLineLength
    ) {
        self.maxBulkLength = maxBulkLength
        self.maxLineLength = maxLineLength
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let value = try self.next(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(value))
        return .continue
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext,
        buffer: inout ByteBuffer,
        seenEOF: Bool
    ) throws -> DecodingState {
        try self.decode(context: context, buffer: &buffer)
    }

    /// The next complete top-level value, or nil when more bytes are needed.
    /// Throws `RedisError.protocolError` on malformed input.
    public mutating func next(from buffer: inout ByteBuffer) throws -> RESPValue? {
        while true {
            guard let item = try self.readItem(from: &buffer) else { return nil }
            var completed: RESPValue
            switch item {
            case .arrayStart(let count):
                self.openArrays.append(PartialArray(remaining: count, elements: []))
                self.openArrays[self.openArrays.count - 1].elements.reserveCapacity(min(count, 1024))
                continue
            case .value(let value):
                completed = value
            }
            var arrayStillOpen = false
            while !self.openArrays.isEmpty {
                let top = self.openArrays.count - 1
                self.openArrays[top].elements.append(completed)
                self.openArrays[top].remaining -= 1
                if self.openArrays[top].remaining > 0 {
                    arrayStillOpen = true
                    break
                }
                completed = .array(self.openArrays.removeLast().elements)
            }
            if !arrayStillOpen {
                return completed
            }
        }
    }

    private func readItem(from buffer: inout ByteBuffer) throws -> Item? {
        guard let type = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
            let lineEnd = try self.findLineEnd(in: buffer)
        else { return nil }
        let lineStart = buffer.readerIndex + 1
        let lineLength = lineEnd - lineStart
        let afterLine = lineEnd + 2

        switch type {
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let text = buffer.getString(at: lineStart, length: lineLength) ?? ""
            buffer.moveReaderIndex(to: afterLine)
            return .value(type == UInt8(ascii: "+") ? .simpleString(text) : .error(text))

        case UInt8(ascii: ":"):
            let value = try Self.parseInteger(buffer, at: lineStart, length: lineLength)
            buffer.moveReaderIndex(to: afterLine)
            return .value(.integer(value))

        case UInt8(ascii: "$"):
            let length = try Self.parseInteger(buffer, at: lineStart, length: lineLength)
            if length == -1 {
                buffer.moveReaderIndex(to: afterLine)
                return .value(.bulkString(nil))
            }
            guard length >= 0, length <= self.maxBulkLength else {
                throw RedisError.protocolError("invalid bulk string length \(length)")
            }
            let payloadEnd = afterLine + length
            guard payloadEnd + 2 <= buffer.writerIndex else { return nil }
            guard buffer.getInteger(at: payloadEnd, as: UInt8.self) == UInt8(ascii: "\r"),
                buffer.getInteger(at: payloadEnd + 1, as: UInt8.self) == UInt8(ascii: "\n")
            else {
                throw RedisError.protocolError("bulk string of length \(length) not terminated by CRLF")
            }
            let payload = buffer.getSlice(at: afterLine, length: length)!
            buffer.moveReaderIndex(to: payloadEnd + 2)
            return .value(.bulkString(payload))

        case UInt8(ascii: "*"):
            let count = try Self.parseInteger(buffer, at: lineStart, length: lineLength)
            buffer.moveReaderIndex(to: afterLine)
            switch count {
            case -1: return .value(.array(nil))
            case 0: return .value(.array([]))
            case 1...: return .arrayStart(count: count)
            default: throw RedisError.protocolError("invalid array length \(count)")
            }

        default:
            throw RedisError.protocolError("invalid RESP type byte 0x\(String(type, radix: 16))")
        }
    }

    /// Absolute index of the CR that ends the line starting at the reader index, or nil if not yet received.
    private func findLineEnd(in buffer: ByteBuffer) throws -> Int? {
        let offset: Int? = buffer.withUnsafeReadableBytes { bytes in
            bytes.dropFirst().firstIndex(of: UInt8(ascii: "\r"))
        }
        guard let offset else {
            if buffer.readableBytes > self.maxLineLength {
                throw RedisError.protocolError("line longer than \(self.maxLineLength) bytes")
            }
            return nil
        }
        let crIndex = buffer.readerIndex + offset
        guard let next = buffer.getInteger(at: crIndex + 1, as: UInt8.self) else { return nil }
        guard next == UInt8(ascii: "\n") else {
            throw RedisError.protocolError("CR not followed by LF")
        }
        return crIndex
    }

    private static func parseInteger(_ buffer: ByteBuffer, at index: Int, length: Int) throws -> Int {
        guard length > 0, let bytes = buffer.getBytes(at: index, length: length) else {
            throw RedisError.protocolError("empty integer")
        }
        var digits = bytes[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty else { throw RedisError.protocolError("invalid integer") }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw RedisError.protocolError("invalid integer \(String(decoding: bytes, as: UTF8.self))")
            }
            let digit = Int(byte - UInt8(ascii: "0"))
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else {
                throw RedisError.protocolError("integer out of range")
            }
            value = next
        }
        return value
    }
}
