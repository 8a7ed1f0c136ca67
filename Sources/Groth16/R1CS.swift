import BN254
import Crypto

/// A finalised rank-1 constraint system: the form a Groth16 setup and prover consume.
///
/// ## Layout
/// - Variables (columns) are ordered `[one, public inputs…, private variables…]`: column 0 is the
///   constant one, columns `1…publicInputCount` are the public inputs in allocation order (the
///   verifier's input vector), and the remaining ``privateVariableCount`` columns are the witness.
///   ``column(of:)`` maps a builder ``Variable`` to its column.
/// - Constraint `i` is `⟨A[i], z⟩ · ⟨B[i], z⟩ = ⟨C[i], z⟩` for the full assignment vector `z`
///   (``Assignment/values``), with ``a``, ``b`` and ``c`` stored as CSR ``SparseMatrix`` values
///   (sorted columns, no zero entries, repeated terms merged).
/// - ``circuitDigest`` is SHA-256 of a canonical serialisation of the counts and the three matrices
///   (see ``canonicalSerialization()``); annotations and names are not part of it.
///
/// ## Notes for a Groth16 prover
/// A public input that appears in no constraint would be malleable in Groth16; the usual remedy is
/// to add the rows `x_i · 0 = 0` for every public input (column `1…publicInputCount`) to A when
/// building the QAP (snarkjs and arkworks do this). That is the setup's job and is not done here.
public struct R1CS: Sendable, Equatable {
    /// Public inputs (not counting the constant one).
    public let publicInputCount: Int
    /// Private witness variables.
    public let privateVariableCount: Int
    /// The left factors, one row per constraint.
    public let a: SparseMatrix
    /// The right factors, one row per constraint.
    public let b: SparseMatrix
    /// The products, one row per constraint.
    public let c: SparseMatrix
    /// Each constraint's annotation, if any.
    public let annotations: [String?]
    /// Each public input's label, in column order (empty when none was given).
    public let publicInputNames: [String]
    /// SHA-256 of ``canonicalSerialization()``: identifies the circuit (keys record it).
    public let circuitDigest: [UInt8]

    /// Assembles a finalised system and computes its digest.
    public init(
        publicInputCount: Int, privateVariableCount: Int, a: SparseMatrix, b: SparseMatrix, c: SparseMatrix,
        annotations: [String?], publicInputNames: [String]
    ) {
        self.publicInputCount = publicInputCount
        self.privateVariableCount = privateVariableCount
        self.a = a
        self.b = b
        self.c = c
        self.annotations = annotations
        self.publicInputNames = publicInputNames
        self.circuitDigest = Array(
            SHA256.hash(
                data: Self.serialize(
                    publicInputCount: publicInputCount, privateVariableCount: privateVariableCount, matrices: [a, b, c])
            ))
    }

    /// The number of constraints (rows).
    public var constraintCount: Int { a.rowCount }

    /// The number of variables including the constant one (columns).
    public var variableCount: Int { 1 + publicInputCount + privateVariableCount }

    /// The column of `variable` in the matrices and in ``Assignment/values``.
    @inlinable
    public func column(of variable: Variable) -> Int { variable.column(publicInputCount: publicInputCount) }

    /// The circuit digest as 64 lower-case hexadecimal digits.
    public var circuitDigestHex: String {
        circuitDigest.map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 15)]], as: UTF8.self)
        }.joined()
    }

    /// The bytes hashed into ``circuitDigest``:
    /// the ASCII tag `proofnode.r1cs.v1`, then big-endian UInt64 `publicInputCount`,
    /// `privateVariableCount`, `constraintCount`; then for each of A, B, C in turn and each row in
    /// order: UInt32 entry count, then per entry UInt32 column and the value's canonical 32-byte
    /// big-endian encoding.
    public func canonicalSerialization() -> [UInt8] {
        Self.serialize(
            publicInputCount: publicInputCount, privateVariableCount: privateVariableCount, matrices: [a, b, c])
    }

    private static func serialize(publicInputCount: Int, privateVariableCount: Int, matrices: [SparseMatrix]) -> [UInt8]
    {
        var out = Array("proofnode.r1cs.v1".utf8)
        func append64(_ value: Int) {
            for shift in stride(from: 56, through: 0, by: -8) {
                out.append(UInt8(truncatingIfNeeded: UInt64(value) >> UInt64(shift)))
            }
        }
        func append32(_ value: Int) {
            for shift in stride(from: 24, through: 0, by: -8) {
                out.append(UInt8(truncatingIfNeeded: UInt32(value) >> UInt32(shift)))
            }
        }
        append64(publicInputCount)
        append64(privateVariableCount)
        append64(matrices.first?.rowCount ?? 0)
        for matrix in matrices {
            out.reserveCapacity(out.count + matrix.rowCount * 4 + matrix.nonZeroCount * 36)
            for row in 0..<matrix.rowCount {
                let entries = matrix.entries(ofRow: row)
                append32(entries.count)
                for k in entries {
                    append32(Int(matrix.columns[k]))
                    out.append(contentsOf: matrix.values[k].bigEndianBytes)
                }
            }
        }
        return out
    }
}
