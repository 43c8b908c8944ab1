import Foundation
import Logging
import Synchronization
import Testing

@testable import ServiceCore

@Suite struct JSONLogHandlerTests {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
    }

    @Test func writesOneJSONObjectPerLineWithMetadata() throws {
        let sink = Lines()
        var handler = JSONLogHandler(service: "auth-service") { line in sink.lines.withLock { $0.append(line) } }
        handler.logLevel = .info
        handler[metadataKey: "request.id"] = "r-1"
        let logger = Logger(label: "test", factory: { _ in handler })
        logger.debug("hidden")
        logger.warning("database unreachable", metadata: ["error": "connection refused", "attempt": "\(3)"])
        let lines = sink.lines.withLock { $0 }
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(line.hasSuffix("\n") && !line.dropLast().contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "warning")
        #expect(object["service"] as? String == "auth-service")
        #expect(object["msg"] as? String == "database unreachable")
        #expect(object["request.id"] as? String == "r-1")
        #expect(object["error"] as? String == "connection refused")
        #expect((object["ts"] as? String)?.hasSuffix("Z") == true)
    }
}
