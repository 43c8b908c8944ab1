import Foundation

public struct Location: Sendable, Hashable {
    public var latitude: Double
    public var longitude: Double
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// How far apart two places are, in the unit the fare strategy charges for.
public protocol DistanceStrategy: Sendable {
    func distance(_ a: Location, _ b: Location) -> Double
}

/// The seed's measure: |Δlat| + |Δlon| in degrees.
public struct ManhattanDistance: DistanceStrategy {
    public init() {}
    public func distance(_ a: Location, _ b: Location) -> Double {
        abs(a.latitude - b.latitude) + abs(a.longitude - b.longitude)
    }
}

/// Great-circle distance in kilometres.
public struct HaversineDistance: DistanceStrategy {
    public init() {}
    public func distance(_ a: Location, _ b: Location) -> Double {
        let r = 6371.0088
        let (φ1, φ2) = (a.latitude * .pi / 180, b.latitude * .pi / 180)
        let dφ = (b.latitude - a.latitude) * .pi / 180
        let dλ = (b.longitude - a.longitude) * .pi / 180
        let h = sin(dφ / 2) * sin(dφ / 2) + cos(φ1) * cos(φ2) * sin(dλ / 2) * sin(dλ / 2)
        return 2 * r * asin(min(1, sqrt(h)))
    }
}

public protocol FareStrategy: Sendable {
    func fare(distance: Double) -> Decimal
}

/// Base plus a rate per unit of distance, rounded to two decimals; the seed's 100 + 10 × distance by default.
public struct LinearFare: FareStrategy {
    public var base: Decimal
    public var perUnit: Decimal
    public init(base: Decimal = 100, perUnit: Decimal = 10) {
        self.base = base
        self.perUnit = perUnit
    }

    public func fare(distance: Double) -> Decimal {
        var value = base + perUnit * Decimal(distance)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        return rounded
    }
}

public enum DriverStatus: String, Sendable { case offline, online, busy }

/// requested → assigned → started → completed, or cancelled before it starts. Nothing else.
public enum RideStatus: String, Sendable {
    case requested, assigned, started, completed, cancelled

    public func canMove(to next: RideStatus) -> Bool {
        switch (self, next) {
        case (.requested, .assigned), (.requested, .cancelled), (.assigned, .started), (.assigned, .cancelled), (.started, .completed): true
        default: false
        }
    }
}

public struct Driver: Sendable, Hashable, Identifiable {
    public let id: UUID
    public var name: String
    public internal(set) var status: DriverStatus
    public internal(set) var location: Location
    public internal(set) var currentRide: UUID?
}

public struct Ride: Sendable, Hashable, Identifiable {
    public let id: UUID
    public let riderID: UUID
    public internal(set) var driverID: UUID?
    public let pickup: Location
    public let dropoff: Location
    public internal(set) var status: RideStatus
    public let fare: Decimal
}

public enum RideError: Error, Sendable, Equatable {
    case unknownDriver(UUID)
    case unknownRide(UUID)
    case riderAlreadyInRide(UUID)
    case noDriverAvailable
    case driverBusy(UUID)
    case notYourRide
    case invalidTransition(from: RideStatus, to: RideStatus)
}

/// Drivers, riders and rides in one actor: matching picks the nearest online driver and marks them busy in the same
/// step, so a driver can never be given two rides.
public actor RideService {
    private let distance: any DistanceStrategy
    private let fares: any FareStrategy
    private var drivers: [UUID: Driver] = [:]
    private var rides: [UUID: Ride] = [:]
    private var activeRideOfRider: [UUID: UUID] = [:]

    public init(distance: any DistanceStrategy = ManhattanDistance(), fares: any FareStrategy = LinearFare()) {
        self.distance = distance
        self.fares = fares
    }

    @discardableResult
    public func addDriver(name: String, at location: Location, online: Bool = false) -> Driver {
        let driver = Driver(id: UUID(), name: name, status: online ? .online : .offline, location: location, currentRide: nil)
        drivers[driver.id] = driver
        return driver
    }

    /// Online or offline; a driver on a ride stays busy until it ends.
    public func setOnline(_ driverID: UUID, _ online: Bool) throws(RideError) {
        guard var driver = drivers[driverID] else { throw .unknownDriver(driverID) }
        guard driver.status != .busy else { throw .driverBusy(driverID) }
        driver.status = online ? .online : .offline
        drivers[driverID] = driver
    }

    public func move(_ driverID: UUID, to location: Location) throws(RideError) {
        guard drivers[driverID] != nil else { throw .unknownDriver(driverID) }
        drivers[driverID]!.location = location
    }

    /// Creates the ride and assigns the nearest online driver at once; with none free, no ride is kept.
    public func request(rider: UUID, from pickup: Location, to dropoff: Location) throws(RideError) -> Ride {
        if let active = activeRideOfRider[rider] { throw .riderAlreadyInRide(active) }
        let candidates = drivers.values.filter { $0.status == .online }
        guard var driver = candidates.min(by: { distance.distance($0.location, pickup) < distance.distance($1.location, pickup) })
        else { throw .noDriverAvailable }
        var ride = Ride(
            id: UUID(), riderID: rider, driverID: nil, pickup: pickup, dropoff: dropoff, status: .requested,
            fare: fares.fare(distance: distance.distance(pickup, dropoff)))
        try Self.move(&ride, to: .assigned)
        ride.driverID = driver.id
        driver.status = .busy
        driver.currentRide = ride.id
        drivers[driver.id] = driver
        rides[ride.id] = ride
        activeRideOfRider[rider] = ride.id
        return ride
    }

    public func start(_ rideID: UUID, by driverID: UUID) throws(RideError) -> Ride {
        var ride = try ride(rideID)
        guard ride.driverID == driverID else { throw .notYourRide }
        try Self.move(&ride, to: .started)
        rides[rideID] = ride
        return ride
    }

    public func complete(_ rideID: UUID, by driverID: UUID) throws(RideError) -> Ride {
        var ride = try ride(rideID)
        guard ride.driverID == driverID else { throw .notYourRide }
        try Self.move(&ride, to: .completed)
        finish(ride)
        return ride
    }

    /// The rider may cancel before the ride starts; the driver is freed.
    public func cancel(_ rideID: UUID, by riderID: UUID) throws(RideError) -> Ride {
        var ride = try ride(rideID)
        guard ride.riderID == riderID else { throw .notYourRide }
        try Self.move(&ride, to: .cancelled)
        finish(ride)
        return ride
    }

    public func driver(_ id: UUID) -> Driver? { drivers[id] }
    public func ride(_ id: UUID) throws(RideError) -> Ride {
        guard let ride = rides[id] else { throw .unknownRide(id) }
        return ride
    }

    /// Rides not yet completed or cancelled.
    public var activeRides: [Ride] { rides.values.filter { $0.status == .assigned || $0.status == .started } }

    private func finish(_ ride: Ride) {
        rides[ride.id] = ride
        activeRideOfRider[ride.riderID] = nil
        if let id = ride.driverID, var driver = drivers[id], driver.currentRide == ride.id {
            driver.currentRide = nil
            driver.status = .online
            drivers[id] = driver
        }
    }

    static func move(_ ride: inout Ride, to next: RideStatus) throws(RideError) {
        guard ride.status.canMove(to: next) else { throw .invalidTransition(from: ride.status, to: next) }
        ride.status = next
    }
}
