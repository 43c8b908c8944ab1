import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// mscli's maintenance connections resolved by libpq, as psql resolves them: `.pgpass`, `pg_service.conf`, PG*
/// variables, `key=value` and multi-host strings; and each kind of failure with its exit code and plain words.
@Suite(.tags(.endToEnd)) struct ConnectionResolutionTests {
    /// The test database as libpq keywords, without the password.
    static func conninfo(_ e2e: EndToEnd, host: String? = nil, port: String? = nil) -> String {
        "host=\(host ?? e2e.db.host) port=\(port ?? String(e2e.db.port)) user=\(e2e.db.username) dbname=\(e2e.db.database)"
    }

    static func password(_ e2e: EndToEnd) throws -> String {
        try #require(e2e.db.password, "the test cluster has a password (scripts/lib/infra.sh)")
    }

    /// A file only its owner reads (libpq ignores a group- or world-readable .pgpass).
    static func privateFile(_ e2e: EndToEnd, _ name: String, _ text: String) throws -> String {
        let url = e2e.home.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        return url.path
    }

    /// `migrate status auth` sees the database; `migrate up` then `--maintenance auth users list` work on it.
    static func expectWorks(_ e2e: EndToEnd, env: [String: String], _ comment: String) async throws {
        let status = try await e2e.mscli("migrate", "status", "auth", env: env)
        #expect(status.status == 0 && status.stdout.contains("pending"), "\(comment): \(status)")
        let up = try await e2e.mscli("migrate", "up", "auth", env: env)
        #expect(up.status == 0, "\(comment): \(up)")
        let list = try await e2e.mscli("auth", "users", "list", "--maintenance", "-o", "json", env: env)
        #expect(list.status == 0, "\(comment): \(list)")
        #expect((try? e2e.json(list) as? [String: Any])?["total"] is Int, "\(comment): \(list)")
    }

    @Test func aPasswordFromPgpassOnly() async throws {
        try await EndToEnd.run { e2e in
            let pgpass = try Self.privateFile(
                e2e, "pgpass", "\(e2e.db.host):\(e2e.db.port):\(e2e.db.database):\(e2e.db.username):\(try Self.password(e2e))\n")
            let url = "postgres://\(e2e.db.username)@\(e2e.db.host):\(e2e.db.port)/\(e2e.db.database)"
            try await Self.expectWorks(e2e, env: ["AUTH_DATABASE_URL": url, "PGPASSFILE": pgpass], "URL + PGPASSFILE")
            let conninfo = try await e2e.mscli("migrate", "status", "auth", env: ["AUTH_DATABASE_URL": Self.conninfo(e2e), "PGPASSFILE": pgpass])
            #expect(conninfo.status == 0 && conninfo.stdout.contains("applied"), "\(conninfo)")

            // No password anywhere: the login is refused (4), and the message says where a password may come from.
            let missing = try await e2e.mscli("migrate", "status", "auth", env: ["AUTH_DATABASE_URL": url])
            #expect(missing.status == 4, "\(missing)")
            #expect(missing.stderr.contains("password") && missing.stderr.contains(".pgpass"), "\(missing)")
        }
    }

    @Test func aServiceFromPgServiceConfOnly() async throws {
        try await EndToEnd.run { e2e in
            let services = try Self.privateFile(
                e2e, "pg_service.conf",
                """
                [authdb]
                host=\(e2e.db.host)
                port=\(e2e.db.port)
                user=\(e2e.db.username)
                password=\(try Self.password(e2e))
                dbname=\(e2e.db.database)

                """)
            try await Self.expectWorks(e2e, env: ["AUTH_DATABASE_URL": "service=authdb", "PGSERVICEFILE": services], "service=authdb")
            // PGSERVICE names the database when no setting does.
            let ambient = try await e2e.mscli("migrate", "status", "auth", env: ["AUTH_DATABASE_URL": "", "PGSERVICE": "authdb", "PGSERVICEFILE": services])
            #expect(ambient.status == 0 && ambient.stdout.contains("applied"), "\(ambient)")

            // A service the file does not define, and a service file that does not exist: bad settings (64).
            let unknown = try await e2e.mscli("migrate", "status", "auth", env: ["AUTH_DATABASE_URL": "service=nosuch", "PGSERVICEFILE": services])
            #expect(unknown.status == 64 && unknown.stderr.contains("nosuch"), "\(unknown)")
            let noFile = try await e2e.mscli(
                "migrate", "status", "auth", env: ["AUTH_DATABASE_URL": "service=authdb", "PGSERVICEFILE": services + ".missing"])
            #expect(noFile.status == 64 && noFile.stderr.contains("not found"), "\(noFile)")
        }
    }

    @Test func pgVariablesOnlyWhenPGDATABASENamesTheDatabase() async throws {
        try await EndToEnd.run { e2e in
            var env = [
                "AUTH_DATABASE_URL": "", "PGHOST": e2e.db.host, "PGPORT": String(e2e.db.port), "PGUSER": e2e.db.username,
                "PGPASSWORD": try Self.password(e2e),
            ]
            // Without PGDATABASE libpq would pick a database named after the user: refused as before, naming the ways.
            let unnamed = try await e2e.mscli("migrate", "status", "auth", env: env)
            #expect(unnamed.status == 64 && unnamed.stderr.contains("AUTH_DATABASE_URL") && unnamed.stderr.contains("PGDATABASE"), "\(unnamed)")
            env["PGDATABASE"] = e2e.db.database
            try await Self.expectWorks(e2e, env: env, "PG* variables")
        }
    }

    @Test func keyValueAndMultiHostStrings() async throws {
        try await EndToEnd.run { e2e in
            let password = try Self.password(e2e)
            try await Self.expectWorks(e2e, env: ["AUTH_DATABASE_URL": Self.conninfo(e2e) + " password=\(password)"], "key=value")
            // The first host refuses; libpq settles on the second, and mscli works on that one.
            let multi = Self.conninfo(e2e, host: "\(e2e.db.host),\(e2e.db.host)", port: "1,\(e2e.db.port)") + " password=\(password)"
            let status = try await e2e.mscli("migrate", "status", "auth", "--auth-database-url", multi)
            #expect(status.status == 0 && status.stdout.contains("applied") && !status.stdout.contains("pending"), "\(status)")
            let uri = "postgres://\(e2e.db.username):\(password)@\(e2e.db.host):1,\(e2e.db.host):\(e2e.db.port)/\(e2e.db.database)"
            let list = try await e2e.mscli("auth", "users", "list", "--maintenance", "--auth-database-url", uri)
            #expect(list.status == 0, "\(list)")

            // A first host that accepts the connection and never answers: after connect_timeout, the second.
            let silent = try SilentListener()
            defer { silent.close() }
            let hung = Self.conninfo(e2e, host: "127.0.0.1,\(e2e.db.host)", port: "\(silent.port),\(e2e.db.port)") + " password=\(password) connect_timeout=2"
            let started = ContinuousClock.now
            let afterHang = try await e2e.mscli("migrate", "status", "auth", "--auth-database-url", hung)
            #expect(afterHang.status == 0 && afterHang.stdout.contains("applied"), "\(afterHang)")
            // Without connect_timeout this would never end. The bound is loose on purpose: in CI's end-to-end pass,
            // beside dozens of other processes, this one run has taken 18.6 s where alone it takes about 3.
            #expect(started.duration(to: .now) < .seconds(60), "\(afterHang)")
            // Only that host: unreachable (5) once its time is up, not a hang.
            let onlyHung = try await e2e.mscli(
                "migrate", "status", "auth", "--auth-database-url", Self.conninfo(e2e, host: "127.0.0.1", port: "\(silent.port)") + " connect_timeout=2")
            #expect(onlyHung.status == 5 && onlyHung.stderr.contains("no answer within 2 s"), "\(onlyHung)")
        }
    }

    @Test func failuresSayWhatWentWrongWithTheirExitCodes() async throws {
        try await EndToEnd.run { e2e in
            let base = "postgres://\(e2e.db.username):\(try Self.password(e2e))@\(e2e.db.host):\(e2e.db.port)/\(e2e.db.database)"

            let bogus = try await e2e.mscli("migrate", "status", "auth", "--auth-database-url", base + "?sslmode=bogus")
            #expect(bogus.status == 64 && bogus.stderr.contains("sslmode") && bogus.stderr.contains("bogus"), "\(bogus)")
            let syntax = try await e2e.mscli("migrate", "status", "auth", "--auth-database-url", "host=\(e2e.db.host) port")
            #expect(syntax.status == 64 && syntax.stderr.hasPrefix("mscli: invalid database setting"), "\(syntax)")

            // The server's reason, its SQLSTATE, exit 4; the password tried is never printed.
            let secret = "Wr0ng-Secret-4711"
            let wrong = "postgres://\(e2e.db.username):\(secret)@\(e2e.db.host):\(e2e.db.port)/\(e2e.db.database)"
            let refused = try await e2e.mscli("migrate", "status", "auth", "--auth-database-url", wrong)
            #expect(refused.status == 4, "\(refused)")
            #expect(refused.stderr.contains("password authentication failed") && refused.stderr.contains("28P01"), "\(refused)")
            #expect(!refused.stderr.contains(secret) && !refused.stdout.contains(secret), "\(refused)")
            let wrongKeyword = try await e2e.mscli("migrate", "status", "auth", "--auth-database-url", Self.conninfo(e2e) + " password='\(secret)'")
            #expect(wrongKeyword.status == 4 && !wrongKeyword.stderr.contains(secret), "\(wrongKeyword)")

            let port = ProcessRunner.freePort()
            let down = try await e2e.mscli("migrate", "status", "auth", "--auth-database-url", Self.conninfo(e2e, port: String(port)))
            #expect(down.status == 5 && down.stderr.hasPrefix("mscli: cannot reach the database"), "\(down)")
            let unknownHost = try await e2e.mscli("migrate", "status", "auth", "--auth-database-url", Self.conninfo(e2e, host: "no-such-host.invalid"))
            #expect(unknownHost.status == 5 && unknownHost.stderr.contains("no-such-host.invalid"), "\(unknownHost)")

            // The test server has no TLS: libpq's words, not a driver's enum name.
            let tls = try await e2e.mscli("migrate", "status", "auth", "--auth-database-url", base + "?sslmode=require")
            #expect(tls.status == 64 && tls.stderr.contains("does not support SSL"), "\(tls)")
            #expect(!tls.stderr.contains("sslUnsupported"), "\(tls)")
            for result in [bogus, syntax, refused, down, unknownHost, tls] {
                #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result)")
            }
        }
    }
}
