import RedisClient

/// GCRA decided atomically inside Redis: one script call per request (EVALSHA, EVAL on NOSCRIPT),
/// timed by the Redis server's clock (`TIME`), so every instance shares one count and clock skew
/// between instances does not matter. State lives at `<keyPrefix>:<policy name>:<key>` and expires
/// once the key's quota is full again.
public struct RedisRateLimiter: TimeBoundedRateLimiter {
    /// KEYS[1]: the TAT in microseconds of Redis time. ARGV[1]: interval (µs), ARGV[2]: limit.
    /// Returns {allowed (0/1), remaining, retry_after_us (-1 when allowed), reset_after_us}.
    static let script = RedisScript(
        """
        if redis.replicate_commands then redis.replicate_commands() end
        local interval = tonumber(ARGV[1])
        local limit = tonumber(ARGV[2])
        local capacity = interval * limit
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        local tat = tonumber(redis.call('GET', KEYS[1])) or now
        if tat < now then tat = now end
        local new_tat = tat + interval
        local allow_at = new_tat - capacity
        if now < allow_at then
          return {0, 0, allow_at - now, tat - now}
        end
        redis.call('SET', KEYS[1], string.format('%d', new_tat), 'PX', string.format('%d', math.ceil((new_tat - now) / 1000)))
        return {1, math.floor((capacity - (new_tat - now)) / interval), -1, new_tat - now}
        """
    )

    private static let microsecondsPerSecond: Int64 = 1_000_000
    private let client: RedisClient
    private let keyPrefix: String

    public init(client: RedisClient, keyPrefix: String = "ratelimit") {
        self.client = client
        self.keyPrefix = keyPrefix
    }

    /// The Redis key holding `key`'s state under `policy`.
    public func storageKey(for key: String, policy: RateLimitPolicy) -> String {
        "\(self.keyPrefix):\(policy.name):\(key)"
    }

    public func acquire(key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision {
        try await self.acquire(key: key, policy: policy, timeout: nil)
    }

    /// Within `timeout` (the wait for a connection included), else `RedisError.timeout`.
    public func acquire(key: String, policy: RateLimitPolicy, timeout: Duration) async throws -> RateLimitDecision {
        try await self.acquire(key: key, policy: policy, timeout: Optional(timeout))
    }

    private func acquire(key: String, policy: RateLimitPolicy, timeout: Duration?) async throws -> RateLimitDecision {
        let gcra = GCRA(policy: policy, unitsPerSecond: Self.microsecondsPerSecond)
        let keys = [self.storageKey(for: key, policy: policy)]
        let arguments = [String(gcra.interval), String(policy.limit)]
        let reply =
            if let timeout {
                try await self.client.eval(Self.script, keys: keys, arguments: arguments, timeout: timeout)
            } else {
                try await self.client.eval(Self.script, keys: keys, arguments: arguments)
            }
        guard let values = reply.array?.compactMap({ $0.int }), values.count == 4 else {
            throw RedisError.protocolError("unexpected rate limit script reply \(reply)")
        }
        let allowed = values[0] == 1
        return RateLimitDecision(
            allowed: allowed,
            limit: policy.limit,
            remaining: values[1],
            resetAfter: gcra.seconds(Int64(values[3])),
            retryAfter: allowed ? nil : gcra.seconds(Int64(values[2]))
        )
    }
}
