import NIOCore

/// Writes RESP2: commands as arrays of bulk strings, and any `RESPValue`.
public enum RESPEncoder {
    public static func encodeCommand(_ command: String, _ arguments: [String], into buffer: inout ByteBuffer) {
        writeArrayHeader(count: arguments.count + 1, into: &buffer)
        writeBulk(command, into: &buffer)
        for argument in arguments {
            writeBulk(argument, into: &buffer)
        }
    }

    public static func encodeCommand(_ command: String, _ arguments: [ByteBuffer], into buffer: inout ByteBuffer) {
        writeArrayHeader(count: arguments.count + 1, into: &buffer)
        writeBulk(command, into: &buffer)
        for argument in arguments {
            buffer.writeStaticString("$")
            buffer.writeString(String(argument.readableBytes))
            buffer.writeStaticString("\r\n")
            buffer.writeImmutableBuffer(argument)
            buffer.writeStaticString("\r\n")
        }
    }

    /// Encodes any value; simple strings and errors must not contain CR or LF.
    public static func encode(_ value: RESPValue, into buffer: inout ByteBuffer) {
        switch value {
        case .simpleString(let string):
            buffer.writeStaticString("+")
            buffer.writeString(string)
            buffer.writeStaticString("\r\n")
        case .error(let message):
            buffer.writeStaticString("-")
            buffer.writeString(message)
            buffer.writeStaticString("\r\n")
        case .integer(let value):
            buffer.writeStaticString(":")
            buffer.writeString(String(value))
            buffer.writeStaticString("\r\n")
        case .bulkString(nil):
            buffer.writeStaticString("$-1\r\n")
        case .bulkString(let bytes?):
            buffer.writeStaticString("$")
            buffer.writeString(String(bytes.readableBytes))
            buffer.writeStaticString("\r\n")
            buffer.writeImmutableBuffer(bytes)
            buffer.writeStaticString("\r\n")
        case .array(nil):
            buffer.writeStaticString("*-1\r\n")
        case .array(let values?):
            writeArrayHeader(count: values.count, into: &buffer)
            for element in values {
                encode(element, into: &buffer)
            }
        }
    }

    private static func writeArrayHeader(count: Int, into buffer: inout ByteBuffer) {
        buffer.writeStaticString("*")
        buffer.writeString(String(count))
        buffer.writeStaticString("\r\n")
    }

    private static func writeBulk(_ string: String, into buffer: inout ByteBuffer) {
        buffer.writeStaticString("$")
        buffer.writeString(String(string.utf8.count))
        buffer.writeStaticString("\r\n")
        buffer.writeString(string)
        buffer.writeStaticString("\r\n")
    }
}
