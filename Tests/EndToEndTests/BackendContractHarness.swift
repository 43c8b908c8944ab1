import Foundation
import PostgresNIO
import ServiceCore
import Testing
import TestSupport

/// The contract between mscli's two backends: the same `mscli` invocations, once over HTTP (the services, as a
/// signed-in user) and once with `--maintenance` (the databases), on two sets of databases that receive the same
/// commands in the same order, must end the same way. This file holds the machinery; BackendContractTests.swift the
/// table.
enum Contract {
    /// Which way mscli reaches the system.
    enum Path: String, Sendable, CaseIterable {
        case http, maintenance
    }

    /// Who runs a step: over HTTP the person's signed-in profile; in maintenance mode the operator, acting for the
    /// person (`--user-id`) in the commands that act for a user.
    enum Who: String, Sendable, CaseIterable {
        case admin, ana, bob, carol
    }

    /// The commands that act for (or filter by) a user: in maintenance mode they take `--user-id`, over HTTP the
    /// session says who. Every other command runs as the operator in maintenance mode, so a row runs it as the admin.
    static let actingForUser: [[String]] = [
        ["book", "hold"], ["book", "release"], ["book", "create"], ["book", "list"], ["book", "map"],
        ["food", "orders", "create"], ["food", "orders", "list"],
    ]

    /// How the two outcomes of a step are compared.
    enum Check: Sendable {
        /// Exit code, standard output and standard error, normalised (ids, times, numbers).
        case everything
        /// Only the exit code: the two messages legitimately differ, for the reason given.
        case exitCode(because: String)
    }

    /// One `mscli` invocation of a scenario. `{name}` in an argument is a value bound earlier in the scenario (or a
    /// user's id: `{ana}`); `-o json` is always added.
    struct Step: Sendable {
        var who: Who
        var arguments: [String]
        /// A script for `mscli shell` instead of arguments: the only way a NUL byte reaches mscli (argv cannot hold one).
        var script: String?
        /// Binds the `id` of the JSON answer to `{capture}`, and its booking or order number to `{capture.number}`.
        var capture: String?
        /// What the HTTP path must exit with: the contract is equality, this keeps both paths from agreeing on a bug.
        var exit: Int32
        var check: Check
        /// Runs once, before the two paths, outside the comparison (changes to the auth database both paths share).
        var once = false
    }

    /// Rows of the database compared after a scenario: one text per row, sorted after normalisation.
    enum StateQuery: Sendable {
        /// On the booking database.
        case booking(String)
        /// On the food primary.
        case food(String)
        /// On each order shard, in shard order (so the same user's orders must land on the same shard on both paths).
        case shards(String)
    }

    /// The live order events of one order captured under `order`, as the order's owner sees them on the WebSocket.
    struct Events: Sendable {
        var order: String
        var count: Int
    }

    struct Scenario: Sendable, CustomStringConvertible {
        var name: String
        var steps: [Step]
        var state: [StateQuery] = []
        var events: [Events] = []
        var description: String { name }
    }

    struct Outcome: Sendable, Equatable, CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var description: String { "exit \(status)\n  stdout: \(stdout)\n  stderr: \(stderr)" }
    }
}

/// A step of the table: `step("theaters", "create", ..., capture: "theater")`.
func step(
    _ arguments: String..., as who: Contract.Who = .admin, capture: String? = nil, exit: Int32 = 0,
    check: Contract.Check = .everything
) -> Contract.Step {
    Contract.Step(who: who, arguments: arguments, script: nil, capture: capture, exit: exit, check: check)
}

/// A step run as one line of an `mscli shell` script (as the admin).
func scriptStep(_ line: String, exit: Int32 = 0, check: Contract.Check = .everything) -> Contract.Step {
    Contract.Step(who: .admin, arguments: [], script: line + "\n", capture: nil, exit: exit, check: check)
}

/// A step run once before both paths, not compared (a change to the shared auth database).
func setupStep(_ arguments: String...) -> Contract.Step {
    Contract.Step(who: .admin, arguments: arguments, script: nil, capture: nil, exit: 0, check: .everything, once: true)
}

/// Names bound while a scenario runs on one path: the users' ids (the same on both paths: they share the auth
/// database) and the ids and numbers the steps captured (different on each path).
struct ContractBindings: Sendable {
    var values: [String: String]

