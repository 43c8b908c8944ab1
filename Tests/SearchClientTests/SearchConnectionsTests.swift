import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import SearchClient
import ServiceCore
import Synchronization
import Testing

/// ``SearchConnections`` against a scripted HTTP server (each request's answer chosen by the test): connections
/// kept and reused, a connection the server dropped while idle, `Connection: close`, a server that never answers,
/// an answer past the size limit, a cancelled caller, and which base URLs it takes.
@Suite struct SearchConnectionsTests {
    @Test func keepsAndReusesOneConnection() async throws {
        let server = try await ScriptedServer.start { _ in .answer(#"{"n":1}"#) }
        defer { server.stop() }
        let connections = try #require(SearchConnections(baseURL: server.url + "/", connectTimeout: .seconds(2)))
        defer { connections.shutdown() }
        for _ in 0..<5 {
            let answer = try await connections.post("/i/_search", json: Array("{}".utf8), timeout: .seconds(5))
            #expect(answer.status == 200)
            #expect(String(buffer: answer.body) == #"{"n":1}"#)
        }
        #expect(server.connections == 1)
        #expect(server.requests == Array(repeating: "POST /i/_search {}", count: 5))
    }

    @Test func aConnectionTheServerDroppedWhileIdleIsReplacedOnce() async throws {
        // The server answers, then closes the connection a moment later (an idle timeout): the next request finds
        // it closed, and is sent again on a new connection.
        let server = try await ScriptedServer.start { _ in .answer(#"{"ok":true}"#, thenClose: true) }
        defer { server.stop() }
        let connections = try #require(SearchConnections(baseURL: server.url, connectTimeout: .seconds(2)))
        defer { connections.shutdown() }
        for _ in 0..<3 {
            let answer = try await connections.post("/_search", json: Array("{}".utf8), timeout: .seconds(5))
            #expect(String(buffer: answer.body) == #"{"ok":true}"#)
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(server.connections == 3)
    }

    @Test func connectionCloseIsNotReused() async throws {
        let server = try await ScriptedServer.start { _ in .answer("{}", connectionClose: true) }
        defer { server.stop() }
        let connections = try #require(SearchConnections(baseURL: server.url, connectTimeout: .seconds(2)))
        defer { connections.shutdown() }
        for _ in 0..<3 { _ = try await connections.post("/_search", json: [], timeout: .seconds(5)) }
        #expect(server.connections == 3)
    }

    @Test(.timeLimit(.minutes(1))) func aServerThatNeverAnswersTimesOutAndItsConnectionIsDropped() async throws {
        let server = try await ScriptedServer.start { index in index == 0 ? .silent : .answer(#"{"hits":{"total":{"value":0},"hits":[]}}"#) }
        defer { server.stop() }
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let connections = try #require(SearchConnections(baseURL: server.url, connectTimeout: .seconds(2)))
        defer { connections.shutdown() }
        let client = SearchClient(
            baseURL: server.url, httpClient: http, requestTimeout: .milliseconds(300), logger: SearchServer.logger,
            connections: connections)
        // The next search, over the same connections, with room for a loaded machine (CI runs suites side by side).
        let patient = SearchClient(
            baseURL: server.url, httpClient: http, requestTimeout: .seconds(30), logger: SearchServer.logger, connections: connections)
        do {
            try await searchesTimeOutThenRecover(client, then: patient, server)
        } catch {
            Issue.record(error)
        }
        try await http.shutdown()
    }

    private func searchesTimeOutThenRecover(_ client: SearchClient, then patient: SearchClient, _ server: ScriptedServer) async throws {
        let started = ContinuousClock.now
        do {
            _ = try await client.search(indices: ["movies"], encodedBody: Array("{}".utf8))
            Issue.record("a silent server answered")
        } catch SearchError.unreachable(let detail) {
            #expect(detail.contains("no answer within"), "\(detail)")
            #expect(detail.contains("/movies/_search"), "\(detail)")
        }
        // Well before the test's limit: without the deadline the search would wait for ever.
        #expect(ContinuousClock.now - started < .seconds(15))
        // The next search gets a new connection and its answer.
        let response = try await patient.search(indices: ["movies"], encodedBody: Array("{}".utf8))
        #expect(response.total == 0)
        #expect(server.connections == 2)
    }

    @Test func anAnswerPastTheLimitIsRefused() async throws {
        let big = "{\"x\":\"" + String(repeating: "a", count: 70_000) + "\"}"
        let server = try await ScriptedServer.start { _ in .answer(big) }
        defer { server.stop() }
        let connections = try #require(
            SearchConnections(baseURL: server.url, connectTimeout: .seconds(2), maximumResponseBytes: 64 * 1024))
        defer { connections.shutdown() }
        await #expect(throws: SearchConnections.Failure.self) {
            _ = try await connections.post("/_search", json: [], timeout: .seconds(5))
        }
        let roomy = try #require(SearchConnections(baseURL: server.url, connectTimeout: .seconds(2)))
        defer { roomy.shutdown() }
        #expect(try await roomy.post("/_search", json: [], timeout: .seconds(5)).body.readableBytes == big.utf8.count)
    }

    @Test(.timeLimit(.minutes(1))) func aCancelledCallerStopsWaiting() async throws {
        let server = try await ScriptedServer.start { _ in .silent }
        defer { server.stop() }
        let connections = try #require(SearchConnections(baseURL: server.url, connectTimeout: .seconds(2)))
        defer { connections.shutdown() }
        let call = Task { try await connections.post("/_search", json: [], timeout: .seconds(30)) }
        try await Task.sleep(for: .milliseconds(200))
        let started = ContinuousClock.now
        call.cancel()
        await #expect(throws: (any Error).self) { _ = try await call.value }
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test func afterShutdownNothingIsSent() async throws {
        let server = try await ScriptedServer.start { _ in .answer("{}") }
        defer { server.stop() }
        let connections = try #require(SearchConnections(baseURL: server.url, connectTimeout: .seconds(2)))
        _ = try await connections.post("/_search", json: [], timeout: .seconds(5))
        connections.shutdown()
        await #expect(throws: SearchConnections.Failure.self) {
            _ = try await connections.post("/_search", json: [], timeout: .seconds(5))
        }
        #expect(server.requests.count == 1)
    }

    @Test func takesPlainHTTPURLsOnly() {
        #expect(SearchConnections(baseURL: "http://127.0.0.1:9200", connectTimeout: .seconds(1)) != nil)
        #expect(SearchConnections(baseURL: "http://search.internal/es/", connectTimeout: .seconds(1)) != nil)
        #expect(SearchConnections(baseURL: "http://[::1]:9200", connectTimeout: .seconds(1)) != nil)
        #expect(SearchConnections(baseURL: "https://127.0.0.1:9200", connectTimeout: .seconds(1)) == nil)
        #expect(SearchConnections(baseURL: "http://elastic:secret@127.0.0.1:9200", connectTimeout: .seconds(1)) == nil)
        #expect(SearchConnections(baseURL: "http://127.0.0.1:9200?x=1", connectTimeout: .seconds(1)) == nil)
        #expect(SearchConnections(baseURL: "127.0.0.1:9200", connectTimeout: .seconds(1)) == nil)
        #expect(SearchConnections(baseURL: "", connectTimeout: .seconds(1)) == nil)
    }

    @Test func aPathInTheBaseURLPrefixesEveryRequest() async throws {
        let server = try await ScriptedServer.start { _ in .answer("{}") }
        defer { server.stop() }
        let connections = try #require(SearchConnections(baseURL: server.url + "/es/", connectTimeout: .seconds(2)))
        defer { connections.shutdown() }
        _ = try await connections.post("/m/_search?ignore_unavailable=true", json: Array("{}".utf8), timeout: .seconds(5))
        #expect(server.requests == ["POST /es/m/_search?ignore_unavailable=true {}"])
    }
}

/// An HTTP/1.1 server on 127.0.0.1 whose answer to the n-th request (from 0, over all connections) `script` picks.
final class ScriptedServer: Sendable {
    enum Action: Sendable {
        /// A 200 with `body`; `connectionClose` says so in a header and closes; `thenClose` closes 50 ms later without
        /// saying so.
        case answer(String, connectionClose: Bool = false, thenClose: Bool = false)
        /// Reads the request and never answers.
        case silent
    }

    private struct Counts {
        var connections = 0
        var requests: [String] = []
    }

    let channel: any Channel
    let url: String
    private let counts: Mutex<Counts>

    private init(channel: any Channel) {
        self.channel = channel
        self.url = "http://127.0.0.1:\(channel.localAddress?.port ?? 0)"
        self.counts = Mutex(Counts())
    }

    var connections: Int { counts.withLock { $0.connections } }
    var requests: [String] { counts.withLock { $0.requests } }

    static func start(_ script: @escaping @Sendable (Int) -> Action) async throws -> ScriptedServer {
        let box = ServerBox()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.configureHTTPServerPipeline()
                    try child.pipeline.syncOperations.addHandler(Handler(box: box, script: script))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = ScriptedServer(channel: channel)
        box.server.withLock { $0 = server }
        return server
    }

    func stop() {
        channel.close(promise: nil)
    }

    fileprivate func connected() { counts.withLock { $0.connections += 1 } }

    fileprivate func received(_ line: String) -> Int {
        counts.withLock { counts in
            counts.requests.append(line)
            return counts.requests.count - 1
        }
    }

    fileprivate final class ServerBox: Sendable {
        let server = Mutex<ScriptedServer?>(nil)
    }

    fileprivate final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let box: ServerBox
        let script: @Sendable (Int) -> Action
        var head: HTTPRequestHead?
        var body = ""

        init(box: ServerBox, script: @escaping @Sendable (Int) -> Action) {
            self.box = box
            self.script = script
        }

        func channelActive(context: ChannelHandlerContext) {
            box.server.withLock { $0 }?.connected()
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = ""
            case .body(let part):
                body += String(buffer: part)
            case .end:
                guard let head, let server = box.server.withLock({ $0 }) else { return }
                let index = server.received("\(head.method.rawValue) \(head.uri) \(body)")
                guard case .answer(let text, let connectionClose, let thenClose) = script(index) else { return }
                var headers = HTTPHeaders([("Content-Type", "application/json"), ("Content-Length", String(text.utf8.count))])
                if connectionClose { headers.add(name: "Connection", value: "close") }
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: text)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                if connectionClose {
                    context.close(promise: nil)
                } else if thenClose {
                    let channel = context.channel
                    channel.eventLoop.scheduleTask(in: .milliseconds(50)) { channel.close(promise: nil) }
                }
            }
        }
    }
}
