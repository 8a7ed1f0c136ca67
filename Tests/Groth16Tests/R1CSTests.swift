import BN254
import Crypto
import Groth16
import Testing

/// The classic "x³ + x + 5 = out" circuit, with the variables a witness builder needs.
private struct CubicCircuit {
    var system: R1CS
    var out: Variable
    var x: Variable
    var xSquared: Variable
    var xCubed: Variable

    init() {
        var cs = ConstraintSystem()
        let x = cs.allocatePrivate()
        let out = cs.allocatePublicInput("out")
        let xSquared = cs.allocatePrivate()
        let xCubed = cs.allocatePrivate()
        cs.enforce(LinearCombination(x), times: LinearCombination(x), equals: LinearCombination(xSquared), "x·x")
        cs.enforce(LinearCombination(xSquared), times: LinearCombination(x), equals: LinearCombination(xCubed), "x²·x")
        cs.enforce(LinearCombination(xCubed) + x + Fr(5), times: .one, equals: LinearCombination(out), "sum")
        system = cs.finalize()
        self.out = out
        self.x = x
        self.xSquared = xSquared
        self.xCubed = xCubed
    }

    func assignment(x value: UInt64, out result: UInt64) -> Assignment {
        var assignment = Assignment(for: system)
        assignment[x] = Fr(value)
        assignment[xSquared] = Fr(value * value)
        assignment[xCubed] = Fr(value * value * value)
        assignment[out] = Fr(result)
        return assignment
    }
}

@Suite("R1CS builder")
struct R1CSTests {
    @Test("an honest witness satisfies x³ + x + 5 = 35")
    func honestWitness() throws {
        let circuit = CubicCircuit()
        #expect(circuit.system.constraintCount == 3)
        #expect(circuit.system.publicInputCount == 1)
        #expect(circuit.system.privateVariableCount == 3)
        let assignment = circuit.assignment(x: 3, out: 35)
        #expect(circuit.system.isSatisfied(assignment))
        try circuit.system.checkSatisfied(assignment)
        #expect(Array(assignment.publicInputs) == [Fr(35)])
    }

    @Test("the first failing constraint is reported with its index and annotation")
    func failingConstraint() {
        let circuit = CubicCircuit()
        var assignment = circuit.assignment(x: 3, out: 35)
        assignment[circuit.out] = Fr(36)
        #expect(!circuit.system.isSatisfied(assignment))
        #expect(throws: R1CSError.self) { try circuit.system.checkSatisfied(assignment) }
        do {
            try circuit.system.checkSatisfied(assignment)
        } catch {
            #expect(error.code == .unsatisfied)
            #expect(error.constraintIndex == 2)
            #expect(error.annotation == "sum")
        }
        var tampered = circuit.assignment(x: 3, out: 35)
        tampered[circuit.xSquared] = Fr(10)
        do {
            try circuit.system.checkSatisfied(tampered)
            Issue.record("a tampered witness was accepted")
        } catch {
            #expect(error.constraintIndex == 0)
            #expect(error.annotation == "x·x")
        }
    }

