import BN254
import Crypto

/// The verifying key's binary file (`keys/commitment.vk`) and its fingerprint.
extension VerifyingKey {
    static let magic = Array("PNVK".utf8)

    /// The versioned binary form: magic `PNVK`, format version, circuit digest, α, β, γ, δ, IC points,
    /// SHA-256 checksum. Every point uses the EVM layout (64 bytes in G1, 128 in G2).
    public var encoded: [UInt8] {
        var writer = KeyFileWriter(magic: Self.magic)
        writer.append(circuitDigest)
        writer.append(alpha.uncompressedBytes)
        writer.append(beta.uncompressedBytes)
        writer.append(gamma.uncompressedBytes)
        writer.append(delta.uncompressedBytes)
        writer.appendG1Vector(inputCommitments)
        return writer.finished()
    }

    /// Decodes and fully validates a verifying key file (G2 points checked for subgroup membership).
    /// - Throws: ``Groth16Error`` `.malformedKey` naming the element that is wrong.
    public init(encoded bytes: [UInt8]) throws(Groth16Error) {
        var reader = try KeyFileReader(bytes, magic: Self.magic, what: "verifying key")
        try self.init(reading: &reader)
        guard reader.isAtEnd else { throw Groth16Error(.malformedKey, "verifying key has trailing bytes") }
    }

    init(reading reader: inout KeyFileReader) throws(Groth16Error) {
        let digest = Array(try reader.take(32, "circuit digest"))
        let alpha = try reader.readG1("alpha")
        let beta = try reader.readG2("beta", checkSubgroup: true)
        let gamma = try reader.readG2("gamma", checkSubgroup: true)
        let delta = try reader.readG2("delta", checkSubgroup: true)
        let inputs = try reader.readG1Vector("IC")
        guard !inputs.isEmpty else { throw Groth16Error(.malformedKey, "verifying key has no IC points") }
        self.init(alpha: alpha, beta: beta, gamma: gamma, delta: delta, inputCommitments: inputs, circuitDigest: digest)
    }

    /// SHA-256 of ``encoded`` as 64 lower-case hex digits: names the key in every proof made with it.
    public var fingerprint: String {
        SHA256.hash(data: encoded).map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 15)]], as: UTF8.self)
        }.joined()
    }
}

/// The proving key's binary file (`keys/commitment.pk`).
extension ProvingKey {
    static let magic = Array("PNPK".utf8)

    /// The versioned binary form: magic `PNPK`, format version, the verifying key's fields, [β]₁, [δ]₁,
    /// the A, B₁, B₂, H and L queries, SHA-256 checksum.
    public var encoded: [UInt8] {
        var writer = KeyFileWriter(magic: Self.magic)
        writer.append(verifyingKey.circuitDigest)
        writer.append(verifyingKey.alpha.uncompressedBytes)
        writer.append(verifyingKey.beta.uncompressedBytes)
        writer.append(verifyingKey.gamma.uncompressedBytes)
        writer.append(verifyingKey.delta.uncompressedBytes)
        writer.appendG1Vector(verifyingKey.inputCommitments)
        writer.append(betaG1.uncompressedBytes)
        writer.append(deltaG1.uncompressedBytes)
        writer.appendG1Vector(aQuery)
        writer.appendG1Vector(bG1Query)
        writer.appendCount(bG2Query.count)
        for point in bG2Query { writer.append(point.uncompressedBytes) }
        writer.appendG1Vector(hQuery)
        writer.appendG1Vector(lQuery)
        return writer.finished()
    }

    /// Decodes a proving key file. Every point is checked to be canonical and on its curve; the
    /// B₂ query's subgroup membership is not re-checked (a bad proving key can only make proofs that
    /// fail verification; the verifying key, which soundness rests on, is fully checked).
    /// - Throws: ``Groth16Error`` `.malformedKey` naming the element that is wrong.
    public init(encoded bytes: [UInt8]) throws(Groth16Error) {
        var reader = try KeyFileReader(bytes, magic: Self.magic, what: "proving key")
        let verifyingKey = try VerifyingKey(reading: &reader)
        let betaG1 = try reader.readG1("beta_g1")
        let deltaG1 = try reader.readG1("delta_g1")
        let sections = [
            (try reader.takeVector("A query", width: 64), isG2: false),
            (try reader.takeVector("B1 query", width: 64), isG2: false),
            (try reader.takeVector("B2 query", width: 128), isG2: true),
            (try reader.takeVector("H query", width: 64), isG2: false),
            (try reader.takeVector("L query", width: 64), isG2: false),
        ]
        guard reader.isAtEnd else { throw Groth16Error(.malformedKey, "proving key has trailing bytes") }
        // Validating ~8,500 points is most of the load time: the five vectors decode on all cores.
        let decoded = try ParallelPointDecoding.decode(sections)
        guard case .g1(let aQuery) = decoded[0], case .g1(let bG1Query) = decoded[1],
            case .g2(let bG2Query) = decoded[2],
            case .g1(let hQuery) = decoded[3], case .g1(let lQuery) = decoded[4]
        else { throw Groth16Error(.malformedKey, "internal: proving key sections decoded out of order") }
        guard aQuery.count == bG1Query.count, aQuery.count == bG2Query.count else {
            throw Groth16Error(.malformedKey, "proving key's A and B queries differ in length")
        }
        self.init(
            verifyingKey: verifyingKey, betaG1: betaG1, deltaG1: deltaG1, aQuery: aQuery, bG1Query: bG1Query,
            bG2Query: bG2Query, hQuery: hQuery, lQuery: lQuery)
    }
}
