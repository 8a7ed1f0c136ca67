import BN254
import Crypto
import Groth16

/// A phase-2 transcript: the circuit's current proving key and every contribution made to its δ, with
/// the hashes binding it to the circuit and to the phase-1 transcript it was built from.
///
/// File format (`.p2`, version 2): magic `PNP2`, version (2 bytes), phase-1 hash (64), circuit hash
/// (64), the proving key (4-byte length + `PNPK` bytes), the H tail (64-byte G1), the contribution count
/// (4 bytes) and records (δ after, s, d·s as 64-byte G1, d·r as 128-byte G2, the transcript hash (64),
/// name length + UTF-8, beacon flag [+ exponent, hash length, hash]); a SHA-256 checksum of everything
/// before it. Integers are big-endian.
public struct Phase2Transcript: Sendable {
    /// The final challenge hash of the phase-1 transcript.
    public var phase1Hash: [UInt8]
    /// snarkjs's circuit hash of the initial key (``Phase2KeyBuilder/snarkjsCircuitHash(_:)``): binds
    /// every proof of knowledge to this circuit and this phase 1, as in a snarkjs `.zkey`.
    public var circuitHash: [UInt8]
    /// The current key.
    public var key: ProvingKey
    /// [τ^(n−1)·Z(τ)/δ]₁ (with [τ^(2n−1)]₁ taken as the identity when phase 1 has no such power): the one
    /// point snarkjs's H section needs beyond the prover's H query (see ``SnarkjsZkey``); scaled by every
    /// contribution like H.
    public var hTail: G1Affine
    /// The contributions in order.
    public var contributions: [Phase2Contribution]

    /// Starts a transcript from the initial key and its H tail (``Phase2KeyBuilder/hTail(prepared:)``).
    public init(initialKey: ProvingKey, hTail: G1Affine, phase1Hash: [UInt8]) {
        self.phase1Hash = phase1Hash
        circuitHash = Phase2KeyBuilder.snarkjsCircuitHash(initialKey)
        key = initialKey
        self.hTail = hTail
        contributions = []
    }

    /// Starts a transcript for `system` from a verified, prepared phase 1.
    /// - Throws: ``CeremonyError`` as ``Phase2KeyBuilder/initialKey(for:prepared:progress:)``.
    public init(system: R1CS, prepared: PreparedPhase1, progress: (String) -> Void = { _ in }) throws(CeremonyError) {
        let key = try Phase2KeyBuilder.initialKey(for: system, prepared: prepared, progress: progress)
        self.init(
            initialKey: key, hTail: try Phase2KeyBuilder.hTail(prepared: prepared), phase1Hash: prepared.phase1Hash)
    }

    /// Restores a transcript from its parts (a decoded `.zkey`); checked by ``Phase2Verifier``.
    public init(
        phase1Hash: [UInt8], circuitHash: [UInt8], key: ProvingKey, hTail: G1Affine,
        contributions: [Phase2Contribution]
    ) {
        self.phase1Hash = phase1Hash
        self.circuitHash = circuitHash
        self.key = key
        self.hTail = hTail
        self.contributions = contributions
    }

    static let magic = Array("PNP2".utf8)
    static let version: UInt16 = 2

    /// The file bytes.
    public var encoded: [UInt8] {
        var out = Self.magic
        out += [UInt8(Self.version >> 8), UInt8(Self.version & 0xFF)]
        out += phase1Hash + circuitHash
        let keyBytes = key.encoded
        out += Self.u32(keyBytes.count) + keyBytes
        out += hTail.uncompressedBytes
        out += Self.u32(contributions.count)
        for record in contributions {
            out += record.deltaAfter.uncompressedBytes + record.s.uncompressedBytes + record.sd.uncompressedBytes
            out += record.rd.uncompressedBytes + record.transcript
            let name = Array(Array((record.name ?? "").utf8).prefix(255))
            out += [UInt8(name.count)] + name
            if let beacon = record.beacon {
                out += [1, UInt8(beacon.iterationsExponent), UInt8(beacon.hash.count)] + beacon.hash
            } else {
                out += [0]
            }
        }
        out += Array(SHA256.hash(data: out))
        return out
    }

