import Hummingbird
import Logging

/// The request context every service uses: Hummingbird's core storage plus the caller the session cookie identifies.
public struct ServiceRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``SessionMiddleware`` when the request carries a valid `access_token` cookie.
    public var identity: AuthenticatedUser?
    /// Whether a cookie was present but did not verify (the seed answers "Invalid token" rather than "Not authorised").
    public var sessionRejected = false

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// The caller, or the seed's 401s: `Not authorised` without a cookie, `Invalid token` with a bad one.
    public func requireUser() throws -> AuthenticatedUser {
        if let identity { return identity }
        throw APIError.unauthorized(sessionRejected ? "Invalid token" : "Not authorised")
    }
}
