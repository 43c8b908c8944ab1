import Foundation
import Testing

@testable import SystemDesign

@Suite struct RideSharingTests {
    let home = Location(latitude: 18.52, longitude: 73.85)
    let office = Location(latitude: 18.56, longitude: 73.91)

    @Test func nearestOnlineDriverIsAssignedAndPriced() async throws {
        let service = RideService()
        let far = await service.addDriver(name: "Far", at: Location(latitude: 19.0, longitude: 74.0), online: true)
        let near = await service.addDriver(name: "Near", at: Location(latitude: 18.53, longitude: 73.85), online: true)
        await service.addDriver(name: "Offline", at: home, online: false)
        let rider = UUID()
        let ride = try await service.request(rider: rider, from: home, to: office)
        #expect(ride.driverID == near.id && ride.status == .assigned)
        #expect(ride.fare == 101)  // 100 + 10 × (0.04 + 0.06)
        #expect(await service.driver(near.id)?.status == .busy)
        #expect(await service.driver(far.id)?.status == .online)
        await #expect(throws: RideError.riderAlreadyInRide(ride.id)) { try await service.request(rider: rider, from: home, to: office) }
    }

    @Test func noDriverMeansNoRide() async throws {
        let service = RideService()
        await #expect(throws: RideError.noDriverAvailable) { try await service.request(rider: UUID(), from: home, to: office) }
        #expect(await service.activeRides.isEmpty)
    }

    @Test func theStateMachineRefusesInvalidMoves() async throws {
        let service = RideService()
        let driver = await service.addDriver(name: "D", at: home, online: true)
        let rider = UUID()
        let ride = try await service.request(rider: rider, from: home, to: office)
        await #expect(throws: RideError.invalidTransition(from: .assigned, to: .completed)) { try await service.complete(ride.id, by: driver.id) }
        await #expect(throws: RideError.notYourRide) { try await service.start(ride.id, by: UUID()) }
        _ = try await service.start(ride.id, by: driver.id)
        await #expect(throws: RideError.invalidTransition(from: .started, to: .cancelled)) { try await service.cancel(ride.id, by: rider) }
        let done = try await service.complete(ride.id, by: driver.id)
        #expect(done.status == .completed)
        #expect(await service.driver(driver.id)?.status == .online)
        await #expect(throws: RideError.invalidTransition(from: .completed, to: .started)) { try await service.start(ride.id, by: driver.id) }
        // the rider is free for a new ride
        _ = try await service.request(rider: rider, from: office, to: home)
    }

    @Test func cancellingFreesTheDriverAndOnlyTheRiderMayCancel() async throws {
        let service = RideService()
        let driver = await service.addDriver(name: "D", at: home, online: true)
        let rider = UUID()
        let ride = try await service.request(rider: rider, from: home, to: office)
        await #expect(throws: RideError.notYourRide) { try await service.cancel(ride.id, by: UUID()) }
        await #expect(throws: RideError.driverBusy(driver.id)) { try await service.setOnline(driver.id, false) }
        #expect(try await service.cancel(ride.id, by: rider).status == .cancelled)
        #expect(await service.driver(driver.id)?.status == .online)
    }

    @Test func distanceStrategies() {
        #expect(abs(ManhattanDistance().distance(home, office) - 0.10) < 1e-9)
        let km = HaversineDistance().distance(Location(latitude: 0, longitude: 0), Location(latitude: 0, longitude: 1))
        #expect(abs(km - 111.19) < 0.1)
        #expect(LinearFare(base: 50, perUnit: 12).fare(distance: 2.5) == 80)
    }

    /// 300 riders request at once from 25 drivers: no driver ever has two rides.
    @Test func concurrentRequestsNeverDoubleAssignADriver() async throws {
        let service = RideService(distance: HaversineDistance())
        for i in 0..<25 {
            await service.addDriver(name: "D\(i)", at: Location(latitude: 18.5 + Double(i) / 100, longitude: 73.8), online: true)
        }
        let home = self.home, office = self.office
        let rides = await withTaskGroup(of: Ride?.self) { group in
            for i in 0..<300 {
                group.addTask {
                    guard let ride = try? await service.request(rider: UUID(), from: home, to: office) else { return nil }
                    if i % 4 == 0, let driver = ride.driverID { return try? await service.complete(ride.id, by: driver) }  // refused: not started
                    if i % 4 == 1 { return try? await service.cancel(ride.id, by: ride.riderID) }
                    return ride
                }
            }
            return await group.reduce(into: [Ride]()) { if let r = $1 { $0.append(r) } }
        }
        let active = await service.activeRides
        let drivers = active.compactMap(\.driverID)
        #expect(Set(drivers).count == drivers.count, "a driver has two active rides")
        #expect(active.count <= 25)
        #expect(!rides.isEmpty)
        for ride in active {
            let driver = await service.driver(ride.driverID!)
            #expect(driver?.status == .busy && driver?.currentRide == ride.id)
        }
    }
}
