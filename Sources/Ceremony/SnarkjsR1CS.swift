import BN254
import Groth16

/// Reads circom's `.r1cs` (binary container version 1): header (1: field size and prime, wire counts,
/// constraint count) and constraints (2: for each, A, B and C as a term count then (u32 wire, field
/// element little-endian) pairs). Wire 0 is the constant one, then the outputs and public inputs (the
/// public inputs of a Groth16 key), then the private wires — the column order of ``R1CS``.
public enum SnarkjsR1CS {
    /// Decodes `bytes` into an ``R1CS`` (terms sorted by wire, repeated wires merged, zeros dropped).
    /// - Throws: ``CeremonyError`` `.malformedFile` or `.unsupported` naming the file, section and element.
    public static func decode(_ bytes: [UInt8], fileName: String) throws(CeremonyError) -> R1CS {
        let file = try BinaryContainer(bytes: bytes, expectedMagic: "r1cs", fileName: fileName)
        guard file.version == 1 else {
            throw CeremonyError(.malformedFile, "\(fileName): .r1cs version \(file.version); this build reads 1")
        }
        let header = try file.section(1, "header", size: 4 + 32 + 16 + 8 + 4)
        let h = header.lowerBound
        guard LittleEndian.u32(bytes, h) == 32, SnarkjsZkey.readLE(bytes, h + 4) == Fr.modulus else {
            throw CeremonyError(.unsupported, "\(fileName): section 1 (header): the field is not BN254's scalar field")
        }
        let wires = Int(LittleEndian.u32(bytes, h + 36))
        let publicCount = Int(LittleEndian.u32(bytes, h + 40)) + Int(LittleEndian.u32(bytes, h + 44))
        let constraints = Int(LittleEndian.u32(bytes, h + 60))
        guard wires >= 1 + publicCount, wires < 1 << 28, constraints < 1 << 28 else {
            throw CeremonyError(.malformedFile, "\(fileName): section 1 (header): inconsistent wire counts")
        }
        var reader = ByteReader(bytes: bytes, range: try file.section(2, "constraints"), fileName: fileName)
        var matrices = (0..<3).map { _ in SparseMatrix.Builder(columnCount: wires) }
        for row in 0..<constraints {
            for (index, name) in ["A", "B", "C"].enumerated() {
                let at = "section 2 (constraints) constraint \(row) \(name)"
                let count = Int(try reader.u32("\(at) term count"))
                var terms = [Int: Fr]()
                for term in 0..<count {
                    let wire = Int(try reader.u32("\(at) term \(term) wire"))
                    let value = try reader.take(32, "\(at) term \(term) value")
                    guard wire < wires else {
                        throw CeremonyError(
                            .malformedFile, "\(fileName): \(at) term \(term): wire \(wire) out of range")
                    }
                    let coefficient: Fr
                    do {
                        coefficient = try Fr(canonical: SnarkjsZkey.readLE(value, 0))
                    } catch {
                        throw CeremonyError(.malformedFile, "\(fileName): \(at) term \(term): value not below r")
                    }
                    terms[wire, default: .zero] += coefficient
                }
                matrices[index].appendRow(
                    terms.filter { !$0.value.isZero }.sorted { $0.key < $1.key }.map {
                        (column: $0.key, coefficient: $0.value)
                    })
            }
        }
        guard reader.isAtEnd else {
            throw CeremonyError(.malformedFile, "\(fileName): section 2 (constraints) has trailing bytes")
        }
        return R1CS(
            publicInputCount: publicCount, privateVariableCount: wires - 1 - publicCount, a: matrices[0].build(),
            b: matrices[1].build(), c: matrices[2].build(), annotations: Array(repeating: nil, count: constraints),
            publicInputNames: [])
    }
}
