import ServiceCore

extension DatabaseSettings {
    /// libpq's connection string for these settings (for a ``PipelinePool``), or nil where libpq cannot say the same
    /// thing: a certificate check against the system's trust store (`sslrootcert=system` needs libpq 16; Debian 12
    /// ships 15), or a Unix socket path that is not PostgreSQL's `.s.PGSQL.<port>` file. The caller then keeps every
    /// query on PostgresNIO.
    ///
    /// Every option is given, so no `PG*` variable of the environment changes where the pool connects. TCP keepalives
    /// notice a server gone without a reset within about 20 s (the pool's own limit on an unanswered query is
    /// shorter).
    public var pipelineConninfo: String? {
        var options: [(String, String)] = []
        if let unixSocketPath {
            let parts = unixSocketPath.split(separator: "/", omittingEmptySubsequences: false)
            guard let file = parts.last, file.hasPrefix(".s.PGSQL."), let socketPort = Int(file.dropFirst(".s.PGSQL.".count)) else {
                return nil
            }
            let directory = parts.dropLast().joined(separator: "/")
            options.append(("host", directory.isEmpty ? "/" : directory))
            options.append(("port", String(socketPort)))
            options.append(("sslmode", "disable"))
        } else {
            options.append(("host", host))
            options.append(("port", String(port)))
            switch tls {
            case .disable, .prefer, .require:
                options.append(("sslmode", tls.sslmode))
            case .verifyCA(let roots?), .verifyFull(let roots?):
                options.append(("sslmode", tls.sslmode))
                options.append(("sslrootcert", roots))
            case .verifyCA(nil), .verifyFull(nil):
                return nil
            }
        }
        options.append(("user", username))
        if let password { options.append(("password", password)) }
        options.append(("dbname", database))
        options.append(("connect_timeout", String(max(1, Int(connectTimeout.components.seconds)))))
        options.append(("application_name", "pipeline"))
        options.append(("keepalives", "1"))
        options.append(("keepalives_idle", "10"))
        options.append(("keepalives_interval", "3"))
        options.append(("keepalives_count", "3"))
        return options.map { "\($0.0)=\(Self.conninfoValue($0.1))" }.joined(separator: " ")
    }

    /// A value in libpq's `key=value` syntax: single-quoted, with `\` and `'` escaped.
    static func conninfoValue(_ value: String) -> String {
        var quoted = "'"
        for character in value {
            if character == "\\" || character == "'" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "'"
    }
}
