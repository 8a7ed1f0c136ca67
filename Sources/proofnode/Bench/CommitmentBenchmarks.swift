import BN254
import Commitment
import Groth16

/// The commitment layer's per-checkpoint costs: native Poseidon, witness building, satisfaction check.
struct CommitmentBenchmarks: BenchmarkSuite {
    let name = "commitment"
    let summary = "Poseidon, checkpoint witness, prove/verify envelopes, key load, proof cache lookups"

    func run(into recorder: inout BenchmarkRecorder) throws {
        var generator = SecureRandom()
        var pair = [Fr.random(using: &generator), Fr.random(using: &generator)]
        let hashes = 1_000
        try recorder.measure("poseidon t=3 (2 inputs)", unit: "us", batch: hashes) {
            for _ in 0..<hashes { pair[0] = try Poseidon.hash(pair) }
        }
        var eleven = (0..<11).map { _ in Fr.random(using: &generator) }
        let wideHashes = 200
        try recorder.measure("poseidon t=12 (11 inputs)", unit: "us", batch: wideHashes) {
            for _ in 0..<wideHashes { eleven[0] = try Poseidon.hash(eleven) }
        }

        let circuit = CheckpointCircuit.shared
        let builder = CheckpointWitnessBuilder(circuit: circuit)
        let opening = CheckpointOpening(
            modelHash: .sha256(utf8: "model"), inputHash: .sha256(utf8: "prompt"), outputHash: .sha256(utf8: "response")
        )
        let statement = CheckpointStatement(
            jobId: 7, host: try HostAddress(hex: "0x1234567890abcdef1234567890abcdef12345678"), checkpointIndex: 1,
            tokensClaimed: 1_000, opening: opening)
        let witnesses = 50
        var assignment = try builder.assignment(for: statement)
        try recorder.measure(
            "checkpoint witness (\(circuit.constraintCount) constraints)", unit: "us", batch: witnesses
        ) {
            for _ in 0..<witnesses { assignment = try builder.assignment(for: statement) }
        }
        let checks = 20
        try recorder.measure("checkpoint R1CS checkSatisfied", unit: "us", batch: checks) {
            for _ in 0..<checks { try circuit.system.checkSatisfied(assignment) }
        }
        var built = circuit
        try recorder.measure("checkpoint circuit build", unit: "ms") { built = try CheckpointCircuit.build() }
        precondition(built.system.circuitDigest == circuit.system.circuitDigest)
        precondition(!pair[0].isZero && !eleven[0].isZero)
        try CommitmentProofBenchmarks.run(into: &recorder, statement: statement)
    }
}
