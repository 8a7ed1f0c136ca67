import BN254
import Groth16

/// snarkjs's Groth16 `.zkey` (binary container version 1): header (1: protocol 1), Groth header (2: the
/// field sizes and moduli, variable, public-input and domain counts, α₁, β₁, β₂, γ₂, δ₁, δ₂), IC (3),
/// the A and B coefficients (4), A (5), B₁ (6), B₂ (7), C (8, our L query), H (9) and the MPC
/// parameters (10: circuit hash and contribution records). Points are in LEM form, identities as zeros.
///
/// How the layouts relate: IC, A, B₁, B₂ and C are this repository's IC, A, B₁, B₂ and L queries point
/// for point (both add the rows x_i·0 = 0 for the constant one and every public input, in A, after the
/// constraints). Only H differs: the prover here uses [τ^j·Z(τ)/δ]₁ for j < n − 1, snarkjs stores
/// S_i = [L_{2i+1}(τ)/δ]₁, the Lagrange polynomials of the odd points x_i = ω₂ₙ^(2i+1) of the doubled
/// domain (its prover evaluates A·B − C there, where Z = −2). Since L_{2i+1}(X) = −(1/2n)·Σ_{j<n}
/// x_i^(−j)·X^j·Z(X), S_i = −(1/2n)·Σ_{j<n} x_i^(−j)·H_j, a transform in the exponent over n points:
/// H_j needs j = n − 1 too, the ``Phase2Transcript/hTail`` (which proofs never use, as deg H ≤ n − 2).
/// Inversely, H_j = −2·ω₂ₙ^j·Σ_i ω_n^(ij)·S_i.
public enum SnarkjsZkey {
    /// Encodes `transcript` (its key, H tail, circuit hash and contributions) for `system`.
    /// - Throws: ``CeremonyError`` `.circuitMismatch` when the key's sizes are not the system's.
    public static func encode(_ transcript: Phase2Transcript, system: R1CS) throws(CeremonyError) -> [UInt8] {
        let key = transcript.key
        let vk = key.verifyingKey
        let n = key.hQuery.count + 1
        guard key.variableCount == system.variableCount, vk.inputCommitments.count == system.publicInputCount + 1,
            n.nonzeroBitCount == 1
        else {
            throw CeremonyError(.circuitMismatch, "the key's sizes are not those of the circuit")
        }
        var header = [UInt8]()
        LittleEndian.append(u32: 1, to: &header)
        var groth = [UInt8]()
        for modulus in [Fq.modulus, Fr.modulus] {
            LittleEndian.append(u32: 32, to: &groth)
            appendLE(modulus, to: &groth)
        }
        for count in [key.variableCount, vk.inputCommitments.count - 1, n] {
            LittleEndian.append(u32: UInt32(count), to: &groth)
        }
        SnarkjsPointCodec.append(vk.alpha, to: &groth)
        SnarkjsPointCodec.append(key.betaG1, to: &groth)
        SnarkjsPointCodec.append(vk.beta, to: &groth)
        SnarkjsPointCodec.append(vk.gamma, to: &groth)
        SnarkjsPointCodec.append(key.deltaG1, to: &groth)
        SnarkjsPointCodec.append(vk.delta, to: &groth)
        func g1s(_ points: [G1Affine]) -> [UInt8] {
            var out = [UInt8]()
            out.reserveCapacity(points.count * SnarkjsPointCodec.g1Size)
            for point in points { SnarkjsPointCodec.append(point, to: &out) }
            return out
        }
        var b2 = [UInt8]()
        for point in key.bG2Query { SnarkjsPointCodec.append(point, to: &b2) }
        let h = try snarkjsH(key.hQuery + [transcript.hTail])
        return BinaryContainer.write(
            magic: "zkey", version: 1,
            sections: [
                (1, header), (2, groth), (4, coefficients(system)), (3, g1s(vk.inputCommitments)), (9, g1s(h)),
                (8, g1s(key.lQuery)), (5, g1s(key.aQuery)), (6, g1s(key.bG1Query)), (7, b2),
                (10, mpcParameters(transcript)),
            ])
    }

