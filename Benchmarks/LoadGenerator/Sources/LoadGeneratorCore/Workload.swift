import Foundation
import NIOCore
import NIOHTTP1

/// One line of a workload file (JSON lines): one concrete request of a route, usually one user's.
///
///     {"route": "hold", "weight": 5, "method": "POST", "path": "/booking/booking_seats/lock",
///      "headers": {"Cookie": "access_token=..."}, "body": "{...}", "expect": [201]}
///
/// Lines with the same `route` form that route's variants; every line of a route gives the same `weight` (the route's
/// share of all requests). `expect` lists the statuses that count as a correct answer (default 200).
public struct WorkloadLine: Decodable, Sendable {
    public var route: String
    public var weight: Double
    public var method: String
    public var path: String
    public var headers: [String: String]?
    public var body: String?
    public var expect: [Int]?
}

/// A request ready to send again and again: its head and body are built once.
public struct RequestTemplate: Sendable {
    public var head: HTTPRequestHead
    public var body: ByteBuffer?
}

/// A route: its label, its share of the traffic, the statuses it should answer, and its variants (sent in turn).
public struct Route: Sendable {
    public var label: String
    public var weight: Double
    public var expected: Set<Int>
    public var variants: [RequestTemplate]
}

public struct WorkloadError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

public enum Workload {
    /// Parses a workload file's text into routes, in the order each route first appears. `host` is the Host header.
    public static func parse(_ text: String, host: String) throws -> [Route] {
        var routes: [Route] = []
        var index: [String: Int] = [:]
        let decoder = JSONDecoder()
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let entry: WorkloadLine
            do {
                entry = try decoder.decode(WorkloadLine.self, from: Data(line.utf8))
            } catch {
                throw WorkloadError("line \(number + 1): not a workload entry (\(error))")
            }
            guard entry.weight >= 0, entry.weight.isFinite else {
                throw WorkloadError("line \(number + 1): weight must be a finite number >= 0")
            }
            guard entry.path.hasPrefix("/") else { throw WorkloadError("line \(number + 1): path must start with /") }
            let template = makeTemplate(entry, host: host)
            let expected = Set(entry.expect ?? [200])
            if let i = index[entry.route] {
                guard routes[i].weight == entry.weight else {
                    throw WorkloadError("line \(number + 1): route \(entry.route) has weight \(entry.weight), earlier \(routes[i].weight)")
                }
                guard routes[i].expected == expected else {
                    throw WorkloadError("line \(number + 1): route \(entry.route) expects other statuses than its earlier lines")
                }
                routes[i].variants.append(template)
            } else {
                index[entry.route] = routes.count
                routes.append(Route(label: entry.route, weight: entry.weight, expected: expected, variants: [template]))
            }
        }
        guard routes.contains(where: { $0.weight > 0 }) else { throw WorkloadError("no route with a weight above 0") }
        guard routes.count <= Int(UInt16.max) else { throw WorkloadError("too many routes") }
        return routes
    }

    static func makeTemplate(_ entry: WorkloadLine, host: String) -> RequestTemplate {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: host)
        for (name, value) in (entry.headers ?? [:]).sorted(by: { $0.key < $1.key }) { headers.add(name: name, value: value) }
        var body: ByteBuffer?
        if let text = entry.body {
            body = ByteBuffer(string: text)
            headers.replaceOrAdd(name: "Content-Length", value: String(text.utf8.count))
        } else if entry.method != "GET" && entry.method != "HEAD" {
            headers.replaceOrAdd(name: "Content-Length", value: "0")
        }
        let head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: entry.method), uri: entry.path, headers: headers)
        return RequestTemplate(head: head, body: body)
    }
}
