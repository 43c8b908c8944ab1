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
    /// nil. libpq's own `connect_timeout` only bounds its blocking calls, so the non-blocking calls here are bounded by
    /// `connect_timeout` (else `defaultConnectTimeout`) seconds per host the setting names.
    static func attempt(_ conninfo: String?, defaultConnectTimeout: Int) -> LibPQAttempt {
        let keywords: [String] = conninfo == nil ? [] : ["dbname"]
        let values: [String] = conninfo.map { [$0] } ?? []
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
        let hosts = max(1, (options["host"] ?? options["hostaddr"] ?? "").split(separator: ",", omittingEmptySubsequences: false).count)
        let configured: Int? = options["connect_timeout"].flatMap { Int($0) }
        let perHost = configured.map { $0 > 0 ? max($0, 2) : defaultConnectTimeout } ?? defaultConnectTimeout
        let deadline = ContinuousClock.now + .seconds(perHost * hosts)

        var state = PGRES_POLLING_WRITING
        while state != PGRES_POLLING_OK && state != PGRES_POLLING_FAILED {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else {
                attempt.timedOut = true
                attempt.errorMessage = "no answer within \(perHost * hosts) s"
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
