/// A Lua script run with EVALSHA; its SHA-1 is computed locally, so no SCRIPT LOAD round trip is needed.
/// `RedisClient.eval(_:keys:arguments:)` falls back to EVAL (which also caches it) on NOSCRIPT.
public struct RedisScript: Sendable, Hashable {
    public let source: String
    /// Lowercase hex SHA-1 of `source`, as Redis names scripts.
    public let sha1: String

    public init(_ source: String) {
        self.source = source
        self.sha1 = SHA1.hexDigest(source)
    }
}
