import AsyncHTTPClient
import NIOCore
import ArgumentParser
import BookingService
import Foundation
import SearchClient
import ServiceCore

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search movies, theaters and bookings, and check the search index.",
        discussion: """
            `mscli search TEXT` is `mscli search query TEXT` (use the latter to look for the word "status"). Over HTTP \
            the booking service searches with its engine (Elasticsearch/OpenSearch, or PostgreSQL full-text search); \
            in maintenance mode mscli does, with --search-url (or the profile's search_url, or ELASTICSEARCH_URL) or else \
            PostgreSQL.

            Examples:
              mscli search inception --index movies
              mscli search status
            """,
        subcommands: [Query.self, Status.self],
        defaultSubcommand: Query.self
    )
}

/// `--search-url`: the search engine for commands that reach it directly (the search commands in maintenance mode,
/// `reindex` always).
struct SearchURLOption: ParsableArguments {
    @Option(
        name: .customLong("search-url"),
        help: "Search engine base URL when working directly on it (env ELASTICSEARCH_URL or SEARCH_URL).")
    var url: String?

    func validate() throws {
        if let url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            throw ValidationError("--search-url must start with http:// or https://")
        }
    }

    func check(_ context: CommandContext) throws {
        if url != nil, !context.settings.maintenance {
            throw CLIError.usage("--search-url is for maintenance mode; over HTTP the booking service uses its own engine")
        }
    }

    /// The flag, else the environment's search URL (profile `search_url`, or `ELASTICSEARCH_URL`/`SEARCH_URL`, as
    /// ``Settings`` resolves every target); nil when none is set.
    func resolved(_ context: CommandContext) throws -> String? { try Self.resolve(url, context) }

    static func resolve(_ flag: String?, _ context: CommandContext) throws -> String? {
        guard let url = flag ?? context.settings.searchURL else { return nil }
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw CLIError.usage("the search URL must start with http:// or https://, not \(url)")
        }
        return url
    }

    /// Runs `body` with a client for `url` (nil: no engine) on an HTTP client of its own without connect retries,
    /// so an engine that is down shows at once rather than after the connect timeout; shuts it down afterwards.
    static func withEngine<T: Sendable>(
        _ url: String?, _ context: CommandContext, requestTimeout: TimeAmount = .seconds(30),
        _ body: @Sendable (SearchClient?) async throws -> T
    ) async throws -> T {
        guard let url else { return try await body(nil) }
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(5)
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let result = try await body(SearchClient(baseURL: url, httpClient: http, requestTimeout: requestTimeout, logger: context.logger))
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }
}

enum SearchTables {
    /// What names a hit: a movie's title, a theater's name, a booking's number, a showing's start.
    static func label(_ document: [String: JSONValue]) -> String {
        for key in ["title", "name", "booking_number", "show_start_datetime"] {
            if case .string(let text)? = document[key] { return text }
        }
        return "-"
    }

    static func hits(_ answer: SearchAnswer) -> Table {
        Table(
            headers: ["INDEX", "ID", "SCORE", "TITLE/NAME/NUMBER"],
            rows: answer.results.map { hit in
                let document = hit.objectValue ?? [:]
                let score: String
                switch document["_score"] {
                case .double(let value)?: score = String(format: "%.3f", value)
                case .int(let value)?: score = "\(value)"
                default: score = "-"
                }
                let index = if case .string(let name)? = document["_index"] { name } else { "-" }
                let id = if case .string(let text)? = document["_id"] { text } else { "-" }
                return [index, id, score, label(document)]
            })
    }

    static func status(_ status: SearchStatus) -> Table {
        Table(
            headers: ["INDEX", "DATABASE_ROWS", "DOCUMENTS", "PHYSICAL_INDICES", "PENDING_EVENTS"],
            rows: status.indices.map {
                [
                    $0.index, "\($0.databaseRows)", $0.documents.map(String.init) ?? "-",
                    $0.physicalIndices.isEmpty ? "-" : $0.physicalIndices.joined(separator: ","), "\($0.pendingEvents)",
                ]
            })
    }

