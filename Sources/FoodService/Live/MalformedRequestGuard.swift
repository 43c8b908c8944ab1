import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1
import ServiceCore

/// The food service's server: HTTP/1.1 with the WebSocket upgrade, plus an answer to a malformed first request.
///
/// Why: in the upgrade pipeline a parse error on a connection's first request (a garbage request line, a control
/// character in a header value) reaches no handler that answers it: the upgrade negotiation never completes and the
/// connection stays open with no reply until the client gives up. Auth and booking (plain HTTP/1.1 pipeline) answer
/// 400 and close at once; ``MalformedFirstRequestHandler`` gives the food service the same behaviour.
enum FoodServer {
    static func builder(
        webSocketRouter: Router<FoodWebSocketContext>, configuration: HTTP1WebSocketUpgradeChannel.Configuration
    ) -> HTTPServerBuilder {
        let webSocketResponder = webSocketRouter.buildResponder()
        return HTTPServerBuilder { responder in
            OnConnectionEventLoop(
                GuardedUpgradeChannel(
                    base: HTTP1WebSocketUpgradeChannel(responder: responder, webSocketResponder: webSocketResponder, configuration: configuration)))
        }
    }
}

/// ``HTTP1WebSocketUpgradeChannel`` with ``MalformedFirstRequestHandler`` right after the request decoder.
struct GuardedUpgradeChannel: ServerChildChannel {
    typealias Value = HTTP1WebSocketUpgradeChannel.Value
    let base: HTTP1WebSocketUpgradeChannel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try pipeline.addHandler(MalformedFirstRequestHandler(), position: .after(decoder))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

/// Until a connection's first request head has been read: a parse error is answered `400 Bad Request` with
/// `Connection: close`, then the upgrade handler is told the input ended (it closes the connection and ends the
/// negotiation quietly). After the first head it removes itself: from then on Hummingbird's HTTP handler answers
/// parse errors itself.
final class MalformedFirstRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private var answered = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(data)
        if case .head = unwrapInboundIn(data) {
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        guard !answered else { return }
        answered = true
        let head = HTTPResponseHead(
            version: .http1_1, status: .badRequest, headers: ["Connection": "close", "Content-Length": "0"])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        written.futureResult.whenComplete { _ in
            bound.value.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
            bound.value.close(promise: nil)
        }
    }
}
