import Foundation

/// A small seeded generator (SplitMix64), so a run's route sequence and Poisson gaps can be repeated.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

public enum ArrivalProcess: String, Sendable, CaseIterable {
    /// Request i of the whole run at i / rate.
    case uniform
    /// Exponential gaps with mean 1 / rate (bursts and lulls as independent users make them).
    case poisson
}

/// The arrival times one event loop sends at, in nanoseconds from the start. The whole run's schedule is split
/// over `loops` event loops: with uniform arrivals loop k sends requests k, k + loops, k + 2·loops… of the global
/// sequence; with Poisson arrivals each loop is a Poisson process of rate/loops (their sum is one of the full rate).
public struct ArrivalSchedule: Sendable {
    public let process: ArrivalProcess
    public let rate: Double
    public let loops: Int
    public let loop: Int
    private var count: Int64 = 0
    private var poissonTime: Double = 0
    private var rng: SplitMix64

    public init(process: ArrivalProcess, rate: Double, loops: Int, loop: Int, seed: UInt64) {
        precondition(rate > 0 && loops > 0 && (0..<loops).contains(loop))
        self.process = process
        self.rate = rate
        self.loops = loops
        self.loop = loop
        self.rng = SplitMix64(seed: seed &+ UInt64(loop) &* 0x1000_0001)
    }

    /// The next arrival of this loop, in nanoseconds from the start.
    public mutating func next() -> Int64 {
        switch process {
        case .uniform:
            let i = count * Int64(loops) + Int64(loop)
            count += 1
            return Int64((Double(i) * 1e9 / rate).rounded())
        case .poisson:
            // Inverse transform; 1 - u keeps the logarithm finite.
            let u = Double(rng.next() >> 11) / Double(1 << 53)
            poissonTime += -Foundation.log(1 - u) / (rate / Double(loops)) * 1e9
            return Int64(poissonTime.rounded())
        }
    }
}

/// Picks each request's route by weight and the route's next variant in turn. Variants are split over the loops
/// (loop k takes variants k, k + loops, …), so until a route's variants wrap around no two requests of the run use
/// the same one: distinct seats for bookings, for example.
public struct RoutePicker: Sendable {
    private let cumulative: [Double]
    private let variantCounts: [Int]
    private let loops: Int
    private let loop: Int
    private var turns: [Int]
    private var rng: SplitMix64

    public init(weights: [Double], variantCounts: [Int], loops: Int, loop: Int, seed: UInt64) {
        precondition(weights.count == variantCounts.count && !weights.isEmpty)
        var sum = 0.0
        cumulative = weights.map { sum += $0; return sum }
        self.variantCounts = variantCounts
        self.loops = loops
        self.loop = loop
        turns = Array(repeating: 0, count: weights.count)
        rng = SplitMix64(seed: ~seed &+ UInt64(loop) &* 0x2000_0003)
    }

    /// (route index, variant index) of the next request.
    public mutating func next() -> (route: Int, variant: Int) {
        let x = Double(rng.next() >> 11) / Double(1 << 53) * cumulative[cumulative.count - 1]
        var route = 0
        while route < cumulative.count - 1 && x >= cumulative[route] { route += 1 }
        let variant = (turns[route] * loops + loop) % variantCounts[route]
        turns[route] += 1
        return (route, variant)
    }
}
