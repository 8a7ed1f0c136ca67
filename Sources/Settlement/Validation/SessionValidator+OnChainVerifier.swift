import AuditStore
import Commitment
import Ethereum

/// A deployed verifier contract (`proofnode export-verifier`) that every checkpoint proof must also verify
/// on before a session is settled — configuration key `settlement.require_onchain_verifier`, for
/// deployments that will move verification on-chain (docs/ONCHAIN.md).
///
/// The check is `verifyCheckpoint(proof, publicInputs)` through `eth_call` (no transaction, no gas spent);
/// it comes in addition to local verification, never instead of it.
public struct OnChainVerifierRequirement: Sendable {
    /// The node the verifier is called through (the settlement chain's client).
    public let client: EthereumClient
    /// The verifier contract.
    public let verifier: VerifierContract

    /// Requires proofs to verify on the verifier at `address`, called through `client`.
    /// - Parameters:
    ///   - client: The node.
    ///   - address: The deployed verifier contract (5 public inputs: the checkpoint circuit's).
    public init(client: EthereumClient, address: EthereumAddress) {
        self.client = client
        self.verifier = VerifierContract(address: address, publicInputCount: 5)
    }
}

extension SessionValidator {
    /// Calls the required verifier for every stored proof whose submission did not fail. `false`, a revert
    /// or arguments the verifier cannot take are findings (the chain would refuse the proof); a node that
    /// cannot be asked is an error, so nothing is decided and no dispute is recorded against the host.
    func checkOnChainVerifier(
        _ report: inout SessionValidationReport, job: JobReport, requirement: OnChainVerifierRequirement
    ) async throws(SettlerError) {
        let address = requirement.verifier.address
        var embeddedKey: String??
        for index in report.checkpoints.indices {
            let checkpointIndex = report.checkpoints[index].checkpointIndex
            let checkpoint = job.checkpoints.first { $0.checkpointIndex == checkpointIndex }
            guard checkpoint?.status != .failed,
                let stored = job.proofs.first(where: { $0.checkpointIndex == checkpointIndex })
            else { continue }  // not submitted, or no proof (a local finding already)
            let arguments: (proof: [UInt8], publicInputs: [[UInt8]], keyFingerprint: String)
            var inputs: [U256] = []
            do {
                arguments = try ProofEnvelope(json: Array(stored.envelopeJSON.utf8)).onChainArguments
                for word in arguments.publicInputs { inputs.append(try U256(bigEndian: word)) }
            } catch {
                continue  // an envelope that does not decode is a local finding already (malformedEnvelope)
            }
            let outcome: VerifierCallOutcome
            do {
                outcome = try await requirement.verifier.verifyCheckpoint(
                    proof: arguments.proof, publicInputs: inputs, on: requirement.client, estimateGas: false)
            } catch {
                if error.code == .invalidArgument {
                    report.checkpoints[index].findings.append(
                        ValidationFinding(
                            .onChainVerifierRejected,
                            "the on-chain verifier \(address) cannot take the proof: \(error.message)"
                        ))
                    continue
                }
                throw SettlerError(
                    .chain,
                    "checkpoint \(checkpointIndex): the on-chain verifier \(address) could not be asked "
                        + "(\(error.message)); nothing was decided, settle again when the node answers")
            }
            switch outcome.result {
            case .verified:
                report.checkpoints[index].notes.append("verified on-chain by the verifier \(address) (eth_call)")
            case .notVerified:
                if embeddedKey == nil { embeddedKey = await Self.embeddedKey(requirement) }
                let keys =
                    (embeddedKey ?? nil).map {
                        " (it embeds key \($0); the proof was made with key \(stored.keyFingerprint))"
                    }
                    ?? ""
                report.checkpoints[index].findings.append(
                    ValidationFinding(
                        .onChainVerifierRejected,
                        "on-chain verifier returned false: verifyCheckpoint at \(address) does not accept the proof "
                            + "for its public inputs\(keys)"))
            case .reverted(let reason):
                report.checkpoints[index].findings.append(
                    ValidationFinding(
                        .onChainVerifierRejected,
                        "on-chain verifier reverted: \(reason) (verifyCheckpoint at \(address))"))
            }
        }
    }

    /// The verifier's `KEY_FINGERPRINT()` in hex, for the message only (nil when it cannot be read).
    private static func embeddedKey(_ requirement: OnChainVerifierRequirement) async -> String? {
        do {
            let bytes = try await requirement.verifier.keyFingerprint(on: requirement.client)
            return String(HexText.encode(bytes).dropFirst(2))
        } catch {
            return nil  // a verifier without KEY_FINGERPRINT(): the finding says less, it is not weaker
        }
    }
}
