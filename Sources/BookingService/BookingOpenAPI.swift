import ServiceCore

/// The booking service's OpenAPI document: `openapi.yaml` beside this file, embedded at build time and served as JSON
/// at `/openapi.json`. `BookingOpenAPIDriftTests` fails when a route is added, removed or changes shape without the
/// file following.
///
/// Path parameters are named as `BookingController` registers them. Two pairs of paths differ only in their
/// parameter's name (`/booking/seats/{theater_id}` GET and `/booking/seats/{seat_id}` DELETE;
/// `/booking/booking_seats/{showing_id}` GET and `/booking/booking_seats/{booking_seat_id}` DELETE), as in the seed.
enum BookingOpenAPI {
    /// The `tz` zones are this machine's (`Timestamps.timeZoneNames`), so the file leaves `TimeZone`'s enum out.
    static func json() throws -> String {
        try OpenAPIDocument.json(yaml: PackageResources.openapi_yaml, enums: ["TimeZone": Timestamps.timeZoneNames])
    }
}
