import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import ServiceCore

/// The request context of WebSocket upgrades: Hummingbird's WebSocket handler reference plus the caller.
public struct FoodWebSocketContext: WebSocketRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    var actor: FoodActor?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
    }
}

/// `/food/ws/` (and `/food/ws`): live order events for the caller, authenticated with the session cookie.
///
/// On connect a client follows its own orders and receives `{"type":"welcome",...}`. Staff (moderators and up) may
/// send `{"action":"subscribe","restaurant_id":"…"}` or `{"action":"subscribe","all":true}` (and `unsubscribe`); any
/// client may send `{"action":"ping"}`. Each order event is `{"type":"order.status",...}` (``OrderEvent``); the
/// admin broadcast (`POST /food/ws/`) arrives as its raw text, as in the seed. The server pings every
/// `heartbeat`; a client that stops reading is disconnected instead of slowing the others.
enum OrderWebSocket {
    static func router(hub: OrderEventHub, tokens: TokenService, revocations: SessionRevocations? = nil) -> Router<FoodWebSocketContext> {
        let router = Router(context: FoodWebSocketContext.self)
        router.add(middleware: WebSocketSession(tokens: tokens, revocations: revocations))
        // One route serves `/food/ws` and `/food/ws/` (the router ignores a trailing slash).
        // Without a valid session the upgrade is declined and the HTTP router answers the request (401).
        router.ws("/food/ws") { _, context in
            context.actor == nil ? .dontUpgrade : .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let actor = context.requestContext.actor else { return }
            let (id, messages) = hub.connect(actor)
            defer { hub.disconnect(id) }
            hub.reply(id, welcome(actor))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await text in messages {
                        try await outbound.write(.text(text))
                    }
                    // The stream ended without a cancellation: the hub dropped this client because it stopped reading.
                    if !Task.isCancelled { try? await outbound.close(.unexpectedServerError, reason: "client too slow") }
                }
                group.addTask {
                    for try await message in inbound.messages(maxSize: 16 * 1024) {
                        guard case .text(let text) = message else {
                            hub.reply(id, error("send JSON text frames"))
                            continue
                        }
                        hub.reply(id, handle(text, client: id, actor: actor, hub: hub))
                    }
                }
                // Either side ending ends the connection.
                _ = try await group.next()
                group.cancelAll()
            }
        }
        return router
    }

    /// Records the caller of an upgrade request from the session cookie.
    struct WebSocketSession: RouterMiddleware {
        let tokens: TokenService
        let revocations: SessionRevocations?

        func handle(
            _ request: Request, context: FoodWebSocketContext, next: (Request, FoodWebSocketContext) async throws -> Response
        ) async throws -> Response {
            var context = context
            if let token = SessionCookie.token(in: request), let user = try? await tokens.verify(token),
                revocations?.rejects(user) != true
            {
                context.actor = FoodActor(userID: user.id, role: user.role)
            }
            return try await next(request, context)
        }
    }

    struct Command: Decodable {
        var action: String
        var restaurantID: UUID?
        var all: Bool?

        enum CodingKeys: String, CodingKey {
            case action, all
            case restaurantID = "restaurant_id"
        }
    }

    static func handle(_ text: String, client: UInt64, actor: FoodActor, hub: OrderEventHub) -> String {
        guard let command = try? JSONDecoder().decode(Command.self, from: Data(text.utf8)) else {
            return error("expected {\"action\": \"subscribe\"|\"unsubscribe\"|\"ping\", ...}")
        }
        switch command.action {
        case "ping":
            return #"{"type":"pong"}"#
        case "subscribe", "unsubscribe":
            guard actor.isStaff else { return error("only restaurant staff follow restaurants; you receive your own orders") }
            guard command.restaurantID != nil || command.all == true else { return error("name a restaurant_id, or all: true") }
            let on = command.action == "subscribe"
            hub.follow(client, restaurant: command.restaurantID, everything: command.all == true, on: on)
            let target = command.restaurantID.map { "\"restaurant_id\":\"\($0.uuidString.lowercased())\"" } ?? "\"all\":true"
            return "{\"type\":\"\(on ? "subscribed" : "unsubscribed")\",\(target)}"
        default:
            return error("unknown action \(command.action.debugDescription)")
        }
    }

    static func welcome(_ actor: FoodActor) -> String {
        "{\"type\":\"welcome\",\"user_id\":\"\(actor.userID.uuidString.lowercased())\",\"role\":\"\(actor.role.rawValue)\",\"following\":\"own_orders\"}"
    }

    static func error(_ detail: String) -> String {
        let body = (try? JSONCoding.encode(["type": "error", "detail": detail])) ?? []
        return String(decoding: body, as: UTF8.self)
    }
}
