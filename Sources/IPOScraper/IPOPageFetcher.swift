import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Where a scrape reads its page: over HTTP, or from a saved file.
public enum IPOSource: Sendable, Equatable, CustomStringConvertible {
    case url(String)
    case file(String)

    /// How the run is recorded: the URL, or `file:` and the path.
    public var description: String {
        switch self {
        case .url(let url): url
        case .file(let path): "file:\(path)"
        }
    }
}

/// Fetches the upcoming-IPO page over plain HTTP (the seed drove headless Chromium; there is no browser here). It
/// sends a browser's User-Agent and headers, follows redirects, gives up after `timeout`, and refuses anything but a
/// 200 answer of at most `maximumBytes`.
public struct IPOPageFetcher: Sendable {
    /// The seed's page.
    public static let defaultURL = "https://www.moneycontrol.com/ipo/upcoming-ipos/"
    /// The seed's browser context: Chrome 120 on Windows.
    public static let userAgent =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"

    /// How the client a fetcher uses must be set up: redirects followed, compressed answers accepted, and a refused
    /// connection failing at once rather than being retried until the deadline. The client belongs to whoever runs
    /// the fetcher (the booking service's group, or one mscli run: ``withFetcher(timeout:_:)``).
    public static var clientConfiguration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        configuration.decompression = .enabled(limit: .ratio(50))
        return configuration
    }

    public var timeout: TimeAmount
    public var maximumBytes: Int
    let client: HTTPClient

    public init(client: HTTPClient, timeout: TimeAmount = .seconds(30), maximumBytes: Int = 16 << 20) {
        self.client = client
        self.timeout = timeout
        self.maximumBytes = maximumBytes
    }

    /// Runs `body` with a fetcher on a client of its own, shut down afterwards (one command-line run).
    public static func withFetcher<T>(timeout: TimeAmount, _ body: (IPOPageFetcher) async throws -> T) async throws -> T {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        do {
            let result = try await body(IPOPageFetcher(client: client, timeout: timeout))
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// The page's HTML (bytes that are not UTF-8 become U+FFFD).
    public func fetch(_ url: String) async throws -> String {
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), URL(string: url)?.host != nil else {
            throw ScrapeError.invalidURL(url)
        }
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        request.headers.add(name: "Accept", value: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
        request.headers.add(name: "Accept-Language", value: "en-US,en;q=0.9")
        request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        request.headers.add(name: "Referer", value: "https://www.google.com/")
        let seconds = timeout.nanoseconds / 1_000_000_000
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: timeout)
        } catch {
            throw Self.failure(error, url: url, seconds: seconds)
        }
        guard response.status == .ok else {
            throw ScrapeError.httpStatus(url: url, status: Int(response.status.code), reason: response.status.reasonPhrase)
        }
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: maximumBytes)
        } catch let error as NIOTooManyBytesError {
            _ = error
            throw ScrapeError.tooLarge(url: url, limit: maximumBytes)
        } catch {
            throw Self.failure(error, url: url, seconds: seconds)
        }
        return String(decoding: body.readableBytesView, as: UTF8.self)
    }

    /// A transport failure as a ``ScrapeError`` with a short cause.
    static func failure(_ error: any Error, url: String, seconds: Int64) -> ScrapeError {
        if let error = error as? HTTPClientError,
            error == .deadlineExceeded || error == .connectTimeout || error == .readTimeout
        {
            return .timedOut(url: url, seconds: seconds)
        }
        let text = String(describing: error)
        if text.contains("Connection refused") || text.contains("connectionRefused") { return .unreachable(url: url, reason: "connection refused") }
        if text.lowercased().contains("timeout") || text.lowercased().contains("timed out") { return .timedOut(url: url, seconds: seconds) }
        if text.contains("NIOConnectionError") || text.contains("No such host") || text.contains("resolve") {
            return .unreachable(url: url, reason: "cannot resolve or connect to the host")
        }
        if error is HTTPClientError { return .unreachable(url: url, reason: "\(error)") }
        return .unreachable(url: url, reason: text)
    }
}

/// Fetch (or read) and parse, in one call.
public struct IPOScraper: Sendable {
    public var fetcher: IPOPageFetcher

    public init(fetcher: IPOPageFetcher) {
        self.fetcher = fetcher
    }

    public func scrape(_ source: IPOSource, includeHTML: Bool = false, cleanHTML: Bool = true) async throws -> IPOPage {
        let html: String
        switch source {
        case .url(let url):
            html = try await fetcher.fetch(url)
        case .file(let path):
            html = try Self.read(path)
        }
        return try IPOTableParser.parse(html, source: source.description, includeHTML: includeHTML, cleanHTML: cleanHTML)
    }

    /// A saved page (bytes that are not UTF-8 become U+FFFD).
    public static func read(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ScrapeError.unreadableFile(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw ScrapeError.unreadableFile(path: path, reason: "it is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScrapeError.unreadableFile(path: path, reason: "permission denied or unreadable")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
