import Hummingbird

extension Router where Context == ServiceRequestContext {
    /// A router with the middleware stack every service shares, outermost first: the shutdown drain's
    /// `Connection: close` (with a `drain`), CORS, metrics, request logging, error mapping, session, the query-string
    /// text rule. Routes added afterwards get all of them; `routes` records what is registered.
    public static func service(
        routes: RouteTable, tokens: TokenService, corsOrigins: [String], drain: ShutdownDrain? = nil,
        revocations: SessionRevocations? = nil
    ) -> Router<ServiceRequestContext> {
        ServiceMetrics.bootstrap()
        let router = Router(context: ServiceRequestContext.self)
        if let drain { router.add(middleware: ShutdownDrainMiddleware(drain: drain)) }
        router.add(middleware: CORSMiddleware(allowedOrigins: corsOrigins))
        router.add(middleware: RequestMetricsMiddleware())
        router.add(middleware: LogRequestsMiddleware(.debug, includeHeaders: .none))
        router.add(middleware: ErrorMiddleware(routes: routes))
        router.add(middleware: SessionMiddleware(tokens: tokens, revocations: revocations))
        router.add(middleware: QueryTextMiddleware())
        return router
    }
}
