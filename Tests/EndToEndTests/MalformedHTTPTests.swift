import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Malformed HTTP gets `400 Bad Request` and a closed connection within a second from every service binary (the food
/// service, behind its WebSocket upgrade pipeline, used to leave the socket open with no reply).
@Suite("Malformed HTTP requests", .serialized, .tags(.endToEnd))
struct MalformedHTTPTests {
    static let requests: [(String, String)] = [
        ("a garbage request line", "GARBAGE\r\n\r\n"),
        ("a control character in a header value", "GET /health HTTP/1.1\r\nHost: x\r\nX-Bad: a\u{1}b\r\n\r\n"),
        ("a space in a header name", "GET /health HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n"),
        ("a bad HTTP version", "GET /health HTTP/9\r\nHost: x\r\n\r\n"),
        ("a NUL in the request target", "GET /he\u{0}alth HTTP/1.1\r\nHost: x\r\n\r\n"),
    ]

    @Test func everyServiceAnswers400AndCloses() async throws {
        try await EndToEnd.run { e2e in
            try await TestDatabase.with { bookingDB in
                try await TestDatabase.with { foodDB in
                    let (auth, authURL) = try await e2e.startAuthService(["--migrate"])
                    defer { Task { await auth.stop() } }
                    let (booking, bookingURL) = try await e2e.startBookingService(databaseURL: TestDatabase.url(bookingDB))
                    defer { Task { await booking.stop() } }
                    let (food, foodURL) = try await e2e.startFoodService(databaseURL: TestDatabase.url(foodDB))
                    defer { Task { await food.stop() } }
                    for (name, url) in [("auth", authURL), ("booking", bookingURL), ("food", foodURL)] {
                        let port = try #require(URL(string: url)?.port)
                        for (what, bytes) in Self.requests {
                            let started = ContinuousClock.now
                            let (answer, closed) = try RawHTTP.exchange(port: port, bytes: Array(bytes.utf8), timeout: 2)
                            let elapsed = started.duration(to: .now)
                            #expect(answer.hasPrefix("HTTP/1.1 400"), "\(name), \(what): \(answer.debugDescription)")
                            #expect(closed, "\(name), \(what): the connection stayed open")
                            #expect(elapsed < .seconds(1), "\(name), \(what): \(elapsed)")
                        }
                        // The service still answers a well-formed request on a new connection.
                        let (ok, _) = try RawHTTP.exchange(
                            port: port, bytes: Array("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8), timeout: 2)
                        #expect(ok.hasPrefix("HTTP/1.1 200"), "\(name): \(ok)")
                    }
                }
            }
        }
    }
}

/// One TCP exchange with a blocking socket: sends `bytes`, reads until the peer closes or `timeout` passes.
enum RawHTTP {
    static func exchange(port: Int, bytes: [UInt8], timeout: Int) throws -> (answer: String, closed: Bool) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket() failed") }
        defer { close(fd) }
        guard connectLoopback(fd, port: port) == 0 else { throw TestFailure("connect() to \(port) failed") }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { received += buffer[0..<n]; continue }
            return (String(decoding: received, as: UTF8.self), n == 0)
        }
    }
}
