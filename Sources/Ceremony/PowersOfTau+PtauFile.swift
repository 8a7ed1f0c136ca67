import BN254

/// Reading and writing snarkjs's `.ptau` format (version 1): header (1), [τ^i]₁ (2), [τ^i]₂ (3),
/// [ατ^i]₁ (4), [βτ^i]₁ (5), [β]₂ (6), contributions (7); the Lagrange sections 12–15 of a prepared
/// file are written by ``PreparedPhase1`` and recomputed, never trusted, on reading.
extension PowersOfTau {
    /// Decodes a `.ptau` file, validating every point (canonical, on the curve, G2 in the subgroup, not
    /// the identity). This checks the encoding only; ``Phase1Verifier`` checks the transcript.
    /// - Throws: ``CeremonyError`` `.malformedFile` or `.invalidPoint` naming the file, section and element.
    public init(ptau bytes: [UInt8], fileName: String) throws(CeremonyError) {
        let file = try BinaryContainer(bytes: bytes, expectedMagic: "ptau", fileName: fileName)
        guard file.version == 1 else {
            throw CeremonyError(
                .malformedFile, "\(fileName): .ptau version \(file.version); this build reads version 1")
        }
        let header = try file.section(1, "header")
        guard header.count == 44, LittleEndian.u32(bytes, header.lowerBound) == 32 else {
            throw CeremonyError(.malformedFile, "\(fileName): the header is not that of a 32-byte-field curve")
        }
        let modulus = Array(bytes[(header.lowerBound + 4)..<(header.lowerBound + 36)])
        let q = Fq.modulus
        let expected: [UInt8] = [q.w0, q.w1, q.w2, q.w3].flatMap { word in
            (0..<8).map { UInt8(truncatingIfNeeded: word >> UInt64(8 * $0)) }
        }
        guard modulus == expected else {
            throw CeremonyError(.malformedFile, "\(fileName): the header's field is not BN254's base field")
        }
        let power = Int(LittleEndian.u32(bytes, header.lowerBound + 36))
        let ceremonyPower = Int(LittleEndian.u32(bytes, header.lowerBound + 40))
        guard (1...Self.maximumPower).contains(power), power <= ceremonyPower, ceremonyPower <= Self.maximumPower else {
            throw CeremonyError(
                .unsupported, "\(fileName): power \(power) (ceremony power \(ceremonyPower)) unsupported")
        }
        let n = 1 << power
        func g1s(_ type: UInt32, _ name: String, _ count: Int) throws(CeremonyError) -> [G1Affine] {
            let range = try file.section(type, name, size: count * SnarkjsPointCodec.g1Size)
            return try Parallel.map(count) { (index: Int) throws(CeremonyError) -> G1Affine in
                try SnarkjsPointCodec.g1(
                    bytes, at: range.lowerBound + index * SnarkjsPointCodec.g1Size,
                    element: "\(fileName): section \(type) (\(name)) element \(index)")
            }
        }
        func g2s(_ type: UInt32, _ name: String, _ count: Int) throws(CeremonyError) -> [G2Affine] {
            let range = try file.section(type, name, size: count * SnarkjsPointCodec.g2Size)
            return try Parallel.map(count) { (index: Int) throws(CeremonyError) -> G2Affine in
                try SnarkjsPointCodec.g2(
                    bytes, at: range.lowerBound + index * SnarkjsPointCodec.g2Size,
                    element: "\(fileName): section \(type) (\(name)) element \(index)")
            }
        }
        let tauG1 = try g1s(2, "tauG1", 2 * n - 1)
        let tauG2 = try g2s(3, "tauG2", n)
        let alpha = try g1s(4, "alphaTauG1", n)
        let beta = try g1s(5, "betaTauG1", n)
        let betaG2 = try g2s(6, "betaG2", 1)[0]
        var reader = ByteReader(bytes: bytes, range: try file.section(7, "contributions"), fileName: fileName)
        let count = Int(try reader.u32("contribution count"))
        var contributions = [Phase1Contribution]()
        for index in 1...max(1, count) where index <= count {
            contributions.append(try reader.contribution(index))
        }
        guard reader.isAtEnd else {
            throw CeremonyError(.malformedFile, "\(fileName): section 7 (contributions) has trailing bytes")
        }
        self.init(
            power: power, ceremonyPower: ceremonyPower, tauG1: tauG1, tauG2: tauG2, alphaTauG1: alpha,
            betaTauG1: beta, betaG2: betaG2, contributions: contributions)
    }

