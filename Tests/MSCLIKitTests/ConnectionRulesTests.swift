import Testing
@testable import MSCLIKit
import ServiceCore

/// The pure rules around libpq's resolution: what libpq is handed, how its failures are told apart, what is masked.
@Suite struct ConnectionRulesTests {
    @Test func serviceOnlyParametersAreKeptFromLibpq() {
        let (uri, extra) = ConnectionResolver.splitServiceParameters("postgres://u:p@h:5432/db?pool_max=7&sslmode=disable")
        #expect(uri == "postgres://u:p@h:5432/db?sslmode=disable")
        #expect(extra == ["pool_max": "7"])
        #expect(ConnectionResolver.splitServiceParameters("postgres://h/db?pool_max=3").0 == "postgres://h/db")
        // A key=value string is libpq's alone.
        #expect(ConnectionResolver.splitServiceParameters("host=a pool_max=3").0 == "host=a pool_max=3")
    }

    @Test func theServersSQLStateDecidesAndLocationLinesGo() {
        let verbose = """
            connection to server at "127.0.0.1", port 5432 failed: FATAL:  28P01: password authentication failed for user "postgres"
            LOCATION:  auth_failed, auth.c:334

            """
        let (text, state) = ConnectionFailure.serverCode(verbose)
        #expect(state == "28P01")
        #expect(text == #"connection to server at "127.0.0.1", port 5432 failed: password authentication failed for user "postgres" (SQLSTATE 28P01)"#)
        let attempt = LibPQAttempt(options: [:], connected: nil, errorMessage: verbose, needsPassword: false, timedOut: false)
        #expect(ConnectionFailure.classify(attempt, label: "auth", masking: []).status == .refused)
        let noDatabase = LibPQAttempt(
            options: [:], connected: nil, errorMessage: "FATAL:  57P03: the database system is starting up", needsPassword: false,
            timedOut: false)
        #expect(ConnectionFailure.classify(noDatabase, label: "auth", masking: []).status == .unreachable)
    }

    @Test func libpqsOwnFailuresByTheirWords() {
        func status(_ message: String, needsPassword: Bool = false) -> MSCLIKit.ExitStatus {
            ConnectionFailure.classify(
                LibPQAttempt(options: [:], connected: nil, errorMessage: message, needsPassword: needsPassword, timedOut: false),
                label: "x", masking: []
            ).status
        }
        #expect(status(#"invalid sslmode value: "bogus""#) == .usage)
        #expect(status(#"definition of service "nosuch" not found"#) == .usage)
        #expect(status("could not match 2 port numbers to 1 hosts") == .usage)
        #expect(status(#"could not translate host name "x.invalid" to address: Name or service not known"#) == .unreachable)
        #expect(status("connection to server at \"h\", port 1 failed: Connection refused\n\tIs the server running") == .unreachable)
        #expect(status("connection to server at \"h\", port 1 failed: server does not support SSL, but SSL was required") == .usage)
        #expect(status("connection to server at \"h\", port 1 failed: fe_sendauth: no password supplied", needsPassword: true) == .refused)
    }

    @Test func passwordsInASettingAreMasked() {
        let secrets = ConnectionResolver.secrets(in: "postgres://ops:s%40cret-1@h/db") + ConnectionResolver.secrets(in: "host=h password='pa ss'")
        #expect(secrets.contains("s@cret-1") && secrets.contains("pa ss"))
        #expect(ConnectionResolver.oneLine("bad: s@cret-1\nand pa ss", masking: secrets) == "bad: ***; and ***")
    }

    @Test func sslmodeMeansWhatItMeansToLibpq() {
        let resolver = ConnectionResolver(environment: ["HOME": "/nonexistent"])
        #expect(resolver.tls(sslmode: "disable", rootCertificate: nil, sslInUse: false) == .disable)
        #expect(resolver.tls(sslmode: "allow", rootCertificate: nil, sslInUse: true) == .require)
        #expect(resolver.tls(sslmode: "allow", rootCertificate: nil, sslInUse: false) == .disable)
        #expect(resolver.tls(sslmode: "prefer", rootCertificate: nil, sslInUse: false) == .prefer)
        #expect(resolver.tls(sslmode: "require", rootCertificate: nil, sslInUse: true) == .require)
        #expect(resolver.tls(sslmode: "require", rootCertificate: "/ca.pem", sslInUse: true) == .verifyCA(rootCertificates: "/ca.pem"))
        #expect(resolver.tls(sslmode: "verify-full", rootCertificate: "/ca.pem", sslInUse: true) == .verifyFull(rootCertificates: "/ca.pem"))
    }
}
