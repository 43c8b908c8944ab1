import Foundation

/// How a request ended.
public enum Outcome: UInt8, Sendable, CaseIterable {
    /// An answer with one of the route's expected statuses.
    case expected
    /// An answer with another status.
    case unexpectedStatus
    /// No complete answer within the request timeout (the connection is then closed).
    case timeout
    /// The connection closed or failed while the request was in flight.
    case closed
    /// Still queued or in flight when the run's drain time ended.
    case unfinished

    public var label: String {
        switch self {
        case .expected: "expected"
        case .unexpectedStatus: "unexpected_status"
        case .timeout: "timeout"
        case .closed: "closed"
        case .unfinished: "unfinished"
        }
    }
}

/// One measured request. Times in nanoseconds; `scheduled` from the start of the measured window, `latency` from the
/// scheduled time (not from when a connection became free to send it), so queueing in the generator counts.
/// For a request without an answer (timeout, closed, unfinished) the latency is the time until it was given up, a
/// lower bound of what the user waited.
public struct Sample: Sendable {
    public var route: UInt16
    public var outcome: Outcome
    public var status: UInt16
    public var scheduled: Int64
    public var latency: Int64

    public init(route: UInt16, outcome: Outcome, status: UInt16, scheduled: Int64, latency: Int64) {
        self.route = route
        self.outcome = outcome
        self.status = status
        self.scheduled = scheduled
        self.latency = latency
    }
}

/// The nearest-rank percentile `p` (0…100) of sorted values; nil when there are none.
public func percentile(_ sorted: [Int64], _ p: Double) -> Int64? {
    guard !sorted.isEmpty else { return nil }
    // The epsilon keeps a rank that is whole in decimal whole in binary too (99.9% of 1000 is 999, not 999.0000001).
    let rank = Int((p / 100 * Double(sorted.count) - 1e-9).rounded(.up))
    return sorted[min(max(rank, 1), sorted.count) - 1]
}

public struct RouteReport: Codable, Sendable {
    public var route: String
    public var weight: Double
    public var count: Int
    /// Answers with an expected status.
    public var ok: Int
    /// Everything else: unexpected statuses, timeouts, closed connections, unfinished requests.
    public var errors: Int
    public var statusClasses: [String: Int]
    public var statusCodes: [String: Int]
    public var errorKinds: [String: Int]
    /// Answers to the warm-up's requests (not in any other figure), by status: what the run changed beyond the window.
    public var warmupStatusCodes: [String: Int]
    public var rps: Double
    public var p50Ms: Double
    public var p99Ms: Double
    public var p999Ms: Double
    public var maxMs: Double
    public var meanMs: Double
}

public struct SecondReport: Codable, Sendable {
    /// Seconds since the start of the measured window.
    public var second: Int
    /// Requests scheduled in this second; their latencies make p50/p99/max.
    public var scheduled: Int
    /// Answers received in this second (any status, to any request): the achieved rate.
    public var completed: Int
    public var errors: Int
    public var p50Ms: Double
    public var p99Ms: Double
    public var maxMs: Double
}

public struct GeneratorCost: Codable, Sendable {
    public var wallSeconds: Double
    public var cpuUserSeconds: Double
    public var cpuSystemSeconds: Double
    /// CPU time over wall time: 1.0 is one core busy all the time.
    public var cores: Double
    /// CPU time per answer received (warm-up included).
    public var cpuMicrosecondsPerRequest: Double
    /// How late the arrival timer fired after its first due request: the generator's own delay, included in latency.
    public var timerLatenessP99Ms: Double
    public var timerLatenessMaxMs: Double
    public var connectionsOpened: Int
    public var connectFailures: Int

