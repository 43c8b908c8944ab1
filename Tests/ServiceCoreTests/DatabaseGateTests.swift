import Foundation
import Logging
import ServiceCore
import Synchronization
import Testing
import TestSupport

/// The availability gate against a pretend database whose server and pool are switched up and down by the test.
@Suite(.tags(.timed)) struct DatabaseGateTests {
    final class FakeDatabase: Sendable {
        let serverUp = Atomic<Bool>(true)
        let poolUp = Atomic<Bool>(true)
        let serverChecks = Atomic<Int>(0)
        let poolChecks = Atomic<Int>(0)
        let checkDelay: Duration

        init(checkDelay: Duration = .zero) { self.checkDelay = checkDelay }

        func set(up: Bool) {
            serverUp.store(up, ordering: .sequentiallyConsistent)
            poolUp.store(up, ordering: .sequentiallyConsistent)
        }

        func gate(_ timing: DatabaseGate.Timing = FakeDatabase.fast) -> DatabaseGate {
            DatabaseGate(
                name: "fake", logger: Self.logger, timing: timing,
                checkServer: { [self] in
                    serverChecks.add(1, ordering: .sequentiallyConsistent)
                    if checkDelay > .zero { try await Task.sleep(for: checkDelay) }
                    if !serverUp.load(ordering: .sequentiallyConsistent) { throw Refused() }
                },
                checkPool: { [self] in
                    poolChecks.add(1, ordering: .sequentiallyConsistent)
                    if !poolUp.load(ordering: .sequentiallyConsistent) { throw Refused() }
                })
        }

        static let logger: Logger = {
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            return logger
        }()

        static let fast = DatabaseGate.Timing(
            suspectAfter: .milliseconds(200), probeTimeout: .milliseconds(300), probeInterval: .milliseconds(50),
            quietAfterPass: .milliseconds(500), idleStop: .seconds(10))
    }

    struct Refused: Error, CustomStringConvertible {
        var description: String { "connection refused" }
    }

    /// How long `body` took and what it threw.
    static func timed<T>(_ body: () async throws -> T) async -> (Duration, Result<T, any Error>) {
        let start = ContinuousClock.now
        do {
            let value = try await body()
            return (start.duration(to: .now), .success(value))
        } catch {
            return (start.duration(to: .now), .failure(error))
        }
    }

    static func waitUntil(_ timeout: Duration = .seconds(3), _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else { throw Refused() }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test func passesCallsThroughAndBoundsThemByTheirDeadline() async throws {
        let gate = FakeDatabase().gate()
        #expect(try await gate.run(deadline: .seconds(1)) { 42 } == 42)
        let (elapsed, result) = await Self.timed { try await gate.run(deadline: .milliseconds(150)) { try await Task.sleep(for: .seconds(5)) } }
        #expect(throws: TimeoutError.self) { try result.get() }
        #expect(elapsed < .seconds(1), "\(elapsed)")
        #expect(try await DatabaseGate.unguarded.run(deadline: .seconds(1)) { "through" } == "through")
    }

    /// A call waiting on a pool that cannot connect: the check finds the server down, the call fails at once
    /// (not at its 10 s deadline), and so does every call after it, without running.
    @Test func aWaitingCallFailsAsSoonAsTheServerIsFoundDown() async throws {
        let database = FakeDatabase()
        let gate = database.gate()
        database.set(up: false)
        let (elapsed, result) = await Self.timed { try await gate.run(deadline: .seconds(10)) { try await Task.sleep(for: .seconds(10)) } }
        #expect(throws: DatabaseUnavailable.self) { try result.get() }
        #expect(elapsed < .milliseconds(800), "\(elapsed)")
        #expect(!gate.isAvailable)
        let ran = Atomic<Bool>(false)
        let (fast, next) = await Self.timed { try await gate.run(deadline: .seconds(10)) { ran.store(true, ordering: .relaxed) } }
        #expect(throws: DatabaseUnavailable.self) { try next.get() }
        #expect(fast < .milliseconds(50) && !ran.load(ordering: .relaxed), "\(fast)")
        if case .failure(let error) = next { #expect(DatabaseFailure.classify(error) == .unavailable) }

        // back up: the pool probe reopens the gate within a probe interval or two
        database.set(up: true)
        let back = ContinuousClock.now
        try await Self.waitUntil { gate.isAvailable }
        #expect(back.duration(to: .now) < .milliseconds(500))
        #expect(try await gate.run(deadline: .seconds(1)) { "served" } == "served")
    }

    /// A connection-level error from a call (57P01, a closed connection) checks the server at once.
    @Test func aConnectionErrorChecksTheServerAtOnce() async throws {
        let database = FakeDatabase()
        let gate = database.gate()
        database.set(up: false)
        let waiting = Task { await Self.timed { try await gate.run(deadline: .seconds(10)) { try await Task.sleep(for: .seconds(10)) } } }
        try await Task.sleep(for: .milliseconds(20))
        await #expect(throws: DatabaseUnavailable.self) {
            try await gate.run(deadline: .seconds(10)) { throw DatabaseUnavailable(database: "fake", reason: "terminating connection") }
        }
        let (elapsed, result) = await waiting.value
        #expect(throws: DatabaseUnavailable.self) { try result.get() }
        #expect(elapsed < .milliseconds(150), "the waiting call was not failed by the check: \(elapsed)")
        #expect(database.serverChecks.load(ordering: .relaxed) == 1)
        database.set(up: true)
    }

    /// A slow database that still answers is not an outage: the check passes and the slow call gets its answer.
    @Test func aSlowDatabaseIsNotAnOutage() async throws {
        let database = FakeDatabase()
        let gate = database.gate()
        let (elapsed, result) = await Self.timed {
            try await gate.run(deadline: .seconds(5)) {
                try await Task.sleep(for: .milliseconds(600))
                return "late"
            }
        }
        #expect(try result.get() == "late")
        #expect(elapsed >= .milliseconds(600))
        #expect(database.serverChecks.load(ordering: .relaxed) == 1)
        #expect(gate.isAvailable)
    }

    /// The server refuses new connections (a smart shutdown, too many clients) while the pool's still serve queries:
    /// calls that succeed meanwhile keep the gate open.
    @Test func refusedConnectionsWhileQueriesSucceedKeepTheGateOpen() async throws {
        let database = FakeDatabase(checkDelay: .milliseconds(150))
        let gate = database.gate()
        database.serverUp.store(false, ordering: .sequentiallyConsistent)
        async let slow = gate.run(deadline: .seconds(5)) { try await Task.sleep(for: .milliseconds(500)) }
        for _ in 0..<40 {
            _ = try await gate.run(deadline: .seconds(1)) { 1 }
            try await Task.sleep(for: .milliseconds(10))
        }
        try await slow
        #expect(database.serverChecks.load(ordering: .relaxed) >= 1)
        #expect(gate.isAvailable)
    }

    /// A call that ends in an error the database's answer led to (a 409 a store threw after reading rows) is a sign
    /// of life too: a check that fails while such calls come back does not close the gate.
    @Test func conflictsAreSignsOfLife() async throws {
        let database = FakeDatabase(checkDelay: .milliseconds(150))
        let gate = database.gate()
        database.serverUp.store(false, ordering: .sequentiallyConsistent)
        async let slow: Void = gate.run(deadline: .seconds(5)) { try await Task.sleep(for: .milliseconds(500)) }
        for _ in 0..<40 {
            _ = try? await gate.run(deadline: .seconds(1)) { () async throws -> Int in throw APIError.conflict("taken") }
            try await Task.sleep(for: .milliseconds(10))
        }
        try await slow
        #expect(database.serverChecks.load(ordering: .relaxed) >= 1)
        #expect(gate.isAvailable)
    }

    /// After a check passed, slow calls start no other for a while; a connection-level error still does.
    @Test func aConnectionErrorChecksEvenRightAfterACheckPassed() async throws {
        let database = FakeDatabase()
        let gate = database.gate()
        try await gate.run(deadline: .seconds(5)) { try await Task.sleep(for: .milliseconds(300)) }
        #expect(database.serverChecks.load(ordering: .relaxed) == 1)
        database.set(up: false)
        await #expect(throws: DatabaseUnavailable.self) {
            try await gate.run(deadline: .seconds(5)) { throw DatabaseUnavailable(database: "fake", reason: "terminating connection") }
        }
        try await Self.waitUntil(.milliseconds(300)) { !gate.isAvailable }
        #expect(database.serverChecks.load(ordering: .relaxed) == 2)
        database.set(up: true)
    }

    /// A new connection that gets no answer proves little on its own (a busy machine opens connections slowly, and
    /// nothing answers while a pool's first ones open): a call that waits less than `hungAfter` gets its answer.
    @Test func aSlowNewConnectionIsNotAnOutageBeforeHungAfter() async throws {
        let database = FakeDatabase(checkDelay: .seconds(10))
        var timing = FakeDatabase.fast
        timing.hungAfter = .seconds(1)
        let gate = database.gate(timing)
        let value = try await gate.run(deadline: .seconds(5)) {
            try await Task.sleep(for: .milliseconds(800))
            return "slow but fine"
        }
        #expect(value == "slow but fine")
        #expect(gate.isAvailable)
        #expect(database.serverChecks.load(ordering: .relaxed) >= 1)
    }

    /// A hung server (new connections get no answer, calls get none either) is down once calls have waited
    /// `hungAfter`, long before their deadline.
    @Test func aHungServerIsDownAfterHungAfter() async throws {
        let database = FakeDatabase(checkDelay: .seconds(10))
        var timing = FakeDatabase.fast
        timing.hungAfter = .seconds(1)
        let gate = database.gate(timing)
        database.poolUp.store(false, ordering: .sequentiallyConsistent)
        let (elapsed, result) = await Self.timed { try await gate.run(deadline: .seconds(10)) { try await Task.sleep(for: .seconds(10)) } }
        #expect(throws: DatabaseUnavailable.self) { try result.get() }
        #expect(elapsed >= .seconds(1) && elapsed < .milliseconds(1_800), "\(elapsed)")
        #expect(database.serverChecks.load(ordering: .relaxed) >= 2)
        database.set(up: true)
    }

    @Test func aCancelledCallAnswersAtOnce() async throws {
        let gate = FakeDatabase().gate()
        let task = Task { await Self.timed { try await gate.run(deadline: .seconds(10)) { try await Task.sleep(for: .seconds(10)) } } }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        let (elapsed, result) = await task.value
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(elapsed < .milliseconds(200), "\(elapsed)")
    }

    // MARK: runInline: the body runs in the caller's task and ends when its GateAbort fires

    final class Flag: Sendable {
        let value = Atomic<Bool>(false)
    }

    /// A body that waits until its ``GateAbort`` fires (as a pipelined query does), ending with the gate's error.
    static func waitForAbort(_ abort: GateAbort) async throws {
        try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
            abort.onAbort { continuation.resume(throwing: $0) }
        }
    }

    @Test func inlineCallsPassThroughAndAreBoundByTheirDeadline() async throws {
        let gate = FakeDatabase().gate()
        #expect(try await gate.runInline(deadline: .seconds(1)) { _ in 42 } == 42)
        let (elapsed, result) = await Self.timed { try await gate.runInline(deadline: .milliseconds(150), Self.waitForAbort) }
        #expect(throws: TimeoutError.self) { try result.get() }
        #expect(elapsed >= .milliseconds(150) && elapsed < .seconds(1), "\(elapsed)")
        // an unguarded gate keeps the deadline too
        let (unguarded, timedOut) = await Self.timed {
            try await DatabaseGate.unguarded.runInline(deadline: .milliseconds(100), Self.waitForAbort)
        }
        #expect(throws: TimeoutError.self) { try timedOut.get() }
        #expect(unguarded < .seconds(1), "\(unguarded)")
        // a body's own error is its answer; after the body ended, the abort never fires
        let late = Flag()
        await #expect(throws: Refused.self) {
            try await gate.runInline(deadline: .milliseconds(50)) { abort in
                abort.onAbort { _ in late.value.store(true, ordering: .relaxed) }
                throw Refused()
            }
        }
        try await Task.sleep(for: .milliseconds(150))
        let fired = late.value.load(ordering: .relaxed)
        #expect(!fired)
    }

    /// An inline call in flight fails as soon as the server is found down, and the next is refused at once.
    @Test func anInlineCallFailsAsSoonAsTheServerIsFoundDown() async throws {
        let database = FakeDatabase()
        let gate = database.gate()
        database.set(up: false)
        let (elapsed, result) = await Self.timed { try await gate.runInline(deadline: .seconds(10), Self.waitForAbort) }
        #expect(throws: DatabaseUnavailable.self) { try result.get() }
        #expect(elapsed < .milliseconds(800), "\(elapsed)")
        #expect(!gate.isAvailable)
        let ran = Flag()
        await #expect(throws: DatabaseUnavailable.self) {
            try await gate.runInline(deadline: .seconds(10)) { _ in ran.value.store(true, ordering: .relaxed) }
        }
        let didRun = ran.value.load(ordering: .relaxed)
        #expect(!didRun)
        database.set(up: true)
        try await Self.waitUntil { gate.isAvailable }
        #expect(try await gate.runInline(deadline: .seconds(1)) { _ in "served" } == "served")
    }

    /// An inline body's connection-level error checks the server at once, failing the other calls in flight.
    @Test func anInlineConnectionErrorChecksTheServerAtOnce() async throws {
        let database = FakeDatabase()
        let gate = database.gate()
        database.set(up: false)
        let waiting = Task { await Self.timed { try await gate.runInline(deadline: .seconds(10), Self.waitForAbort) } }
        try await Task.sleep(for: .milliseconds(20))
        await #expect(throws: DatabaseUnavailable.self) {
            try await gate.runInline(deadline: .seconds(10)) { _ in throw DatabaseUnavailable(database: "fake", reason: "terminating connection") }
        }
        let (elapsed, result) = await waiting.value
        #expect(throws: DatabaseUnavailable.self) { try result.get() }
        #expect(elapsed < .milliseconds(150), "the waiting call was not failed by the check: \(elapsed)")
        #expect(database.serverChecks.load(ordering: .relaxed) == 1)
        database.set(up: true)
    }

    /// Nobody calling: the recovery probes stop (and start again with the next call).
    @Test func recoveryProbingStopsWhenIdle() async throws {
        let database = FakeDatabase()
        var timing = FakeDatabase.fast
        timing.idleStop = .milliseconds(300)
        let gate = database.gate(timing)
        database.set(up: false)
        _ = try? await gate.run(deadline: .seconds(10)) { throw DatabaseUnavailable(database: "fake", reason: "closed") }
        try await Self.waitUntil { !gate.isAvailable }
        try await Task.sleep(for: .milliseconds(800))
        let probes = database.poolChecks.load(ordering: .relaxed)
        try await Task.sleep(for: .milliseconds(400))
        #expect(database.poolChecks.load(ordering: .relaxed) == probes)
        database.set(up: true)
        _ = try? await gate.run(deadline: .seconds(1)) { 1 }  // answered 503, and probing resumes
        try await Self.waitUntil { gate.isAvailable }
    }
}
