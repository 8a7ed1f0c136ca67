import BN254
import Commitment
import Groth16
import Testing

/// A circuit whose public output is Poseidon of `count` private inputs.
private struct PoseidonCircuit {
    var system: R1CS
    var inputs: [Variable]
    var output: Variable
    var gadget: PoseidonGadget

    init(count: Int) throws {
        var cs = ConstraintSystem()
        let output = cs.allocatePublicInput("hash")
        let inputs = cs.allocatePrivate(count: count)
        let gadget = try PoseidonGadget(inputs: inputs.map { LinearCombination($0) }, in: &cs)
        cs.enforceEqual(gadget.output, LinearCombination(output), "hash output")
        system = cs.finalize()
        self.inputs = inputs
        self.output = output
        self.gadget = gadget
    }

    func assignment(_ values: [Fr]) -> (Assignment, Fr) {
        var assignment = Assignment(for: system)
        for (variable, value) in zip(inputs, values) { assignment[variable] = value }
        let hash = gadget.assign(inputs: values, into: &assignment)
        assignment[output] = hash
        return (assignment, hash)
    }
}

@Suite("Poseidon R1CS gadget")
struct PoseidonGadgetTests {
    @Test("agrees with the native hash and is satisfied by its witness, widths 2…17")
    func agreesWithNative() throws {
        var generator = SecureRandom()
        for count in 1...16 {
            let circuit = try PoseidonCircuit(count: count)
            for _ in 0..<2 {
                let values = (0..<count).map { _ in Fr.random(using: &generator) }
                let (assignment, hash) = circuit.assignment(values)
                #expect(hash == (try Poseidon.hash(values)))
                try circuit.system.checkSatisfied(assignment)
            }
        }
    }

    @Test("constraint counts: 3 per non-constant S-box (240 at t = 3, 465 at t = 12)")
    func constraintCounts() throws {
        for count in 1...16 {
            let circuit = try PoseidonCircuit(count: count)
            let t = count + 1
            let expected = 3 * (8 * t + PoseidonParameters.partialRoundCounts[t - 2] - 1)
            #expect(circuit.gadget.constraintCount == expected)
            #expect(circuit.system.constraintCount == expected + 1)
        }
        #expect(try PoseidonCircuit(count: 2).gadget.constraintCount == 240)
        #expect(try PoseidonCircuit(count: 11).gadget.constraintCount == 465)
    }

    @Test("a tampered witness or a wrong output is rejected")
    func tampering() throws {
        let circuit = try PoseidonCircuit(count: 11)
        let values = (1...11).map { Fr(UInt64($0)) }
        let (honest, _) = circuit.assignment(values)
        #expect(circuit.system.isSatisfied(honest))
        var wrongOutput = honest
        wrongOutput[circuit.output] += .one
        #expect(!circuit.system.isSatisfied(wrongOutput))
        var wrongInput = honest
        wrongInput[circuit.inputs[5]] += .one
        #expect(!circuit.system.isSatisfied(wrongInput))
        // Every single private value of the S-boxes is load-bearing.
        for column in stride(from: 1 + circuit.system.publicInputCount + 11, to: honest.values.count, by: 37) {
            var tampered = honest
            tampered.values[column] += .one
            #expect(!circuit.system.isSatisfied(tampered), "column \(column)")
        }
    }
}
