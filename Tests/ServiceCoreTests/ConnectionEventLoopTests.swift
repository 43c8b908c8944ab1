import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ServiceCore
import Testing

/// Every service's HTTP server (``HTTPServerBuilder/serviceHTTP1()``) handles a connection on its channel's event
/// loop, and a database call through ``DatabaseGate`` (an unstructured task of its own) stays there.
struct ConnectionEventLoopTests {
    /// Where a handler and a gated call ran: on the connection's event loop or not, per request.
    static func app() -> some ApplicationProtocol {
        let gate = DatabaseGate(
            name: "fake", logger: Logger(label: "test"),
            timing: .init(
                suspectAfter: .seconds(5), probeTimeout: .seconds(1), probeInterval: .milliseconds(50), quietAfterPass: .seconds(1),
                idleStop: .seconds(10)),
            checkServer: {}, checkPool: {})
        let router = Router()
        router.get("/where") { _, _ -> String in
            let handler = EventLoopTaskExecutor.current?.eventLoop.inEventLoop == true
            let gated = try await gate.run(deadline: .seconds(5)) {
                // An await in the middle, as a query has: the task must come back to the loop after it.
                try await Task.sleep(for: .milliseconds(1))
                return EventLoopTaskExecutor.current?.eventLoop.inEventLoop == true
            }
            let afterGate = EventLoopTaskExecutor.current?.eventLoop.inEventLoop == true
            return "handler=\(handler) gated=\(gated) after=\(afterGate)"
        }
        return Application(
            router: router, server: .serviceHTTP1(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    @Test func handlersAndGatedCallsRunOnTheConnectionsEventLoop() async throws {
        try await Self.app().test(.live) { client in
            for _ in 0..<20 {
                let text = try await client.execute(uri: "/where", method: .get) { String(buffer: $0.body) }
                #expect(text == "handler=true gated=true after=true")
            }
        }
    }
}
