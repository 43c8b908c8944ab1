/// Why a scrape produced no rows. Fetch failures (the page could not be had) and page failures (it was had, but it is
/// not the page we know) are told apart: the service answers both with 502 and this message, mscli exits 5 for the
/// first kind and 1 for the second. An empty table is not an error: it is a valid empty result.
public enum ScrapeError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidURL(String)
    case unreachable(url: String, reason: String)
    case timedOut(url: String, seconds: Int64)
    case httpStatus(url: String, status: Int, reason: String)
    case tooLarge(url: String, limit: Int)
    case unreadableFile(path: String, reason: String)
    /// Nothing but whitespace (or nothing libxml2 could make a document of).
    case emptyPage(source: String)
    /// No `div#UpcomingIpo`: the layout changed, or the site served something else (a block or consent page).
    case noSection(source: String)
    /// The section is there but holds no `table`.
    case noTable(source: String)

    /// The page could not be had at all (network, status, size), as opposed to a page of the wrong shape.
    public var isFetchFailure: Bool {
        switch self {
        case .unreachable, .timedOut, .httpStatus, .tooLarge: true
        case .invalidURL, .unreadableFile, .emptyPage, .noSection, .noTable: false
        }
    }

    public var description: String {
        switch self {
        case .invalidURL(let url): "invalid page URL \(url.debugDescription): expected http:// or https://"
        case .unreachable(let url, let reason): "cannot fetch \(url): \(reason)"
        case .timedOut(let url, let seconds): "cannot fetch \(url): no complete answer within \(seconds) s"
        case .httpStatus(let url, let status, let reason): "\(url) answered \(status) \(reason), expected 200"
        case .tooLarge(let url, let limit): "\(url) sent more than \(limit >> 20) MiB"
        case .unreadableFile(let path, let reason): "cannot read \(path): \(reason)"
        case .emptyPage(let source): "\(source) is empty: no HTML to parse"
        case .noSection(let source):
            "no div#UpcomingIpo section in \(source) (the page layout changed, or the site served another page)"
        case .noTable(let source): "the div#UpcomingIpo section in \(source) has no table"
        }
    }

    /// The same, for an answer to a public request: what went wrong without the page's address, a file path or a
    /// network library's words (those stay in the stored run and the log).
    public var publicSummary: String {
        switch self {
        case .invalidURL: "the page address is not configured correctly"
        case .unreachable: "the page source could not be reached"
        case .timedOut(_, let seconds): "the page source gave no complete answer within \(seconds) s"
        case .httpStatus(_, let status, _): "the page source answered \(status), expected 200"
        case .tooLarge(_, let limit): "the page was larger than \(limit >> 20) MiB"
        case .unreadableFile: "the saved page could not be read"
        case .emptyPage: "the page is empty: no HTML to parse"
        case .noSection: "the page has no div#UpcomingIpo section (the layout changed, or the site served another page)"
        case .noTable: "the div#UpcomingIpo section has no table"
        }
    }
}
