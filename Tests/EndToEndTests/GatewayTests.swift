import AsyncHTTPClient
import Foundation
import NIOHTTP1
import ServiceCore
import Testing
import TestSupport

/// The whole system through the nginx gateway's one port: two auth instances, booking and food behind it; a user signs
/// up, books seats, orders food and hears the order move over the gateway's WebSocket.
@Suite("Gateway (nginx) in front of the services", .serialized, .tags(.endToEnd))
struct GatewayTests {
    @Test(.enabled(if: GatewayProcess.available, "needs nginx (NGINX_BIN; scripts/test installs it)"))
    func aUserBooksSeatsAndOrdersFoodThroughOnePort() async throws {
        try await EndToEnd.run { e2e in
            let running = Running()
            defer { running.stopAll() }
            let (auth1, authURL1) = try await e2e.startAuthService(["--migrate"])
            running.add(auth1)
            let (auth2, authURL2) = try await e2e.startAuthService()
            running.add(auth2)
            try await TestDatabase.with { bookingDB in
                try await TestDatabase.with { foodDB in
                    let (booking, bookingURL) = try await e2e.startBookingService(databaseURL: TestDatabase.url(bookingDB))
                    running.add(booking)
                    let (food, foodURL) = try await e2e.startFoodService(
                        databaseURL: TestDatabase.url(foodDB), env: ["AUTH_SERVICE_URL": authURL1, "TRUSTED_PROXIES": "127.0.0.1"])
                    running.add(food)
                    let gateway = try await GatewayProcess.start(
                        auth: [authURL1, authURL2].map(Self.hostPort), booking: [Self.hostPort(bookingURL)], food: [Self.hostPort(foodURL)])
                    defer { gateway.stop() }
                    do {
                        try await flow(through: gateway.url)
                        try await doctor(e2e, through: gateway.url)
                        // A service that is down: nginx answers 503 (not 502) in the services' JSON shape.
                        await booking.stop()
                        let down = try await Web(http: HTTPClient.shared).call(.GET, gateway.url + "/booking/movies/")
                        #expect(down.status == 503 && down.json["detail"] as? String == "Service unavailable", "\(down.status) \(down.text)")
                    } catch {
                        Issue.record("gateway logs:\n\(gateway.logs)")
                        throw error
                    }
                }
            }
        }
    }

