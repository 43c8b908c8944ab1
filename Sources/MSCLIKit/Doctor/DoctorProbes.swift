import AsyncHTTPClient
import BookingService
import Foundation
import NIOCore
import PostgresNIO
import RedisClient
import SearchClient
import ServiceCore

/// The checks of `mscli doctor`, each bounded by a deadline, each turning every failure into a line with its fix.
struct DoctorProbes: Sendable {
    let context: CommandContext
    let searchURL: String?
    var deadline: Duration = .seconds(5)

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        (start.duration(to: .now).seconds * 1000).rounded()
    }

    // MARK: services

    struct ServiceTarget: Sendable {
        var name: String
        var url: String
        var binary: String
        var flag: String
        var key: ProfileKey
    }

    var services: [ServiceTarget] {
        [
            ServiceTarget(name: "auth", url: context.settings.authURL, binary: "auth-service", flag: "--auth-url", key: .authURL),
            ServiceTarget(name: "booking", url: context.settings.bookingURL, binary: "booking-service", flag: "--booking-url", key: .bookingURL),
            ServiceTarget(name: "food", url: context.settings.foodURL, binary: "food-service", flag: "--food-url", key: .foodURL),
        ]
    }

    /// `/health` (reachable, version), then `/ready` (each dependency the service checks itself).
    func service(_ target: ServiceTarget) async -> DoctorCheck {
        let name = "\(target.name) service"
        let start = ContinuousClock.now
        let base = target.url.hasSuffix("/") ? String(target.url.dropLast()) : target.url
        let health: HealthReport
        do {
            let (status, body) = try await fetch(base + "/health")
            guard status == 200, let report = try? JSONDecoder().decode(HealthReport.self, from: body) else {
                return .fail(name, "\(base)/health answered \(status): not an mscli-managed service?", fix: "\(target.flag) URL, or `mscli config set \(target.key.rawValue) URL`")
            }
            health = report
        } catch {
            return .fail(
                name, "cannot reach \(base): \(ServiceHTTPClient.reason(error))",
                fix: "start \(target.binary) (scripts/stack up, or systemctl start \(target.binary)@PORT), or point mscli at it: "
                    + "\(target.flag) URL / `mscli config set \(target.key.rawValue) URL`")
        }
        var check: DoctorCheck
        // Behind the gateway (deploy/nginx) the services share its URL, and /health/<service> is that service's /ready.
        let readyURL = health.service == "gateway" ? base + "/health/\(target.name)" : base + "/ready"
        do {
            let (_, body) = try await fetch(readyURL)
            guard let ready = try? JSONDecoder().decode(HealthReport.self, from: body) else {
                return .fail(name, "\(readyURL) did not answer a health report")
            }
            let problems = (ready.checks ?? [:]).filter { $0.value.status != "pass" }.sorted { $0.key < $1.key }
                .map { "\($0.key): \($0.value.output ?? $0.value.status)" }
            let summary = "\(ready.service) \(ready.version) at \(base)"
            switch ready.status {
            case "pass": check = .ok(name, "\(summary), ready (\((ready.checks ?? [:]).keys.sorted().joined(separator: ", ")))")
            case "warn": check = .warn(name, "\(summary), degraded: \(problems.joined(separator: "; "))")
            default: check = .fail(name, "\(summary), not ready: \(problems.joined(separator: "; "))")
            }
            if check.status != .ok {
                let text = problems.joined(separator: " ")
                if let range = text.range(of: #"mscli migrate up \w+"#, options: .regularExpression) {
                    check.fix = "`\(text[range])`"
                } else if text.contains("redis") {
                    check.fix = "start Redis (the service keeps serving with per-instance rate limits and local live events meanwhile)"
                } else {
                    check.fix = "see the \(target.binary) log"
                }
            }
        } catch {
            check = .fail(name, "\(readyURL): \(ServiceHTTPClient.reason(error))", fix: "see the \(target.binary) log")
        }
        check.durationMs = Self.milliseconds(since: start)
        return check
    }

    func fetch(_ url: String) async throws -> (Int, Data) {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: "mscli/\(MSCLI.version) doctor")
        let response = try await context.http.execute(request, timeout: .seconds(Int64(deadline.components.seconds)))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), Data(buffer: body))
    }

    // MARK: databases

    /// Each database mscli knows for the profile: reachable, and its migrations against this build.
    func databases() async -> [DoctorCheck] {
        var targets: [(name: String, service: ManagedService, settings: DatabaseSettings?, failure: String?)] = []
        for service in ManagedService.allCases {
            do {
                for (label, settings) in try context.migrationDatabases(for: service) {
                    let name = service == .food ? label.replacingOccurrences(of: "food ", with: "food database ") : "\(service.rawValue) database"
                    targets.append((name.components(separatedBy: " (").first ?? name, service, settings, nil))
                }
            } catch {
                // No setting at all is a skip; one libpq could not resolve or connect with is a failure, with its reason.
                let failure = context.hasDatabase(for: service) ? ErrorClassifier.classify(error).message : nil
                targets.append(("\(service.rawValue) database", service, nil, failure))
            }
        }
        return await withTaskGroup(of: (Int, DoctorCheck).self) { group in
            for (index, target) in targets.enumerated() {
                if let failure = target.failure {
                    group.addTask {
                        (index, DoctorCheck.fail(target.name, failure, fix: "is PostgreSQL running, and the setting right? (\(target.service.databaseFlag))"))
                    }
                    continue
                }
                group.addTask { (index, await database(target.name, target.service, target.settings)) }
            }
            var results: [(Int, DoctorCheck)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    func database(_ name: String, _ service: ManagedService, _ settings: DatabaseSettings?) async -> DoctorCheck {
        guard let settings else {
            return .skip(
                name, "no URL",
                fix: "set \(service.databaseVariable), pass \(service.databaseFlag), or `mscli config set \(service.rawValue)_database_url URL`")
        }
        let start = ContinuousClock.now
        let where_ = "\(settings.database) on \(settings.host):\(settings.port)"
        var check: DoctorCheck
        do {
            let status = try await withTimeout(deadline) {
                try await PostgresClient.withClient(settings, logger: context.logger) { client in
                    try await Migrator(client: client, set: service.migrations, logger: context.logger).status()
                }
            }
            let applied = status.filter { $0.state == .applied }.map(\.version).max() ?? 0
            let pending = status.filter { $0.state == .pending }.map { String($0.version) }
            let odd = status.filter { $0.state == .changed || $0.state == .unknown }
            if !odd.isEmpty {
                check = .fail(
                    name, "\(where_): migration(s) \(odd.map { "\($0.version) \($0.state.rawValue)" }.joined(separator: ", "))",
                    fix: "`mscli migrate verify \(service.rawValue)` (a different build migrated this database)")
            } else if !pending.isEmpty {
                check = .fail(
                    name, "\(where_): at version \(applied), pending \(pending.joined(separator: ", "))",
                    fix: "`mscli migrate up \(service.rawValue)`")
            } else {
                check = .ok(name, "\(where_): at version \(applied), current")
            }
        } catch {
            let reason = error is TimeoutError ? "timed out" : PostgresErrorText.describe(error)
            check = .fail(name, "\(where_): cannot connect: \(reason)", fix: "is PostgreSQL running, and the URL right? (\(service.databaseFlag))")
        }
        check.durationMs = Self.milliseconds(since: start)
        return check
    }

    // MARK: search

    /// The engine's cluster health, then (with the booking database, or an admin session) each alias's versioned
    /// index, its document count against the database rows, and the outbox lag.
    func search() async -> [DoctorCheck] {
        let start = ContinuousClock.now
        var checks: [DoctorCheck] = []
        var status: SearchStatus?
        var source = ""
        do {
            let (engineCheck, found) = try await withTimeout(deadline * 2) { [context, searchURL] in
                try await SearchURLOption.withEngine(searchURL, context, requestTimeout: .seconds(5)) { engine -> (DoctorCheck?, SearchStatus?) in
                    var engineCheck: DoctorCheck?
                    if let engine {
                        let health = try await engine.clusterHealth()
                        let info = try await engine.info()
                        let detail = "\(info.distribution) \(info.version) at \(engine.baseURL): cluster \(health)"
                        engineCheck =
                            health == "green"
                            ? .ok("search engine", detail)
                            : DoctorCheck(
                                name: "search engine", status: health == "yellow" ? .warn : .fail, detail: detail,
                                fix: "see the search server's log (`GET /_cluster/health`)")
                    }
                    guard context.hasDatabase(for: .booking) else { return (engineCheck, nil) }
                    let status = try await PostgresClient.withClient(try context.databaseSettings(for: .booking), logger: context.logger) { client in
                        try await BookingSearch(engine: engine, client: client, logger: context.logger).status()
                    }
                    return (engineCheck, status)
                }
            }
            if let engineCheck { checks.append(engineCheck) }
            status = found
            source = "booking database"
        } catch let error as SearchError {
            checks.append(.fail("search engine", "\(searchURL ?? "-"): \(error)", fix: "is the search server running? (--search-url, the profile's search_url, ELASTICSEARCH_URL)"))
        } catch {
            let reason = error is TimeoutError ? "timed out" : PostgresErrorText.describe(error)
            checks.append(
                .fail("search status", "cannot read the booking database's search state: \(reason)", fix: "see the booking database check above"))
        }
        if status == nil, searchURL == nil, let token = try? context.sessionToken(required: false) {
            do {
                let http = HTTPBookingBackend(http: ServiceHTTPClient(baseURL: context.settings.bookingURL, token: token, on: context))
                status = try await withTimeout(deadline) { try await http.searchStatus() }
                source = "booking service"
            } catch {
                checks.append(
                    .skip("search", "the booking service did not show its search status: \(ErrorClassifier.classify(error).message)",
                          fix: "sign in as an admin, or give the booking database and --search-url"))
            }
        }
        guard let status else {
            if checks.isEmpty {
                checks.append(.skip("search", "no search URL, booking database or session", fix: "--search-url URL with --booking-database-url, or `mscli auth login`"))
            }
            return checks
        }
        checks += Self.searchChecks(status, source: source)
        if var first = checks.first { first.durationMs = Self.milliseconds(since: start); checks[0] = first }
        return checks
    }

    static func searchChecks(_ status: SearchStatus, source: String) -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        if status.engine == "postgresql" {
            return [.ok("search", "PostgreSQL full-text search (no engine configured) per the \(source)")]
        }
        if let error = status.engineError {
            checks.append(.fail("search engine", "\(status.engineURL ?? "?"): \(error)", fix: "is the search server running?"))
            return checks
        }
        for index in status.indices {
            let name = "search index \(index.index)"
            guard let physical = index.physicalIndices.first else {
                checks.append(.fail(name, "alias \(index.index) points at no index", fix: "`mscli reindex \(index.index)`"))
                continue
            }
            let target = index.physicalIndices.count == 1 ? physical : index.physicalIndices.joined(separator: ", ")
            let documents = index.documents ?? 0
            let drift = documents - index.databaseRows
            if drift == 0 || (drift < 0 && -drift <= index.pendingEvents) {
                let pending = index.pendingEvents > 0 ? ", \(index.pendingEvents) change(s) on the way" : ""
                checks.append(.ok(name, "\(index.index) -> \(target): \(documents) documents for \(index.databaseRows) rows\(pending)"))
            } else {
                checks.append(
                    .warn(
                        name, "\(index.index) -> \(target): \(documents) documents for \(index.databaseRows) rows (\(drift > 0 ? "+" : "")\(drift))",
                        fix: "`mscli reindex \(index.index)`"))
            }
        }
        let oldest = status.oldestPendingSeconds ?? 0
        if status.failingEvents > 0 {
            checks.append(
                .fail(
                    "search outbox", "\(status.failingEvents) event(s) failing, \(status.pendingEvents) pending: \(status.lastError ?? "?")",
                    fix: "see the booking-service log; the worker retries with backoff"))
        } else if status.pendingEvents > 0, oldest > 60 {
            checks.append(
                .warn(
                    "search outbox", "\(status.pendingEvents) event(s) pending, the oldest for \(Int(oldest)) s",
                    fix: "is booking-service running? its outbox worker sends them"))
        } else {
            checks.append(.ok("search outbox", status.pendingEvents == 0 ? "empty" : "\(status.pendingEvents) event(s) pending (\(Int(oldest)) s)"))
        }
        return checks
    }

    // MARK: Redis

    func redis() async -> DoctorCheck {
        guard let url = context.settings.redisURL else {
            return .skip("redis", "no URL", fix: "set REDIS_URL, pass --redis-url, or `mscli config set redis_url URL`")
        }
        let start = ContinuousClock.now
        var check: DoctorCheck
        do {
            let configuration = try RedisConfiguration(url: url)
            let client = RedisClient(configuration: configuration, logger: context.logger)
            do {
                try await withTimeout(deadline) { try await client.ping() }
                await client.shutdown()
                check = .ok("redis", "\(configuration.host):\(configuration.port) answers PING")
            } catch {
                await client.shutdown()
                throw error
            }
        } catch {
            check = .fail(
                "redis", "\(url): \(error is TimeoutError ? "timed out" : ServiceHTTPClient.reason(error))",
                fix: "start redis-server (food keeps serving without it: per-instance rate limits, local live events)")
        }
        check.durationMs = Self.milliseconds(since: start)
        return check
    }
}
