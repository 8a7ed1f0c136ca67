import BN254

/// A Groth16 proof: the points A ∈ G1, B ∈ G2, C ∈ G1.
public struct Proof: Sendable, Equatable, Hashable {
    /// A.
    public var a: G1Affine
    /// B.
    public var b: G2Affine
    /// C.
    public var c: G1Affine

    /// Creates a proof from its points.
    public init(a: G1Affine, b: G2Affine, c: G1Affine) {
        self.a = a
        self.b = b
        self.c = c
    }

    /// The proof's size in the EVM precompile layout.
    public static let encodedSize = 256
    /// The proof's size compressed.
    public static let compressedSize = 128

    /// The 256-byte EVM precompile layout: A.x, A.y, B.x.c1, B.x.c0, B.y.c1, B.y.c0, C.x, C.y, each a
    /// 32-byte big-endian word — what `ecPairing` callers and snarkjs' Solidity verifiers take.
    public var encoded: [UInt8] { a.uncompressedBytes + b.uncompressedBytes + c.uncompressedBytes }

    /// Decodes the 256-byte layout, validating every point (canonical, on the curve, B in the subgroup).
    /// - Throws: ``Groth16Error`` `.malformedProof` naming the point and the problem.
    public init(encoded bytes: [UInt8]) throws(Groth16Error) {
        guard bytes.count == Self.encodedSize else {
            throw Groth16Error(.malformedProof, "a proof is \(Self.encodedSize) bytes, got \(bytes.count)")
        }
        self.init(
            a: try Self.decode("A", { () throws(BN254Error) in try G1Affine(uncompressedBytes: Array(bytes[0..<64])) }),
            b: try Self.decode(
                "B", { () throws(BN254Error) in try G2Affine(uncompressedBytes: Array(bytes[64..<192])) }),
            c: try Self.decode(
                "C", { () throws(BN254Error) in try G1Affine(uncompressedBytes: Array(bytes[192..<256])) }))
    }

    /// The 128-byte compressed form: A (32 bytes), B (64 bytes), C (32 bytes), each with flag bits.
    public var compressed: [UInt8] { a.compressedBytes + b.compressedBytes + c.compressedBytes }

    /// Decodes the compressed form, validating every point.
    /// - Throws: ``Groth16Error`` `.malformedProof`.
    public init(compressed bytes: [UInt8]) throws(Groth16Error) {
        guard bytes.count == Self.compressedSize else {
            throw Groth16Error(
                .malformedProof, "a compressed proof is \(Self.compressedSize) bytes, got \(bytes.count)")
        }
        self.init(
            a: try Self.decode("A", { () throws(BN254Error) in try G1Affine(compressedBytes: Array(bytes[0..<32])) }),
            b: try Self.decode("B", { () throws(BN254Error) in try G2Affine(compressedBytes: Array(bytes[32..<96])) }),
            c: try Self.decode("C", { () throws(BN254Error) in try G1Affine(compressedBytes: Array(bytes[96..<128])) }))
    }

    private static func decode<Point>(
        _ name: String, _ body: () throws(BN254Error) -> Point
    ) throws(Groth16Error)
        -> Point
    {
        do {
            return try body()
        } catch {
            throw Groth16Error(.malformedProof, "proof point \(name) is invalid: \(error.message)")
        }
    }
}
