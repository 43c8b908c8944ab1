import Foundation
import Logging

/// The `MSCLI_DEBUG` log on stderr, each line passed through ``Secrets`` first: a driver or a service library may
/// log a URL or a connection string, and the debug log is what operators paste into tickets.
struct MaskingLogHandler: LogHandler {
    let label: String
    let hiding: [String]
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init(label: String, hiding: [String]) {
        self.label = label
        self.hiding = hiding
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let fields = all.isEmpty ? "" : " " + all.keys.sorted().map { "\($0)=\(all[$0]!)" }.joined(separator: " ")
        let stamp = ISO8601DateFormatter().string(from: Date())
        Console.write(Secrets.mask("\(stamp) \(event.level) \(label):\(fields) \(event.message)", hiding: hiding) + "\n", to: STDERR_FILENO)
    }
}
