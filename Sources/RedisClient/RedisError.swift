/// Errors thrown by `RedisConnection`, `RedisClient` and `RedisSubscriber`.
public enum RedisError: Error, Sendable, Hashable {
    /// The server answered with an error reply (`-ERR ...`, `-NOSCRIPT ...`, `-WRONGTYPE ...`).
    case server(String)
    /// The connection closed (or was closed) before the reply arrived.
    case connectionClosed
    /// No reply within the command timeout; the connection is closed because the stream is out of sync.
    case timeout
    /// Could not connect, or AUTH/SELECT failed; carries the underlying reason.
    case connectFailed(String)
    /// The server sent bytes that are not valid RESP2, or a reply nobody asked for.
    case protocolError(String)
    /// The client or subscriber was shut down.
    case shutdown
    /// A malformed `redis://` URL or an invalid setting.
    case invalidConfiguration(String)

    /// The first word of a server error, e.g. `NOSCRIPT`, `WRONGTYPE`, `ERR`.
    public var serverErrorCode: Substring? {
        guard case .server(let message) = self else { return nil }
        return message.split(separator: " ", maxSplits: 1).first
    }
}

extension RedisError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .server(let message): "Redis error: \(message)"
        case .connectionClosed: "Redis connection closed"
        case .timeout: "Redis command timed out"
        case .connectFailed(let reason): "could not connect to Redis: \(reason)"
        case .protocolError(let reason): "Redis protocol error: \(reason)"
        case .shutdown: "Redis client is shut down"
        case .invalidConfiguration(let reason): "invalid Redis configuration: \(reason)"
        }
    }
}
