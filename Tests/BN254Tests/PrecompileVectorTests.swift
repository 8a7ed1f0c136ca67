import BN254
import Testing

/// The go-ethereum ecAdd/ecMul precompile vectors (EIP-196) run through our decoders, group
/// operations and encoders; invalid inputs must be rejected.
@Suite("EIP-196 precompile vectors")
struct PrecompileVectorTests {
    struct PrecompileCase: Decodable {
        let input: String
        let expected: String?
        let name: String

        enum CodingKeys: String, CodingKey {
            case input = "Input"
            case expected = "Expected"
            case name = "Name"
        }
    }

    struct PrecompileFile: Decodable {
        let source: String
        let cases: [PrecompileCase]
    }

    /// The precompile's input convention: right-pad with zeros, ignore bytes beyond `length`.
    static func padded(_ hex: String, to length: Int) -> [UInt8] {
        var bytes = CurveTestSupport.bytes(hex: hex)
        if bytes.count < length { bytes += [UInt8](repeating: 0, count: length - bytes.count) }
        return Array(bytes.prefix(length))
    }

    static func ecAdd(_ input: [UInt8]) throws -> [UInt8] {
        let a = try G1Affine(uncompressedBytes: Array(input[0..<64]))
        let b = try G1Affine(uncompressedBytes: Array(input[64..<128]))
        return (G1Projective(a) + G1Projective(b)).affine.uncompressedBytes
    }

    static func ecMul(_ input: [UInt8]) throws -> [UInt8] {
        let point = try G1Affine(uncompressedBytes: Array(input[0..<64]))
        let scalar = try UInt256(bigEndianBytes: input[64..<96])
        return G1Projective(point).multiplied(by: scalar).affine.uncompressedBytes
    }

    @Test("ecAdd vectors give go-ethereum's outputs")
    func ecAddVectors() throws {
        let file = try CurveTestSupport.load(PrecompileFile.self, "geth-bn256Add")
        #expect(file.cases.count == 16)
        for vector in file.cases {
            let output = try Self.ecAdd(Self.padded(vector.input, to: 128))
            #expect(CurveTestSupport.hex(output) == vector.expected, "\(vector.name)")
        }
    }

    @Test("ecMul vectors give go-ethereum's outputs, including scalars ≥ r and 2^256 − 1")
    func ecMulVectors() throws {
        let file = try CurveTestSupport.load(PrecompileFile.self, "geth-bn256ScalarMul")
        #expect(file.cases.count == 18)
        for vector in file.cases {
            let output = try Self.ecMul(Self.padded(vector.input, to: 96))
            #expect(CurveTestSupport.hex(output) == vector.expected, "\(vector.name)")
        }
    }

    @Test("ecAdd failure vectors are rejected as points off the curve")
    func ecAddFailures() throws {
        let file = try CurveTestSupport.load(PrecompileFile.self, "erigon-fail-bn256Add")
        for vector in file.cases {
            let error = #expect(throws: BN254Error.self, "\(vector.name)") {
                try Self.ecAdd(Self.padded(vector.input, to: 128))
            }
            #expect(error?.code == .notOnCurve)
        }
    }
}
