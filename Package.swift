// swift-tools-version:6.2
import PackageDescription

// One package ships every binary of the system: the services and `mscli`, which manages them.
// Each executable is a thin `main` over a library that tests (and mscli's maintenance mode) import.
let package = Package(
    name: "movie-food-services",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "auth-service", targets: ["AuthServiceMain"]),
        .executable(name: "booking-service", targets: ["BookingServiceMain"]),
        .executable(name: "food-service", targets: ["FoodServiceMain"]),
        .executable(name: "mscli", targets: ["MSCLIMain"]),
        .library(name: "ServiceCore", targets: ["ServiceCore"]),
        .library(name: "AuthService", targets: ["AuthService"]),
        .library(name: "BookingService", targets: ["BookingService"]),
        .library(name: "SearchClient", targets: ["SearchClient"]),
        .library(name: "FoodService", targets: ["FoodService"]),
        .library(name: "RedisClient", targets: ["RedisClient"]),
        .library(name: "RateLimiting", targets: ["RateLimiting"]),
        .library(name: "MSCLIKit", targets: ["MSCLIKit"]),
        .library(name: "SystemDesign", targets: ["SystemDesign"]),
        .library(name: "IPOScraper", targets: ["IPOScraper"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // Tests only: the drift tests read the OpenAPI documents with it (parsing, validation, schemas).
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0"),
    ],
    targets: [
        // Shared core: configuration, logging, PostgreSQL, migrations, tokens, passwords, HTTP errors.
        .target(
            name: "ServiceCore",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // Reads the services' OpenAPI documents (YAML) once at startup to serve them as JSON.
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // libpq in pipeline mode for point lookups (PipelinePool): the services' reads that are one short answer (auth's
        // user by id; the fingerprints of users' own bookings and orders pages). Its own module: mscli's code does not
        // need it.
        .target(
            name: "PostgresPipeline",
            dependencies: [
                "ServiceCore", "CLibPQ", .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // Auth service: users, roles, sessions; its routes, repository, rules and migrations.
        .target(
            name: "AuthService",
            dependencies: [
                "ServiceCore", "PostgresPipeline", "RedisClient", "RateLimiting",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // The OpenAPI document, compiled into the binary (no resource bundle to ship beside it).
            resources: [.embedInCode("openapi.yaml")]
        ),
        .executableTarget(
            name: "AuthServiceMain",
            dependencies: [
                "AuthService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The Elasticsearch 8 / OpenSearch REST subset both engines share, over AsyncHTTPClient (searches over keep-alive
        // NIO connections of their own, SearchConnections).
        .target(
            name: "SearchClient",
            dependencies: [
                "ServiceCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // libxml2's HTML parser (libxml2-dev). pkg-config only adds -I/usr/include/libxml2 (no prohibited flags); the
        // shim hides libxml2's ICU headers, which clash with Foundation's (see shim.h).
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // The upcoming-IPO scraper (seed section 10): fetch the page over HTTP, parse its table with libxml2, diff two runs.
        .target(
            name: "IPOScraper",
            dependencies: [
                "CLibXML2",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Booking service: theaters, movies, showings, seats, holds, bookings; search outbox and reindex; IPO scrapes.
        .target(
            name: "BookingService",
            dependencies: ["ServiceCore", "PostgresPipeline", "SearchClient", "IPOScraper"],
            resources: [.embedInCode("openapi.yaml")]
        ),
        .executableTarget(
            name: "BookingServiceMain",
            dependencies: [
                "BookingService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // RESP2 client over SwiftNIO: codec, pipelined connections, pool, scripts, pub/sub.
        .target(
            name: "RedisClient",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Per-key rate limiting (GCRA): atomic in Redis, in-process, and Redis with local failover.
        .target(
            name: "RateLimiting",
            dependencies: [
                "RedisClient",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Food service: catalogue, sharded orders, live order events over WebSocket, rate limits.
        .target(
            name: "FoodService",
            dependencies: [
                "ServiceCore", "PostgresPipeline", "RedisClient", "RateLimiting",
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.embedInCode("openapi.yaml")]
        ),
        .executableTarget(
            name: "FoodServiceMain",
            dependencies: [
                "FoodService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // GNU readline for `mscli shell` (headers and library from libreadline-dev; no pkgConfig, see swift-stack-notes).
        .systemLibrary(name: "CReadline", path: "Sources/CReadline", providers: [.apt(["libreadline-dev"])]),
        // libpq (libpq-dev): PostgresPipeline's pipelined point lookups, and mscli's resolution of maintenance
        // connection settings as psql does. pkg-config adds
        // only -I/usr/include/postgresql and -lpq (no prohibited flags).
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // mscli: the operator's suite. Commands over HTTP, or over the service libraries in maintenance mode.
        .target(
            name: "MSCLIKit",
            dependencies: [
                "ServiceCore",
                "AuthService",
                "BookingService",
                "FoodService",
                "SearchClient",
                "RedisClient",
                "CReadline",
                "CLibPQ",
                "IPOScraper",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .executableTarget(
            name: "MSCLIMain",
            // ArgumentParser directly, so its generate-manual plugin recognises mscli as a command-line tool
            dependencies: ["MSCLIKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The seed's system-design exercises (movie booking, parking lot, ride sharing): standard library and
        // Foundation only, used by no service.
        .target(name: "SystemDesign", exclude: ["README.md"]),
        .testTarget(name: "SystemDesignTests", dependencies: ["SystemDesign"]),
        // Fast tests of mscli without a database or a binary: its pure rules (settings, masking, parsing, output,
        // exit codes, the shell's tokenizer, the config file) and whole commands run in process on fake backends.
        .testTarget(
            name: "MSCLIKitTests",
            dependencies: [
                "MSCLIKit", "AuthService", "BookingService", "FoodService", "SearchClient", "ServiceCore",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // Shared by the test targets: a private database per test, running the built binaries, calling an in-process
        // service (sessions, replies).
        .target(
            name: "TestSupport",
            dependencies: [
                "ServiceCore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "ServiceCoreTests",
            dependencies: [
                "ServiceCore", "PostgresPipeline", "TestSupport", "CLibPQ", .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "AuthServiceTests",
            dependencies: [
                "AuthService",
                "TestSupport",
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "SearchClientTests",
            dependencies: [
                "SearchClient", "TestSupport", .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "IPOScraperTests",
            dependencies: ["IPOScraper"]
        ),
        .testTarget(
            name: "BookingServiceTests",
            dependencies: [
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                "BookingService",
                "IPOScraper",
                "PostgresPipeline",
                "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "RedisClientTests",
            dependencies: [
                "RedisClient",
                "TestSupport",  // the scheduling tags (Tags.swift)
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "RateLimitingTests",
            // Reuses RedisClientTests' RedisServerProcess and helpers.
            dependencies: ["RateLimiting", "RedisClient", "RedisClientTests", "TestSupport"]
        ),
        .testTarget(
            name: "FoodServiceTests",
            dependencies: [
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                "FoodService",
                "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "ServiceCore", "TestSupport", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ]
        ),
    ]
)