    /// The `.ptau` file (sections 1–7), plus `extra` sections (the prepared Lagrange form).
    public func ptauBytes(extraSections: [(UInt32, [UInt8])] = []) -> [UInt8] {
        var header = [UInt8]()
        LittleEndian.append(u32: 32, to: &header)
        let q = Fq.modulus
        for word in [q.w0, q.w1, q.w2, q.w3] { LittleEndian.append(u64: word, to: &header) }
        LittleEndian.append(u32: UInt32(power), to: &header)
        LittleEndian.append(u32: UInt32(ceremonyPower), to: &header)
        func g1s(_ points: [G1Affine]) -> [UInt8] {
            var out = [UInt8]()
            out.reserveCapacity(points.count * 64)
            for point in points { SnarkjsPointCodec.append(point, to: &out) }
            return out
        }
        func g2s(_ points: [G2Affine]) -> [UInt8] {
            var out = [UInt8]()
            out.reserveCapacity(points.count * 128)
            for point in points { SnarkjsPointCodec.append(point, to: &out) }
            return out
        }
        var records = [UInt8]()
        LittleEndian.append(u32: UInt32(contributions.count), to: &records)
        for contribution in contributions { records += Self.encode(contribution) }
        return BinaryContainer.write(
            magic: "ptau", version: 1,
            sections: [
                (1, header), (2, g1s(tauG1)), (3, g2s(tauG2)), (4, g1s(alphaTauG1)), (5, g1s(betaTauG1)),
                (6, g2s([betaG2])), (7, records),
            ] + extraSections)
    }

    static func encode(_ c: Phase1Contribution) -> [UInt8] {
        var out = [UInt8]()
        SnarkjsPointCodec.append(c.tauG1, to: &out)
        SnarkjsPointCodec.append(c.tauG2, to: &out)
        SnarkjsPointCodec.append(c.alphaG1, to: &out)
        SnarkjsPointCodec.append(c.betaG1, to: &out)
        SnarkjsPointCodec.append(c.betaG2, to: &out)
        for component in [c.key.tau, c.key.alpha, c.key.beta] {
            SnarkjsPointCodec.append(component.s, to: &out)
            SnarkjsPointCodec.append(component.sx, to: &out)
        }
        for component in [c.key.tau, c.key.alpha, c.key.beta] { SnarkjsPointCodec.append(component.rx, to: &out) }
        out += c.partialHash
        out += c.nextChallenge
        LittleEndian.append(u32: c.beacon == nil ? 0 : 1, to: &out)
        var params = [UInt8]()
        if let name = c.name, !name.isEmpty {
            let bytes = Array(Array(name.utf8).prefix(64))
            params += [1, UInt8(bytes.count)] + bytes
        }
        if let beacon = c.beacon {
            params += [2, UInt8(beacon.iterationsExponent), 3, UInt8(beacon.hash.count)] + beacon.hash
        }
        LittleEndian.append(u32: UInt32(params.count), to: &out)
        out += params
        return out
    }
}

/// A bounds-checked reader over one section, with errors naming file, section and element.
struct ByteReader {
    let bytes: [UInt8]
    var offset: Int
    let end: Int
    let fileName: String

    init(bytes: [UInt8], range: Range<Int>, fileName: String) {
        self.bytes = bytes
        offset = range.lowerBound
        end = range.upperBound
        self.fileName = fileName
    }

    var isAtEnd: Bool { offset == end }