    public init(wallSeconds: Double, cpuUserSeconds: Double, cpuSystemSeconds: Double, requests: Int,
                timerLateness: [Int64], connectionsOpened: Int, connectFailures: Int) {
        self.wallSeconds = wallSeconds
        self.cpuUserSeconds = cpuUserSeconds
        self.cpuSystemSeconds = cpuSystemSeconds
        cores = wallSeconds > 0 ? (cpuUserSeconds + cpuSystemSeconds) / wallSeconds : 0
        cpuMicrosecondsPerRequest = requests > 0 ? (cpuUserSeconds + cpuSystemSeconds) * 1e6 / Double(requests) : 0
        let lateness = timerLateness.sorted()
        timerLatenessP99Ms = ms(percentile(lateness, 99))
        timerLatenessMaxMs = ms(lateness.last)
        self.connectionsOpened = connectionsOpened
        self.connectFailures = connectFailures
    }
}

public struct RunReport: Codable, Sendable {
    public var targetRate: Double
    public var arrival: String
    public var durationSeconds: Double
    public var warmupSeconds: Double
    public var connections: Int
    public var eventLoops: Int
    /// Requests scheduled in the measured window.
    public var offered: Int
    /// Answers received (any status) for them.
    public var completed: Int
    /// Answers received during the window (to any request, the warm-up's included) per second of the window: the
    /// rate the system achieved. When it keeps up this is the offered rate; when it falls behind, what it managed.
    public var achievedRps: Double
    public var overall: RouteReport
    public var routes: [RouteReport]
    public var seconds: [SecondReport]
    public var generator: GeneratorCost?