    static func u32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }

    /// Decodes a `.p2` file, validating every point.
    /// - Throws: ``CeremonyError`` `.malformedFile` or `.invalidPoint` naming the file and element.
    public init(encoded bytes: [UInt8], fileName: String) throws(CeremonyError) {
        func fail(_ code: CeremonyError.Code, _ what: String) -> CeremonyError {
            CeremonyError(code, "\(fileName): \(what)")
        }
        guard bytes.count >= 6 + 128 + 8 + 32, Array(bytes[0..<4]) == Self.magic else {
            throw fail(.malformedFile, "not a phase-2 transcript (magic PNP2)")
        }
        guard UInt16(bytes[4]) << 8 | UInt16(bytes[5]) == Self.version else {
            throw fail(
                .malformedFile,
                "phase-2 format version \(bytes[4]).\(bytes[5]) is not 2 (start phase 2 again with this build)")
        }
        let body = bytes[0..<(bytes.count - 32)]
        guard Array(SHA256.hash(data: body)) == Array(bytes[(bytes.count - 32)...]) else {
            throw fail(.malformedFile, "the SHA-256 checksum does not match (corrupt or truncated)")
        }
        var offset = 6
        let end = bytes.count - 32
        func take(_ count: Int, _ what: String) throws(CeremonyError) -> [UInt8] {
            guard count >= 0, end - offset >= count else { throw fail(.malformedFile, "ends inside \(what)") }
            defer { offset += count }
            return Array(bytes[offset..<(offset + count)])
        }
        func count(_ what: String) throws(CeremonyError) -> Int {
            try take(4, what).reduce(0) { $0 << 8 | Int($1) }
        }
        phase1Hash = try take(64, "the phase-1 hash")
        circuitHash = try take(64, "the circuit hash")
        let keyBytes = try take(try count("the key length"), "the proving key")
        do {
            key = try ProvingKey(encoded: keyBytes)
        } catch {
            throw fail(.invalidPoint, "the proving key: \(error.message)")
        }
        let tailBytes = try take(64, "the H tail")
        do throws(BN254Error) {
            hTail = try G1Affine(uncompressedBytes: tailBytes)
            guard !hTail.isInfinity else { throw BN254Error(.notOnCurve, "the identity is not allowed") }
        } catch {
            throw fail(.invalidPoint, "the H tail: \(error.message)")
        }
        let recordCount = try count("the contribution count")
        guard recordCount <= 1 << 20 else { throw fail(.malformedFile, "implausible contribution count") }
        var records = [Phase2Contribution]()
        for index in 1...max(recordCount, 1) where index <= recordCount {
            let at = "contribution \(index)"
            func g1(_ what: String) throws(CeremonyError) -> G1Affine {
                let slice = try take(64, "\(at) \(what)")
                do throws(BN254Error) {
                    let point = try G1Affine(uncompressedBytes: slice)
                    guard !point.isInfinity else { throw BN254Error(.notOnCurve, "the identity is not allowed") }
                    return point
                } catch {
                    throw fail(.invalidPoint, "\(at) \(what): \(error.message)")
                }
            }
            let deltaAfter = try g1("delta after")
            let s = try g1("s")
            let sd = try g1("d·s")
            let rdBytes = try take(128, "\(at) d·r")
            let rd: G2Affine
            do throws(BN254Error) {
                rd = try G2Affine(uncompressedBytes: rdBytes)
                guard !rd.isInfinity else { throw BN254Error(.notOnCurve, "the identity is not allowed") }
            } catch {
                throw fail(.invalidPoint, "\(at) d·r: \(error.message)")
            }
            let transcriptHash = try take(64, "\(at) transcript hash")
            let nameBytes = try take(Int(try take(1, "\(at) name length")[0]), "\(at) name")
            var beacon: Phase1Contribution.Beacon?
            switch try take(1, "\(at) beacon flag")[0] {
            case 0: beacon = nil
            case 1:
                let exponent = Int(try take(1, "\(at) beacon exponent")[0])
                let hash = try take(Int(try take(1, "\(at) beacon hash length")[0]), "\(at) beacon hash")
                beacon = .init(hash: hash, iterationsExponent: exponent)
            default: throw fail(.malformedFile, "\(at) has an unknown beacon flag")
            }
            records.append(
                Phase2Contribution(
                    deltaAfter: deltaAfter, s: s, sd: sd, rd: rd, transcript: transcriptHash,
                    name: nameBytes.isEmpty ? nil : String(decoding: nameBytes, as: UTF8.self), beacon: beacon))
        }
        guard offset == end else { throw fail(.malformedFile, "trailing bytes after the contributions") }
        contributions = records
    }
}
