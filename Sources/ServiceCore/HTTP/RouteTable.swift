import Hummingbird
import Synchronization

/// The routes a service registered, recorded as they are added. It answers 405 for a known path with the wrong
/// method (Hummingbird answers 404) and lets a test compare the routes with the OpenAPI document.
public final class RouteTable: Sendable {
    public struct Entry: Sendable, Hashable, Comparable {
        public let method: String
        /// The path as registered, with `{name}` for parameters.
        public let path: String

        public static func < (a: Entry, b: Entry) -> Bool { (a.path, a.method) < (b.path, b.method) }
    }

    private let entries = Mutex<[Entry]>([])

    public init() {}

    public var all: [Entry] { entries.withLock { $0 }.sorted() }

    func record(_ method: HTTPRequest.Method, _ path: String) {
        entries.withLock { $0.append(Entry(method: method.rawValue, path: path)) }
    }

    /// Methods registered for a concrete request path (empty when no route has this path).
    public func methods(matching requestPath: String) -> [String] {
        let segments = Self.segments(requestPath)
        return Array(Set(all.filter { Self.matches(template: Self.segments($0.path), segments) }.map(\.method))).sorted()
    }

    static func segments(_ path: String) -> [Substring] { path.split(separator: "/") }

    static func matches(template: [Substring], _ path: [Substring]) -> Bool {
        guard template.count == path.count else { return false }
        return zip(template, path).allSatisfy { t, p in t == p || (t.hasPrefix("{") && t.hasSuffix("}")) }
    }
}

extension Router where Context == ServiceRequestContext {
    /// Registers a handler and records it in `table`. `path` uses `{name}` for parameters, as OpenAPI does;
    /// a trailing slash is optional for callers (the router treats `/x/` and `/x` alike).
    ///
    /// Hummingbird refuses two routes whose parameters at the same position have different names
    /// (`/showings/{showing_id}` next to `/showings/{theater_id}/{movie_id}`, both in the seed), so parameters are
    /// registered by position and handed to the handler under the names the path gives them.
    @discardableResult
    public func add<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String, in table: RouteTable,
        use handler: @escaping @Sendable (Request, Context) async throws -> Output
    ) -> Self {
        table.record(method, path)
        var renames: [(positional: Substring, name: Substring)] = []
        let hbPath = path.split(separator: "/", omittingEmptySubsequences: false).enumerated().map { index, segment in
            guard segment.hasPrefix("{") && segment.hasSuffix("}") else { return String(segment) }
            let positional = "p\(index)"
            renames.append((Substring(positional), segment.dropFirst().dropLast()))
            return ":" + positional
        }.joined(separator: "/")
        let mapping = renames
        on(RouterPath(hbPath), method: method) { request, context in
            guard !mapping.isEmpty else { return try await handler(request, context) }
            var context = context
            for (positional, name) in mapping {
                if let value = context.coreContext.parameters[positional] {
                    context.coreContext.parameters.append(key: name, value: value)
                }
            }
            return try await handler(request, context)
        }
        return self
    }
}
