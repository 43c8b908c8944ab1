import Foundation
import LoadGeneratorCore
import Testing

@Suite struct ScheduleTests {
    @Test func uniformArrivalsOfAllLoopsTogetherAreTheGlobalSequence() {
        var times: [Int64] = []
        for loop in 0..<3 {
            var schedule = ArrivalSchedule(process: .uniform, rate: 1000, loops: 3, loop: loop, seed: 7)
            for _ in 0..<100 { times.append(schedule.next()) }
        }
        #expect(times.sorted() == (0..<300).map { Int64($0) * 1_000_000 })
    }

    @Test func poissonArrivalsKeepTheRateOnAverage() {
        var schedule = ArrivalSchedule(process: .poisson, rate: 5000, loops: 2, loop: 1, seed: 3)
        var last: Int64 = 0
        for _ in 0..<50_000 {
            let t = schedule.next()
            #expect(t >= last)
            last = t
        }
        // 50,000 arrivals at 2,500/s on this loop: 20 s, within 2%.
        #expect(abs(Double(last) / 1e9 - 20) < 0.4)
    }

    @Test func routesFollowTheirWeightsAndLoopsShareNoVariant() {
        var seen: [Set<Int>] = [[], []]
        var counts = [0, 0, 0]
        for loop in 0..<2 {
            var picker = RoutePicker(weights: [70, 0, 30], variantCounts: [5, 1, 10_000], loops: 2, loop: loop, seed: 1)
            for _ in 0..<10_000 {
                let (route, variant) = picker.next()
                counts[route] += 1
                if route == 2 { #expect(seen[loop].insert(variant).inserted && variant % 2 == loop) }
            }
        }
        #expect(counts[1] == 0)
        #expect(abs(Double(counts[0]) / 20_000 - 0.7) < 0.02)
        #expect(seen[0].isDisjoint(with: seen[1]))
    }
}

@Suite struct ReportTests {
    @Test func nearestRankPercentiles() {
        let values = (1...1000).map(Int64.init)
        #expect(percentile(values, 50) == 500)
        #expect(percentile(values, 99) == 990)
        #expect(percentile(values, 99.9) == 999)
        #expect(percentile(values, 100) == 1000)
        #expect(percentile([], 50) == nil)
        #expect(percentile([42], 99.9) == 42)
    }

    @Test func errorsAndSecondsAreCounted() throws {
        let routes = try Workload.parse(
            """
            {"route": "a", "weight": 1, "method": "GET", "path": "/a"}
            {"route": "b", "weight": 1, "method": "POST", "path": "/b", "body": "{}", "expect": [201]}
            """, host: "h")
        let samples = [
            Sample(route: 0, outcome: .expected, status: 200, scheduled: 0, latency: 2_000_000),
            Sample(route: 0, outcome: .unexpectedStatus, status: 503, scheduled: 500_000_000, latency: 4_000_000),
            Sample(route: 1, outcome: .timeout, status: 0, scheduled: 1_200_000_000, latency: 900_000_000),
        ]
        let report = RunReport(samples: samples, routes: routes, targetRate: 2, arrival: .uniform, duration: 2, warmup: 0,
                               connections: 1, eventLoops: 1, generator: nil)
        #expect(report.offered == 3 && report.completed == 2 && report.achievedRps == 1)
        #expect(report.routes[0].ok == 1 && report.routes[0].errors == 1 && report.routes[0].statusCodes == ["200": 1, "503": 1])
        #expect(report.routes[1].errorKinds == ["timeout": 1])
        #expect(report.overall.errors == 2 && report.overall.maxMs == 900)
        #expect(report.seconds.map(\.scheduled) == [2, 1] && report.seconds.map(\.completed) == [2, 0])
        #expect(report.seconds[1].p99Ms == 900)
        #expect(report.table().contains("all"))

        // The generator's own count of answers per second (warm-up answers arriving in the window included) wins.
        let counted = RunReport(samples: samples, routes: routes, targetRate: 2, arrival: .uniform, duration: 2, warmup: 1,
                                connections: 1, eventLoops: 1, generator: nil, answersPerSecond: [5, 3])
        #expect(counted.achievedRps == 4 && counted.seconds.map(\.completed) == [5, 3] && counted.completed == 2)
    }
}

@Suite struct WorkloadTests {
    @Test func linesOfARouteAreItsVariants() throws {
        let routes = try Workload.parse(
            """
            {"route": "hold", "weight": 5, "method": "POST", "path": "/lock", "headers": {"Cookie": "access_token=x"}, "body": "{\\"a\\":1}", "expect": [201]}

            {"route": "hold", "weight": 5, "method": "POST", "path": "/lock", "body": "{}", "expect": [201]}
            {"route": "list", "weight": 70, "method": "GET", "path": "/movies/"}
            """, host: "127.0.0.1:8080")
        #expect(routes.map(\.label) == ["hold", "list"])
        #expect(routes[0].variants.count == 2 && routes[0].expected == [201] && routes[1].expected == [200])
        let head = routes[0].variants[0].head
        #expect(head.headers["Content-Length"] == ["7"] && head.headers["Cookie"] == ["access_token=x"])
        #expect(head.headers["Host"] == ["127.0.0.1:8080"])
        #expect(routes[1].variants[0].head.headers["Content-Length"].isEmpty)
    }

    @Test func badFilesAreRefusedWithTheLine() {
        let cases = [
            "{\"route\": \"a\", \"weight\": 1, \"method\": \"GET\", \"path\": \"/a\"}\n{\"route\": \"a\", \"weight\": 2, \"method\": \"GET\", \"path\": \"/a\"}",
            "{\"route\": \"a\", \"weight\": 1, \"method\": \"GET\"}",
            "{\"route\": \"a\", \"weight\": -1, \"method\": \"GET\", \"path\": \"/a\"}",
            "{\"route\": \"a\", \"weight\": 1, \"method\": \"GET\", \"path\": \"a\"}",
            "{\"route\": \"a\", \"weight\": 0, \"method\": \"GET\", \"path\": \"/a\"}",
        ]
        for text in cases {
            #expect(throws: WorkloadError.self) { try Workload.parse(text, host: "h") }
        }
    }
}
