import Logging

/// swift-log's text lines (`StreamLogHandler` on stderr), with the request's metadata kept as set and only formatted
/// when a line is written.
///
/// Why: `StreamLogHandler` formats all of its metadata into one string every time a key is set, and every request
/// sets two (Hummingbird's `hb.request.id`, our `user.id`) on a logger that, at the default level, writes nothing for
/// it; that formatting was 2–3% of a `user_details` request (perf on the release auth-service).
public struct TextLogHandler: LogHandler {
    private var stream: StreamLogHandler
    public var metadata: Logger.Metadata = [:]

    public init(label: String) { stream = StreamLogHandler.standardError(label: label) }

    public var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { stream.metadataProvider }
        set { stream.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var stream = stream
        stream.metadata = metadata
        stream.log(event: event)
    }
}
