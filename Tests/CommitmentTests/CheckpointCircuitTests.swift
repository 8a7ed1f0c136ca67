import BN254
import Commitment
import Foundation
import Groth16
import Testing

/// checkpoint_commitments.json: statements with commitments computed by an independent oracle.
private struct CheckpointVectorFile: Decodable {
    struct Case: Decodable {
        var modelId: String
        var prompt: String
        var response: String
        var jobId: String
        var host: String
        var checkpointIndex: String
        var tokensClaimed: String
        var salt: String
        var modelHash: String
        var inputHash: String
        var outputHash: String
        var commitment: String
    }
    var source: String
    var cases: [Case]

    static func load() throws -> CheckpointVectorFile {
        let url = try #require(
            Bundle.module.url(forResource: "checkpoint_commitments", withExtension: "json", subdirectory: "Vectors"))
        return try JSONDecoder().decode(CheckpointVectorFile.self, from: Data(contentsOf: url))
    }
}

/// An honest statement with fixed public values and a random salt.
private func sampleStatement() throws -> CheckpointStatement {
    let opening = CheckpointOpening(
        modelHash: Digest256.sha256(utf8: "model"), inputHash: Digest256.sha256(utf8: "prompt"),
        outputHash: Digest256.sha256(utf8: "response so far"))
    return CheckpointStatement(
        jobId: 42, host: try HostAddress(hex: "0x00000000000000000000000000000000000000ff"), checkpointIndex: 3,
        tokensClaimed: 1_000, opening: opening)
}

@Suite("Checkpoint commitment and circuit")
struct CheckpointCircuitTests {
    @Test("commitments match an independent implementation of the spec (hashlib + light-poseidon)")
    func independentCommitments() throws {
        let file = try CheckpointVectorFile.load()
        #expect(file.cases.count == 3)
        for vector in file.cases {
            let opening = CheckpointOpening(
                modelHash: .sha256(utf8: vector.modelId), inputHash: .sha256(utf8: vector.prompt),
                outputHash: .sha256(utf8: vector.response), salt: try Fr(decimal: vector.salt))
            #expect(opening.modelHash.hex == vector.modelHash)
            #expect(opening.inputHash.hex == vector.inputHash)
            #expect(opening.outputHash.hex == vector.outputHash)
            let statement = CheckpointStatement(
                jobId: try #require(UInt64(vector.jobId)), host: try HostAddress(hex: vector.host),
                checkpointIndex: try #require(UInt64(vector.checkpointIndex)),
                tokensClaimed: try #require(UInt64(vector.tokensClaimed)), opening: opening)
            #expect(statement.publicInputs.commitment == (try Fr(decimal: vector.commitment)))
            #expect(statement.publicInputs.host.hex == vector.host)
            let assignment = try CheckpointWitnessBuilder().assignment(for: statement)
            try CheckpointCircuit.shared.system.checkSatisfied(assignment)
        }
    }

    @Test("an honest witness satisfies the circuit; its public inputs are the statement's")
    func honestWitness() throws {
        let statement = try sampleStatement()
        let circuit = CheckpointCircuit.shared
        let assignment = try CheckpointWitnessBuilder().assignment(for: statement)
        try circuit.system.checkSatisfied(assignment)
        #expect(Array(assignment.publicInputs) == statement.publicInputs.fieldElements)
        #expect(circuit.system.publicInputCount == 5)
        #expect(circuit.system.publicInputNames == CheckpointPublicInputs.names)
    }

    @Test("constraint count: 6 × 129 (limbs) + 465 (Poseidon t = 12) + 1 = 1240")
    func constraintCount() {
        let circuit = CheckpointCircuit.shared
        #expect(circuit.poseidon.constraintCount == 465)
        #expect(circuit.constraintCount == 1_240)
        #expect(circuit.system.privateVariableCount == 6 + 1 + 6 * 128 + 465)
    }

    @Test("changing any public input breaks the witness")
    func publicInputTampering() throws {
        let statement = try sampleStatement()
        let circuit = CheckpointCircuit.shared
        let honest = try CheckpointWitnessBuilder().assignment(for: statement)
        for (index, variable) in circuit.publicVariables.enumerated() {
            var tampered = honest
            tampered[variable] += .one
            #expect(!circuit.system.isSatisfied(tampered), "public input \(CheckpointPublicInputs.names[index])")
        }
    }

    @Test("changing any limb or the salt breaks the witness, even with consistent bits")
    func privateTampering() throws {
        let statement = try sampleStatement()
        let circuit = CheckpointCircuit.shared
        let honest = try CheckpointWitnessBuilder().assignment(for: statement)
        for (index, limb) in circuit.limbVariables.enumerated() {
            var tampered = honest
            tampered[limb] += .one
            #expect(!circuit.system.isSatisfied(tampered), "limb \(index), bits unchanged")
            tampered.assignBits(of: tampered[limb], to: circuit.limbBits[index])
            #expect(!circuit.system.isSatisfied(tampered), "limb \(index), bits recomputed")
        }
        var salted = honest
        salted[circuit.saltVariable] += .one
        #expect(!circuit.system.isSatisfied(salted))
    }

    @Test("a limb of 2^128 or more cannot be range-checked, even with a matching Poseidon witness")
    func limbRange() throws {
        let circuit = CheckpointCircuit.shared
        let statement = try sampleStatement()
        var assignment = try CheckpointWitnessBuilder().assignment(for: statement)
        // Replace model lo by 2^128 + (model lo) and recompute the Poseidon part and the commitment.
        let shifted = statement.opening.modelHash.low + Fr(2).pow(UInt256(128))
        assignment[circuit.limbVariables[1]] = shifted
        assignment.assignBits(of: shifted, to: circuit.limbBits[1])
        var inputs = statement.publicInputs.fieldElements
        inputs.removeLast()
        inputs += [
            statement.opening.modelHash.high, shifted, statement.opening.inputHash.high,
            statement.opening.inputHash.low, statement.opening.outputHash.high, statement.opening.outputHash.low,
            statement.opening.salt,
        ]
        assignment[circuit.publicVariables[4]] = circuit.poseidon.assign(inputs: inputs, into: &assignment)
        do {
            try circuit.system.checkSatisfied(assignment)
            Issue.record("a limb ≥ 2^128 was accepted")
        } catch {
            #expect(error.annotation == "modelHash.lo packing")
        }
    }

    @Test("a statement whose commitment does not match its opening is refused")
    func commitmentMismatch() throws {
        let statement = try sampleStatement()
        var publicInputs = statement.publicInputs
        publicInputs.tokensClaimed += 1
        #expect(throws: CommitmentError.self) {
            try CheckpointStatement(publicInputs: publicInputs, opening: statement.opening)
        }
        let reopened = try CheckpointStatement(publicInputs: statement.publicInputs, opening: statement.opening)
        #expect(reopened == statement)
    }