    /// Summarises the samples of the measured window.
    public init(samples: [Sample], routes: [Route], targetRate: Double, arrival: ArrivalProcess, duration: Double,
                warmup: Double, connections: Int, eventLoops: Int, generator: GeneratorCost?,
                warmupStatuses: [[UInt16: Int]] = [], answersPerSecond: [Int]? = nil) {
        self.targetRate = targetRate
        self.arrival = arrival.rawValue
        durationSeconds = duration
        warmupSeconds = warmup
        self.connections = connections
        self.eventLoops = eventLoops
        self.generator = generator
        offered = samples.count
        let answered = samples.filter { $0.outcome == .expected || $0.outcome == .unexpectedStatus }
        completed = answered.count

        var byRoute = Array(repeating: [Sample](), count: routes.count)
        for sample in samples { byRoute[Int(sample.route)].append(sample) }
        func codes(_ statuses: [UInt16: Int]) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: statuses.map { (String($0.key), $0.value) })
        }
        self.routes = routes.indices.map { i in
            var route = Self.summary(byRoute[i], label: routes[i].label, weight: routes[i].weight, duration: duration)
            route.warmupStatusCodes = i < warmupStatuses.count ? codes(warmupStatuses[i]) : [:]
            return route
        }
        overall = Self.summary(samples, label: "all", weight: routes.reduce(0) { $0 + $1.weight }, duration: duration)
        overall.warmupStatusCodes = codes(warmupStatuses.reduce(into: [:]) { all, route in all.merge(route, uniquingKeysWith: +) })

        let secondsCount = Int(duration.rounded(.up))
        var scheduledIn = Array(repeating: [Int64](), count: secondsCount)
        var errorsIn = Array(repeating: 0, count: secondsCount)
        var completedIn = Array(repeating: 0, count: secondsCount)
        for s in samples {
            let second = min(max(Int(s.scheduled / 1_000_000_000), 0), secondsCount - 1)
            scheduledIn[second].append(s.latency)
            if s.outcome != .expected { errorsIn[second] += 1 }
            if s.outcome == .expected || s.outcome == .unexpectedStatus {
                let done = Int((s.scheduled + s.latency) / 1_000_000_000)
                if done < secondsCount { completedIn[done] += 1 }
            }
        }
        // Without the generator's own count (answersPerSecond: every answer by the second it arrived), the samples'
        // answers stand in for it (the same when there was no warm-up).
        if let answersPerSecond {
            for i in 0..<min(secondsCount, answersPerSecond.count) { completedIn[i] = answersPerSecond[i] }
        }
        achievedRps = duration > 0 ? Double(completedIn.reduce(0, +)) / duration : 0
        seconds = (0..<secondsCount).map { i in
            let sorted = scheduledIn[i].sorted()
            return SecondReport(second: i, scheduled: sorted.count, completed: completedIn[i], errors: errorsIn[i],
                                p50Ms: ms(percentile(sorted, 50)), p99Ms: ms(percentile(sorted, 99)), maxMs: ms(sorted.last))
        }
    }

    static func summary(_ samples: [Sample], label: String, weight: Double, duration: Double) -> RouteReport {
        var classes: [String: Int] = [:]
        var codes: [String: Int] = [:]
        var kinds: [String: Int] = [:]
        var ok = 0
        for s in samples {
            if s.outcome == .expected || s.outcome == .unexpectedStatus {
                classes["\(s.status / 100)xx", default: 0] += 1
                codes[String(s.status), default: 0] += 1
            }
            if s.outcome == .expected { ok += 1 } else { kinds[s.outcome.label, default: 0] += 1 }
        }
        let sorted = samples.map(\.latency).sorted()
        let mean = sorted.isEmpty ? 0 : Double(sorted.reduce(0, +)) / Double(sorted.count) / 1e6
        return RouteReport(route: label, weight: weight, count: samples.count, ok: ok, errors: samples.count - ok,
                           statusClasses: classes, statusCodes: codes, errorKinds: kinds, warmupStatusCodes: [:],
                           rps: duration > 0 ? Double(samples.count) / duration : 0,
                           p50Ms: ms(percentile(sorted, 50)), p99Ms: ms(percentile(sorted, 99)),
                           p999Ms: ms(percentile(sorted, 99.9)), maxMs: ms(sorted.last), meanMs: mean)
    }

    /// The human table: one line per route, then all routes together.
    public func table() -> String {
        var lines: [String] = []
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func left(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
        func f(_ x: Double) -> String { String(format: "%.2f", x) }
        let width = max(30, (routes.map(\.route.count).max() ?? 0) + 2)
        lines.append(pad("route", width) + left("count", 8) + left("req/s", 9) + left("p50 ms", 9) + left("p99 ms", 9)
                     + left("p99.9 ms", 10) + left("max ms", 10) + left("errors", 8) + "  statuses")
        for r in routes + [overall] {
            let statuses = r.statusCodes.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }
                + r.errorKinds.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }
            lines.append(pad(r.route, width) + left(String(r.count), 8) + left(String(format: "%.0f", r.rps), 9)
                         + left(f(r.p50Ms), 9) + left(f(r.p99Ms), 9) + left(f(r.p999Ms), 10) + left(f(r.maxMs), 10)
                         + left(String(r.errors), 8) + "  " + statuses.joined(separator: " "))
        }
        lines.append(String(format: "offered %d requests in %.0f s at %.0f req/s", offered, durationSeconds, targetRate)
                     + " (\(arrival) arrivals); " + String(format: "%d of them answered; achieved %.0f req/s (answers during the window)", completed, achievedRps))
        if let g = generator {
            lines.append(String(format: "generator: %.2f cores (%.1f s user + %.1f s system over %.1f s), %.1f µs CPU per answer; "
                                + "timer lateness p99 %.2f ms, max %.2f ms; %d connections opened, %d connect failures",
                                g.cores, g.cpuUserSeconds, g.cpuSystemSeconds, g.wallSeconds, g.cpuMicrosecondsPerRequest,
                                g.timerLatenessP99Ms, g.timerLatenessMaxMs, g.connectionsOpened, g.connectFailures))
        }
        return lines.joined(separator: "\n")
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}

func ms(_ nanoseconds: Int64?) -> Double {
    guard let nanoseconds else { return 0 }
    return (Double(nanoseconds) / 1e4).rounded() / 100
}