    mutating func take(_ count: Int, _ element: @autoclosure () -> String) throws(CeremonyError) -> [UInt8] {
        guard end - offset >= count else {
            throw CeremonyError(.malformedFile, "\(fileName): the section ends inside \(element())")
        }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    mutating func u32(_ element: String) throws(CeremonyError) -> UInt32 {
        LittleEndian.u32(try take(4, element), 0)
    }

    mutating func g1(_ element: @autoclosure () -> String) throws(CeremonyError) -> G1Affine {
        guard end - offset >= 64 else { throw CeremonyError(.malformedFile, "\(fileName): ends inside \(element())") }
        defer { offset += 64 }
        return try SnarkjsPointCodec.g1(bytes, at: offset, element: "\(fileName): \(element())")
    }

    mutating func g2(_ element: @autoclosure () -> String) throws(CeremonyError) -> G2Affine {
        guard end - offset >= 128 else { throw CeremonyError(.malformedFile, "\(fileName): ends inside \(element())") }
        defer { offset += 128 }
        return try SnarkjsPointCodec.g2(bytes, at: offset, element: "\(fileName): \(element())")
    }

    mutating func contribution(_ index: Int) throws(CeremonyError) -> Phase1Contribution {
        let at = "section 7 contribution \(index)"
        let tauG1 = try g1("\(at) tauG1")
        let tauG2 = try g2("\(at) tauG2")
        let alphaG1 = try g1("\(at) alphaG1")
        let betaG1 = try g1("\(at) betaG1")
        let betaG2 = try g2("\(at) betaG2")
        var g1Keys = [G1Affine]()
        for name in ["tau.s", "tau.sx", "alpha.s", "alpha.sx", "beta.s", "beta.sx"] {
            g1Keys.append(try g1("\(at) key \(name)"))
        }
        let tauRx = try g2("\(at) key tau.rx")
        let alphaRx = try g2("\(at) key alpha.rx")
        let betaRx = try g2("\(at) key beta.rx")
        let key = Phase1PublicKey(
            tau: .init(s: g1Keys[0], sx: g1Keys[1], rx: tauRx), alpha: .init(s: g1Keys[2], sx: g1Keys[3], rx: alphaRx),
            beta: .init(s: g1Keys[4], sx: g1Keys[5], rx: betaRx))
        let partial = try take(BLAKE2b.partialStateSize, "\(at) partial hash")
        let next = try take(64, "\(at) next challenge")
        let type = try u32("\(at) type")
        let paramLength = Int(try u32("\(at) parameter length"))
        let params = try take(paramLength, "\(at) parameters")
        var name: String?
        var exponent: Int?
        var beaconHash: [UInt8]?
        var cursor = 0
        var lastType: UInt8 = 0
        func byte() throws(CeremonyError) -> UInt8 {
            guard cursor < params.count else {
                throw CeremonyError(.malformedFile, "\(fileName): \(at) parameters are truncated")
            }
            defer { cursor += 1 }
            return params[cursor]
        }
        func run(_ count: Int) throws(CeremonyError) -> [UInt8] {
            guard params.count - cursor >= count else {
                throw CeremonyError(.malformedFile, "\(fileName): \(at) parameters are truncated")
            }
            defer { cursor += count }
            return Array(params[cursor..<(cursor + count)])
        }
        while cursor < params.count {
            let kind = try byte()
            guard kind > lastType else {
                throw CeremonyError(.malformedFile, "\(fileName): \(at) parameters are not sorted")
            }
            lastType = kind
            switch kind {
            case 1: name = String(decoding: try run(Int(try byte())), as: UTF8.self)
            case 2: exponent = Int(try byte())
            case 3: beaconHash = try run(Int(try byte()))
            default: throw CeremonyError(.malformedFile, "\(fileName): \(at) has unknown parameter \(kind)")
            }
        }
        var beacon: Phase1Contribution.Beacon?
        switch type {
        case 0: beacon = nil
        case 1:
            guard let exponent, let beaconHash else {
                throw CeremonyError(.malformedFile, "\(fileName): \(at) is a beacon without beacon parameters")
            }
            beacon = .init(hash: beaconHash, iterationsExponent: exponent)
        default: throw CeremonyError(.malformedFile, "\(fileName): \(at) has unknown type \(type)")
        }
        return Phase1Contribution(
            tauG1: tauG1, tauG2: tauG2, alphaG1: alphaG1, betaG1: betaG1, betaG2: betaG2, key: key,
            partialHash: partial, nextChallenge: next, name: name, beacon: beacon)
    }
}
