import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ServiceCore
import Testing
import TestSupport

/// Two food-service binaries sharing Redis and one database, the auth service beside them.
@Suite("Food live events and upstream calls", .serialized, .tags(.endToEnd))
struct FoodLiveTests {
    static var redisURL: String? { ProcessInfo.processInfo.environment["REDIS_URL"] }

    @Test(.enabled(if: redisURL != nil, "needs REDIS_URL (scripts/test starts Redis)"))
    func aClientOnOneInstanceSeesOrdersMovedThroughTheOtherAndOrdersFailFastWhileAuthIsDown() async throws {
        try await EndToEnd.run { e2e in
            let authPort = ProcessRunner.freePort()
            let (auth, authURL) = try await e2e.startAuthService(["--migrate"], port: authPort)
            let running = Running()
            running.add(auth)
            defer { running.stopAll() }
            try await TestDatabase.with { foodDB in
                let env = ["REDIS_URL": Self.redisURL!, "AUTH_SERVICE_URL": authURL, "AUTH_CHECK_CACHE_SECONDS": "0"]
                let (a, urlA) = try await e2e.startFoodService(databaseURL: TestDatabase.url(foodDB), env: env)
                running.add(a)
                let (b, urlB) = try await e2e.startFoodService(databaseURL: TestDatabase.url(foodDB), env: env)
                running.add(b)
                let web = Web(http: HTTPClient.shared)

                // A real account (the food service asks the auth service about it) and staff minted with the secret.
                let signup = try await web.call(.POST, authURL + "/auth", body: ["email": "eater@example.com", "name": "Eater", "password": "correct horse"])
                #expect(signup.status == 201, "\(signup.text)")
                let login = try await web.call(.POST, authURL + "/auth/login", body: ["email": "eater@example.com", "password": "correct horse"])
                let cookie = try #require(login.headers.first(name: "set-cookie")?.split(separator: ";").first.map(String.init))
                let tokens = try await TokenService(secret: EndToEnd.secret, lifetime: 600)
                let admin = "access_token=" + (try await tokens.issue(userID: UUID(), email: "chef@example.com", role: .admin)).token
                let menuItem = try await web.menuItem(base: urlB, admin: admin)

                // Follow the user's orders on instance A.
                let received = ReceivedMessages()
                let socket = followOrderEvents(base: urlA, cookie: cookie, into: received)
                defer { socket.cancel() }
                try await waitUntil { received.contains { $0.contains("welcome") } }

                // Place and move the order through instance B.
                let order = try await web.call(.POST, urlB + "/food/orders/", body: ["items": [["menu_id": menuItem, "quantity": 2]]], cookie: cookie)
                #expect(order.status == 201, "\(order.text)")
                let orderID = try #require(order.json["id"] as? String)
                let advanced = try await web.call(.POST, urlB + "/food/orders/\(orderID)/advance", cookie: admin)
                #expect(advanced.status == 200, "\(advanced.text)")
                try await waitUntil {
                    received.contains { $0.contains(orderID) && $0.contains(#""status":"confirmed""#) }
                }
                let events = received.all.filter { $0.contains(orderID) }
                #expect(events.count == 2, "\(events)")
                #expect(events.first?.contains(#""status":"pending""#) == true)

                // The auth service goes away: the first orders wait for retries, then the breaker answers at once.
                await auth.stop()
                var lastFailure = ContinuousClock.Duration.zero
                var lastText = ""
                for _ in 0..<7 {
                    let start = ContinuousClock.now
                    let refused = try await web.call(.POST, urlB + "/food/orders", body: ["menu_ids": [menuItem]], cookie: cookie)
                    lastFailure = start.duration(to: .now)
                    lastText = refused.text
                    #expect(refused.status == 503, "\(refused.text)")
                }
                // The open breaker answers without asking (the retried path sleeps 200 + 400 ms between attempts).
                #expect(lastText.contains("not asked again"), "open breaker should answer without calling: \(lastText)")
                #expect(lastFailure < .milliseconds(500), "open breaker should fail fast, took \(lastFailure)")
                // Back again on the same port: the breaker's trial call closes it by itself.
                running.add(try await e2e.startAuthService(port: authPort).0)
                try await waitUntil(timeout: .seconds(20)) {
                    (try? await web.call(.POST, urlB + "/food/orders", body: ["menu_ids": [menuItem]], cookie: cookie).status) == 201
                }
            }
        }
    }
}

/// Processes a test started, killed when it ends however it ends.
final class Running: @unchecked Sendable {
    private let lock = NSLock()
    private var processes: [ProcessRunner.Background] = []

    func add(_ process: ProcessRunner.Background) { lock.withLock { processes.append(process) } }

    func stopAll() {
        for process in lock.withLock({ processes }) where process.process.isRunning {
            process.process.terminate()
            process.process.waitUntilExit()
        }
    }
}

struct Web: Sendable {
    let http: HTTPClient

    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var text: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:] }
    }

    func call(_ method: HTTPMethod, _ url: String, body: Any? = nil, cookie: String? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(try JSONSerialization.data(withJSONObject: body))
        }
        let response = try await http.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 1 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, text: String(buffer: buffer))
    }

    /// A category, restaurant, food and one menu item; returns the menu item's id.
    func menuItem(base: String, admin: String) async throws -> String {
        let category = try await call(.POST, base + "/food/categories", body: ["name": "Mains", "slug": "mains"], cookie: admin)
        let restaurant = try await call(
            .POST, base + "/food/restaurants",
            body: ["name": "Spice Route", "description": "d", "address": "1 Road", "restaurant_type": "indian", "image_url": "x"], cookie: admin)
        let categoryID = try #require(category.json["id"] as? String, "\(category.text)")
        let food = try await call(
            .POST, base + "/food/foods",
            body: ["name": "Dal", "description": "d", "price": 10.1, "image_url": "x", "is_vegetarian": true, "category_id": categoryID], cookie: admin)
        let menu = try await call(
            .POST, base + "/food/menu",
            body: [
                "restaurant_id": try #require(restaurant.json["id"] as? String), "food_id": try #require(food.json["id"] as? String),
                "category_id": categoryID, "price": 10.1,
            ], cookie: admin)
        return try #require(menu.json["id"] as? String, "\(menu.text)")
    }
}
