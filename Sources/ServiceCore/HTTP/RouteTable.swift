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

    /// Parameter-free routes by their path without a trailing slash, for the per-request check in
    /// ``literalMethods(for:excluding:)``.
    private let literals = Mutex<[String: Set<String>]>([:])

    func record(_ method: HTTPRequest.Method, _ path: String) {
        entries.withLock { $0.append(Entry(method: method.rawValue, path: path)) }
        if !path.contains("{") { literals.withLock { $0[Self.key(path), default: []].insert(method.rawValue) } }
    }

    static func key(_ path: String) -> String { path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path }

    /// Methods registered for a concrete request path (empty when no route has this path). A path that is a route of
    /// its own, with no parameters (`/booking/booking_seats/lock`), has only that route's methods, even where a
    /// parameter route (`/booking/booking_seats/{showing_id}`) would also match it: it is its own resource.
    public func methods(matching requestPath: String) -> [String] {
        let segments = Self.segments(requestPath)
        let matching = all.filter { Self.matches(template: Self.segments($0.path), segments) }
        let literal = matching.filter { !$0.path.contains("{") }
        return Array(Set((literal.isEmpty ? matching : literal).map(\.method))).sorted()
    }

    /// For a request to a path that is a parameter-free route of its own with a method it does not have: the
    /// methods it has (the router would otherwise hand the request to a parameter route of the same shape).
    public func literalMethods(for requestPath: String, excluding method: String) -> [String]? {
        guard let methods = literals.withLock({ $0[Self.key(requestPath)] }), !methods.contains(method) else { return nil }
        return methods.sorted()
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
