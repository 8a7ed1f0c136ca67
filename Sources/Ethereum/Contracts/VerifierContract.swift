/// Bindings for a Groth16 verifier contract exported by `proofnode export-verifier` (BN254, EVM
/// precompiles 0x06–0x08): `verifyCheckpoint(bytes proof, uint256[N] input)`, snarkjs'
/// `verifyProof(uint256[2] a, uint256[2][2] b, uint256[2] c, uint256[N] input)`, and the key constants
/// `KEY_FINGERPRINT()`, `CIRCUIT_DIGEST()`, `PUBLIC_INPUT_COUNT()`.
///
/// Only ABI: this module knows nothing of proofs. The caller passes the 256-byte proof (A.x, A.y, B.x1,
/// B.x0, B.y1, B.y0, C.x, C.y) and the public inputs as 256-bit words.
///
/// ```swift
/// let verifier = VerifierContract(address: deployed)
/// let outcome = try await verifier.verifyCheckpoint(proof: bytes, publicInputs: words, on: client)
/// if case .verified = outcome.result { … }   // outcome.gasEstimate: what a transaction would use
/// ```
public struct VerifierContract: Sendable {
    /// The deployed contract.
    public let address: EthereumAddress
    /// The number of public inputs the contract's functions take (5 for checkpoint proofs).
    public let publicInputCount: Int
    /// The contract's ABI for ``publicInputCount`` inputs.
    public let abi: ContractABI

    /// The size of a proof in the EVM layout.
    public static let proofSize = 256

    /// Binds the verifier at `address`, whose functions take `publicInputCount` public inputs.
    public init(address: EthereumAddress, publicInputCount: Int = 5) {
        self.address = address
        self.publicInputCount = publicInputCount
        self.abi = Self.abi(publicInputCount: publicInputCount)
    }

    /// The verifier ABI for `publicInputCount` inputs (the selectors depend on it: `uint256[5]`).
    public static func abi(publicInputCount: Int) -> ContractABI {
        let u256 = ABIType.uint(256)
        let inputs = ABIParameter(name: "input", type: .fixedArray(u256, publicInputCount))
        let verdict = [ABIParameter(name: "", type: .bool)]
        func constant(_ name: String, _ type: ABIType) -> ABIFunction {
            ABIFunction(name: name, inputs: [], outputs: [ABIParameter(name: "", type: type)], stateMutability: "view")
        }
        return ContractABI(
            functions: [
                ABIFunction(
                    name: "verifyCheckpoint", inputs: [ABIParameter(name: "proof", type: .bytes), inputs],
                    outputs: verdict, stateMutability: "view"),
                ABIFunction(
                    name: "verifyProof",
                    inputs: [
                        ABIParameter(name: "a", type: .fixedArray(u256, 2)),
                        ABIParameter(name: "b", type: .fixedArray(.fixedArray(u256, 2), 2)),
                        ABIParameter(name: "c", type: .fixedArray(u256, 2)), inputs,
                    ], outputs: verdict, stateMutability: "view"),
                constant("KEY_FINGERPRINT", .fixedBytes(32)),
                constant("CIRCUIT_DIGEST", .fixedBytes(32)),
                constant("PUBLIC_INPUT_COUNT", u256),
            ], events: [], errors: [])
    }

    /// The call data of `verifyCheckpoint(proof, input)`.
    /// - Throws: ``VerifierContractError`` `.invalidArgument` when the proof is not 256 bytes or the
    ///   number of inputs is not ``publicInputCount``.
    public func verifyCheckpointCallData(proof: [UInt8], publicInputs: [U256]) throws(VerifierContractError) -> [UInt8]
    {
        try checkArguments(proof: proof, publicInputs: publicInputs)
        return try encode("verifyCheckpoint", [.bytes(proof), .array(publicInputs.map { .uint($0) })])
    }

    /// The call data of snarkjs' `verifyProof(a, b, c, input)` for the same proof bytes: b is passed as
    /// [[x1, x0], [y1, y0]], the order of the 256-byte layout (and of snarkjs' Solidity call data).
    /// - Throws: ``VerifierContractError`` `.invalidArgument` as ``verifyCheckpointCallData(proof:publicInputs:)``.
    public func verifyProofCallData(proof: [UInt8], publicInputs: [U256]) throws(VerifierContractError) -> [UInt8] {
        try checkArguments(proof: proof, publicInputs: publicInputs)
        var words: [ABIValue] = []
        for start in stride(from: 0, to: Self.proofSize, by: 32) {
            do {
                words.append(.uint(try U256(bigEndian: proof[start..<start + 32])))
            } catch {
                throw VerifierContractError(.invalidArgument, "proof word at \(start) does not decode: \(error)")
            }
        }
        return try encode(
            "verifyProof",
            [
                .array([words[0], words[1]]), .array([.array([words[2], words[3]]), .array([words[4], words[5]])]),
                .array([words[6], words[7]]), .array(publicInputs.map { .uint($0) }),
            ])
    }

    /// Runs `verifyCheckpoint` through `eth_call` and, unless it reverts, `eth_estimateGas` for what a
    /// transaction making the same call would use.
    /// - Parameters:
    ///   - proof: the 256-byte proof.
    ///   - publicInputs: the public inputs, in circuit order.
    ///   - client: the node.
    ///   - sender: the `from` of the call (nil: the node's default).
    ///   - block: the block to run against.
    ///   - estimateGas: whether to ask for the gas estimate as well.
    /// - Returns: verified, not verified (`false`), or reverted with the contract's reason.
    /// - Throws: ``VerifierContractError`` `.invalidArgument`, `.failed` (node or transport) or
    ///   `.invalidResponse` — never for a proof that is merely wrong.
    public func verifyCheckpoint(
        proof: [UInt8], publicInputs: [U256], on client: EthereumClient, from sender: EthereumAddress? = nil,
        at block: BlockTag = .latest, estimateGas: Bool = true
    ) async throws(VerifierContractError) -> VerifierCallOutcome {
        let data = try verifyCheckpointCallData(proof: proof, publicInputs: publicInputs)
        return try await run(
            data, function: "verifyCheckpoint", on: client, from: sender, at: block, estimate: estimateGas)
    }

