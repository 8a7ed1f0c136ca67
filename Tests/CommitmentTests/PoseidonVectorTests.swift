import BN254
import Commitment
import Foundation
import Testing

/// A Poseidon vector file: cases of inputs and the expected hash, decimal strings.
struct PoseidonVectorFile: Decodable {
    struct Case: Decodable {
        var inputs: [String]
        var expected: String
    }
    struct Constant: Decodable {
        var width: Int
        var index: Int
        var value: String
    }
    struct MDSEntry: Decodable {
        var width: Int
        var row: Int
        var column: Int
        var hex: String
    }
    var source: String
    var cases: [Case]
    var constants: [Constant]?
    var mds: [MDSEntry]?

    static func load(_ name: String) throws -> PoseidonVectorFile {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Vectors"))
        return try JSONDecoder().decode(PoseidonVectorFile.self, from: Data(contentsOf: url))
    }
}

@Suite("Poseidon (native) against published and independent values")
struct PoseidonVectorTests {
    @Test("the issue's known values")
    func knownValues() throws {
        #expect(
            try Poseidon.hash([Fr(1), Fr(2)])
                == Fr(decimal: "7853200120776062878684798364095072458815029376092732009249414926327459813530"))
        #expect(
            try Poseidon.hash([Fr(1), Fr(2), Fr(3), Fr(4)])
                == Fr(decimal: "18821383157269793795438455681495246036402687001665670618754263018637548127333"))
    }

    @Test("published iden3 / circomlib / circomlibjs vectors (widths 2, 3, 5, 6, 7, 15, 17)")
    func publishedVectors() throws {
        let file = try PoseidonVectorFile.load("poseidon_published")
        #expect(file.cases.count == 12)
        for vector in file.cases {
            let inputs = try vector.inputs.map { try Fr(decimal: $0) }
            #expect(try Poseidon.hash(inputs) == Fr(decimal: vector.expected), "inputs \(vector.inputs)")
        }
    }

    @Test("generated round constants equal circomlib's published ones")
    func roundConstants() throws {
        let file = try PoseidonVectorFile.load("poseidon_published")
        let constants = try #require(file.constants)
        for constant in constants {
            let parameters = try PoseidonParameters.forWidth(constant.width)
            #expect(parameters.roundConstants[constant.index] == (try Fr(decimal: constant.value)))
        }
        let t2 = try PoseidonParameters.forWidth(2)
        #expect(t2.roundConstants.count == 128)
    }

    @Test("generated MDS matrices equal circomlibjs' for the widths without a hash vector (t = 14, 16)")
    func mdsMatrices() throws {
        let file = try PoseidonVectorFile.load("poseidon_published")
        let entries = try #require(file.mds)
        #expect(entries.count == 5)
        for entry in entries {
            let parameters = try PoseidonParameters.forWidth(entry.width)
            let expected = try Fr(canonical: UInt256(hex: entry.hex))
            #expect(parameters.mds[entry.row * entry.width + entry.column] == expected, "t = \(entry.width)")
        }
    }

    @Test("random and edge inputs for 1…12 inputs match light-poseidon (independent Rust implementation)")
    func independentImplementation() throws {
        let file = try PoseidonVectorFile.load("poseidon_light_poseidon")
        #expect(file.source.contains("light-poseidon"))
        #expect(file.cases.count == 84)
        for vector in file.cases {
            let inputs = try vector.inputs.map { try Fr(decimal: $0) }
            #expect(try Poseidon.hash(inputs) == Fr(decimal: vector.expected), "inputs \(vector.inputs)")
        }
    }

    @Test("every width's parameters have the documented shape")
    func parameterShapes() throws {
        for t in 2...17 {
            let parameters = try PoseidonParameters.forWidth(t)
            #expect(parameters.width == t)
            #expect(parameters.fullRounds == 8)
            #expect(parameters.partialRounds == PoseidonParameters.partialRoundCounts[t - 2])
            #expect(parameters.roundConstants.count == (8 + parameters.partialRounds) * t)
            #expect(parameters.mds.count == t * t)
            let hasZero = parameters.mds.contains { $0.isZero }
            #expect(!hasZero)
        }
    }

    @Test("input counts outside 1…16 are typed errors")
    func inputCounts() {
        #expect(throws: CommitmentError.self) { try Poseidon.hash([]) }
        #expect(throws: CommitmentError.self) { try Poseidon.hash([Fr](repeating: .one, count: 17)) }
        #expect(throws: CommitmentError.self) { try PoseidonParameters.forWidth(1) }
        #expect(throws: CommitmentError.self) { try PoseidonParameters.forWidth(18) }
    }

    @Test("the cache is safe under concurrent first use")
    func concurrentFirstUse() async throws {
        let expected = try Poseidon.hash([Fr(1), Fr(2), Fr(3), Fr(4)])
        try await withThrowingTaskGroup(of: Fr.self) { group in
            for _ in 0..<16 { group.addTask { try Poseidon.hash([Fr(1), Fr(2), Fr(3), Fr(4)]) } }
            for try await value in group { #expect(value == expected) }
        }
    }
}

@Suite("Poseidon fast path")
struct PoseidonFastPathTests {
    @Test("sparse partial rounds give the textbook permutation's output for every width")
    func sparseEqualsReference() throws {
        var generator = SecureRandom()
        for count in 1...16 {
            for _ in 0..<3 {
                let inputs = (0..<count).map { _ in Fr.random(using: &generator) }
                #expect(try Poseidon.hash(inputs) == Poseidon.referenceHash(inputs), "\(count) inputs")
            }
        }
        #expect(
            try Poseidon.referenceHash([Fr(1), Fr(2)])
                == Fr(decimal: "7853200120776062878684798364095072458815029376092732009249414926327459813530"))
        #expect(throws: CommitmentError.self) { try Poseidon.referenceHash([]) }
    }
}
