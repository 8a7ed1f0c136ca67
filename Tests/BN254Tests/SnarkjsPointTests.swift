import BN254
import Testing

/// Points written by snarkjs itself decode through the decimal-string forms, which pins the
/// [c0, c1] order of G2 coordinates to the circom ecosystem's.
@Suite("snarkjs point forms")
struct SnarkjsPointTests {
    struct Proof: Decodable {
        let a: [String]
        let b: [[String]]
        let c: [String]

        enum CodingKeys: String, CodingKey {
            case a = "pi_a"
            case b = "pi_b"
            case c = "pi_c"
        }
    }

    struct File: Decodable {
        let source: String
        let proofs: [Proof]
    }

    @Test("snarkjs proofs' A, B, C decode as valid points and re-encode to the same strings")
    func snarkjsProofsDecode() throws {
        let file = try CurveTestSupport.load(File.self, "snarkjs-proofs")
        #expect(file.proofs.count == 2)
        for proof in file.proofs {
            let a = try G1Affine(decimalStrings: proof.a)
            let b = try G2Affine(decimalStrings: proof.b)
            let c = try G1Affine(decimalStrings: proof.c)
            #expect(a.decimalStrings == proof.a)
            #expect(b.decimalStrings == proof.b)
            #expect(c.decimalStrings == proof.c)
            #expect(try G2Affine(uncompressedBytes: b.uncompressedBytes) == b)
            // Reading the pairs in the EVM order (c1 first) instead gives a point off the twist.
            let swapped = [[proof.b[0][1], proof.b[0][0]], [proof.b[1][1], proof.b[1][0]], ["1", "0"]]
            let error = #expect(throws: BN254Error.self) { try G2Affine(decimalStrings: swapped) }
            #expect(error?.code == .notOnCurve)
        }
    }
}
