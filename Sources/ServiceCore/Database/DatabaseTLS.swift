import PostgresNIO

/// How a connection uses TLS, in libpq's `sslmode` terms, so a setting resolved by libpq (mscli) means the same to
/// PostgresNIO. `allow` has no PostgresNIO equivalent: its resolver picks `disable` or `require` by what libpq
/// settled on.
public enum DatabaseTLS: Sendable, Equatable {
    /// Plain TCP.
    case disable
    /// TLS when the server offers it, else plain; the certificate is not checked (libpq's `prefer`).
    case prefer
    /// TLS or no connection; the certificate is not checked (libpq's `require` without a root certificate file).
    case require
    /// TLS; the server's certificate must chain to `rootCertificates` (a PEM file; nil: the system's trust store);
    /// the host name is not checked (libpq's `verify-ca`).
    case verifyCA(rootCertificates: String?)
    /// `verifyCA`, and the certificate must name the host (libpq's `verify-full`).
    case verifyFull(rootCertificates: String?)

    /// The libpq `sslmode` this mode corresponds to (for messages).
    public var sslmode: String {
        switch self {
        case .disable: "disable"
        case .prefer: "prefer"
        case .require: "require"
        case .verifyCA: "verify-ca"
        case .verifyFull: "verify-full"
        }
    }

    /// NIOSSL's client configuration for this mode; nil for `.disable`.
    var tlsConfiguration: TLSConfiguration? {
        var config = TLSConfiguration.makeClientConfiguration()
        switch self {
        case .disable:
            return nil
        case .prefer, .require:
            config.certificateVerification = .none
        case .verifyCA(let roots):
            config.certificateVerification = .noHostnameVerification
            if let roots { config.trustRoots = .file(roots) }
        case .verifyFull(let roots):
            config.certificateVerification = .fullVerification
            if let roots { config.trustRoots = .file(roots) }
        }
        return config
    }

    var clientTLS: PostgresClient.Configuration.TLS {
        guard let config = tlsConfiguration else { return .disable }
        return self == .prefer ? .prefer(config) : .require(config)
    }

    func connectionTLS() throws -> PostgresConnection.Configuration.TLS {
        guard let config = tlsConfiguration else { return .disable }
        let context = try NIOSSLContext(configuration: config)
        return self == .prefer ? .prefer(context) : .require(context)
    }
}
