import AsyncHTTPClient
import BookingService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import ServiceCore
import Testing
import TestSupport

/// `/openapi.json` must describe what the code does: the same routes, path parameters named as in the path, and
/// responses of the documented shape.
@Suite struct BookingOpenAPIDriftTests {
    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// The routes `buildRouter` registers and the document that router serves (no request touches the database).
    static func routesAndDocument() async throws -> (routes: [RouteTable.Entry], document: [String: Any]) {
        let config = BookingConfiguration(database: try TestDatabase.admin(), tokenSecret: BookingHarness.secret)
        let routes = RouteTable()
        let text = try await PostgresClient.withClient(try TestDatabase.admin(), logger: TestDatabase.logger) { client in
            let router = try await BookingService.buildRouter(config, client: client, engine: nil, pageClient: .shared, routes: routes, logger: TestDatabase.logger)
            return try await Application(router: router).test(.router) { http in
                let response = try await http.execute(uri: "/openapi.json", method: .get)
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
        }
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object")
        return (routes.all, document)
    }

    static func normalise(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    static func parsed(_ reply: Reply) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(reply.text.utf8), options: [.fragmentsAllowed])
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() async throws {
        let (routes, doc) = try await Self.routesAndDocument()
        #expect(doc["openapi"] as? String == "3.1.0")
        let info = doc["info"] as? [String: Any]
        #expect(info?["title"] as? String == "Booking Service" && info?["version"] as? String == BookingService.version)
        let registered = Set(routes.map { "\($0.method) \(Self.normalise($0.path))" })
        let paths = try #require(doc["paths"] as? [String: [String: Any]])
        let documented = Set(
            paths.flatMap { path, item in
                item.keys.filter(Self.methods.contains).map { "\($0.uppercased()) \(Self.normalise(path))" }
            })
        #expect(!registered.isEmpty)
        #expect(registered.subtracting(documented).isEmpty, "registered but not documented: \(registered.subtracting(documented).sorted())")
        #expect(documented.subtracting(registered).isEmpty, "documented but not registered: \(documented.subtracting(registered).sorted())")
    }

    @Test func pathParametersMatchThePathAndEveryReferenceResolves() async throws {
        let (_, doc) = try await Self.routesAndDocument()
        let validator = OpenAPISchemaValidator(document: doc)
        #expect(validator.unresolvedReferences().isEmpty, "unresolved $ref: \(validator.unresolvedReferences())")
        let paths = try #require(doc["paths"] as? [String: [String: Any]])
        for (path, item) in paths {
            let templated = path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
            #expect(Set(templated).count == templated.count, "\(path) repeats a parameter")
            let shared = (item["parameters"] as? [[String: Any]] ?? []).map(validator.resolved)
            for (method, operation) in item where Self.methods.contains(method) {
                let own = ((operation as? [String: Any])?["parameters"] as? [[String: Any]] ?? []).map(validator.resolved)
                // An operation's parameter replaces a path-level one of the same name and location.
                var byKey: [String: [String: Any]] = [:]
                for parameter in shared + own {
                    byKey["\(parameter["in"] as? String ?? "?") \(parameter["name"] as? String ?? "?")"] = parameter
                }
                let inPath = byKey.values.filter { $0["in"] as? String == "path" }
                let names = inPath.compactMap { $0["name"] as? String }
                #expect(Set(names) == Set(templated), "\(method) \(path): path parameters \(names.sorted()), path has \(templated.sorted())")
                for parameter in inPath where parameter["required"] as? Bool != true {
                    #expect(Bool(false), "\(method) \(path): path parameter \(parameter["name"] ?? "?") must be required")
                }
                let queries = (shared + own).filter { $0["in"] as? String == "query" }.compactMap { $0["name"] as? String }
                #expect(Set(queries).count == queries.count, "\(method) \(path): query parameters repeat: \(queries.sorted())")
            }
        }
    }

    @Test func responsesMatchTheirDocumentedSchemas() async throws {
        try await BookingHarness.run { api in
            let doc = try #require(Self.parsed(try await api.call(.get, "/openapi.json", as: nil)) as? [String: Any])
            let validator = OpenAPISchemaValidator(document: doc)
            let admin = try await api.session(.admin)
            let alice = try await api.session(.user)
            let bob = try await api.session(.user)
            let stranger = Session(id: UUID(), token: "not-a-token")
            let c = try await api.catalogue(admin: admin)
            let theater = "/booking/theaters/\(c.theaterID)"
            let body: [String: Any] = ["name": "Second", "location": "Mall", "address": "2 Road", "city": "Pune"]

            // Alice holds and books A1 and A2; Bob then holds B1 and finds A1 taken.
            for seat in ["A1", "A2"] {
                let hold = try await api.call(.post, "/booking/booking_seats/lock", body: ["showing_id": c.showingID, "seat_id": c.seats[seat]!], as: alice)
                #expect(hold.status == 201, "\(hold.text)")
            }
            let booking = try await api.call(
                .post, "/booking/bookings", body: ["showing_id": c.showingID, "seats_ids": [c.seats["A1"]!, c.seats["A2"]!]], as: alice)
            let bookingID = try #require(booking.id, "\(booking.text)")
            let hold = try await api.call(.post, "/booking/booking_seats/lock", body: ["showing_id": c.showingID, "seat_id": c.seats["B1"]!], as: bob)

            let cases: [(String, String, String, Reply)] = [
                ("/", "get", "200", try await api.call(.get, "/", as: nil)),
                ("/booking/theaters", "post", "201", try await api.call(.post, "/booking/theaters", body: body, as: admin)),
                ("/booking/theaters", "post", "403", try await api.call(.post, "/booking/theaters", body: body, as: alice)),
                ("/booking/theaters", "post", "422", try await api.call(.post, "/booking/theaters", body: ["name": "x"], as: admin)),
                ("/booking/theaters", "get", "200", try await api.call(.get, "/booking/theaters?city=pune", as: alice)),
                ("/booking/theaters", "get", "200", try await api.call(.get, "/booking/theaters?name=Second", as: alice)),
                ("/booking/theaters", "get", "422", try await api.call(.get, "/booking/theaters?name=a%00b", as: alice)),
                ("/booking/theaters", "get", "401", try await api.call(.get, "/booking/theaters", as: nil)),
                ("/booking/theaters", "get", "401", try await api.call(.get, "/booking/theaters", as: stranger)),
                ("/booking/theaters/{theater_id}", "get", "200", try await api.call(.get, theater, as: alice)),
                ("/booking/theaters/{theater_id}", "get", "404", try await api.call(.get, "/booking/theaters/\(UUID())", as: alice)),
                ("/booking/theaters/{theater_id}", "get", "422", try await api.call(.get, "/booking/theaters/not-a-uuid", as: alice)),
                ("/booking/theaters/{theater_id}", "patch", "200", try await api.call(.patch, theater, body: ["description": NSNull()], as: admin)),
                ("/booking/theaters/{theater_id}", "patch", "422", try await api.call(.patch, theater, body: ["seats": 3], as: admin)),
                ("/booking/theaters/{theater_id}", "delete", "409", try await api.call(.delete, theater, as: admin)),
                ("/booking/movies", "get", "200", try await api.call(.get, "/booking/movies", as: alice)),
                ("/booking/movies", "get", "200", try await api.call(.get, "/booking/movies?title=film", as: alice)),
                ("/booking/movies/{movie_id}", "get", "200", try await api.call(.get, "/booking/movies/\(c.movieID)", as: alice)),
                ("/booking/showings", "get", "200", try await api.call(.get, "/booking/showings?theater_id=\(c.theaterID)", as: alice)),
                ("/booking/showings", "get", "403", try await api.call(.get, "/booking/showings?include_expired=true", as: alice)),
                ("/booking/showings/{showing_id}", "get", "200", try await api.call(.get, "/booking/showings/\(c.showingID)", as: alice)),
                ("/booking/showings/{theater_id}/{movie_id}", "get", "200",
                 try await api.call(.get, "/booking/showings/\(c.theaterID)/\(c.movieID)", as: alice)),
                ("/booking/seats/{theater_id}", "get", "200", try await api.call(.get, "/booking/seats/\(c.theaterID)", as: alice)),
                ("/booking/seats/{theater_id}/initialize", "post", "409",
                 try await api.call(.post, "/booking/seats/\(c.theaterID)/initialize", as: admin)),
                ("/booking/seats/{seat_id}", "delete", "204", try await api.call(.delete, "/booking/seats/\(c.seats["C4"]!)", as: admin)),
                ("/booking/booking_seats/lock", "post", "201", hold),
                ("/booking/booking_seats/lock", "post", "409",
                 try await api.call(.post, "/booking/booking_seats/lock", body: ["showing_id": c.showingID, "seat_id": c.seats["B1"]!], as: alice)),
                ("/booking/booking_seats/{showing_id}", "get", "200", try await api.call(.get, "/booking/booking_seats/\(c.showingID)", as: alice)),
                ("/booking/booking_seats/{showing_id}/map", "get", "200",
                 try await api.call(.get, "/booking/booking_seats/\(c.showingID)/map", as: alice)),
                ("/booking/bookings", "post", "201", booking),
                ("/booking/bookings", "post", "409",
                 try await api.call(.post, "/booking/bookings", body: ["showing_id": c.showingID, "seats_ids": [c.seats["A1"]!, c.seats["B2"]!]], as: bob)),
                ("/booking/bookings", "post", "422",
                 try await api.call(.post, "/booking/bookings", body: ["showing_id": c.showingID, "seats_ids": [String]()], as: bob)),
                ("/booking/bookings", "get", "200", try await api.call(.get, "/booking/bookings", as: alice)),
                ("/booking/bookings", "get", "200",
                 try await api.call(.get, "/booking/bookings?booking_number=\(booking.json["booking_number"] as? String ?? "")", as: alice)),
                ("/booking/bookings/{booking_id}", "get", "200", try await api.call(.get, "/booking/bookings/\(bookingID)", as: alice)),
                ("/booking/bookings/{booking_id}", "get", "404", try await api.call(.get, "/booking/bookings/\(bookingID)", as: bob)),
                ("/booking/bookings/{booking_id}/cancel", "post", "200",
                 try await api.call(.post, "/booking/bookings/\(bookingID)/cancel", as: alice)),
                ("/booking/bookings/{booking_id}/cancel", "post", "409",
                 try await api.call(.post, "/booking/bookings/\(bookingID)/cancel", as: alice)),
                ("/booking/search", "get", "200", try await api.call(.get, "/booking/search?query=film", as: alice)),
                ("/booking/search", "get", "422", try await api.call(.get, "/booking/search", as: alice)),
                ("/booking/search/status", "get", "200", try await api.call(.get, "/booking/search/status", as: admin)),
                ("/booking/search/status", "get", "403", try await api.call(.get, "/booking/search/status", as: alice)),
                ("/health", "get", "200", try await api.call(.get, "/health", as: nil)),
                ("/ready", "get", "200", try await api.call(.get, "/ready", as: nil)),
            ]
            for (path, method, status, reply) in cases {
                #expect(String(reply.status) == status, "\(method) \(path): \(reply.text)")
                let problems = validator.validate(Self.parsed(reply), path: path, method: method, status: status)
                #expect(problems.isEmpty, "\(method) \(path) \(status): \(problems)")
            }

            // A full page carries the documented Link header.
            let page = try await api.call(.get, "/booking/movies?limit=1", as: alice)
            #expect(page.headers[HTTPField.Name("Link")!]?.hasSuffix("rel=\"next\"") == true, "\(page.headers)")
            #expect(validator.documentsHeader("Link", path: "/booking/movies", method: "get", status: "200"))
        }
    }
}
