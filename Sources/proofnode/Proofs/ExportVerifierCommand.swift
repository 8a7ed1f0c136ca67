import ArgumentParser
import Commitment
import Foundation
import Groth16

/// `proofnode export-verifier`: writes an on-chain verifier contract with the verifying key embedded.
struct ExportVerifierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-verifier",
        abstract: "Write a Vyper verifier contract with the verifying key embedded (docs/ONCHAIN.md).",
        discussion: """
            The contract has verifyCheckpoint(bytes proof, uint256[N] input) for the 256-byte proofs proofnode \
            stores and snarkjs' verifyProof(uint256[2] a, uint256[2][2] b, uint256[2] c, uint256[N] input); \
            both return false for a wrong proof and revert with a reason for non-canonical values. Compile \
            it with vyper 0.4.3. No Solidity export exists: no Solidity compiler is available to test one.
            """
    )

    @Option(name: .long, help: "The contract language (only vyper).")
    var format: String = "vyper"

    @Option(name: .long, help: "The verifying key file.")
    var vk: String = "keys/commitment.vk"

    @Option(name: .long, help: "Write the contract to this file instead of standard output.")
    var out: String?

    func run() throws {
        guard let format = VerifierContractExporter.Format(rawValue: format) else {
            throw ValidationError(
                "--format must be one of: \(VerifierContractExporter.Format.allCases.map(\.rawValue))")
        }
        guard let data = FileManager.default.contents(atPath: vk) else {
            throw CommandFailure("cannot read the verifying key \(vk); run `proofnode setup` or give --vk FILE")
        }
        let source: String
        do {
            let key = try VerifyingKey(encoded: [UInt8](data))
            let isCheckpointKey =
                key.publicInputCount == CheckpointPublicInputs.names.count
                && key.circuitDigest == CheckpointCircuit.shared.system.circuitDigest
            let exporter =
                isCheckpointKey
                ? VerifierContractExporter(
                    key: key, title: "proofnode checkpoint proofs (docs/CIRCUIT_SPEC.md)",
                    inputNames: CheckpointPublicInputs.names)
                : VerifierContractExporter(key: key)
            source = try exporter.source(format: format)
            FileHandle.standardError.write(Data("export-verifier: key \(key.fingerprint)\n".utf8))
        } catch {
            throw CommandFailure("\(vk): \(error)")
        }
        guard let out else {
            print(source, terminator: "")
            return
        }
        do {
            try DurableFile.write(Array(source.utf8), to: out)
        } catch {
            throw CommandFailure("could not write \(out): \(error.message)")
        }
        FileHandle.standardError.write(Data("export-verifier: wrote \(out)\n".utf8))
    }
}
