import Foundation
import Logging

/// One JSON object per line on stderr (`ts`, `level`, `service`, `msg`, then metadata with dotted keys), for log
/// shippers. Chosen with `LOG_FORMAT=json`; the default stays swift-log's text lines for people at a terminal.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let service: String
    let write: @Sendable (String) -> Void

    public init(service: String, write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.service = service
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        var object: [String: Any] = [
            "ts": Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)),
            "level": event.level.rawValue,
            "service": service,
            "msg": event.message.description,
        ]
        if event.level >= .warning { object["source"] = event.source }
        for (key, value) in merged where object[key] == nil { object[key] = Self.plain(value) }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        write(String(decoding: data, as: UTF8.self) + "\n")
    }

    static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let s): s
        case .stringConvertible(let c): c.description
        case .array(let a): a.map(plain)
        case .dictionary(let d): d.mapValues(plain)
        }
    }
}

public enum ServiceLogging {
    /// Bootstraps swift-log once for a service: `json` for JSON lines, anything else for text, at `level`.
    public static func bootstrap(service: String, format: String?, level: Logger.Level) {
        let json = format?.lowercased() == "json"
        LoggingSystem.bootstrap { label in
            if json {
                var handler = JSONLogHandler(service: service)
                handler.logLevel = level
                return handler
            }
            var handler = TextLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
