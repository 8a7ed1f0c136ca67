import BN254
import Groth16
import TestSupport
import Testing

typealias TestGenerator = SplitMix64

/// Keys, a prover and a verifier for a small synthetic circuit, shared by the tests of this file.
struct Fixture: Sendable {
    let circuit: SyntheticCircuit
    let key: ProvingKey
    let prover: Prover
    let verifier: Verifier
    let inputs: [Fr]
    let proof: Proof

    static let shared: Fixture = {
        do { return try Fixture(constraints: 40, publicInputs: 3, seed: 7) } catch { fatalError("fixture: \(error)") }
    }()

    init(constraints: Int, publicInputs: Int, seed: UInt64) throws {
        circuit = SyntheticCircuit(constraintCount: constraints, publicInputCount: publicInputs)
        var generator = TestGenerator(state: seed)
        key = try Setup.generateKeysForTestingOnly(for: circuit.system, insecureGenerator: &generator)
        prover = try Prover(key: key, system: circuit.system)
        verifier = Verifier(key: key.verifyingKey)
        inputs = (1...publicInputs).map { Fr(UInt64($0) * 1000 + 7) }
        proof = try prover.prove(circuit.assignment(publicInputs: inputs, start: Fr(3)))
    }
}

@Suite("Groth16 proofs")
struct Groth16ProofTests {
    @Test("an honest proof verifies, and proofs are re-randomised each time")
    func honestProofVerifies() throws {
        let fixture = Fixture.shared
        #expect(try fixture.verifier.verify(fixture.proof, publicInputs: fixture.inputs))
        let second = try fixture.prover.prove(fixture.circuit.assignment(publicInputs: fixture.inputs, start: Fr(3)))
        #expect(second != fixture.proof)
        #expect(try fixture.verifier.verify(second, publicInputs: fixture.inputs))
    }

    @Test("changing any public input makes the proof fail")
    func publicInputTamper() throws {
        let fixture = Fixture.shared
        for index in fixture.inputs.indices {
            var inputs = fixture.inputs
            inputs[index] += .one
            #expect(try !fixture.verifier.verify(fixture.proof, publicInputs: inputs))
        }
        #expect(throws: Groth16Error.self) { try fixture.verifier.verify(fixture.proof, publicInputs: [Fr(1)]) }
    }

    @Test("flipping any bit of any byte of the 256-byte proof is rejected (error or false)")
    func byteTamper() throws {
        let fixture = Fixture.shared
        let bytes = fixture.proof.encoded
        #expect(bytes.count == 256)
        #expect(try Proof(encoded: bytes) == fixture.proof)
        for index in bytes.indices {
            var tampered = bytes
            tampered[index] ^= UInt8(1) << UInt8(index % 8)
            do {
                let proof = try Proof(encoded: tampered)
                #expect(try !fixture.verifier.verify(proof, publicInputs: fixture.inputs), "byte \(index)")
            } catch let error as Groth16Error {
                #expect(error.code == .malformedProof, "byte \(index)")
            }
        }
    }

    @Test("a proof for another circuit's key is rejected")
    func otherCircuitKey() throws {
        let fixture = Fixture.shared
        let other = try Fixture(constraints: 41, publicInputs: 3, seed: 8)
        #expect(try !other.verifier.verify(fixture.proof, publicInputs: fixture.inputs))
        #expect(throws: Groth16Error.self) { try Prover(key: other.key, system: fixture.circuit.system) }
    }

    @Test("an unsatisfied witness is refused by the prover")
    func unsatisfiedWitness() throws {
        let fixture = Fixture.shared
        var assignment = fixture.circuit.assignment(publicInputs: fixture.inputs, start: Fr(3))
        assignment.values[assignment.values.count - 1] += .one
        #expect {
            try fixture.prover.prove(assignment)
        } throws: { error in
            (error as? Groth16Error)?.code == .unsatisfiedWitness
        }
    }

    @Test("compressed proofs round-trip; malformed lengths are typed errors")
    func compressed() throws {
        let fixture = Fixture.shared
        let compressed = fixture.proof.compressed
        #expect(compressed.count == 128)
        #expect(try Proof(compressed: compressed) == fixture.proof)
        #expect(throws: Groth16Error.self) { try Proof(encoded: Array(fixture.proof.encoded.dropLast())) }
        #expect(throws: Groth16Error.self) { try Proof(compressed: Array(compressed.dropLast())) }
    }

    @Test("batch verification accepts valid proofs and rejects a batch with one bad proof")
    func batch() throws {
        let fixture = Fixture.shared
        var items: [(proof: Proof, publicInputs: [Fr])] = []
        for start in 1...4 {
            let inputs = fixture.inputs.map { $0 + Fr(UInt64(start)) }
            let proof = try fixture.prover.prove(
                fixture.circuit.assignment(publicInputs: inputs, start: Fr(UInt64(start))))
            items.append((proof, inputs))
        }
        #expect(try fixture.verifier.verifyBatch(items))
        items[2].publicInputs[0] += .one
        #expect(try !fixture.verifier.verifyBatch(items))
    }
}
