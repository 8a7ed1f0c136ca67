import ArgumentParser
import BN254
import Foundation
import Groth16

/// `proofnode dev export-snarkjs`: a fresh setup and proof for a synthetic circuit, written as
/// snarkjs' `verification_key.json`, `proof.json` and `public.json` (plus the 256-byte EVM layout),
/// so that independent Groth16 verifiers (snarkjs, py_ecc, the EVM's pairing precompile) can check
/// proofs made by this engine.
struct DevExportSnarkjsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-snarkjs",
        abstract: "Set up a synthetic circuit, prove it, and write snarkjs JSON files for independent verifiers.",
        discussion: """
            Writes verification_key.json, proof.json, public.json and proof.bin (the 256-byte EVM layout) \
            into --out. The keys come from a single-party setup whose secrets are discarded; they are for \
            interoperability tests, not for production.
            """
    )

    @Option(name: .long, help: "The directory to write the files into (created if missing).")
    var out: String

    @Option(name: .long, help: "Multiplication constraints of the synthetic circuit.")
    var constraints: Int = 64

    @Option(name: .long, help: "Public inputs of the synthetic circuit.")
    var publicInputs: Int = 5

    @Option(name: .long, help: "The first public input; the others follow as consecutive integers.")
    var firstInput: UInt64 = 1_000

    func validate() throws {
        guard (1...1_000_000).contains(constraints) else {
            throw ValidationError("--constraints must be between 1 and 1000000, got \(constraints)")
        }
        guard (1...64).contains(publicInputs) else {
            throw ValidationError("--public-inputs must be between 1 and 64, got \(publicInputs)")
        }
    }

    func run() throws {
        let circuit = SyntheticCircuit(constraintCount: constraints, publicInputCount: publicInputs)
        let key = try Setup.generateKeys(for: circuit.system)
        let prover = try Prover(key: key, system: circuit.system)
        let inputs = (0..<UInt64(publicInputs)).map { Fr(firstInput &+ $0) }
        let proof = try prover.prove(circuit.assignment(publicInputs: inputs, start: Fr(3)))
        guard try Verifier(key: key.verifyingKey).verify(proof, publicInputs: inputs) else {
            throw ValidationError("internal error: the fresh proof does not verify; please report this")
        }

        let directory = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(SnarkjsJSON.verificationKey(key.verifyingKey))
            .write(to: directory.appendingPathComponent("verification_key.json"))
        try encoder.encode(SnarkjsJSON.proof(proof)).write(to: directory.appendingPathComponent("proof.json"))
        try encoder.encode(SnarkjsJSON.publicInputs(inputs)).write(to: directory.appendingPathComponent("public.json"))
        try Data(proof.encoded).write(to: directory.appendingPathComponent("proof.bin"))
        print("wrote verification_key.json, proof.json, public.json, proof.bin to \(directory.path)")
    }
}
