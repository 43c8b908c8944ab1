// swift-tools-version:6.0
import PackageDescription

// Issue 15's libpq spike: the same prepared SELECT by primary key sent through PostgresNIO's pool (as the services
// send it) and through libpq's asynchronous API in pipeline mode, each measured for throughput and for the client's
// CPU per query. A package of its own, so the system's package (and its CI build) does not grow; scripts/bench-driver
// builds and runs it.
let package = Package(
    name: "DriverSpike",
    products: [
        .executable(name: "driver-spike", targets: ["DriverSpike"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(name: "CLibPQSpike", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .executableTarget(name: "DriverSpike", dependencies: [
            "CLibPQSpike",
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
    ]
)
