import BN254
import Groth16

/// Groth16 on the synthetic multiplication-chain circuit: setup, prove (wall, CPU and one-core time), verify, batch verify and the
/// key files' encode/decode, at 1500 and 3000 constraints with 5 public inputs (the sizes issue 3 sets
/// targets for).
struct Groth16Benchmarks: BenchmarkSuite {
    let name = "groth16"
    let summary = "Groth16 setup, prove, verify, batch verify (16) and key encode/decode on synthetic circuits"

    /// The circuit sizes measured.
    static let constraintCounts = [1_500, 3_000]
    /// Public inputs of every measured circuit.
    static let publicInputCount = 5
    /// Proofs per batch verification.
    static let batchSize = 16

    func run(into recorder: inout BenchmarkRecorder) throws {
        for constraints in Self.constraintCounts {
            try run(constraints: constraints, into: &recorder)
        }
    }

    private func run(constraints: Int, into recorder: inout BenchmarkRecorder) throws {
        let circuit = SyntheticCircuit(constraintCount: constraints, publicInputCount: Self.publicInputCount)
        let label = "\(constraints) constraints"
        var key = try Setup.generateKeys(for: circuit.system)
        try recorder.measure("setup (\(label))", unit: "ms") { key = try Setup.generateKeys(for: circuit.system) }

        let prover = try Prover(key: key, system: circuit.system)
        let verifier = Verifier(key: key.verifyingKey)
        let inputs = (0..<Self.publicInputCount).map { Fr(UInt64($0) * 7919 + 13) }
        let assignment = circuit.assignment(publicInputs: inputs, start: Fr(3))
        var proof = try prover.prove(assignment)
        try recorder.measure("prove (\(label))", unit: "ms") { proof = try prover.prove(assignment) }
        // CPU time over both cores against the time on one core: how much of the split proof waits idle.
        try BN254CurveBenchmarks.recordCPUTime("prove (\(label)), CPU time", runs: recorder.runs, into: &recorder) {
            proof = try prover.prove(assignment)
        }
        try recorder.measure("prove (\(label)), one core (serially)", unit: "ms") {
            proof = try WorkSplitting.serially { () throws(Groth16Error) in try prover.prove(assignment) }
        }

        var accepted = true
        try recorder.measure("verify (\(label))", unit: "ms") {
            accepted = try verifier.verify(proof, publicInputs: inputs) && accepted
        }
        let batch = try (0..<Self.batchSize).map { _ in (proof: try prover.prove(assignment), publicInputs: inputs) }
        try recorder.measure("batch verify \(Self.batchSize) proofs (\(label))", unit: "ms") {
            accepted = try verifier.verifyBatch(batch) && accepted
        }
        precondition(accepted, "an honest proof was rejected during the benchmark")

        var encoded = key.encoded
        recorder.measure("proving key encode (\(label), \(encoded.count) bytes)", unit: "ms") { encoded = key.encoded }
        var decoded = key
        try recorder.measure("proving key decode (\(label))", unit: "ms") {
            decoded = try ProvingKey(encoded: encoded)
        }
        precondition(decoded == key, "the proving key did not survive encode/decode")
        var verifyingKeyBytes = key.verifyingKey.encoded
        let verifyingKeyRuns = 100
        recorder.measure("verifying key encode", unit: "us", batch: verifyingKeyRuns) {
            for _ in 0..<verifyingKeyRuns { verifyingKeyBytes = key.verifyingKey.encoded }
        }
        var decodedVerifyingKey = key.verifyingKey
        try recorder.measure("verifying key decode (G2 subgroup checks)", unit: "us", batch: verifyingKeyRuns) {
            for _ in 0..<verifyingKeyRuns { decodedVerifyingKey = try VerifyingKey(encoded: verifyingKeyBytes) }
        }
        precondition(decodedVerifyingKey == key.verifyingKey, "the verifying key did not survive encode/decode")
    }
}