    func substitute(_ argument: String) -> String {
        guard argument.contains("{") else { return argument }
        var text = argument
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    mutating func capture(_ name: String, from stdout: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else { return }
        if let id = object["id"] as? String { values[name] = id }
        if let number = (object["booking_number"] ?? object["order_number"]) as? String { values[name + ".number"] = number }
    }

    /// Bound values become their names; other ids, times and numbers become placeholders.
    func normalise(_ text: String) -> String {
        var text = text
        // Longest first, so an id never leaves half of itself behind under a shorter value.
        for (name, value) in values.sorted(by: { $0.value.count > $1.value.count }) where value.count >= 8 {
            text = text.replacingOccurrences(of: value, with: "{\(name)}")
            text = text.replacingOccurrences(of: value.uppercased(), with: "{\(name)}")
        }
        for (pattern, template) in Self.placeholders {
            text = pattern.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
        }
        return text
    }

    nonisolated(unsafe) static let placeholders: [(NSRegularExpression, String)] = [
        // Maintenance mode names the databases it changed ("Created theater X in 127.0.0.1:5432/booking"); over HTTP
        // the profile's service is the target.
        (#" in [\w.-]+:\d+/\w+(?: and shards [\w.:/, -]+?)?(?=;|\n|$)"#, ""),
        // Times of now (hold expiries) in messages; the scenarios' own show times (2031) stay compared.
        (#"\b(?!2031-)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z"#, "<time>"),
        (#"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"#, "<id>"),
        (#"("(?:created_at|updated_at|cancelled_at|expires_at|hold_expires_at|changed_at|at)"\s*:\s*)"[^"]*""#, #"$1"<time>""#),
        (#"("(?:booking_number|order_number)"\s*:\s*)"[^"]*""#, #"$1"<number>""#),
        (#"BK-[2-9A-HJ-NP-Z]{10}"#, "<number>"),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }
}

/// The started system the scenarios run against: one auth service and database (users are shared), and per path its
/// own booking database and food primary with three shards. The HTTP path has booking and food services over its
/// databases; the maintenance path has only its databases, and Redis to announce order events to the running food
/// service.
struct ContractStack: Sendable {
    var e2e: EndToEnd
    var users: [Contract.Who: String]
    var bookingDatabase: [Contract.Path: String]
    var foodPrimary: [Contract.Path: String]
    var foodShards: [Contract.Path: [String]]
    var foodURL: String

    static let password = "password-123"

    /// The arguments that select the path and the person (`-o json` last).
    func arguments(for step: Contract.Step, on path: Contract.Path, _ bindings: ContractBindings) -> [String] {
        let arguments = step.arguments.map(bindings.substitute)
        switch path {
        case .http:
            return arguments + ["--profile", step.who.rawValue, "-o", "json"]
        case .maintenance:
            var extra = ["--profile", "maint", "--maintenance"]
            if step.who != .admin, Contract.actingForUser.contains(where: { arguments.starts(with: $0) }) {
                extra += ["--user-id", users[step.who]!]
            }
            return arguments + extra + ["-o", "json"]
        }
    }

    func run(_ step: Contract.Step, on path: Contract.Path, _ bindings: inout ContractBindings) async throws -> Contract.Outcome {
        let result: ProcessResult
        if let script = step.script {
            let shell = path == .http ? ["shell", "--profile", step.who.rawValue] : ["shell", "--profile", "maint", "--maintenance"]
            result = try await e2e.mscli(shell + ["-o", "json"], input: bindings.substitute(script))
        } else {
            result = try await e2e.mscli(arguments(for: step, on: path, bindings))
        }
        if let name = step.capture, result.status == 0 { bindings.capture(name, from: result.stdout) }
        return Contract.Outcome(
            status: result.status, stdout: bindings.normalise(result.stdout), stderr: bindings.normalise(result.stderr))
    }

    /// The rows a state query finds on one path, normalised and sorted (shard rows prefixed with the shard's index).
    func rows(_ query: Contract.StateQuery, on path: Contract.Path, _ bindings: ContractBindings) async throws -> [String] {
        let (targets, sql): ([(String, String)], String) =
            switch query {
            case .booking(let text): ([("", bookingDatabase[path]!)], text)
            case .food(let text): ([("", foodPrimary[path]!)], text)
            case .shards(let text): (foodShards[path]!.enumerated().map { ("shard \($0.offset): ", $0.element) }, text)
            }
        var rows: [String] = []
        for (prefix, url) in targets {
            rows += try await PostgresClient.withClient(try DatabaseSettings(url: url), logger: TestDatabase.logger) { client in
                var found: [String] = []
                let query = PostgresQuery(unsafeSQL: bindings.substitute(sql))
                for try await row in try await client.query(query, logger: TestDatabase.logger).decode(String?.self) {
                    found.append(prefix + bindings.normalise(row ?? "NULL"))
                }
                return found
            }
        }
        return rows.sorted()
    }

    /// Starts everything, runs `body`, and stops and drops everything again.
    static func with(_ body: @Sendable (ContractStack, ReceivedMessages) async throws -> Void) async throws {
        try await EndToEnd.run { base in
            try await TestDatabase.with { httpBooking in
                try await TestDatabase.with { maintenanceBooking in
                    try await FoodCommandTests.withFoodDatabases { httpPrimary, httpShards in
                        try await FoodCommandTests.withFoodDatabases { maintenancePrimary, maintenanceShards in
                            try await start(
                                base, booking: [.http: TestDatabase.url(httpBooking), .maintenance: TestDatabase.url(maintenanceBooking)],
                                primary: [.http: httpPrimary, .maintenance: maintenancePrimary],
                                shards: [.http: httpShards, .maintenance: maintenanceShards], body)
                        }
                    }
                }
            }
        }
    }

    private static func start(
        _ base: EndToEnd, booking: [Contract.Path: String], primary: [Contract.Path: String], shards: [Contract.Path: [String]],
        _ body: @Sendable (ContractStack, ReceivedMessages) async throws -> Void
    ) async throws {
        let redis = try #require(BackendContractTests.redisURL)
        let (auth, authURL) = try await base.startAuthService(["--migrate"])
        defer { Task { await auth.stop() } }
        let (bookingService, bookingURL) = try await base.startBookingService(databaseURL: booking[.http]!)
        defer { Task { await bookingService.stop() } }
        let (foodService, foodURL) = try await base.startFoodService(
            databaseURL: primary[.http]!,
            env: ["ENABLE_SHARDING": "true", "SHARD_DATABASE_URLS": shards[.http]!.joined(separator: ","), "AUTH_SERVICE_URL": authURL,
                  "REDIS_URL": redis, "AUTH_CHECK_CACHE_SECONDS": "0"])
        defer { Task { await foodService.stop() } }
        let maintenanceDatabases = [
            "--booking-database-url", booking[.maintenance]!, "--food-database-url", primary[.maintenance]!,
            "--food-shard-urls", shards[.maintenance]!.joined(separator: ","),
        ]
        for kind in ["booking", "food"] {
            let migrated = try await base.mscli(["migrate", "up", kind] + maintenanceDatabases)
            guard migrated.status == 0 else { throw TestFailure("migrate up \(kind): \(migrated)") }
        }

        var users: [Contract.Who: String] = [:]
        for who in Contract.Who.allCases {
            let created = try await base.mscli(
                "auth", "users", "create", "--maintenance", "--email", "\(who)@example.com", "--name", who.rawValue.capitalized,
                "--role", who == .admin ? "admin" : "user", "--password-stdin", "-o", "json", input: password)
            users[who] = try #require((try base.json(created) as? [String: Any])?["id"] as? String, "\(created)")
        }
        // One complete profile per person over HTTP, and the operator's of the maintenance path; nothing exported.
        var e2e = base
        e2e.exportsTargets = false
        for who in Contract.Who.allCases {
            try await e2e.profile(who.rawValue, [.authURL: authURL, .bookingURL: bookingURL, .foodURL: foodURL])
            let login = try await e2e.mscli(
                "auth", "login", "--email", "\(who)@example.com", "--password-stdin", "--profile", who.rawValue, input: password)
            guard login.status == 0 else { throw TestFailure("login \(who): \(login)") }
        }
        try await e2e.profile(
            "maint",
            [.authURL: authURL, .authDatabaseURL: base.databaseURL, .bookingDatabaseURL: booking[.maintenance]!,
             .foodDatabaseURL: primary[.maintenance]!, .foodShardURLs: shards[.maintenance]!.joined(separator: ","), .redisURL: redis])

        // Ana follows her orders on the food service: it relays the maintenance path's events from Redis as well.
        let cookie = try await e2e.mscli("auth", "token", "--cookie", "--profile", "ana")
        guard cookie.status == 0 else { throw TestFailure("auth token: \(cookie)") }
        let received = ReceivedMessages()
        let socket = followOrderEvents(
            base: foodURL, cookie: cookie.stdout.trimmingCharacters(in: .whitespacesAndNewlines), into: received)
        defer { socket.cancel() }
        try await waitUntil { received.contains { $0.contains("welcome") } }

        let stack = ContractStack(
            e2e: e2e, users: users, bookingDatabase: booking, foodPrimary: primary, foodShards: shards, foodURL: foodURL)
        try await body(stack, received)
    }
}

extension Contract {
    /// Runs every scenario on both paths (the scenarios side by side, as they touch different rows; each one's two
    /// paths side by side, as they share nothing but the users) and records every difference as an issue naming the
    /// scenario, the step and both outcomes.
    static func check(_ scenarios: [Scenario], on stack: ContractStack, events received: ReceivedMessages) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for scenario in scenarios { group.addTask { try await check(scenario, on: stack, events: received) } }
            try await group.waitForAll()
        }
    }

    static func check(_ scenario: Scenario, on stack: ContractStack, events received: ReceivedMessages) async throws {
        let users = ContractBindings(values: Dictionary(uniqueKeysWithValues: stack.users.map { ($0.key.rawValue, $0.value) }))
        var setup = users
        for step in scenario.steps where step.once {
            let outcome = try await stack.run(step, on: .maintenance, &setup)
            #expect(outcome.status == 0, "\(scenario.name): setup `\(step.arguments.joined(separator: " "))` failed: \(outcome)")
        }
        let steps = scenario.steps.filter { !$0.once }
        async let overHTTP = run(steps, on: .http, stack, users)
        async let inMaintenance = run(steps, on: .maintenance, stack, users)
        let (http, maintenance) = try await (overHTTP, inMaintenance)

        for (index, step) in steps.enumerated() {
            let (a, b) = (http.outcomes[index], maintenance.outcomes[index])
            let what = "\(scenario.name), step \(index + 1) `\(step.script ?? step.arguments.joined(separator: " "))` as \(step.who)"
            #expect(a.status == step.exit, "\(what): over HTTP expected exit \(step.exit), got \(a)")
            switch step.check {
            case .everything:
                #expect(a == b, "\(what) differs: \(difference(a, b))\n HTTP \(a)\n maintenance \(b)")
            case .exitCode:
                #expect(a.status == b.status, "\(what) exit differs:\n HTTP \(a)\n maintenance \(b)")
            }
        }
        for query in scenario.state {
            let a = try await stack.rows(query, on: .http, http.bindings)
            let b = try await stack.rows(query, on: .maintenance, maintenance.bindings)
            #expect(a == b, "\(scenario.name): database state differs for \(query):\n HTTP \(a)\n maintenance \(b)")
        }
        for expected in scenario.events {
            async let overHTTP = events(expected, received, http.bindings)
            async let inMaintenance = events(expected, received, maintenance.bindings)
            let (a, b) = try await (overHTTP, inMaintenance)
            #expect(a.count == expected.count, "\(scenario.name): \(a.count) of \(expected.count) events over HTTP: \(a)")
            #expect(a == b, "\(scenario.name): the events of {\(expected.order)} differ:\n HTTP \(a)\n maintenance \(b)")
        }
    }

    /// The first line where two outcomes part, to read before the whole of both.
    static func difference(_ a: Outcome, _ b: Outcome) -> String {
        if a.status != b.status { return "exit \(a.status) vs \(b.status)" }
        for (name, x, y) in [("stdout", a.stdout, b.stdout), ("stderr", a.stderr, b.stderr)] where x != y {
            let (xs, ys) = (x.split(separator: "\n", omittingEmptySubsequences: false), y.split(separator: "\n", omittingEmptySubsequences: false))
            let line = Array(zip(xs, ys)).firstIndex { $0.0 != $0.1 } ?? min(xs.count, ys.count)
            let left = line < xs.count ? String(xs[line]) : "(end)"
            let right = line < ys.count ? String(ys[line]) : "(end)"
            return "\(name) line \(line + 1): HTTP `\(left)` vs maintenance `\(right)`"
        }
        return "-"
    }

    private static func run(
        _ steps: [Step], on path: Path, _ stack: ContractStack, _ users: ContractBindings
    ) async throws -> (outcomes: [Outcome], bindings: ContractBindings) {
        var bindings = users
        var outcomes: [Outcome] = []
        for step in steps { outcomes.append(try await stack.run(step, on: path, &bindings)) }
        return (outcomes, bindings)
    }

    /// The events of one order, normalised, once `count` of them arrived (or after 10 s, with what arrived).
    private static func events(_ expected: Events, _ received: ReceivedMessages, _ bindings: ContractBindings) async throws -> [String] {
        guard let order = bindings.values[expected.order] else { return [] }
        let marker = #""order_id":"\#(order)""#
        try? await waitUntil { received.all.filter { $0.contains(marker) }.count >= expected.count }
        return received.all.filter { $0.contains(marker) }.map { event in
            // Who moved an order in the kitchen is the acting admin over HTTP and the operator (nobody in particular)
            // in maintenance mode: staff either way. Who placed it (the event without a previous status) is the
            // customer on both paths, and stays compared.
            var event = bindings.normalise(event)
            if event.contains(#""previous_status""#) {
                event = event.replacingOccurrences(of: #""changed_by":"{admin}""#, with: #""changed_by":"<staff>""#)
                    .replacingOccurrences(of: #""changed_by":"<id>""#, with: #""changed_by":"<staff>""#)
            }
            return event
        }
    }
}
