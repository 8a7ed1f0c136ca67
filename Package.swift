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
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
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
            // The verifier contract template, compiled into the module (no bundle lookup at run time).
            resources: [.embedInCode("Resources/Groth16Verifier.vy")],
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

        // MARK: Ceremony: multi-party trusted setup (phase 1 and 2), snarkjs .ptau interchange
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

        // MARK: Settlement: proof-gated validation and auto-settlement (uses Commitment, Ethereum, AuditStore)
        .target(
            name: "Settlement",
            dependencies: [
                "Commitment", "Groth16", "BN254", "Ethereum", "AuditStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),

        // MARK: The service a host runs: configuration, HTTP API (Hummingbird), metrics, health, doctor
        .target(
            name: "ProofnodeService",
            dependencies: [
                "BN254", "Commitment", "AuditStore", "Ethereum", "MockChain", "Settlement",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
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
                "Settlement",
                "ProofnodeService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),

        // MARK: Test support (shared by the test targets; never linked into a product)
        .target(
            name: "TestSupport",
            dependencies: [.product(name: "Metrics", package: "swift-metrics")],
            path: "Tests/TestSupport"
        ),
        .target(
            name: "ChainTestSupport",
            dependencies: ["MockChain", "Ethereum"],
            path: "Tests/ChainTestSupport"
        ),

        // MARK: Tests
        .testTarget(
            name: "SystemLibrariesTests",
            dependencies: ["CGMP", "CSecp256k1", "CCurl"]
        ),
        .testTarget(
            name: "BN254Tests",
            dependencies: ["BN254", "CGMP", "TestSupport"],
            resources: [.copy("Vectors")],
            swiftSettings: optimised
        ),
        .testTarget(
            name: "Groth16Tests",
            dependencies: ["Groth16", "BN254", "TestSupport"],
            swiftSettings: optimised
        ),
        .testTarget(
            name: "CommitmentTests",
            dependencies: [
                "Commitment", "Groth16", "BN254", "TestSupport", .product(name: "Metrics", package: "swift-metrics"),
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
            dependencies: ["Ethereum", "CSecp256k1", "LoopbackHTTP", "TestSupport"],
            resources: [.copy("Vectors")],
            swiftSettings: optimised
        ),
        .testTarget(
            name: "AuditStoreTests",
            dependencies: ["AuditStore"],
            resources: [.copy("Vectors")]
        ),
        .testTarget(
            name: "ProofnodeServiceTests",
            dependencies: [
                "ProofnodeService", "Commitment", "Groth16", "BN254", "AuditStore", "Ethereum", "MockChain",
                "Settlement", "TestSupport", "ChainTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(
            name: "MockChainTests",
            dependencies: ["MockChain", "Ethereum", "ChainTestSupport"],
            resources: [.copy("Vectors")]
        ),
        .testTarget(
            name: "SettlementTests",
            dependencies: [
                "Settlement", "Commitment", "Groth16", "BN254", "Ethereum", "AuditStore", "MockChain", "TestSupport",
                "ChainTestSupport", .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