    /// Section 4: the A and B entries (matrix, constraint, signal, value·R² mod r little-endian), by
    /// constraint, then the input rows, as snarkjs's `zkey new` writes them.
    static func coefficients(_ system: R1CS) -> [UInt8] {
        var entries = [UInt8]()
        var count = 0
        func add(_ matrix: UInt32, _ row: Int, _ column: UInt32, _ value: Fr) {
            LittleEndian.append(u32: matrix, to: &entries)
            LittleEndian.append(u32: UInt32(row), to: &entries)
            LittleEndian.append(u32: column, to: &entries)
            appendLE(Fr(reducing: value.montgomery).montgomery, to: &entries)
            count += 1
        }
        for row in 0..<system.constraintCount {
            for k in system.a.entries(ofRow: row) { add(0, row, system.a.columns[k], system.a.values[k]) }
            for k in system.b.entries(ofRow: row) { add(1, row, system.b.columns[k], system.b.values[k]) }
        }
        for input in 0...system.publicInputCount { add(0, system.constraintCount + input, UInt32(input), .one) }
        var out = [UInt8]()
        LittleEndian.append(u32: UInt32(count), to: &out)
        return out + entries
    }

    /// Section 10: the circuit hash, the record count and the records.
    static func mpcParameters(_ transcript: Phase2Transcript) -> [UInt8] {
        var out = transcript.circuitHash
        LittleEndian.append(u32: UInt32(transcript.contributions.count), to: &out)
        for record in transcript.contributions {
            SnarkjsPointCodec.append(record.deltaAfter, to: &out)
            SnarkjsPointCodec.append(record.s, to: &out)
            SnarkjsPointCodec.append(record.sd, to: &out)
            SnarkjsPointCodec.append(record.rd, to: &out)
            out += record.transcript
            LittleEndian.append(u32: record.beacon == nil ? 0 : 1, to: &out)
            var parameters = [UInt8]()
            if let name = record.name, !name.isEmpty {
                let bytes = Array(Array(String(name.prefix(64)).utf8).prefix(255))
                parameters += [1, UInt8(bytes.count)] + bytes
            }
            if let beacon = record.beacon {
                parameters += [2, UInt8(truncatingIfNeeded: beacon.iterationsExponent)]
                parameters += [3, UInt8(beacon.hash.count)] + beacon.hash
            }
            LittleEndian.append(u32: UInt32(parameters.count), to: &out)
            out += parameters
        }
        return out
    }

    /// S_i = −(1/2n)·Σ_j x_i^(−j)·H_j from the n points H_j = [τ^j·Z(τ)/δ]₁ (see the type's notes).
    static func snarkjsH(_ h: [G1Affine]) throws(CeremonyError) -> [G1Affine] {
        let n = h.count
        let logSize = n.trailingZeroBitCount
        let half = try LagrangeBasis.domain(logSize: logSize)
        let doubled = try LagrangeBasis.domain(logSize: logSize + 1)
        let twist = doubled.generatorInverse
        var factors = [Fr](repeating: .one, count: n)
        for j in 1..<max(n, 1) { factors[j] = factors[j - 1] * twist }
        let scaled = factors
        let shifted = G1Projective.batchNormalise(Parallel.map(n) { G1Projective(h[$0]) * scaled[$0] })
        let scale = -(Fr(UInt64(2 * n)).inverse() ?? .one)
        return LagrangeBasis.transform(shifted, root: half.generatorInverse, scale: scale)
    }

    /// H_j = −2·ω₂ₙ^j·Σ_i ω_n^(ij)·S_i: the inverse of ``snarkjsH(_:)``.
    static func proverH(_ s: [G1Affine]) throws(CeremonyError) -> [G1Affine] {
        let n = s.count
        let logSize = n.trailingZeroBitCount
        let half = try LagrangeBasis.domain(logSize: logSize)
        let doubled = try LagrangeBasis.domain(logSize: logSize + 1)
        let transformed = LagrangeBasis.transform(s, root: half.generator, scale: -Fr(2))
        var factors = [Fr](repeating: .one, count: n)
        for j in 1..<max(n, 1) { factors[j] = factors[j - 1] * doubled.generator }
        let scaled = factors
        return G1Projective.batchNormalise(Parallel.map(n) { G1Projective(transformed[$0]) * scaled[$0] })
    }

    static func appendLE(_ value: UInt256, to out: inout [UInt8]) {
        for word in [value.w0, value.w1, value.w2, value.w3] { LittleEndian.append(u64: word, to: &out) }
    }

    static func readLE(_ bytes: [UInt8], _ at: Int) -> UInt256 {
        UInt256(
            LittleEndian.u64(bytes, at), LittleEndian.u64(bytes, at + 8), LittleEndian.u64(bytes, at + 16),
            LittleEndian.u64(bytes, at + 24))
    }
}
