// swift-tools-version:6.0
import PackageDescription

// An open-loop HTTP/1.1 load generator for scripts/bench-mixed: requests leave at a fixed arrival rate whatever the
// server answers, and each one's latency counts from the moment it was scheduled. A package of its own, so the
// system's package (and its CI build) does not grow; scripts/bench-mixed builds it in release mode.
let package = Package(
    name: "LoadGenerator",
    products: [
        .executable(name: "loadgen", targets: ["LoadGenerator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        // The rules without I/O (workload file, arrival schedule, route picking, percentiles, the report), tested alone.
        .target(name: "LoadGeneratorCore", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .executableTarget(name: "LoadGenerator", dependencies: [
            "LoadGeneratorCore",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "LoadGeneratorCoreTests", dependencies: ["LoadGeneratorCore"]),
    ]
)
