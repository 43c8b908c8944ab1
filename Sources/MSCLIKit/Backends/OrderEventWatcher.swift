import FoodService
import Foundation
import HummingbirdWSClient
import Logging
import NIOSSL
import RedisClient
import ServiceCore
import Synchronization

/// What `mscli food orders watch` follows, and when it stops.
struct OrderWatch: Sendable {
    enum Scope: Sendable, Equatable {
        /// The signed-in user's own orders (what a customer sees).
        case own
        case restaurant(UUID)
        case all
    }

    var scope: Scope = .own
    /// Only this order's events (filtered here; the service sends the whole scope).
    var order: UUID?
    /// Stop after this many order events.
    var count: Int?
}

/// One thing that arrived: an order event or an admin broadcast.
enum WatchedItem: Sendable {
    case event(OrderEvent)
    case broadcast(String)
}

/// Follows live order events until `deliver` says stop or the task is cancelled: over the food service's WebSocket
/// with the session, or in maintenance mode straight from the instances' Redis channel (every event of every
/// instance; the scope is applied here). A dropped connection is re-opened with backoff, said on stderr; events sent
/// while it was down are not replayed (`mscli food orders list` shows the current state).
struct OrderEventWatcher: Sendable {
    let context: CommandContext
    let watch: OrderWatch

    /// `deliver` returns true to stop.
    func run(_ deliver: @escaping @Sendable (WatchedItem) -> Bool) async throws {
        let delivered = Mutex(0)
        let filter: @Sendable (WatchedItem) -> Bool = { item in
            if case .event(let event) = item {
                if let order = watch.order, event.orderID != order { return false }
                if case .restaurant(let id) = watch.scope, event.restaurantID != id, context.settings.maintenance { return false }
                if watch.scope == .own, context.settings.maintenance { return false }
            }
            let stop = deliver(item)
            guard case .event = item else { return stop }
            let count = delivered.withLock { value in
                value += 1
                return value
            }
            return stop || watch.count.map { count >= $0 } ?? false
        }
        if context.settings.maintenance {
            try await viaRedis(filter)
        } else {
            try await viaWebSocket(filter)
        }
    }

    // MARK: WebSocket

