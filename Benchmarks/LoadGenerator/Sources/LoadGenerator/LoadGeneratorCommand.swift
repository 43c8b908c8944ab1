import ArgumentParser
import Foundation
import LoadGeneratorCore
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

extension ArrivalProcess: ExpressibleByArgument {}

@main
struct LoadGeneratorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadgen",
        abstract: "Open-loop HTTP/1.1 load at a fixed arrival rate, latency measured from each request's scheduled time.",
        discussion: """
            Request i is scheduled at start + i/rate (or with Poisson gaps), whatever the server answers; it waits \
            for a free kept-alive connection of the pool, and that wait counts in its latency (no coordinated \
            omission). Routes are picked by weight from the workload file (JSON lines, see Workload.swift), each \
            route's variants in turn. Prints a table per route; --json writes the whole report, with one line per \
            second for plots.
            """)

    @Option(help: "Base URL, http only (the gateway), e.g. http://127.0.0.1:8080.")
    var url: String

    @Option(help: "The workload file (JSON lines).")
    var workload: String

    @Option(help: "Arrivals per second.")
    var rate: Double = 5000

    @Option(help: "Measured seconds.")
    var duration: Double = 30

    @Option(help: "Seconds sent at the same rate before the measured window, not recorded.")
    var warmup: Double = 0

    @Option(help: "Kept-alive connections in the pool (split over the event loops).")
    var connections: Int = 128

    @Option(help: "Event loops (threads).")
    var threads: Int = 1

    @Option(help: "uniform or poisson.")
    var arrival: ArrivalProcess = .uniform

    @Option(help: "Seed of the route choice and Poisson gaps.")
    var seed: UInt64 = 1

    @Option(help: "Seconds before a request without an answer is an error (its connection is closed).")
    var timeout: Double = 10

    @Option(help: "Seconds after the last arrival to wait for answers; what is left is an error.")
    var drain: Double = 10

    @Option(help: "Write the report as JSON to this file.")
    var json: String?

    func validate() throws {
        guard rate > 0, rate.isFinite else { throw ValidationError("--rate must be above 0") }
        guard duration > 0, warmup >= 0 else { throw ValidationError("--duration must be above 0, --warmup at least 0") }
        guard threads >= 1, threads <= 64 else { throw ValidationError("--threads must be 1-64") }
        guard connections >= threads else { throw ValidationError("--connections must be at least --threads") }
        guard timeout > 0, drain >= 0 else { throw ValidationError("--timeout must be above 0, --drain at least 0") }
    }

    func run() throws {
        guard let components = URLComponents(string: url), components.scheme == "http", let host = components.host else {
            throw ValidationError("--url must be http://HOST[:PORT]")
        }
        let port = components.port ?? 80
        let text: String
        do { text = try String(contentsOfFile: workload, encoding: .utf8) } catch {
            throw ValidationError("cannot read the workload file \(workload): \(error.localizedDescription)")
        }
        let routes: [Route]
        do { routes = try Workload.parse(text, host: port == 80 ? host : "\(host):\(port)") } catch {
            throw ValidationError("\(workload): \(error)")
        }
        let address: SocketAddress
        do { address = try SocketAddress.makeAddressResolvingHost(host, port: port) } catch {
            throw ValidationError("cannot resolve \(host): \(error)")
        }
        let plan = Plan(address: address, routes: routes, rate: rate, arrival: arrival, seed: seed,
                        warmup: Int64(warmup * 1e9), duration: Int64(duration * 1e9),
                        timeout: .nanoseconds(Int64(timeout * 1e9)), drain: Int64(drain * 1e9), loops: threads)

        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        defer { try? group.syncShutdownGracefully() }
        let loops = Array(group.makeIterator())
        let workers = try loops.enumerated().map { index, loop in
            try loop.submit { LoopWorker(loop: loop, plan: plan, index: index) }.wait()
        }
        // The pool first, so the run does not measure connection set-up.
        let perLoop = (0..<threads).map { connections / threads + ($0 < connections % threads ? 1 : 0) }
        let pool = loops[0].makePromise(of: Void.self)
        EventLoopFuture.andAllSucceed(
            zip(workers, perLoop).map { worker, count in worker.loop.flatSubmit { worker.open(count) } }, on: loops[0]
        ).cascade(to: pool)
        // A server that refuses or never accepts: fail within 10 s instead of retrying for ever.
        loops[0].scheduleTask(in: .seconds(10)) { pool.fail(PoolError()) }
        do { try pool.futureResult.wait() } catch {
            for worker in workers { try? worker.loop.submit { worker.shutdown() }.wait() }
            FileHandle.standardError.write(Data("loadgen: could not open \(connections) connections to \(url) within 10 s\n".utf8))
            throw ExitCode.failure
        }

        let cpuBefore = cpuSeconds()
        let start = Int64(NIODeadline.now().uptimeNanoseconds) + 100_000_000
        try EventLoopFuture.andAllSucceed(workers.map { worker in worker.loop.flatSubmit { worker.run(start: start) } }, on: loops[0]).wait()
        let wall = Double(Int64(NIODeadline.now().uptimeNanoseconds) - start) / 1e9
        let cpuAfter = cpuSeconds()

        var samples: [Sample] = []
        var lateness: [Int64] = []
        var opened = 0
        var failures = 0
        var warmupStatuses = Array(repeating: [UInt16: Int](), count: routes.count)
        var answersPerSecond = Array(repeating: 0, count: Int(duration.rounded(.up)))
        for worker in workers {
            let (s, l, o, f, w, a) = try worker.loop.submit {
                (worker.samples, worker.lateness, worker.connectionsOpened, worker.connectFailures, worker.warmupStatuses,
                 worker.answersPerSecond)
            }.wait()
            for (i, n) in a.enumerated() where i < answersPerSecond.count { answersPerSecond[i] += n }
            samples += s
            lateness += l
            opened += o
            failures += f
            for (i, statuses) in w.enumerated() { warmupStatuses[i].merge(statuses, uniquingKeysWith: +) }
        }
        // Answers of the whole run (warm-up included): what the generator's CPU time was spent on.
        let answered = samples.count { $0.outcome == .expected || $0.outcome == .unexpectedStatus }
            + warmupStatuses.reduce(0) { $0 + $1.filter { $0.key != 0 }.values.reduce(0, +) }
        let cost = GeneratorCost(wallSeconds: wall, cpuUserSeconds: cpuAfter.user - cpuBefore.user,
                                 cpuSystemSeconds: cpuAfter.system - cpuBefore.system, requests: answered,
                                 timerLateness: lateness, connectionsOpened: opened, connectFailures: failures)
        let report = RunReport(samples: samples, routes: routes, targetRate: rate, arrival: arrival, duration: duration,
                               warmup: warmup, connections: connections, eventLoops: threads, generator: cost,
                               warmupStatuses: warmupStatuses, answersPerSecond: answersPerSecond)
        print(report.table())
        if let json {
            try report.json().write(to: URL(fileURLWithPath: json))
        }
    }
}

struct PoolError: Error {}

/// This process's user and system CPU time so far, in seconds.
func cpuSeconds() -> (user: Double, system: Double) {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return (seconds(usage.ru_utime), seconds(usage.ru_stime))
}
