// swift-tools-version:6.0
// proofnode: zero-knowledge checkpoint proofs, on-chain submission, audit and proof-gated settlement
// for Fabstir LLM hosts. See README.md for the architecture and DEVELOPERS.md-style module map.
import PackageDescription

/// Hot arithmetic modules are optimised in every configuration: debug builds of field code run
/// 20–650× slower, which would make `swift test` useless for cryptography.
let optimised: [SwiftSetting] = [.unsafeFlags(["-O"])]

let package = Package(
    name: "proofnode",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "proofnode", targets: ["proofnode"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
    ],
    targets: [
        // MARK: C libraries from Debian packages (system-library targets with shim headers)
        .systemLibrary(
            name: "CGMP",
            pkgConfig: "gmp",
            providers: [.apt(["libgmp-dev"])]
        ),
        .systemLibrary(
            name: "CSecp256k1",
            pkgConfig: "libsecp256k1",
            providers: [.apt(["libsecp256k1-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),

        // MARK: Cryptography
        .target(
            name: "BN254",
            swiftSettings: optimised
        ),

        .target(
            name: "Groth16",
            dependencies: ["BN254", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: optimised
        ),
        .target(
            name: "Commitment",
            dependencies: [
                "BN254", "Groth16", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: optimised
        ),

        // MARK: The executable
        .executableTarget(
            name: "proofnode",
            dependencies: [
                "BN254",
                "Groth16",
                "Commitment",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests
        .testTarget(
            name: "SystemLibrariesTests",
            dependencies: ["CGMP", "CSecp256k1", "CCurl"]
        ),
        .testTarget(
            name: "BN254Tests",
            dependencies: ["BN254", "CGMP"],
            resources: [.copy("Vectors")],
            swiftSettings: optimised
        ),
        .testTarget(
            name: "Groth16Tests",
            dependencies: ["Groth16", "BN254"],
            swiftSettings: optimised
        ),
        .testTarget(
            name: "CommitmentTests",
            dependencies: [
                "Commitment", "Groth16", "BN254", .product(name: "Metrics", package: "swift-metrics"),
            ],
            resources: [.copy("Vectors")],
            swiftSettings: optimised
        ),
    ],
    swiftLanguageModes: [.v6]
)