    private func viaWebSocket(_ deliver: @escaping @Sendable (WatchedItem) -> Bool) async throws {
        let token = try context.sessionToken(required: true) ?? ""
        let base = context.settings.foodURL.hasSuffix("/") ? String(context.settings.foodURL.dropLast()) : context.settings.foodURL
        let url: String
        if base.hasPrefix("http://") {
            url = "ws://" + base.dropFirst("http://".count) + "/food/ws/"
        } else if base.hasPrefix("https://") {
            url = "wss://" + base.dropFirst("https://".count) + "/food/ws/"
        } else {
            throw CLIError.usage("invalid food service URL \(base.debugDescription); expected http://host:port")
        }
        var configuration = WebSocketClientConfiguration()
        configuration.additionalHeaders[.cookie] = "\(SessionCookie.name)=\(token)"
        configuration.additionalHeaders[.userAgent] = "mscli/\(MSCLI.version)"
        let settings = configuration
        let subscribe: String? =
            switch watch.scope {
            case .own: nil
            case .all: #"{"action":"subscribe","all":true}"#
            case .restaurant(let id): #"{"action":"subscribe","restaurant_id":"\#(BookingText.id(id))"}"#
            }
        var connectedOnce = false
        var delay = Duration.milliseconds(500)
        while true {
            let stopped = Mutex(false)
            let welcomed = Mutex(false)
            do {
                try await WebSocketClient.connect(
                    url: url, configuration: settings, tlsConfiguration: url.hasPrefix("wss") ? .makeClientConfiguration() : nil,
                    logger: context.logger
                ) { inbound, outbound, _ in
                    if let subscribe { try await outbound.write(.text(subscribe)) }
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        guard case .text(let text) = message else { continue }
                        switch try handle(text, welcomed: welcomed) {
                        case .item(let item):
                            if deliver(item) {
                                stopped.withLock { $0 = true }
                                try await outbound.close(.normalClosure, reason: "done")
                                return
                            }
                        case .control: continue
                        }
                    }
                }
            } catch let error as WebSocketClientError where error == .webSocketUpgradeFailed {
                throw try await upgradeRefusal(base: base, token: token)
            } catch let error as CLIError {
                throw error
            } catch {
                if Task.isCancelled { return }
                if !connectedOnce {
                    throw CLIError("cannot reach \(base): \(ServiceHTTPClient.reason(error))", status: .unreachable)
                }
                context.message("watch: connection lost (\(ServiceHTTPClient.reason(error))); reconnecting in \(Self.seconds(delay))")
            }
            if stopped.withLock({ $0 }) || Task.isCancelled { return }
            if welcomed.withLock({ $0 }) {
                connectedOnce = true
                delay = .milliseconds(500)
            }
            if !connectedOnce { throw CLIError("the food service closed the WebSocket before it said welcome", status: .unreachable) }
            try await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(10))
        }
    }

    private enum Received {
        case item(WatchedItem)
        case control
    }

    /// Sorts what the service sent: events and broadcasts for the caller, the rest (welcome, subscribed, pong) narrated
    /// on stderr, an error from the service fatal.
    private func handle(_ text: String, welcomed: borrowing Mutex<Bool>) throws -> Received {
        struct Message: Decodable {
            var type: String?
            var detail: String?
            var role: String?
        }
        guard text.hasPrefix("{"), let message = try? JSONDecoder().decode(Message.self, from: Data(text.utf8)), let type = message.type
        else { return .item(.broadcast(text)) }
        switch type {
        case "order.status":
            guard let event = try? ServiceHTTPClient.decoder.decode(OrderEvent.self, from: Data(text.utf8)) else {
                throw CLIError("unexpected event from the food service (is it the right version?): \(text)")
            }
            return .item(.event(event))
        case "welcome":
            welcomed.withLock { $0 = true }
            if watch.scope == .own {
                context.message("watching your orders at \(context.settings.foodURL) (Ctrl-C to stop)")
            }
            return .control
        case "subscribed":
            let what = if case .restaurant(let id) = watch.scope { "restaurant \(BookingText.id(id))" } else { "every restaurant" }
            context.message("watching the orders of \(what) at \(context.settings.foodURL) (Ctrl-C to stop)")
            return .control
        case "error":
            throw CLIError("the food service refused: \(message.detail ?? text)", status: .refused)
        default:
            return .control
        }
    }

    /// Why the service declined the upgrade, from the same request over plain HTTP (401 with its detail).
    private func upgradeRefusal(base: String, token: String) async throws -> CLIError {
        do {
            _ = try await ServiceHTTPClient(baseURL: base, token: token, on: context).send(.GET, "/food/ws/")
        } catch let error as APIError where error.status == .unauthorized {
            return ServiceHTTPClient.sessionRefused(by: "food", error)
        } catch let error as CLIError {
            return error
        } catch {}
        return CLIError("the food service at \(base) declined the WebSocket upgrade", status: .unreachable)
    }

    // MARK: Redis (maintenance)

    private func viaRedis(_ deliver: @escaping @Sendable (WatchedItem) -> Bool) async throws {
        guard let redisURL = context.settings.redisURL else {
            throw CLIError.usage(
                "maintenance mode watches the food service's Redis: set REDIS_URL, pass --redis-url, or `mscli config set redis_url URL`")
        }
        if watch.scope == .own {
            throw CLIError.usage("maintenance mode has no signed-in user: pass --all or --restaurant ID")
        }
        let configuration: RedisConfiguration
        do {
            configuration = try RedisConfiguration(url: redisURL)
        } catch {
            throw CLIError.usage("Redis URL: \(error)")
        }
        let client = RedisClient(configuration: configuration, logger: context.logger)
        do {
            try await client.ping()
        } catch {
            await client.shutdown()
            throw CLIError("cannot reach Redis at \(redisURL): \(ServiceHTTPClient.reason(error))", status: .unreachable)
        }
        await client.shutdown()
        let subscriber = RedisSubscriber(configuration: configuration, logger: context.logger)
        let messages: AsyncStream<RedisPubSubMessage>
        do {
            messages = try await subscriber.subscribe(to: [RedisFanout.defaultChannel])
        } catch {
            await subscriber.close()
            throw CLIError("cannot subscribe at \(redisURL): \(ServiceHTTPClient.reason(error))", status: .unreachable)
        }
        context.message("watching every instance's order events on \(redisURL) (Ctrl-C to stop)")
        struct Envelope: Decodable {
            var event: OrderEvent?
            var broadcast: String?
        }
        for await message in messages {
            let text = message.payloadString
            guard let envelope = try? ServiceHTTPClient.decoder.decode(Envelope.self, from: Data(text.utf8)) else { continue }
            let item: WatchedItem
            if let event = envelope.event {
                item = .event(event)
            } else if let broadcast = envelope.broadcast {
                item = .broadcast(broadcast)
            } else {
                continue
            }
            if deliver(item) { break }
        }
        await subscriber.close()
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.1f s", duration.seconds)
    }
}
