/// Where and how to connect, and the limits the client enforces.
public struct RedisConfiguration: Sendable, Hashable {
    public var host: String
    public var port: Int
    /// ACL user for `AUTH user password`; nil sends `AUTH password` (the `default` user).
    public var username: String?
    public var password: String?
    public var database: Int
    public var connectTimeout: Duration
    /// Deadline for each command's reply. A command that misses it fails with `.timeout` and its
    /// connection is closed, because later replies on that stream could no longer be matched.
    public var commandTimeout: Duration
    /// Maximum number of connections `RedisClient` opens; each one pipelines many commands.
    public var poolSize: Int
    /// Delay between connection attempts after failures (pool and subscriber).
    public var reconnectBackoff: RedisBackoff

    public init(
        host: String = "127.0.0.1",
        port: Int = 6379,
        username: String? = nil,
        password: String? = nil,
        database: Int = 0,
        connectTimeout: Duration = .seconds(2),
        commandTimeout: Duration = .seconds(2),
        poolSize: Int = 4,
        reconnectBackoff: RedisBackoff = RedisBackoff()
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.poolSize = poolSize
        self.reconnectBackoff = reconnectBackoff
    }

    /// Parses `redis://[[user]:password@]host[:port][/db]`; user and password may be percent-encoded,
    /// an IPv6 host is written in brackets. Timeouts and pool size keep their defaults.
    public init(url: String) throws {
        let schemeSeparator = "://"
        guard let schemeEnd = url.firstRange(of: schemeSeparator) else {
            throw RedisError.invalidConfiguration("missing scheme in \(url.redactingPassword)")
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "redis" else {
            throw RedisError.invalidConfiguration("unsupported scheme '\(scheme)' (only redis:// is supported)")
        }
        var rest = url[schemeEnd.upperBound...]
        guard !rest.contains("?"), !rest.contains("#") else {
            throw RedisError.invalidConfiguration("query and fragment are not supported in \(url.redactingPassword)")
        }

        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }

        var username: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            guard let colon = userInfo.firstIndex(of: ":") else {
                throw RedisError.invalidConfiguration("user info needs a password: use redis://[user]:password@host")
            }
            let user = try Self.percentDecode(userInfo[..<colon])
            username = user.isEmpty ? nil : user
            password = try Self.percentDecode(userInfo[userInfo.index(after: colon)...])
        }

        let host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else {
                throw RedisError.invalidConfiguration("unterminated IPv6 address in \(url.redactingPassword)")
            }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let afterBracket = rest[rest.index(after: close)...]
            if !afterBracket.isEmpty {
                guard afterBracket.hasPrefix(":") else {
                    throw RedisError.invalidConfiguration("unexpected text after IPv6 address in \(url.redactingPassword)")
                }
                portText = afterBracket.dropFirst()
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
        }
        guard !host.isEmpty else {
            throw RedisError.invalidConfiguration("missing host in \(url.redactingPassword)")
        }

        var port = 6379
        if let portText {
            guard let parsed = Int(portText), (1...65535).contains(parsed) else {
                throw RedisError.invalidConfiguration("invalid port '\(portText)'")
            }
            port = parsed
        }

        var database = 0
        if !path.isEmpty {
            guard let parsed = Int(path), parsed >= 0 else {
                throw RedisError.invalidConfiguration("invalid database '\(path)'")
            }
            database = parsed
        }

        self.init(host: String(host), port: port, username: username, password: password, database: database)
    }

    private static func percentDecode(_ text: Substring) throws -> String {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue) else {
                throw RedisError.invalidConfiguration("invalid percent-encoding in user info")
            }
            bytes.append(high << 4 | low)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension String {
    /// The URL with the password part of its user info replaced, for error messages and logs.
    fileprivate var redactingPassword: String {
        guard let schemeEnd = self.firstRange(of: "://"), let at = self.lastIndex(of: "@"), at > schemeEnd.upperBound,
            let colon = self[schemeEnd.upperBound..<at].firstIndex(of: ":")
        else { return self }
        return String(self[..<self.index(after: colon)]) + "***" + String(self[at...])
    }
}
