import Hummingbird
import Metrics
import Prometheus
import Synchronization

/// The process-wide Prometheus registry behind swift-metrics. swift-metrics can be bootstrapped once per process, so
/// every application built in the process (tests build many) shares this one.
public enum ServiceMetrics {
    private static let bootstrapped = Mutex(false)
    public static let registry = PrometheusCollectorRegistry()

    /// Installs the Prometheus factory unless it already is. Hummingbird's metric names are mapped to Prometheus
    /// conventions (`http_server_requests_total`, `http_server_request_duration_seconds`).
    public static func bootstrap() {
        bootstrapped.withLock { done in
            guard !done else { return }
            var factory = PrometheusMetricsFactory(registry: registry)
            factory.nameAndLabelSanitizer = { name, labels in
                let renamed: String =
                    switch name {
                    case "hb.requests": "http_server_requests_total"
                    case "hb.request.errors": "http_server_request_errors_total"
                    case "http.server.request.duration": "http_server_request_duration_seconds"
                    case "http.server.active_requests": "http_server_active_requests"
                    default: name
                    }
                let relabelled = labels.map { key, value in
                    let k: String =
                        switch key {
                        case "http.route": "route"
                        case "http.request.method": "method"
                        case "http.response.status_code": "status"
                        default: key
                        }
                    return (k, value)
                }
                return (renamed, relabelled)
            }
            MetricsSystem.bootstrap(factory)
            done = true
        }
    }
}

extension Router where Context == ServiceRequestContext {
    /// `GET /metrics` in the Prometheus text format.
    public func addMetricsRoute(in table: RouteTable) {
        add(.get, "/metrics", in: table) { _, _ in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(4096)
            ServiceMetrics.registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }
}
