import Foundation
import HummingbirdWSClient
import Logging
import Synchronization

/// Every text message a WebSocket client has received so far.
final class ReceivedMessages: Sendable {
    private let texts = Mutex<[String]>([])

    func append(_ text: String) { texts.withLock { $0.append(text) } }
    var all: [String] { texts.withLock { $0 } }
    func contains(where predicate: (String) -> Bool) -> Bool { texts.withLock { $0.contains(where: predicate) } }
}

/// Follows the food service's live order events at `base` + `/food/ws/` with a session `cookie`, keeping every text
/// message in `messages`, after sending `first` (e.g. a staff subscription); cancel the task to disconnect.
func followOrderEvents(
    base: String, cookie: String, into messages: ReceivedMessages, sending first: [String] = []
) -> Task<WebSocketCloseFrame?, any Error> {
    var configuration = WebSocketClientConfiguration()
    configuration.additionalHeaders[.cookie] = cookie
    let settings = configuration
    return Task {
        try await WebSocketClient.connect(url: "ws" + base.dropFirst(4) + "/food/ws/", configuration: settings, logger: Logger(label: "ws")) {
            inbound, outbound, _ in
            for text in first { try await outbound.write(.text(text)) }
            for try await message in inbound.messages(maxSize: 1 << 16) {
                if case .text(let text) = message { messages.append(text) }
            }
        }
    }
}

/// Polls `condition` every 100 ms until it holds; throws when `timeout` passes first.
func waitUntil(timeout: Duration = .seconds(10), _ condition: @Sendable () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    throw TestFailure("condition not met within \(timeout)")
}
