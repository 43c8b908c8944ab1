import Foundation

public enum VehicleType: String, Sendable, CaseIterable {
    case bike, car, truck

    /// The smallest spot it fits.
    var minimumSpot: SpotSize {
        switch self {
        case .bike: .small
        case .car: .medium
        case .truck: .large
        }
    }
}

/// Spot sizes in order. A vehicle fits its own size or any larger one; the lot gives it the smallest that is free
/// (the seed allowed only the exact size, so a bike was turned away from an empty car level).
public enum SpotSize: Int, Sendable, CaseIterable, Comparable {
    case small, medium, large
    public static func < (a: SpotSize, b: SpotSize) -> Bool { a.rawValue < b.rawValue }
}

public struct Vehicle: Sendable, Hashable {
    public let plate: String
    public let type: VehicleType
    public init(plate: String, type: VehicleType) {
        self.plate = plate
        self.type = type
    }
}

public struct ParkingSpot: Sendable, Hashable, Identifiable {
    public let id: String
    public let floor: Int
    public let size: SpotSize
    public init(id: String, floor: Int, size: SpotSize) {
        self.id = id
        self.floor = floor
        self.size = size
    }
}

public struct Gate: Sendable, Hashable, Identifiable {
    public enum Kind: Sendable { case entry, exit }
    public let id: String
    public let kind: Kind
    public init(id: String, kind: Kind) {
        self.id = id
        self.kind = kind
    }
}

public struct ParkingTicket: Sendable, Hashable, Identifiable {
    public enum Status: Sendable { case active, paid }
    public let id: UUID
    public let vehicle: Vehicle
    public let spot: ParkingSpot
    public let entryGate: String
    public let entered: Date
    public internal(set) var exited: Date?
    public internal(set) var amount: Decimal?
    public internal(set) var status: Status
}

public enum ParkingError: Error, Sendable, Equatable {
    case notAnEntryGate(String)
    case notAnExitGate(String)
    case unknownGate(String)
    case noSpotAvailable(VehicleType)
    case alreadyParked(String)
    case ticketNotFound(UUID)
    case ticketNotActive(UUID)
}

/// Hourly fees as a strategy.
public protocol ParkingPricing: Sendable {
    func fee(for vehicle: VehicleType, from entered: Date, to exited: Date) -> Decimal
}

/// Per started hour, at least one hour: 59 minutes is one hour, 61 minutes two. (The seed rounded down, so a stay
/// of 1 h 59 min paid one hour.) Rates: bike 20, car 50, truck 100.
public struct HourlyPricing: ParkingPricing {
    public var rates: [VehicleType: Decimal]
    public init(rates: [VehicleType: Decimal] = [.bike: 20, .car: 50, .truck: 100]) { self.rates = rates }

    public static func billableHours(from entered: Date, to exited: Date) -> Int {
        let seconds = max(0, exited.timeIntervalSince(entered))
        return max(1, Int((seconds / 3600).rounded(.up)))
    }

    public func fee(for vehicle: VehicleType, from entered: Date, to exited: Date) -> Decimal {
        Decimal(Self.billableHours(from: entered, to: exited)) * (rates[vehicle] ?? 0)
    }
}

/// A lot of floors. One actor owns every spot's occupancy, so two vehicles can never be given one spot and a plate
/// can never be parked twice.
public actor ParkingLot {
    public let spots: [ParkingSpot]
    private let gates: [String: Gate]
    private let pricing: any ParkingPricing
    private let clock: any DesignClock
    private var occupant: [String: UUID] = [:]  // spot id -> ticket id
    private var active: [UUID: ParkingTicket] = [:]
    private var parkedPlates: [String: UUID] = [:]
    private var closed: Set<UUID> = []

    public init(spots: [ParkingSpot], gates: [Gate], pricing: any ParkingPricing = HourlyPricing(), clock: any DesignClock = SystemClock()) {
        // Lower floors first, then smaller spots: the order in which free spots are offered.
        self.spots = spots.sorted { ($0.floor, $0.size, $0.id) < ($1.floor, $1.size, $1.id) }
        self.gates = Dictionary(uniqueKeysWithValues: gates.map { ($0.id, $0) })
        self.pricing = pricing
        self.clock = clock
    }

    public func park(_ vehicle: Vehicle, at gateID: String) throws(ParkingError) -> ParkingTicket {
        guard let gate = gates[gateID] else { throw .unknownGate(gateID) }
        guard gate.kind == .entry else { throw .notAnEntryGate(gateID) }
        guard parkedPlates[vehicle.plate] == nil else { throw .alreadyParked(vehicle.plate) }
        let free = spots.filter { $0.size >= vehicle.type.minimumSpot && occupant[$0.id] == nil }
        // smallest fitting size first, then lowest floor
        guard let spot = free.min(by: { ($0.size, $0.floor, $0.id) < ($1.size, $1.floor, $1.id) }) else {
            throw .noSpotAvailable(vehicle.type)
        }
        let ticket = ParkingTicket(
            id: UUID(), vehicle: vehicle, spot: spot, entryGate: gateID, entered: clock.now, exited: nil, amount: nil, status: .active)
        occupant[spot.id] = ticket.id
        active[ticket.id] = ticket
        parkedPlates[vehicle.plate] = ticket.id
        return ticket
    }

    /// Charges the stay, frees the spot and closes the ticket.
    public func exit(_ ticketID: UUID, at gateID: String) throws(ParkingError) -> ParkingTicket {
        guard let gate = gates[gateID] else { throw .unknownGate(gateID) }
        guard gate.kind == .exit else { throw .notAnExitGate(gateID) }
        if closed.contains(ticketID) { throw .ticketNotActive(ticketID) }
        guard var ticket = active[ticketID] else { throw .ticketNotFound(ticketID) }
        let now = clock.now
        ticket.exited = now
        ticket.amount = pricing.fee(for: ticket.vehicle.type, from: ticket.entered, to: now)
        ticket.status = .paid
        occupant[ticket.spot.id] = nil
        parkedPlates[ticket.vehicle.plate] = nil
        active[ticketID] = nil
        closed.insert(ticketID)
        return ticket
    }

    /// Spot id → the plate parked there.
    public func occupancy() -> [String: String] {
        occupant.compactMapValues { active[$0]?.vehicle.plate }
    }

    public var freeSpotCount: Int { spots.count - occupant.count }
}