    static func age(_ seconds: Double?) -> String {
        guard let seconds else { return "-" }
        if seconds < 120 { return String(format: "%.0f s", seconds) }
        if seconds < 7200 { return String(format: "%.0f min", seconds / 60) }
        return String(format: "%.1f h", seconds / 3600)
    }

    /// Why the index is not in step with the database, or nil when it is.
    static func problems(_ status: SearchStatus) -> [String] {
        var problems: [String] = []
        if let error = status.engineError { problems.append("the search engine failed: \(error)") }
        for index in status.indices {
            if let documents = index.documents, documents != index.databaseRows {
                problems.append("\(index.index) has \(index.databaseRows) row(s) but \(documents) document(s)")
            } else if status.engine != "postgresql", status.engineError == nil, index.physicalIndices.isEmpty {
                problems.append("\(index.index) has no index in the engine (run `mscli reindex \(index.index)`)")
            }
        }
        if status.failingEvents > 0 {
            problems.append("\(status.failingEvents) outbox event(s) failing" + (status.lastError.map { " (last error: \($0))" } ?? ""))
        }
        return problems
    }
}

extension SearchCommand {
    struct Query: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Search; you see your own bookings only (admins and maintenance mode see all).",
            discussion: """
                Examples:
                  mscli search inception --index movies
                  mscli search dark knight --limit 5 -o json
                """)
        @Argument(help: ArgumentHelp("Words to look for.", valueName: "query")) var words: [String]
        @Option(
            name: .customLong("index"),
            help: ArgumentHelp("Search only this index (\(SearchIndex.all.map(\.name).joined(separator: ", "))). Repeatable.", valueName: "index"))
        var indices: [String] = []
        @Option(help: "Hits per page (1-100).") var limit = 10
        @Option(help: "Hits to skip.") var offset = 0
        @OptionGroup var searchURL: SearchURLOption
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if words.joined().trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("give something to search for") }
            for name in indices where SearchIndex.named(name) == nil {
                throw ValidationError("unknown index \(name); use " + SearchIndex.all.map(\.name).joined(separator: ", "))
            }
            guard (1...100).contains(limit) else { throw ValidationError("--limit must be from 1 to 100") }
            guard offset >= 0 else { throw ValidationError("--offset must not be negative") }
        }

        func run(_ context: CommandContext) async throws {
            try searchURL.check(context)
            let text = words.joined(separator: " ")
            let answer = try await withBookingBackend(context, searchURL: searchURL.url) {
                try await $0.search(query: text, indices: indices, limit: limit, offset: offset)
            }
            try context.output(answer, table: SearchTables.hits)
            if context.settings.output == .table {
                let shown = answer.results.isEmpty ? "no hits" : "hits \(offset + 1)-\(offset + answer.results.count) of \(answer.total)"
                let next = offset + answer.results.count < answer.total ? "; next page: --offset \(offset + answer.results.count)" : ""
                context.message("\(shown) in \(answer.indicesSearched.joined(separator: ", ")) (\(answer.engine))\(next)")
            }
        }
    }

    struct Status: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare the search index with the database: rows, documents, pending and failing outbox events (admin).",
            discussion: """
                Exits 1 when an index's document count differs from its table's row count, the engine fails, or outbox \
                events are failing, so scripts and health checks can use it. Counts taken while the indexer is catching \
                up can differ for a moment.

                Examples:
                  mscli search status
                  mscli search status -o json
                """)
        @OptionGroup var searchURL: SearchURLOption
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            try searchURL.check(context)
            let status = try await withBookingBackend(context, searchURL: searchURL.url) { try await $0.searchStatus() }
            try context.output(status, table: SearchTables.status)
            if context.settings.output == .table {
                context.out("")
                context.out("engine: \(status.engine)" + (status.engineURL.map { " (\($0))" } ?? ""))
                context.out("pending events: \(status.pendingEvents), oldest \(SearchTables.age(status.oldestPendingSeconds))")
                context.out("failing events: \(status.failingEvents)")
                context.out("last error: \(status.lastError ?? "-")")
                if let error = status.engineError { context.out("engine error: \(error)") }
            }
            let problems = SearchTables.problems(status)
            if !problems.isEmpty {
                throw CLIError("search index out of step: " + problems.joined(separator: "; "))
            }
        }
    }
}
