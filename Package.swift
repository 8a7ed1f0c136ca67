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
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
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
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
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

        .target(
            name: "Ceremony",
            dependencies: ["BN254", "Groth16", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: optimised
        ),

        // MARK: Ethereum (Keccak, RLP, ABI, secp256k1 signer, transactions, JSON-RPC); knows nothing of proofs
        .target(
            name: "Ethereum",
            dependencies: ["CSecp256k1", "CCurl"],
            swiftSettings: optimised
        ),

        // MARK: Test and benchmark support: a minimal HTTP/1.1 server on 127.0.0.1 with scripted answers
        .target(name: "LoopbackHTTP"),

        // MARK: Storage
        .target(
            name: "AuditStore",
            dependencies: [
                "CSQLite",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // MARK: MockChain: an in-memory chain with the JobMarketplace contract in Swift, served over JSON-RPC
        .target(
            name: "MockChain",
            dependencies: [
                "Ethereum",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),

        // MARK: The executable
        .executableTarget(
            name: "proofnode",
            dependencies: [
                "BN254",
                "Groth16",
                "Commitment",
                "Ceremony",
                "Ethereum",
                "LoopbackHTTP",
                "AuditStore",
                "MockChain",
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
        .testTarget(
            name: "CeremonyTests",
            dependencies: ["Ceremony", "Commitment", "Groth16", "BN254"],
            resources: [.copy("Vectors")],
            swiftSettings: optimised
        ),
        .testTarget(
            name: "EthereumTests",
            dependencies: ["Ethereum", "CSecp256k1", "LoopbackHTTP"],
            resources: [.copy("Vectors")],
            swiftSettings: optimised
        ),
        .testTarget(
            name: "AuditStoreTests",
            dependencies: ["AuditStore"],
            resources: [.copy("Vectors")]
        ),
        .testTarget(
            name: "MockChainTests",
            dependencies: ["MockChain", "Ethereum"],
            resources: [.copy("Vectors")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
