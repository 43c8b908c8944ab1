import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HTTPTypes
import Hummingbird

/// The trusted-proxy rules every service shares (the food service's rate limits, the auth service's login
/// throttling): the client is the TCP peer, unless the peer is a trusted proxy (the gateway), in which case it is the
/// nearest untrusted address of `X-Forwarded-For`, walking from the right past the trusted proxies a request passed
/// through. Addresses a client writes into the header itself are never believed over the proxy's own entry.
public enum ClientAddress {
    public static func resolve(_ request: Request, _ context: ServiceRequestContext, trustedProxies: [IPRange]) -> String {
        let peer = context.remoteAddress?.ipAddress ?? "unknown"
        return resolve(peer: peer, forwardedFor: request.headers[values: HTTPField.Name("X-Forwarded-For")!], trustedProxies: trustedProxies)
    }

    public static func resolve(peer: String, forwardedFor: [String], trustedProxies: [IPRange]) -> String {
        guard !trustedProxies.isEmpty, trustedProxies.contains(where: { $0.contains(peer) }) else { return peer }
        let forwarded = forwardedFor
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        for address in forwarded.reversed() where !trustedProxies.contains(where: { $0.contains(address) }) {
            return address
        }
        return forwarded.first ?? peer
    }
}

extension EnvironmentReader {
    /// `TRUSTED_PROXIES`: comma-separated addresses or CIDR ranges whose `X-Forwarded-For` is believed.
    public func trustedProxies() throws -> [IPRange] {
        try (list("TRUSTED_PROXIES") ?? []).map { entry in
            guard let range = IPRange(entry) else {
                throw ConfigurationError("TRUSTED_PROXIES entry \(entry.debugDescription) is not an IP address or CIDR range")
            }
            return range
        }
    }
}

/// An IPv4 or IPv6 address range in CIDR notation (a bare address is a range of one).
public struct IPRange: Sendable, Equatable {
    let bytes: [UInt8]
    let prefix: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard let address = IPRange.parse(String(parts[0])) else { return nil }
        let bits = address.count * 8
        if parts.count == 2 {
            guard let prefix = Int(parts[1]), (0...bits).contains(prefix) else { return nil }
            self.prefix = prefix
        } else {
            self.prefix = bits
        }
        bytes = address
    }

    public func contains(_ text: String) -> Bool {
        guard let address = IPRange.parse(text), address.count == bytes.count else { return false }
        var remaining = prefix
        for (a, b) in zip(address, bytes) where remaining > 0 {
            let take = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - take))
            if a & mask != b & mask { return false }
            remaining -= take
        }
        return true
    }

    static func parse(_ text: String) -> [UInt8]? {
        var trimmed = text
        if trimmed.hasPrefix("::ffff:"), trimmed.contains(".") { trimmed.removeFirst(7) }
        if trimmed.contains(".") {
            let octets = trimmed.split(separator: ".", omittingEmptySubsequences: false).compactMap { UInt8($0) }
            return octets.count == 4 ? octets : nil
        }
        guard trimmed.contains(":") else { return nil }
        var addr = in6_addr()
        guard inet_pton(AF_INET6, trimmed, &addr) == 1 else { return nil }
        return withUnsafeBytes(of: &addr) { Array($0) }
    }
}
