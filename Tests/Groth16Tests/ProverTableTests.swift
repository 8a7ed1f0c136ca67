import BN254
import Foundation
import Groth16
import Testing

/// The prover's MSM tables (built on the first proof) checked through the verifier's pairing
/// equation, which does not use them.
@Suite("Prover tables")
struct ProverTableTests {
    @Test("concurrent first proofs on a fresh prover share one table build and all verify")
    func concurrentFirstProofs() throws {
        let fixture = try Fixture(constraints: 300, publicInputs: 4, seed: 11)
        let fresh = try Prover(key: fixture.key, system: fixture.circuit.system)
        let assignment = fixture.circuit.assignment(publicInputs: fixture.inputs, start: Fr(5))
        let proofs = ProofSlots(count: 4)
        DispatchQueue.concurrentPerform(iterations: 4) { index in
            do { proofs.store(index, try fresh.prove(assignment)) } catch { proofs.store(index, nil) }
        }
        for proof in proofs.all {
            let proof = try #require(proof)
            #expect(try fixture.verifier.verify(proof, publicInputs: fixture.inputs))
        }
    }
}

/// Proofs written by concurrent workers, one slot each.
private final class ProofSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Proof?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ index: Int, _ proof: Proof?) { lock.withLock { slots[index] = proof } }

    var all: [Proof?] { lock.withLock { slots } }
}