    @Test("fresh statements get fresh salts, and descriptions never show the salt")
    func salts() throws {
        let first = try sampleStatement()
        let second = try sampleStatement()
        #expect(first.opening.salt != second.opening.salt)
        #expect(first.publicInputs.commitment != second.publicInputs.commitment)
        #expect(!first.description.contains(first.opening.salt.description))
        #expect(first.opening.description.contains("redacted"))
    }

    @Test("public inputs decode with the verifier's range checks")
    func publicInputDecoding() throws {
        let statement = try sampleStatement()
        let decoded = try CheckpointPublicInputs(fieldElements: statement.publicInputs.fieldElements)
        #expect(decoded == statement.publicInputs)
        let twoTo64 = Fr(2).pow(UInt256(64))
        let twoTo160 = Fr(2).pow(UInt256(160))
        var elements = statement.publicInputs.fieldElements
        for (index, bound) in [(0, twoTo64), (1, twoTo160), (2, twoTo64), (3, twoTo64)] {
            var tooLarge = elements
            tooLarge[index] = bound
            #expect(throws: CommitmentError.self) { try CheckpointPublicInputs(fieldElements: tooLarge) }
            tooLarge[index] = bound - .one
            #expect(throws: Never.self) { try CheckpointPublicInputs(fieldElements: tooLarge) }
        }
        elements.removeLast()
        #expect(throws: CommitmentError.self) { try CheckpointPublicInputs(fieldElements: elements) }
    }
}

@Suite("Digests and addresses")
struct DigestTests {
    @Test("SHA-256 of \"abc\" (FIPS 180-2 example) and its limbs")
    func sha256() throws {
        let digest = Digest256.sha256(utf8: "abc")
        #expect(digest.hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digest.high == (try Fr(canonical: UInt256(hex: "ba7816bf8f01cfea414140de5dae2223"))))
        #expect(digest.low == (try Fr(canonical: UInt256(hex: "b00361a396177a9cb410ff61f20015ad"))))
        #expect(try Digest256(hex: digest.hex) == digest)
        #expect(try Digest256(hex: "0x" + digest.hex.uppercased()) == digest)
    }

    @Test("malformed digests and addresses are typed errors")
    func malformed() {
        #expect(throws: CommitmentError.self) { try Digest256(hex: "abcd") }
        #expect(throws: CommitmentError.self) { try Digest256(hex: String(repeating: "g", count: 64)) }
        #expect(throws: CommitmentError.self) { try Digest256(bytes: [UInt8](repeating: 0, count: 31)) }
        #expect(throws: CommitmentError.self) { try HostAddress(hex: "0x1234") }
        #expect(throws: CommitmentError.self) { try HostAddress(hex: "0x" + String(repeating: "z", count: 40)) }
    }

    @Test("an address is its 160-bit big-endian value")
    func address() throws {
        let host = try HostAddress(hex: "0x00000000000000000000000000000000000001fF")
        #expect(host.fieldElement == Fr(511))
        #expect(host.hex == "0x00000000000000000000000000000000000001ff")
    }
}
