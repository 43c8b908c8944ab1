import Hummingbird
import NIOCore
import Logging

/// The request context every service uses: Hummingbird's core storage plus the caller the session cookie identifies.
public struct ServiceRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``SessionMiddleware`` when the request carries a valid `access_token` cookie.
    public var identity: AuthenticatedUser?
    /// Whether a cookie was present but did not verify (the seed answers "Invalid token" rather than "Not authorised").
    public var sessionRejected = false
    /// The TCP peer (a proxy's address behind a gateway).
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// The caller, or the seed's 401s: `Not authorised` without a cookie, `Invalid token` with a bad one.
    public func requireUser() throws -> AuthenticatedUser {
        if let identity { return identity }
        throw APIError.unauthorized(sessionRejected ? "Invalid token" : "Not authorised")
    }
}
