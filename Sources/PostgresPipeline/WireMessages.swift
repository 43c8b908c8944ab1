import CLibPQ
import NIOCore

/// The few PostgreSQL protocol 3.0 messages a ``LoopConnection`` speaks once libpq has made the connection (startup
/// and authentication stay libpq's): the extended query protocol's Parse, Describe, Bind, Execute and Sync, and the
/// backend's answers to them.
enum WireMessage {
    // MARK: frontend

    /// Parse of a named statement with no parameter types given (the server infers them, as `PQsendPrepare` with none).
    static func parse(_ buffer: inout ByteBuffer, statement: String, sql: String) {
        message(&buffer, "P") { buffer in
            buffer.writeCString(statement)
            buffer.writeCString(sql)
            buffer.writeInteger(Int16(0))
        }
    }

    /// Describe of a named statement: its ParameterDescription, then its RowDescription (or NoData).
    static func describe(_ buffer: inout ByteBuffer, statement: String) {
        message(&buffer, "D") { buffer in
            buffer.writeInteger(UInt8(ascii: "S"))
            buffer.writeCString(statement)
        }
    }

    /// Bind of the unnamed portal to `statement`, every parameter and every result column in binary.
    static func bind(_ buffer: inout ByteBuffer, statement: String, parameters: [[UInt8]]) {
        message(&buffer, "B") { buffer in
            buffer.writeInteger(UInt8(0))  // the unnamed portal
            buffer.writeCString(statement)
            buffer.writeInteger(Int16(1))
            buffer.writeInteger(Int16(1))  // one format for every parameter: binary
            buffer.writeInteger(Int16(parameters.count))
            for value in parameters {
                buffer.writeInteger(Int32(value.count))
                buffer.writeBytes(value)
            }
            buffer.writeInteger(Int16(1))
            buffer.writeInteger(Int16(1))  // one format for every column: binary
        }
    }

    /// Execute of the unnamed portal, every row.
    static func execute(_ buffer: inout ByteBuffer) {
        message(&buffer, "E") { buffer in
            buffer.writeInteger(UInt8(0))
            buffer.writeInteger(Int32(0))
        }
    }

    /// Sync: ends the unit. After an error the server skips to it, and every unit gets exactly one ReadyForQuery.
    static func sync(_ buffer: inout ByteBuffer) {
        message(&buffer, "S") { _ in }
    }

    private static func message(_ buffer: inout ByteBuffer, _ type: Unicode.Scalar, _ body: (inout ByteBuffer) -> Void) {
        buffer.writeInteger(UInt8(ascii: type))
        let lengthAt = buffer.writerIndex
        buffer.writeInteger(Int32(0))
        body(&buffer)
        buffer.setInteger(Int32(buffer.writerIndex - lengthAt), at: lengthAt)
    }

    // MARK: backend

    enum Backend: Equatable {
        case parseComplete
        case bindComplete
        case parameterDescription
        /// The type of each column.
        case rowDescription([Oid])
        case noData
        /// Each cell (nil: NULL).
        case dataRow([[UInt8]?])
        case commandComplete
        case emptyQuery
        /// The SQLSTATE, message and detail.
        case error(sqlState: String, message: String, detail: String?)
        case readyForQuery
        /// A notice, a parameter status, a notification: nothing a query waits for.
        case ignored
    }

    /// The longest message read (a point lookup's answer is a few hundred bytes).
    static let maximumLength = 64 << 20

    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    /// Reads a whole message's body (`type` read already) into what it says.
    static func backend(type: UInt8, body: inout ByteBuffer) throws -> Backend {
        switch type {
        case UInt8(ascii: "1"): return .parseComplete
        case UInt8(ascii: "2"): return .bindComplete
        case UInt8(ascii: "t"): return .parameterDescription
        case UInt8(ascii: "n"): return .noData
        case UInt8(ascii: "C"): return .commandComplete
        case UInt8(ascii: "I"): return .emptyQuery
        case UInt8(ascii: "Z"): return .readyForQuery
        case UInt8(ascii: "N"), UInt8(ascii: "S"), UInt8(ascii: "A"): return .ignored
        case UInt8(ascii: "T"):
            guard let count = body.readInteger(as: Int16.self), count >= 0 else { throw Malformed(description: "a RowDescription without its count") }
            var types: [Oid] = []
            types.reserveCapacity(Int(count))
            for _ in 0..<count {
                // name, table OID (4), column number (2), type OID (4), type size (2), type modifier (4), format (2)
                guard body.readNullTerminatedString() != nil, body.readInteger(as: UInt32.self) != nil,
                    body.readInteger(as: Int16.self) != nil, let type = body.readInteger(as: UInt32.self),
                    body.readInteger(as: Int16.self) != nil, body.readInteger(as: Int32.self) != nil,
                    body.readInteger(as: Int16.self) != nil
                else { throw Malformed(description: "a RowDescription cut short") }
                types.append(Oid(type))
            }
            return .rowDescription(types)
        case UInt8(ascii: "D"):
            guard let count = body.readInteger(as: Int16.self), count >= 0 else { throw Malformed(description: "a DataRow without its count") }
            var cells: [[UInt8]?] = []
            cells.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let length = body.readInteger(as: Int32.self) else { throw Malformed(description: "a DataRow cut short") }
                if length < 0 {
                    cells.append(nil)
                } else {
                    guard let bytes = body.readBytes(length: Int(length)) else { throw Malformed(description: "a DataRow cut short") }
                    cells.append(bytes)
                }
            }
            return .dataRow(cells)
        case UInt8(ascii: "E"):
            var fields: [UInt8: String] = [:]
            while let code = body.readInteger(as: UInt8.self), code != 0 {
                guard let value = body.readNullTerminatedString() else { throw Malformed(description: "an ErrorResponse cut short") }
                fields[code] = value
            }
            return .error(
                sqlState: fields[UInt8(ascii: "C")] ?? "XX000", message: fields[UInt8(ascii: "M")] ?? "error",
                detail: fields[UInt8(ascii: "D")])
        default:
            throw Malformed(description: "an unexpected message of type \(type)")
        }
    }
}

extension ByteBuffer {
    fileprivate mutating func writeCString(_ text: String) {
        writeString(text)
        writeInteger(UInt8(0))
    }
}

/// Splits the backend's bytes into messages (a type byte, then a length that counts itself).
struct WireDecoder: ByteToMessageDecoder {
    typealias InboundOut = WireMessage.Backend

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let type = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
            let length = buffer.getInteger(at: buffer.readerIndex + 1, as: Int32.self)
        else { return .needMoreData }
        guard length >= 4, length <= WireMessage.maximumLength else {
            throw WireMessage.Malformed(description: "a message of \(length) bytes")
        }
        guard buffer.readableBytes >= 1 + Int(length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 5)
        var body = buffer.readSlice(length: Int(length) - 4)!
        context.fireChannelRead(Self.wrapInboundOut(try WireMessage.backend(type: type, body: &body)))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
