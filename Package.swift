// swift-tools-version:6.0
import PackageDescription

// Strict settings for every target: Swift 6 language mode and explicit `any`.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "mindreel",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mindreel", targets: ["mindreel"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.0"),
        // Already in the graph through Vapor; Media uses them directly (S3 over HTTP, SigV4).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.24.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        // Domain types and rules: plain Swift, no Vapor, no Fluent.
        .target(name: "MindreelCore", swiftSettings: strict),
        // ffmpeg driving, caption parsing and media storage.
        .target(
            name: "Media",
            dependencies: [
                "MindreelCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // The Vapor application.
        .target(
            name: "App",
            dependencies: [
                "MindreelCore",
                "Media",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "mindreel",
            dependencies: ["App", "MindreelCore"],
            swiftSettings: strict
        ),
        .testTarget(name: "MindreelCoreTests", dependencies: ["MindreelCore"], swiftSettings: strict),
        .testTarget(name: "MediaTests", dependencies: ["Media"], swiftSettings: strict),

        .testTarget(
            name: "AppTests",
            dependencies: [
                "App",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            swiftSettings: strict
        ),
    ]
)
