import Foundation
import Logging
import ServiceCore
import Synchronization

/// The WebSocket clients connected to this instance and what each follows. Messages from the fan-out are matched
/// against every client's subscriptions and queued on that client's own bounded outbox, so a slow or dead client
/// never holds up delivery to the others: when its outbox is full it is disconnected.
public final class OrderEventHub: Sendable {
    /// What a connected client receives.
    struct Subscriber {
        var actor: FoodActor
        /// Restaurants a staff member follows.
        var restaurants: Set<UUID> = []
        /// A staff member following every order.
        var everything = false
        var outbox: AsyncStream<String>.Continuation
    }

    private let subscribers = Mutex<[UInt64: Subscriber]>([:])
    private let nextID = Atomic<UInt64>(0)
    let fanout: any EventFanout
    let logger: Logger
    /// Messages a client may have queued before it is considered stuck and dropped.
    static let outboxLimit = 256

    public init(fanout: any EventFanout, logger: Logger) {
        self.fanout = fanout
        self.logger = logger
    }

    /// Delivers the fan-out's messages until cancelled; run as a service.
    public func run() async {
        for await message in fanout.messages() {
            deliver(message)
        }
    }

    /// Publishes an order event to every instance. Errors are logged: a notification never fails the write that
    /// caused it.
    public func publish(_ event: OrderEvent) async {
        await send(FanoutEnvelope(event: event))
    }

    /// The seed's admin broadcast: `message` to every client of every instance.
    public func broadcast(_ message: String) async {
        await send(FanoutEnvelope(broadcast: message))
    }

    private func send(_ envelope: FanoutEnvelope) async {
        do {
            let text = String(decoding: try JSONCoding.encode(envelope), as: UTF8.self)
            try await fanout.publish(text)
        } catch {
            logger.warning("could not publish a live event", metadata: ["error": "\(error)"])
        }
    }

    func deliver(_ message: String) {
        // Every instance receives every event; one without WebSocket clients has nothing to decode it for.
        guard subscribers.withLock({ !$0.isEmpty }) else { return }
        guard let envelope = try? JSONDecoder.iso8601.decode(FanoutEnvelope.self, from: Data(message.utf8)) else {
            logger.warning("ignoring an unreadable fan-out message")
            return
        }
        let text: String
        if let event = envelope.event {
            guard let encoded = try? JSONCoding.encode(event) else { return }
            text = String(decoding: encoded, as: UTF8.self)
        } else if let broadcast = envelope.broadcast {
            text = broadcast
        } else {
            return
        }
        var stuck: [UInt64] = []
        subscribers.withLock { subscribers in
            for (id, subscriber) in subscribers where envelope.broadcast != nil || envelope.event.map(subscriber.follows) == true {
                if case .dropped = subscriber.outbox.yield(text) { stuck.append(id) }
            }
            for id in stuck {
                subscribers[id]?.outbox.finish()
                subscribers[id] = nil
            }
        }
        for id in stuck { logger.notice("disconnected a WebSocket client that stopped reading", metadata: ["client": "\(id)"]) }
    }

    /// Registers a client; its messages arrive on the returned stream, which ends when the client is dropped.
    func connect(_ actor: FoodActor) -> (id: UInt64, messages: AsyncStream<String>) {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingOldest(Self.outboxLimit))
        subscribers.withLock { $0[id] = Subscriber(actor: actor, outbox: continuation) }
        return (id, stream)
    }

    func disconnect(_ id: UInt64) {
        subscribers.withLock { $0.removeValue(forKey: id) }?.outbox.finish()
    }

    func follow(_ id: UInt64, restaurant: UUID?, everything: Bool, on: Bool) {
        subscribers.withLock { subscribers in
            if let restaurant {
                if on { subscribers[id]?.restaurants.insert(restaurant) } else { subscribers[id]?.restaurants.remove(restaurant) }
            }
            if everything { subscribers[id]?.everything = on }
        }
    }

    /// Queues a direct answer (acknowledgement, error) to one client.
    func reply(_ id: UInt64, _ text: String) {
        _ = subscribers.withLock { $0[id]?.outbox.yield(text) }
    }
}

extension OrderEventHub.Subscriber {
    func follows(_ event: OrderEvent) -> Bool {
        event.userID == actor.userID || everything || restaurants.contains(event.restaurantID)
    }
}

extension JSONDecoder {
    /// Reads the ISO 8601 dates (with fractional seconds) that ``JSONCoding/encoder`` writes.
    static let iso8601: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date: \(text)")
            }
            return date
        }
        return decoder
    }()
}
