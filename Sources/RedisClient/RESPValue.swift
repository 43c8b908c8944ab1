import NIOCore

/// A RESP2 value, as sent by the server or (as arrays of bulk strings) by the client.
public enum RESPValue: Sendable, Hashable {
    case simpleString(String)
    case error(String)
    case integer(Int)
    /// `nil` is the null bulk string (`$-1`), e.g. GET on a missing key.
    case bulkString(ByteBuffer?)
    /// `nil` is the null array (`*-1`), e.g. a BLPOP that timed out.
    case array([RESPValue]?)

    public init(bulk string: String) {
        self = .bulkString(ByteBuffer(string: string))
    }

    /// Text of a simple or bulk string (bulk decoded as UTF-8), or an integer's decimal form; nil otherwise.
    public var string: String? {
        switch self {
        case .simpleString(let string): string
        case .bulkString(let buffer?): String(buffer: buffer)
        case .integer(let value): String(value)
        case .error, .bulkString(nil), .array: nil
        }
    }

    /// An integer reply, or a simple/bulk string holding a decimal integer (as GET returns counters).
    public var int: Int? {
        switch self {
        case .integer(let value): value
        case .simpleString(let string): Int(string)
        case .bulkString(let buffer?): Int(String(buffer: buffer))
        case .error, .bulkString(nil), .array: nil
        }
    }

    /// The bytes of a bulk or simple string.
    public var buffer: ByteBuffer? {
        switch self {
        case .bulkString(let buffer): buffer
        case .simpleString(let string): ByteBuffer(string: string)
        case .error, .integer, .array: nil
        }
    }

    public var array: [RESPValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    public var errorMessage: String? {
        if case .error(let message) = self { return message }
        return nil
    }

    /// True for the null bulk string and the null array.
    public var isNull: Bool {
        switch self {
        case .bulkString(nil), .array(nil): true
        default: false
        }
    }
}

extension RESPValue: CustomStringConvertible {
    public var description: String {
        switch self {
        case .simpleString(let string): "+\(string)"
        case .error(let message): "-\(message)"
        case .integer(let value): ":\(value)"
        case .bulkString(nil): "(nil)"
        case .bulkString(let buffer?): String(reflecting: String(buffer: buffer))
        case .array(nil): "(nil array)"
        case .array(let values?): "[" + values.map(\.description).joined(separator: ", ") + "]"
        }
    }
}