    /// Runs snarkjs' `verifyProof` for the same proof bytes, like ``verifyCheckpoint(proof:publicInputs:on:from:at:estimateGas:)``.
    public func verifyProof(
        proof: [UInt8], publicInputs: [U256], on client: EthereumClient, from sender: EthereumAddress? = nil,
        at block: BlockTag = .latest, estimateGas: Bool = true
    ) async throws(VerifierContractError) -> VerifierCallOutcome {
        let data = try verifyProofCallData(proof: proof, publicInputs: publicInputs)
        return try await run(data, function: "verifyProof", on: client, from: sender, at: block, estimate: estimateGas)
    }

    /// `KEY_FINGERPRINT()`: SHA-256 of the embedded verifying key's file (32 bytes).
    public func keyFingerprint(
        on client: EthereumClient, at block: BlockTag = .latest
    ) async throws(VerifierContractError)
        -> [UInt8]
    {
        try await bytes32("KEY_FINGERPRINT", on: client, at: block)
    }

    /// `CIRCUIT_DIGEST()`: SHA-256 of the circuit's canonical R1CS (32 bytes).
    public func circuitDigest(
        on client: EthereumClient, at block: BlockTag = .latest
    ) async throws(VerifierContractError)
        -> [UInt8]
    {
        try await bytes32("CIRCUIT_DIGEST", on: client, at: block)
    }

    // MARK: Helpers

    private func checkArguments(proof: [UInt8], publicInputs: [U256]) throws(VerifierContractError) {
        guard proof.count == Self.proofSize else {
            throw VerifierContractError(.invalidArgument, "a proof is \(Self.proofSize) bytes, got \(proof.count)")
        }
        guard publicInputs.count == publicInputCount else {
            throw VerifierContractError(
                .invalidArgument, "the verifier takes \(publicInputCount) public inputs, got \(publicInputs.count)")
        }
    }

    private func encode(_ name: String, _ values: [ABIValue]) throws(VerifierContractError) -> [UInt8] {
        do {
            return try abi.function(name).encodeCall(values)
        } catch {
            throw VerifierContractError(.invalidArgument, "\(name) cannot be encoded: \(error)")
        }
    }

    private func run(
        _ data: [UInt8], function: String, on client: EthereumClient, from sender: EthereumAddress?, at block: BlockTag,
        estimate: Bool
    ) async throws(VerifierContractError) -> VerifierCallOutcome {
        let request = CallRequest(from: sender, to: address, data: data)
        let output: [UInt8]
        do {
            output = try await client.call(request, at: block)
        } catch {
            if error.isRevert {
                return VerifierCallOutcome(result: .reverted(reason: error.revert()?.description ?? "reverted"))
            }
            throw VerifierContractError.failed(error, doing: function)
        }
        guard output.count == 32, output[0..<31].allSatisfy({ $0 == 0 }), output[31] <= 1 else {
            throw VerifierContractError(
                .invalidResponse,
                "\(function) returned \(output.count) bytes that are not an ABI bool; is \(address) a proofnode verifier?"
            )
        }
        var gas: UInt64?
        if estimate {
            do {
                gas = try await client.estimateGas(request, at: block)
            } catch {
                throw VerifierContractError.failed(error, doing: "eth_estimateGas of \(function)")
            }
        }
        return VerifierCallOutcome(result: output[31] == 1 ? .verified : .notVerified, gasEstimate: gas)
    }

    private func bytes32(
        _ name: String, on client: EthereumClient, at block: BlockTag
    ) async throws(VerifierContractError)
        -> [UInt8]
    {
        let data = try encode(name, [])
        let output: [UInt8]
        do {
            output = try await client.call(CallRequest(to: address, data: data), at: block)
        } catch {
            throw VerifierContractError.failed(error, doing: name)
        }
        guard output.count == 32 else {
            throw VerifierContractError(.invalidResponse, "\(name) returned \(output.count) bytes, not 32")
        }
        return output
    }
}

/// What a verifier contract said about a proof.
public struct VerifierCallOutcome: Sendable, Hashable, CustomStringConvertible {
    /// The contract's answer.
    public enum Result: Sendable, Hashable {
        /// The call returned `true`.
        case verified
        /// The call returned `false`: a well-formed proof that does not verify.
        case notVerified
        /// The call reverted (non-canonical input, point off the curve, wrong length); the reason.
        case reverted(reason: String)
    }

    /// The answer.
    public let result: Result
    /// `eth_estimateGas` of the same call (what a transaction would use, including the 21,000 base and
    /// the call data); nil when not asked for or when the call reverted.
    public let gasEstimate: UInt64?

    /// Creates an outcome.
    public init(result: Result, gasEstimate: UInt64? = nil) {
        self.result = result
        self.gasEstimate = gasEstimate
    }

    /// Whether the contract returned `true`.
    public var isVerified: Bool { result == .verified }

    /// `verified`, `not verified` or `reverted: reason`, with the gas estimate when known.
    public var description: String {
        let text: String
        switch result {
        case .verified: text = "verified"
        case .notVerified: text = "not verified"
        case .reverted(let reason): text = "reverted: \(reason)"
        }
        return gasEstimate.map { "\(text) (gas estimate \($0))" } ?? text
    }
}
