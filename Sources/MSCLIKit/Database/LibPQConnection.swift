import CLibPQ
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libpq connection attempt, bounded by a deadline, and what libpq resolved for it. The connection is closed
/// before ``attempt(_:defaultConnectTimeout:)`` returns: mscli only borrows libpq's resolution; queries go through
/// PostgresNIO.
struct LibPQAttempt {
    /// Every connection option as libpq resolved it (the value, then PG* variables, the service file, defaults).
    var options: [String: String]
    /// The host, port, user, database and password of the server libpq settled on (nil when it failed).
    var connected: Connected?
    /// libpq's error text at verbose verbosity (with the server's SQLSTATE), when it failed.
    var errorMessage: String
    /// libpq found no password where the server asked for one.
    var needsPassword: Bool
    /// libpq gave up because the deadline passed.
    var timedOut: Bool

    struct Connected {
        var host: String
        var port: Int
        var user: String
        var database: String
        var password: String?
        var sslInUse: Bool
    }

    /// Checks a conninfo string or URI for syntax only; the error is libpq's.
    static func parseError(_ conninfo: String) -> String? {
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &error) else {
            defer { if let error { PQfreemem(error) } }
            return error.map { String(cString: $0) } ?? "out of memory"
        }
        PQconninfoFree(options)
        return nil
    }

    /// The options a conninfo string or URI sets itself (no defaults), or nil when it does not parse.
    static func explicitOptions(_ conninfo: String) -> [String: String]? {
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &error) else {
            if let error { PQfreemem(error) }
            return nil
        }
        defer { PQconninfoFree(options) }
        return dictionary(options)
    }

    /// Connects with `conninfo` as `dbname` (expanded as psql expands its `-d`), or with libpq's defaults alone when
    /// nil. libpq's own `connect_timeout` only bounds its blocking calls, so each host here is given `connect_timeout`
    /// (else `defaultConnectTimeout`) seconds; when one does not answer in time, libpq starts again with the hosts
    /// after it, as its blocking connect would (a multi-host string whose first host hangs still reaches the second).
    static func attempt(_ conninfo: String?, defaultConnectTimeout: Int) -> LibPQAttempt {
        var overrides: [(String, String)] = []
        var silent: [String] = []
        while true {
            var attempt = single(conninfo, overrides: overrides, defaultConnectTimeout: defaultConnectTimeout)
            guard attempt.timedOut, let rest = attempt.remainingHosts else {
                if attempt.timedOut || !silent.isEmpty {
                    attempt.errorMessage = (silent + [attempt.errorMessage]).joined(separator: "\n")
                }
                return attempt
            }
            silent.append(attempt.errorMessage)
            overrides = rest
        }
    }

    /// After a timeout: the host options that name only the hosts after the one that did not answer (nil: none left).
    var remainingHosts: [(String, String)]? {
        func list(_ key: String) -> [String] {
            (options[key] ?? "").isEmpty ? [] : (options[key] ?? "").split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let hosts = list("host"), addresses = list("hostaddr"), ports = list("port")
        let count = max(hosts.count, addresses.count)
        guard let current = hostIndex, current + 1 < count else { return nil }
        var rest: [(String, String)] = []
        if !hosts.isEmpty { rest.append(("host", hosts[(current + 1)...].joined(separator: ","))) }
        if !addresses.isEmpty { rest.append(("hostaddr", addresses[(current + 1)...].joined(separator: ","))) }
        if ports.count > 1 { rest.append(("port", ports[(current + 1)...].joined(separator: ","))) }
        return rest
    }

    /// Which entry of the host list libpq was trying when the deadline passed.
    var hostIndex: Int?

    private static func single(_ conninfo: String?, overrides: [(String, String)], defaultConnectTimeout: Int) -> LibPQAttempt {
        // Keywords after `dbname` override what the expanded string sets.
        let keywords: [String] = (conninfo == nil ? [] : ["dbname"]) + overrides.map(\.0)
        let values: [String] = (conninfo.map { [$0] } ?? []) + overrides.map(\.1)
        let conn = withCStringArray(keywords) { keywordPointers in
            withCStringArray(values) { valuePointers in
                PQconnectStartParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let conn else {
            return LibPQAttempt(
                options: [:], connected: nil, errorMessage: "libpq: out of memory", needsPassword: false, timedOut: false)
        }
        defer { PQfinish(conn) }
        // Verbose: the server's SQLSTATE in the message, so failures are told apart without reading its words.
        PQsetErrorVerbosity(conn, PQERRORS_VERBOSE)
        var options: [String: String] = [:]
        if let list = PQconninfo(conn) {
            options = dictionary(list)
            PQconninfoFree(list)
        }
        var attempt = LibPQAttempt(
            options: options, connected: nil, errorMessage: "", needsPassword: false, timedOut: false)
        if PQstatus(conn) == CONNECTION_BAD {
            // An option libpq cannot use (sslmode, service file), or the only host refused at once.
            attempt.errorMessage = String(cString: PQerrorMessage(conn))
            attempt.needsPassword = PQconnectionNeedsPassword(conn) != 0
            return attempt
        }
        let configured: Int? = options["connect_timeout"].flatMap { Int($0) }
        let perHost = configured.map { $0 > 0 ? max($0, 2) : defaultConnectTimeout } ?? defaultConnectTimeout
        // The host libpq is on, and when it started on it: each host gets its own `perHost` seconds.
        func current() -> String { "\(PQhost(conn).map { String(cString: $0) } ?? ""):\(PQport(conn).map { String(cString: $0) } ?? "")" }
        var host = current()
        var deadline = ContinuousClock.now + .seconds(perHost)
        let entries: [String] = {
            let hosts = (options["host"] ?? "").isEmpty ? (options["hostaddr"] ?? "") : (options["host"] ?? "")
            let names = hosts.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let ports = (options["port"] ?? "").split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return names.enumerated().map { i, name in "\(name):\(ports.count > 1 && i < ports.count ? ports[i] : ports.first ?? "5432")" }
        }()
        var index = entries.firstIndex(of: host) ?? 0

        var state = PGRES_POLLING_WRITING
        while state != PGRES_POLLING_OK && state != PGRES_POLLING_FAILED {
            if current() != host {
                host = current()
                deadline = ContinuousClock.now + .seconds(perHost)
                index = entries[index...].firstIndex(of: host) ?? index
            }
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else {
                attempt.timedOut = true
                attempt.hostIndex = index
                attempt.errorMessage = "\(host): no answer within \(perHost) s"
                return attempt
            }
            var descriptor = pollfd(
                fd: PQsocket(conn), events: Int16(state == PGRES_POLLING_READING ? POLLIN : POLLOUT), revents: 0)
            let milliseconds = Int32(clamping: remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready < 0 && errno != EINTR {
                attempt.errorMessage = "poll: \(String(cString: strerror(errno)))"
                return attempt
            }
            if ready == 0 { continue }  // the deadline check above ends it
            state = PQconnectPoll(conn)
        }
        guard state == PGRES_POLLING_OK, PQstatus(conn) == CONNECTION_OK else {
            attempt.errorMessage = String(cString: PQerrorMessage(conn))
            attempt.needsPassword = PQconnectionNeedsPassword(conn) != 0
            return attempt
        }
        let password = PQpass(conn).map { String(cString: $0) }
        attempt.connected = Connected(
            host: PQhost(conn).map { String(cString: $0) } ?? "",
            port: PQport(conn).flatMap { Int(String(cString: $0)) } ?? 5432,
            user: PQuser(conn).map { String(cString: $0) } ?? "",
            database: PQdb(conn).map { String(cString: $0) } ?? "",
            password: password?.isEmpty == false ? password : nil,
            sslInUse: PQsslInUse(conn) != 0)
        return attempt
    }

    private static func dictionary(_ list: UnsafeMutablePointer<PQconninfoOption>) -> [String: String] {
        var result: [String: String] = [:]
        var option = list
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { result[String(cString: keyword)] = String(cString: value) }
            option += 1
        }
        return result
    }

    /// A NULL-terminated array of C strings for libpq's keyword/value arrays, valid during `body`.
    private static func withCStringArray<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } } + [nil]
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