    private func flow(through base: String) async throws {
        let web = Web(http: HTTPClient.shared)

        // The gateway's own health, each service's readiness, and a JSON 404 outside the three prefixes.
        let health = try await web.call(.GET, base + "/health")
        #expect(health.status == 200 && health.json["status"] as? String == "pass", "\(health.text)")
        for service in ["auth", "booking", "food"] {
            let ready = try await web.call(.GET, base + "/health/\(service)")
            #expect(ready.status == 200, "\(service): \(ready.text)")
        }
        let missing = try await web.call(.GET, base + "/nowhere")
        #expect(missing.status == 404 && missing.json["detail"] as? String == "Not Found")

        // The web client at /, its files with a content security policy; a folder or a missing file is the JSON 404.
        let home = try await web.call(.GET, base + "/")
        #expect(home.status == 200 && home.text.contains(#"<script type="module" src="/js/main.js">"#), "\(home.status)")
        #expect(home.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") == true)
        let script = try await web.call(.GET, base + "/js/main.js")
        #expect(script.status == 200 && script.headers.first(name: "Content-Type")?.hasPrefix("text/javascript") == true)
        for path in ["/assets/", "/js/", "/js/nothing.js"] {
            let absent = try await web.call(.GET, base + path)
            #expect(absent.status == 404 && absent.json["detail"] as? String == "Not Found", "\(path): \(absent.status) \(absent.text)")
        }

        // Each service's docs page, and the document it loads: the page resolves "openapi.json" against its own URL.
        for (prefix, title) in [("auth", "Auth Service"), ("booking", "Booking Service"), ("food", "Food Service")] {
            let page = try await web.call(.GET, base + "/\(prefix)/docs")
            #expect(page.status == 200 && page.text.contains("<title>\(title)"), "\(prefix)/docs: \(page.status)")
            let documentURL = try #require(URL(string: "openapi.json", relativeTo: URL(string: base + "/\(prefix)/docs/../")))
            #expect(documentURL.absoluteURL.path == "/\(prefix)/openapi.json")
            let document = try await web.call(.GET, documentURL.absoluteString)
            #expect(document.status == 200, "\(documentURL): \(document.status)")
            #expect((document.json["info"] as? [String: Any])?["title"] as? String == title)
            #expect((document.json["paths"] as? [String: Any])?.keys.contains { $0.hasPrefix("/\(prefix)") } == true)
            let slashed = try await web.call(.GET, base + "/\(prefix)/docs/")
            #expect(slashed.status == 200 && slashed.text.contains("<title>\(title)"), "redirected to the docs page")
        }

        // Sign up (POST /auth without the slash), log in, and use the session; both auth instances answer.
        let signup = try await web.call(.POST, base + "/auth", body: ["email": "guest@example.com", "name": "Guest", "password": "correct horse"])
        #expect(signup.status == 201, "\(signup.text)")
        let login = try await web.call(.POST, base + "/auth/login", body: ["email": "guest@example.com", "password": "correct horse"])
        #expect(login.status == 200, "\(login.text)")
        let cookie = try #require(login.headers.first(name: "set-cookie")?.split(separator: ";").first.map(String.init))
        for _ in 0..<4 {
            let me = try await web.call(.GET, base + "/auth/user_details", cookie: cookie)
            #expect(me.status == 200 && me.json["email"] as? String == "guest@example.com", "\(me.text)")
        }
        // CORS is the services' business: without CORS_ORIGINS nothing is allowed, and nginx adds nothing.
        var preflight = HTTPClientRequest(url: base + "/auth/user_details")
        preflight.headers.add(name: "Origin", value: "http://evil.example")
        preflight.headers.add(name: "Cookie", value: cookie)
        let cors = try await HTTPClient.shared.execute(preflight, timeout: .seconds(30))
        #expect(cors.headers["Access-Control-Allow-Origin"].isEmpty)

        // The catalogue as an admin (a token minted with the shared secret), then the user holds and books two seats.
        let tokens = try await TokenService(secret: EndToEnd.secret, lifetime: 600)
        let admin = "access_token=" + (try await tokens.issue(userID: UUID(), email: "boss@example.com", role: .admin)).token
        let theater = try await web.call(
            .POST, base + "/booking/theaters/", body: ["name": "Gate", "location": "L", "address": "A", "city": "Pune"], cookie: admin)
        let theaterID = try #require(theater.json["id"] as? String, "\(theater.text)")
        let seatGrid = try await web.call(.POST, base + "/booking/seats/\(theaterID)/initialize?rows=2&seats_per_row=4", cookie: admin)
        let seats = try #require(try JSONSerialization.jsonObject(with: Data(seatGrid.text.utf8)) as? [[String: Any]], "\(seatGrid.text)")
            .compactMap { $0["id"] as? String }
        #expect(seats.count == 8)
        let movie = try await web.call(.POST, base + "/booking/movies/", body: ["title": "Gateway", "duration_minutes": 100], cookie: admin)
        let movieID = try #require(movie.json["id"] as? String, "\(movie.text)")
        let start = Date().addingTimeInterval(86_400)
        let showing = try await web.call(
            .POST, base + "/booking/showings/",
            body: [
                "movie_id": movieID, "theater_id": theaterID, "show_start_datetime": start.formatted(Date.ISO8601FormatStyle()),
                "show_end_datetime": start.addingTimeInterval(7200).formatted(Date.ISO8601FormatStyle()),
            ], cookie: admin)
        let showingID = try #require(showing.json["id"] as? String, "\(showing.text)")
        for seat in seats.prefix(2) {
            let hold = try await web.call(
                .POST, base + "/booking/booking_seats/lock", body: ["showing_id": showingID, "seat_id": seat, "lock_seat": true], cookie: cookie)
            #expect(hold.status == 201, "\(hold.text)")
        }
        let booked = try await web.call(
            .POST, base + "/booking/bookings/", body: ["showing_id": showingID, "seats_ids": Array(seats.prefix(2))], cookie: cookie)
        #expect(booked.status == 201, "\(booked.text)")
        let again = try await web.call(
            .POST, base + "/booking/bookings/", body: ["showing_id": showingID, "seats_ids": [seats[0]]], cookie: cookie)
        #expect(again.status == 409, "\(again.text)")

        // Follow the user's orders over the gateway's WebSocket, then order and have staff move the order along.
        let menuItem = try await web.menuItem(base: base, admin: admin)
        let received = ReceivedMessages()
        let socket = followOrderEvents(base: base, cookie: cookie, into: received)
        defer { socket.cancel() }
        do {
            try await waitUntil { received.contains { $0.contains("welcome") } }
        } catch {
            socket.cancel()
            throw TestFailure("no welcome over the gateway's WebSocket: \(await socket.result)")
        }
        let order = try await web.call(.POST, base + "/food/orders/", body: ["items": [["menu_id": menuItem, "quantity": 2]]], cookie: cookie)
        #expect(order.status == 201, "\(order.text)")
        let orderID = try #require(order.json["id"] as? String)
        let advanced = try await web.call(.POST, base + "/food/orders/\(orderID)/advance", cookie: admin)
        #expect(advanced.status == 200, "\(advanced.text)")
        try await waitUntil {
            received.contains { $0.contains(orderID) && $0.contains(#""status":"confirmed""#) }
        }
    }

    /// `mscli doctor` with every service URL at the gateway finds each service behind it.
    private func doctor(_ e2e: EndToEnd, through base: String) async throws {
        let result = try await e2e.mscli(
            ["doctor", "-o", "json"], env: ["AUTH_SERVICE_URL": base, "BOOKING_SERVICE_URL": base, "FOOD_SERVICE_URL": base])
        let checks = try DoctorTests.checks(result)
        for service in ["auth", "booking", "food"] {
            #expect(checks["\(service) service"]?["status"] as? String == "ok", "\(result)")
            #expect((checks["\(service) service"]?["detail"] as? String)?.contains("\(service)-service") == true, "\(result)")
        }
    }

    static func hostPort(_ url: String) -> String { String(url.dropFirst("http://".count)) }
}
