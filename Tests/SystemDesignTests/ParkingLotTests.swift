import Foundation
import Testing

@testable import SystemDesign

@Suite struct ParkingLotTests {
    let clock = ManualClock()

    func lot(spots: [ParkingSpot]? = nil) -> ParkingLot {
        ParkingLot(
            spots: spots ?? [
                ParkingSpot(id: "G-S1", floor: 0, size: .small), ParkingSpot(id: "G-M1", floor: 0, size: .medium),
                ParkingSpot(id: "1-M1", floor: 1, size: .medium), ParkingSpot(id: "1-L1", floor: 1, size: .large),
            ],
            gates: [Gate(id: "in", kind: .entry), Gate(id: "out", kind: .exit)], clock: clock)
    }

    @Test func vehiclesGetTheSmallestFittingSpot() async throws {
        let lot = lot()
        #expect(try await lot.park(Vehicle(plate: "B1", type: .bike), at: "in").spot.id == "G-S1")
        #expect(try await lot.park(Vehicle(plate: "B2", type: .bike), at: "in").spot.id == "G-M1")  // a bike may use a car spot
        #expect(try await lot.park(Vehicle(plate: "C1", type: .car), at: "in").spot.id == "1-M1")
        await #expect(throws: ParkingError.noSpotAvailable(.car)) {
            // only the large spot is left, and a car fits it
            _ = try await lot.park(Vehicle(plate: "C2", type: .car), at: "in")
            try await lot.park(Vehicle(plate: "C3", type: .car), at: "in")
        }
        #expect(await lot.freeSpotCount == 0)
    }

    @Test func trucksNeedLargeSpots() async throws {
        let lot = lot(spots: [ParkingSpot(id: "M", floor: 0, size: .medium)])
        await #expect(throws: ParkingError.noSpotAvailable(.truck)) { try await lot.park(Vehicle(plate: "T", type: .truck), at: "in") }
    }

    @Test func gatesAndTicketsAreChecked() async throws {
        let lot = lot()
        await #expect(throws: ParkingError.notAnEntryGate("out")) { try await lot.park(Vehicle(plate: "C", type: .car), at: "out") }
        await #expect(throws: ParkingError.unknownGate("side")) { try await lot.park(Vehicle(plate: "C", type: .car), at: "side") }
        let ticket = try await lot.park(Vehicle(plate: "C", type: .car), at: "in")
        await #expect(throws: ParkingError.alreadyParked("C")) { try await lot.park(Vehicle(plate: "C", type: .car), at: "in") }
        await #expect(throws: ParkingError.notAnExitGate("in")) { try await lot.exit(ticket.id, at: "in") }
        _ = try await lot.exit(ticket.id, at: "out")
        await #expect(throws: ParkingError.ticketNotActive(ticket.id)) { try await lot.exit(ticket.id, at: "out") }
        let unknown = UUID()
        await #expect(throws: ParkingError.ticketNotFound(unknown)) { try await lot.exit(unknown, at: "out") }
    }

    @Test func feesArePerStartedHourWithAMinimumOfOne() async throws {
        let lot = lot()
        let ticket = try await lot.park(Vehicle(plate: "C", type: .car), at: "in")
        clock.advance(by: 61 * 60)
        let paid = try await lot.exit(ticket.id, at: "out")
        #expect(paid.amount == 100)  // 1 h 01 min = 2 started hours × 50
        #expect(paid.status == .paid && paid.exited != nil)
        #expect(HourlyPricing.billableHours(from: clock.now, to: clock.now) == 1)
        #expect(HourlyPricing.billableHours(from: clock.now, to: clock.now.addingTimeInterval(3600)) == 1)
        #expect(HourlyPricing.billableHours(from: clock.now, to: clock.now.addingTimeInterval(3601)) == 2)
        #expect(HourlyPricing().fee(for: .truck, from: clock.now, to: clock.now.addingTimeInterval(59 * 60)) == 100)
        #expect(await lot.occupancy().isEmpty)
    }

    /// 400 tasks park and leave 200 plates through 20 spots: never two vehicles in one spot.
    @Test func concurrentParkingNeverDoubleParks() async throws {
        let spots = (0..<20).map { ParkingSpot(id: "S\($0)", floor: $0 / 5, size: [.small, .medium, .large][$0 % 3]) }
        let lot = lot(spots: spots)
        let tickets = await withTaskGroup(of: ParkingTicket?.self) { group in
            for i in 0..<400 {
                group.addTask {
                    let vehicle = Vehicle(plate: "P\(i % 200)", type: VehicleType.allCases[i % 3])
                    guard let ticket = try? await lot.park(vehicle, at: "in") else { return nil }
                    if i % 2 == 0 { _ = try? await lot.exit(ticket.id, at: "out") }
                    return ticket
                }
            }
            return await group.reduce(into: [ParkingTicket]()) { if let t = $1 { $0.append(t) } }
        }
        #expect(!tickets.isEmpty)
        let occupancy = await lot.occupancy()
        #expect(occupancy.count <= spots.count)
        #expect(Set(occupancy.values).count == occupancy.count, "a plate parked in two spots")
        #expect(await lot.freeSpotCount == spots.count - occupancy.count)
        // every vehicle still inside sits in a spot it fits
        let bySpot = Dictionary(uniqueKeysWithValues: spots.map { ($0.id, $0) })
        for ticket in tickets where occupancy[ticket.spot.id] == ticket.vehicle.plate {
            #expect(bySpot[ticket.spot.id]!.size >= ticket.vehicle.type.minimumSpot)
        }
    }
}
