import Foundation
import ServiceCore

/// Resolves a maintenance connection setting as psql does, with libpq itself: a `postgres://` URI, a `key=value`
/// conninfo string (`service=auth`, `host=a,b port=5432,5433 target_session_attrs=read-write dbname=x`) or nothing,
/// completed from PG* variables, `.pgpass`/PGPASSFILE and `pg_service.conf`/PGSERVICE/PGSERVICEFILE. libpq connects
/// once (to settle multi-host strings and to check the login), hands over what it resolved, and closes; the service
/// libraries then connect through PostgresNIO with the ``DatabaseSettings`` returned.
struct ConnectionResolver {
    /// URL parameters the services read that libpq does not know (it refuses unknown ones): removed before libpq
    /// reads the URL and applied to the settings afterwards.
    static let serviceOnlyParameters: Set<String> = ["pool_max", "pool_min"]
    /// Seconds per host when neither the setting nor PGCONNECT_TIMEOUT bounds the attempt.
    static let defaultConnectTimeout = 10

    var environment: [String: String]

    /// Whether libpq's defaults may stand in for a missing setting: only when the operator named a database
    /// (PGDATABASE or PGSERVICE). Otherwise libpq would pick a database named after the user, and a migration would
    /// write a service's tables there.
    var namesDatabase: Bool {
        ["PGDATABASE", "PGSERVICE"].contains { !(environment[$0] ?? "").isEmpty }
    }

    /// `value` resolved by libpq, or nil when there is no value and the environment names no database.
    /// `label` names the database in messages ("auth", "food shard 1").
    func resolve(_ value: String?, label: String) throws -> DatabaseSettings? {
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmed.isEmpty {
            guard namesDatabase else { return nil }
            return try resolve(conninfo: nil, label: label)
        }
        return try resolve(conninfo: trimmed, label: label)
    }

    private func resolve(conninfo raw: String?, label: String) throws -> DatabaseSettings {
        var conninfo: String?
        var extra: [String: String] = [:]
        if let raw { (conninfo, extra) = Self.splitServiceParameters(raw) }
        let secrets = Self.secrets(in: raw ?? "") + [environment["PGPASSWORD"]].compactMap { $0 }
        if let conninfo, let error = LibPQAttempt.parseError(conninfo) {
            throw CLIError.usage("invalid database setting for \(label): \(Self.oneLine(error, masking: secrets))")
        }
        let attempt = LibPQAttempt.attempt(conninfo, defaultConnectTimeout: Self.defaultConnectTimeout)
        guard let connected = attempt.connected else {
            throw ConnectionFailure.classify(attempt, label: label, masking: secrets + [attempt.options["password"]].compactMap { $0 })
        }
        var settings = DatabaseSettings(
            host: connected.host, port: connected.port, username: connected.user, password: connected.password,
            database: connected.database)
        if connected.host.hasPrefix("/") {
            settings.unixSocketPath = "\(connected.host)/.s.PGSQL.\(connected.port)"
        }
        settings.tls = tls(sslmode: attempt.options["sslmode"] ?? "prefer", rootCertificate: attempt.options["sslrootcert"], sslInUse: connected.sslInUse)
        if let seconds = attempt.options["connect_timeout"].flatMap(Int.init), seconds > 0 { settings.connectTimeout = .seconds(seconds) }
        if let max = extra["pool_max"].flatMap(Int.init), max > 0 { settings.maximumConnections = max }
        // A run of mscli is short: no connection is kept open for later (pool_min is the services' setting).
        settings.minimumConnections = 0
        return settings
    }

    /// libpq's sslmode as PostgresNIO's TLS. `allow` and `prefer` keep libpq's meaning (`allow` as what libpq
    /// settled on); `require` checks the certificate against a root certificate file when one exists, as libpq does
    /// (sslrootcert, else ~/.postgresql/root.crt), and `verify-ca`/`verify-full` trust that file's roots.
    func tls(sslmode: String, rootCertificate: String?, sslInUse: Bool) -> DatabaseTLS {
        let roots: String? = {
            if let rootCertificate, !rootCertificate.isEmpty { return rootCertificate }
            let path = (environment["HOME"] ?? NSHomeDirectory()) + "/.postgresql/root.crt"
            return FileManager.default.fileExists(atPath: path) ? path : nil
        }()
        switch sslmode {
        case "disable": return .disable
        case "allow": return sslInUse ? .require : .disable
        case "require": return roots.map { .verifyCA(rootCertificates: $0) } ?? .require
        case "verify-ca": return .verifyCA(rootCertificates: roots)
        case "verify-full": return .verifyFull(rootCertificates: roots)
        default: return .prefer
        }
    }

    /// Removes ``serviceOnlyParameters`` from a URI's query; a `key=value` string is handed over unchanged.
    static func splitServiceParameters(_ value: String) -> (String, [String: String]) {
        guard value.hasPrefix("postgres://") || value.hasPrefix("postgresql://"),
            let question = value.firstIndex(of: "?")
        else { return (value, [:]) }
        var kept: [Substring] = []
        var extra: [String: String] = [:]
        for pair in value[value.index(after: question)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if let key = parts.first, serviceOnlyParameters.contains(String(key)) {
                extra[String(key)] = parts.count > 1 ? String(parts[1]) : ""
            } else {
                kept.append(pair)
            }
        }
        let base = String(value[..<question])
        return (kept.isEmpty ? base : base + "?" + kept.joined(separator: "&"), extra)
    }

    /// Passwords written in a setting (URI userinfo, `password=`), to mask in anything printed.
    static func secrets(in value: String) -> [String] {
        var found: [String] = []
        if let options = LibPQAttempt.explicitOptions(value), let password = options["password"], !password.isEmpty {
            found.append(password)
        }
        // Also when the string does not parse: `scheme://user:PASSWORD@`, `password=PASSWORD`.
        for pattern in [#"://[^:/@]*:([^@]*)@"#, #"password\s*=\s*'((?:[^'\\]|\\.)*)'"#, #"password\s*=\s*([^\s']\S*)"#] {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            for match in regex.matches(in: value, range: NSRange(value.startIndex..., in: value)) {
                if let range = Range(match.range(at: 1), in: value), !value[range].isEmpty {
                    found.append(String(value[range]))
                    found.append(String(value[range]).removingPercentEncoding ?? "")
                }
            }
        }
        return found.filter { !$0.isEmpty }
    }

    /// libpq's text on one line (lines joined with "; "), each secret replaced by `***`.
    static func oneLine(_ text: String, masking secrets: [String]) -> String {
        var line = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: "; ")
        // Longest first, so a password containing another is masked whole; very short ones would mask ordinary words.
        for secret in secrets.sorted(by: { $0.count > $1.count }) where secret.count >= 3 {
            line = line.replacingOccurrences(of: secret, with: "***")
        }
        return line
    }
}
