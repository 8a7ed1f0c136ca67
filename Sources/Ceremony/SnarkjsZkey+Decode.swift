import BN254
import Groth16

extension SnarkjsZkey {
    /// Decodes a snarkjs Groth16 `.zkey` for `system` into a phase-2 transcript (key, H tail, circuit
    /// hash, contributions) whose phase-1 hash is `phase1Hash`. Every point is validated (canonical, on
    /// the curve, G2 in the subgroup; the identity only where a circuit allows it: in A, B₁, B₂, L and IC)
    /// and the coefficient section must be the circuit's. This checks the encoding; ``Phase2Verifier``
    /// checks the ceremony.
    /// - Throws: ``CeremonyError`` naming the file, the section and the element.
    public static func decode(
        _ bytes: [UInt8], fileName: String, system: R1CS, phase1Hash: [UInt8]
    ) throws(CeremonyError) -> Phase2Transcript {
        let file = try BinaryContainer(bytes: bytes, expectedMagic: "zkey", fileName: fileName)
        func fail(_ code: CeremonyError.Code, _ what: String) -> CeremonyError {
            CeremonyError(code, "\(fileName): \(what)")
        }
        guard file.version == 1 else { throw fail(.malformedFile, ".zkey version \(file.version); this build reads 1") }
        let header = try file.section(1, "header", size: 4)
        guard LittleEndian.u32(bytes, header.lowerBound) == 1 else {
            throw fail(
                .unsupported,
                "section 1 (header): not a Groth16 key (protocol \(LittleEndian.u32(bytes, header.lowerBound)))")
        }
        let groth = try file.section(2, "Groth16 header", size: 4 + 32 + 4 + 32 + 12 + 3 * 64 + 3 * 128)
        var at = groth.lowerBound
        for (name, modulus) in [("base field", Fq.modulus), ("scalar field", Fr.modulus)] {
            guard LittleEndian.u32(bytes, at) == 32, readLE(bytes, at + 4) == modulus else {
                throw fail(.unsupported, "section 2 (Groth16 header): the \(name) is not BN254's")
            }
            at += 36
        }
        let variables = Int(LittleEndian.u32(bytes, at))
        let publicCount = Int(LittleEndian.u32(bytes, at + 4))
        let n = Int(LittleEndian.u32(bytes, at + 8))
        at += 12
        let qapDomain: Int
        do {
            qapDomain = try QuadraticArithmeticProgram(system).domain.size
        } catch {
            throw fail(.unsupported, "the circuit: \(error.message)")
        }
        guard variables == system.variableCount, publicCount == system.publicInputCount, n == qapDomain else {
            throw fail(
                .circuitMismatch,
                "section 2 (Groth16 header): \(variables) variables, \(publicCount) public inputs, domain \(n); the circuit has \(system.variableCount), \(system.publicInputCount), \(qapDomain)"
            )
        }
        @Sendable func g1(_ offset: Int, _ what: String, identity: Bool = false) throws(CeremonyError) -> G1Affine {
            try SnarkjsPointCodec.g1(bytes, at: offset, allowIdentity: identity, element: "\(fileName): \(what)")
        }
        @Sendable func g2(_ offset: Int, _ what: String, identity: Bool = false) throws(CeremonyError) -> G2Affine {
            try SnarkjsPointCodec.g2(bytes, at: offset, allowIdentity: identity, element: "\(fileName): \(what)")
        }
        let alpha = try g1(at, "section 2 (Groth16 header) α₁")
        let beta1 = try g1(at + 64, "section 2 (Groth16 header) β₁")
        let beta2 = try g2(at + 128, "section 2 (Groth16 header) β₂")
        let gamma2 = try g2(at + 256, "section 2 (Groth16 header) γ₂")
        let delta1 = try g1(at + 384, "section 2 (Groth16 header) δ₁")
        let delta2 = try g2(at + 448, "section 2 (Groth16 header) δ₂")
        func g1s(_ type: UInt32, _ name: String, _ count: Int, identity: Bool) throws(CeremonyError) -> [G1Affine] {
            let range = try file.section(type, name, size: count * SnarkjsPointCodec.g1Size)
            return try Parallel.map(count) { (index: Int) throws(CeremonyError) -> G1Affine in
                try g1(
                    range.lowerBound + index * SnarkjsPointCodec.g1Size, "section \(type) (\(name)) element \(index)",
                    identity: identity)
            }
        }
        let ic = try g1s(3, "IC", publicCount + 1, identity: true)
        let coefficients = try file.section(4, "coefficients")
        guard Array(bytes[coefficients]) == Self.coefficients(system) else {
            throw fail(.circuitMismatch, "section 4 (coefficients): not the A and B entries of this circuit")
        }
        let a = try g1s(5, "A", variables, identity: true)
        let b1 = try g1s(6, "B1", variables, identity: true)
        let b2Range = try file.section(7, "B2", size: variables * SnarkjsPointCodec.g2Size)
        let b2 = try Parallel.map(variables) { (index: Int) throws(CeremonyError) -> G2Affine in
            try g2(
                b2Range.lowerBound + index * SnarkjsPointCodec.g2Size, "section 7 (B2) element \(index)",
                identity: true)
        }
        let l = try g1s(8, "C", variables - publicCount - 1, identity: true)
        let h = try proverH(try g1s(9, "H", n, identity: false))
        let (circuitHash, records) = try mpcParameters(bytes, file: file, fileName: fileName)
        let verifyingKey = VerifyingKey(
            alpha: alpha, beta: beta2, gamma: gamma2, delta: delta2, inputCommitments: ic,
            circuitDigest: system.circuitDigest)
        let key = ProvingKey(
            verifyingKey: verifyingKey, betaG1: beta1, deltaG1: delta1, aQuery: a, bG1Query: b1, bG2Query: b2,
            hQuery: Array(h.prefix(n - 1)), lQuery: l)
        guard let tail = h.last, !tail.isInfinity else {
            throw fail(.invalidPoint, "section 9 (H): the points give an identity H tail")
        }
        return Phase2Transcript(
            phase1Hash: phase1Hash, circuitHash: circuitHash, key: key, hTail: tail, contributions: records)
    }