    @Test("malformed assignments are rejected with a typed error")
    func malformedAssignment() {
        let circuit = CubicCircuit()
        let short = Assignment(publicInputs: [Fr(35)], privateValues: [Fr(3)])
        do {
            try circuit.system.checkSatisfied(short)
            Issue.record("a short assignment was accepted")
        } catch { #expect(error.code == .malformedAssignment) }
        var noOne = circuit.assignment(x: 3, out: 35)
        noOne.values[0] = Fr(2)
        do {
            try circuit.system.checkSatisfied(noOne)
            Issue.record("an assignment without the constant one was accepted")
        } catch { #expect(error.code == .malformedAssignment) }
    }

    @Test("columns are [one, public…, private…] whatever the allocation order")
    func layout() {
        var cs = ConstraintSystem()
        let p0 = cs.allocatePrivate()
        let q0 = cs.allocatePublicInput()
        let p1 = cs.allocatePrivate()
        let q1 = cs.allocatePublicInput()
        let system = cs.finalize()
        #expect(system.column(of: .one) == 0)
        #expect(system.column(of: q0) == 1)
        #expect(system.column(of: q1) == 2)
        #expect(system.column(of: p0) == 3)
        #expect(system.column(of: p1) == 4)
        #expect(system.variableCount == 5)
    }

    @Test("finalize merges repeated variables, drops zeros and sorts columns")
    func simplification() {
        var cs = ConstraintSystem()
        let x = cs.allocatePrivate()
        let y = cs.allocatePublicInput()
        var lc = LinearCombination(x) + LinearCombination(x) + y
        lc -= LinearCombination(y)
        lc += LinearCombination(constant: Fr(7))
        cs.enforce(lc, times: .one, equals: .zero)
        let system = cs.finalize()
        #expect(system.a.rowStarts == [0, 2])
        #expect(system.a.columns == [0, 2])
        #expect(system.a.values == [Fr(7), Fr(2)])
        #expect(system.b.columns == [0])
        #expect(system.c.nonZeroCount == 0)
    }

    @Test("linear-combination operators follow the field laws")
    func operators() {
        var cs = ConstraintSystem()
        let x = cs.allocatePrivate()
        let y = cs.allocatePrivate()
        let lc = Fr(3) * (x + y) - LinearCombination(y) * Fr(2) + Fr(4)
        let negated = -lc
        cs.enforce(lc + negated, times: .one, equals: .zero, "lc − lc")
        cs.enforce(lc, times: .one, equals: LinearCombination(constant: Fr(3 * 5 + 7 + 4)), "value")
        let system = cs.finalize()
        var assignment = Assignment(for: system)
        assignment[x] = Fr(5)
        assignment[y] = Fr(7)
        #expect(system.isSatisfied(assignment))
        #expect(system.a.entries(ofRow: 0).isEmpty)
        #expect(lc.isConstant == false)
        #expect(LinearCombination(constant: Fr(9)).constantValue == Fr(9))
    }

    @Test("CSR multiplication equals the row-by-row definition")
    func matrixVectorProduct() throws {
        let circuit = CubicCircuit()
        let z = circuit.assignment(x: 3, out: 35).values
        let az = try circuit.system.a.multiply(z)
        let bz = try circuit.system.b.multiply(z)
        let cz = try circuit.system.c.multiply(z)
        #expect(throws: R1CSError.self) { try circuit.system.a.multiply([Fr.one]) }
        #expect(az == [Fr(3), Fr(9), Fr(27 + 3 + 5)])
        #expect(bz == [Fr(3), Fr(3), Fr(1)])
        #expect(cz == [Fr(9), Fr(27), Fr(35)])
    }
}

@Suite("R1CS circuit digest")
struct R1CSDigestTests {
    @Test("the serialisation follows the documented byte layout")
    func serializationLayout() {
        var cs = ConstraintSystem()
        let x = cs.allocatePublicInput()
        cs.enforce(LinearCombination(x), times: .one, equals: LinearCombination(x, coefficient: Fr(2)))
        let bytes = cs.finalize().canonicalSerialization()
        var expected = Array("proofnode.r1cs.v1".utf8)
        expected += [0, 0, 0, 0, 0, 0, 0, 1] + [0, 0, 0, 0, 0, 0, 0, 0] + [0, 0, 0, 0, 0, 0, 0, 1]
        let one = [UInt8](repeating: 0, count: 31) + [1]
        let two = [UInt8](repeating: 0, count: 31) + [2]
        expected += [0, 0, 0, 1] + [0, 0, 0, 1] + one  // A: x
        expected += [0, 0, 0, 1] + [0, 0, 0, 0] + one  // B: one
        expected += [0, 0, 0, 1] + [0, 0, 0, 1] + two  // C: 2x
        #expect(bytes == expected)
    }

    @Test("the digest is SHA-256 of the serialisation and changes with any coefficient")
    func digest() {
        let circuit = CubicCircuit()
        let system = circuit.system
        #expect(system.circuitDigest == Array(SHA256.hash(data: system.canonicalSerialization())))
        #expect(system.circuitDigest == CubicCircuit().system.circuitDigest)
        #expect(system.circuitDigestHex.count == 64)
        var cs = ConstraintSystem()
        let x = cs.allocatePrivate()
        let out = cs.allocatePublicInput("out")
        let xSquared = cs.allocatePrivate()
        let xCubed = cs.allocatePrivate()
        cs.enforce(LinearCombination(x), times: LinearCombination(x), equals: LinearCombination(xSquared), "x·x")
        cs.enforce(LinearCombination(xSquared), times: LinearCombination(x), equals: LinearCombination(xCubed))
        cs.enforce(LinearCombination(xCubed) + x + Fr(6), times: .one, equals: LinearCombination(out))
        #expect(cs.finalize().circuitDigest != system.circuitDigest)
    }
}

@Suite("R1CS gadgets")
struct R1CSGadgetTests {
    @Test("boolean constraint accepts 0 and 1 only")
    func boolean() {
        var cs = ConstraintSystem()
        let bit = cs.allocatePrivate()
        cs.enforceBoolean(bit)
        let system = cs.finalize()
        for (value, ok) in [(UInt64(0), true), (1, true), (2, false)] {
            var assignment = Assignment(for: system)
            assignment[bit] = Fr(value)
            #expect(system.isSatisfied(assignment) == ok)
        }
        var assignment = Assignment(for: system)
        assignment[bit] = -Fr.one
        #expect(!system.isSatisfied(assignment))
    }

    @Test("bit decomposition range-checks value < 2^n")
    func decomposition() throws {
        for bitCount in [1, 8, 64, 128, 253] {
            var cs = ConstraintSystem()
            let value = cs.allocatePublicInput()
            let bits = try cs.decompose(LinearCombination(value), bitCount: bitCount, "v")
            let system = cs.finalize()
            #expect(system.constraintCount == bitCount + 1)
            let top = Fr(2).pow(UInt256(UInt64(bitCount)))
            let maximum = top - Fr.one
            for candidate in [Fr.zero, .one, maximum] {
                var assignment = Assignment(for: system)
                assignment[value] = candidate
                assignment.assignBits(of: assignment[value], to: bits)
                #expect(system.isSatisfied(assignment), "value \(candidate) with \(bitCount) bits")
            }
            // 2^n has no n-bit decomposition: the packing fails whatever bits the prover picks.
            var overflow = Assignment(for: system)
            overflow[value] = top
            overflow.assignBits(of: overflow[value], to: bits)
            #expect(!system.isSatisfied(overflow))
            // A non-boolean "bit" that packs correctly is caught by its boolean constraint.
            var cheat = Assignment(for: system)
            cheat[value] = Fr(2)
            if bitCount >= 2 {
                cheat[bits[0]] = Fr(2)
                do {
                    try system.checkSatisfied(cheat)
                    Issue.record("a non-boolean bit was accepted")
                } catch { #expect(error.constraintIndex == 0) }
            }
        }
    }

    @Test("decomposition refuses widths that are not unique in Fr")
    func decompositionLimits() {
        var cs = ConstraintSystem()
        let value = cs.allocatePrivate()
        #expect(throws: R1CSError.self) { try cs.decompose(LinearCombination(value), bitCount: 254) }
        #expect(throws: R1CSError.self) { try cs.decompose(LinearCombination(value), bitCount: 0) }
    }

    @Test("packing is Σ 2^i·b_i")
    func packing() {
        var cs = ConstraintSystem()
        let bits = cs.allocatePrivate(count: 4)
        let packed = ConstraintSystem.pack(bits)
        #expect(packed.terms.map(\.coefficient) == [Fr(1), Fr(2), Fr(4), Fr(8)])
    }
}
