import Ethereum

/// The Ethereum stack's hot paths: hashing, call encoding, transaction signing and decoding.
struct EthereumBenchmarks: BenchmarkSuite {
    let name = "ethereum"
    let summary = "Keccak-256, ABI-encoding submitProofOfWork, signing a type-2 transaction, RLP-decoding it"

    func run(into recorder: inout BenchmarkRecorder) throws {
        let small = [UInt8](repeating: 0x5A, count: 32)
        let kibibyte = [UInt8](repeating: 0xA5, count: 1024)
        var sink: UInt8 = 0
        let hashes = 100_000
        recorder.measure("keccak256 32 B", unit: "ns", batch: hashes) {
            for _ in 0..<hashes { sink ^= Keccak256.hash(small)[0] }
        }
        recorder.measure("keccak256 1 KiB", unit: "us", batch: 10_000) {
            for _ in 0..<10_000 { sink ^= Keccak256.hash(kibibyte)[0] }
        }

        let submit = try ABIFunctionSignature(parsing: "submitProofOfWork(uint256,uint256,bytes32,string,string)")
        let arguments: [ABIValue] = [
            .uint(U256(1234)), .uint(U256(1000)), .fixedBytes([UInt8](repeating: 0xAB, count: 32)),
            .string("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"), .string(""),
        ]
        let calls = 100_000
        try recorder.measure("abi-encode submitProofOfWork call", unit: "us", batch: calls) {
            for _ in 0..<calls { sink ^= try submit.encodeCall(arguments).last ?? 0 }
        }

        let signer = try EthereumSigner(privateKeyHex: "0x" + String(repeating: "46", count: 32))
        let transaction = EthereumTransaction.dynamicFee(
            chainId: 84532, nonce: 17, maxPriorityFeePerGas: U256(1_000_000), maxFeePerGas: U256(2_000_000_000),
            gasLimit: 250_000, to: try EthereumAddress(parsing: "0xD067719Ee4c514B5735d1aC0FfB46FECf2A9adA4"),
            data: try submit.encodeCall(arguments))
        let signatures = 2_000
        let digest = Keccak256.hash(small)
        try recorder.measure("secp256k1 sign a 32-byte hash (library floor)", unit: "us", batch: signatures) {
            for _ in 0..<signatures { sink ^= try signer.sign(hash: digest).s[31] }
        }
        try recorder.measure("sign type-2 transaction (hash + ECDSA + raw)", unit: "us", batch: signatures) {
            for _ in 0..<signatures { sink ^= try signer.sign(transaction).raw.last ?? 0 }
        }

        let raw = try signer.sign(transaction).raw
        let decodes = 100_000
        let envelope = Array(raw.dropFirst())
        try recorder.measure("rlp-decode signed type-2 transaction", unit: "us", batch: decodes) {
            for _ in 0..<decodes { sink ^= UInt8(truncatingIfNeeded: try RLPItem.decode(envelope).listValue().count) }
        }
        let recoveries = 2_000
        try recorder.measure("decode raw transaction with sender recovery", unit: "us", batch: recoveries) {
            for _ in 0..<recoveries { sink ^= try SignedTransaction(raw: raw).sender.bytes[0] }
        }
        precondition(sink != 0x5B || sink == 0x5B)
    }
}
