/// The booking service's OpenAPI document, served at `/openapi.json`.
enum BookingOpenAPI {
    static let document = #"{"openapi": "3.1.0", "info": {"title": "Booking Service", "version": "1.0.0"}, "paths": {}}"#
}
