// swift-tools-version: 6.2
import PackageDescription

/// Strict settings for every target of ours (DESIGN.md "Engineering notes").
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "pykala",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pykala", targets: ["pykala"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(name: "Postgres", dependencies: ["CLibPQ"], swiftSettings: strict),
        .target(name: "Decisions", dependencies: ["Yams"], swiftSettings: strict),
        .target(
            name: "DecisionStore",
            dependencies: [
                "Postgres", "Decisions",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Reports",
            dependencies: ["Decisions", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strict
        ),
        .target(
            name: "PublicWeb",
            dependencies: [
                "Postgres", "Decisions", "DecisionStore", "Reports",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "pykala",
            dependencies: [
                "Postgres", "Decisions", "DecisionStore", "Reports", "PublicWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // Starts one throwaway PostgreSQL per test run; used by test targets only.
        .target(name: "PostgresTestSupport", dependencies: ["Postgres", "DecisionStore"], swiftSettings: strict),

        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "PostgresTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "DecisionsTests",
            dependencies: ["Decisions", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DecisionStoreTests",
            dependencies: ["DecisionStore", "Postgres", "PostgresTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "Decisions", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Golden"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PublicWebTests",
            dependencies: [
                "PublicWeb", "DecisionStore", "Decisions", "Postgres", "PostgresTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PykalaTests",
            dependencies: ["pykala", "Postgres", "Decisions", "DecisionStore", "PostgresTestSupport"],
            swiftSettings: strict
        ),
    ]
)
