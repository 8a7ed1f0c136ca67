/// Checks that a checkpoint proof verifies on a deployed verifier contract (`eth_call`, no transaction):
/// for deployments that will move verification on-chain, the settler requires this in addition to
/// local verification (configuration key `settlement.require_onchain_verifier`; docs/ONCHAIN.md).
///
/// This module knows nothing of proofs; the caller passes the envelope's parts. With the Commitment
/// module's `ProofEnvelope.onChainArguments`:
///
/// ```swift
/// let check = OnChainProofCheck(client: client, verifier: verifierAddress)
/// let arguments = envelope.onChainArguments
/// switch await check.check(proof: arguments.proof, publicInputs: arguments.publicInputs,
///                          keyFingerprint: arguments.keyFingerprint) {
/// case .verified: …                     // settle
/// case .rejected(let reason): …         // refuse to settle: the chain would refuse this proof
/// case .unavailable(let error): …       // the node failed: retry later, do not settle yet
/// }
/// ```
public struct OnChainProofCheck: Sendable {
    /// The node.
    public let client: EthereumClient
    /// The verifier contract.
    public let verifier: VerifierContract
    /// Whether `eth_estimateGas` is asked for as well (the gas a transaction would use).
    public let estimatesGas: Bool

    /// A check against the verifier at `verifier`, taking `publicInputCount` public inputs.
    public init(
        client: EthereumClient, verifier: EthereumAddress, publicInputCount: Int = 5, estimatesGas: Bool = false
    ) {
        self.client = client
        self.verifier = VerifierContract(address: verifier, publicInputCount: publicInputCount)
        self.estimatesGas = estimatesGas
    }

    /// What the chain says about a proof.
    public enum Verdict: Sendable, Equatable, CustomStringConvertible {
        /// The contract returned `true`; the gas a transaction would use, when asked for.
        case verified(gasEstimate: UInt64?)
        /// The chain would refuse the proof: the contract returned `false`, reverted (the reason is
        /// given), or embeds another key than the proof names.
        case rejected(String)
        /// The check could not be made (node or transport failure, not a verifier at that address).
        case unavailable(VerifierContractError)

        /// Whether the proof verified on-chain.
        public var isVerified: Bool {
            if case .verified = self { return true }
            return false
        }

        /// A sentence for people.
        public var description: String {
            switch self {
            case .verified(let gas): return "verified on-chain" + (gas.map { " (gas estimate \($0))" } ?? "")
            case .rejected(let reason): return "rejected on-chain: \(reason)"
            case .unavailable(let error): return "on-chain check unavailable: \(error.message)"
            }
        }
    }

    /// Calls `verifyCheckpoint(proof, publicInputs)` on the verifier.
    /// - Parameters:
    ///   - proof: the 256-byte proof as stored in the envelope.
    ///   - publicInputs: the public inputs as 32-byte big-endian words, in circuit order.
    ///   - keyFingerprint: the envelope's key fingerprint (64 hex digits); when given, the contract's
    ///     `KEY_FINGERPRINT()` must equal it, so a verifier for another key is not taken as a verdict.
    /// - Returns: the verdict; node failures are ``Verdict/unavailable(_:)``, never a rejection.
    public func check(proof: [UInt8], publicInputs: [[UInt8]], keyFingerprint: String? = nil) async -> Verdict {
        var words: [U256] = []
        for (index, word) in publicInputs.enumerated() {
            guard word.count == 32 else { return .rejected("public input \(index) is not a 32-byte word") }
            do {
                words.append(try U256(bigEndian: word))
            } catch {
                return .rejected("public input \(index) does not decode: \(error)")
            }
        }
        do {
            if let keyFingerprint {
                let deployed = Hex.encode(try await verifier.keyFingerprint(on: client))
                let expected = "0x" + keyFingerprint.lowercased()
                guard deployed == expected else {
                    return .rejected(
                        "the verifier at \(verifier.address) embeds key \(deployed.dropFirst(2)); the proof names \(keyFingerprint)"
                    )
                }
            }
            let outcome = try await verifier.verifyCheckpoint(
                proof: proof, publicInputs: words, on: client, estimateGas: estimatesGas)
            switch outcome.result {
            case .verified: return .verified(gasEstimate: outcome.gasEstimate)
            case .notVerified: return .rejected("the verifier returned false")
            case .reverted(let reason): return .rejected("the verifier reverted: \(reason)")
            }
        } catch {
            if error.code == .invalidArgument { return .rejected(error.message) }
            return .unavailable(error)
        }
    }
}