    /// Section 10: the circuit hash and the contribution records.
    static func mpcParameters(
        _ bytes: [UInt8], file: BinaryContainer, fileName: String
    ) throws(CeremonyError) -> ([UInt8], [Phase2Contribution]) {
        var reader = ByteReader(bytes: bytes, range: try file.section(10, "contributions"), fileName: fileName)
        let circuitHash = try reader.take(64, "section 10 circuit hash")
        let count = Int(try reader.u32("section 10 contribution count"))
        guard count <= 1 << 20 else {
            throw CeremonyError(.malformedFile, "\(fileName): section 10: implausible contribution count \(count)")
        }
        var records = [Phase2Contribution]()
        for index in 1...max(count, 1) where index <= count {
            let at = "section 10 contribution \(index)"
            let deltaAfter = try reader.g1("\(at) δ after")
            let s = try reader.g1("\(at) s")
            let sd = try reader.g1("\(at) d·s")
            let rd = try reader.g2("\(at) d·r")
            let transcript = try reader.take(64, "\(at) transcript hash")
            let type = try reader.u32("\(at) type")
            let length = Int(try reader.u32("\(at) parameter length"))
            let parameters = try reader.take(length, "\(at) parameters")
            var name: String?
            var exponent: Int?
            var beaconHash: [UInt8]?
            var offset = 0
            var lastType: UInt8 = 0
            while offset < parameters.count {
                let kind = parameters[offset]
                guard kind > lastType, offset + 1 < parameters.count else {
                    throw CeremonyError(.malformedFile, "\(fileName): \(at): parameters unsorted or truncated")
                }
                lastType = kind
                let size = kind == 2 ? 1 : Int(parameters[offset + 1])
                let start = kind == 2 ? offset + 1 : offset + 2
                guard start + size <= parameters.count else {
                    throw CeremonyError(.malformedFile, "\(fileName): \(at): parameter \(kind) is truncated")
                }
                let value = Array(parameters[start..<(start + size)])
                switch kind {
                case 1: name = String(decoding: value, as: UTF8.self)
                case 2: exponent = Int(value[0])
                case 3: beaconHash = value
                default: throw CeremonyError(.malformedFile, "\(fileName): \(at): unknown parameter \(kind)")
                }
                offset = start + size
            }
            var beacon: Phase1Contribution.Beacon?
            if type == 1 {
                guard let exponent, let beaconHash else {
                    throw CeremonyError(.malformedFile, "\(fileName): \(at): a beacon without its value or iterations")
                }
                beacon = .init(hash: beaconHash, iterationsExponent: exponent)
            }
            records.append(
                Phase2Contribution(
                    deltaAfter: deltaAfter, s: s, sd: sd, rd: rd, transcript: transcript, name: name, beacon: beacon))
        }
        guard reader.isAtEnd else {
            throw CeremonyError(.malformedFile, "\(fileName): section 10 (contributions) has trailing bytes")
        }
        return (circuitHash, records)
    }
}
