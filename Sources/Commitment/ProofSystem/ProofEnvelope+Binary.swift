import BN254

/// The envelope's binary form, for storage and transport where JSON is too large:
///
/// `PNPE` · version (u16) · job id (u64) · host (20) · checkpoint index (u64) · tokens (u64) ·
/// commitment (32) · model, input, output hashes (3 × 32) · timestamp (u64) · proof type (u8: 0 groth16,
/// 1 mock) · key fingerprint (u8 length + ASCII) · prover id (u16 length + UTF-8) · five public inputs
/// (5 × 32) · proof (u16 length + bytes). Integers big-endian; field elements as canonical 32-byte words.
extension ProofEnvelope {
    static let binaryMagic: [UInt8] = Array("PNPE".utf8)

    /// The binary form.
    public var binary: [UInt8] {
        var out = Self.binaryMagic
        out.reserveCapacity(420 + proofData.count + proverId.utf8.count)
        func append(_ value: UInt64, bytes: Int) {
            for shift in stride(from: (bytes - 1) * 8, through: 0, by: -8) {
                out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
            }
        }
        append(UInt64(clamping: version), bytes: 2)
        append(jobId, bytes: 8)
        out += host.bytes
        append(checkpointIndex, bytes: 8)
        append(tokensClaimed, bytes: 8)
        out += commitment.bigEndianBytes
        out += modelHash.bytes + inputHash.bytes + outputHash.bytes
        append(timestamp, bytes: 8)
        out.append(proofType == .groth16 ? 0 : 1)
        let fingerprint = Array(keyFingerprint.utf8.prefix(255))
        out.append(UInt8(fingerprint.count))
        out += fingerprint
        let prover = Array(proverId.utf8.prefix(65_535))
        append(UInt64(prover.count), bytes: 2)
        out += prover
        for input in publicInputs { out += input.bigEndianBytes }
        append(UInt64(min(proofData.count, 65_535)), bytes: 2)
        out += proofData.prefix(65_535)
        return out
    }

    /// Decodes and validates the binary form.
    /// - Throws: ``ProofSystemError`` `.malformedEnvelope` naming the field.
    public init(
        binary bytes: [UInt8], maxProofBytes: Int = ProofConfiguration.defaultMaxProofBytes
    )
        throws(ProofSystemError)
    {
        var reader = BinaryReader(bytes: bytes)
        guard try reader.take(4, "magic") == Self.binaryMagic else {
            throw ProofSystemError(.malformedEnvelope, "binary envelope does not start with PNPE")
        }
        version = Int(try reader.integer(2, "version"))
        jobId = try reader.integer(8, "job_id")
        do {
            host = try HostAddress(bytes: try reader.take(20, "host"))
            checkpointIndex = try reader.integer(8, "checkpoint_index")
            tokensClaimed = try reader.integer(8, "tokens_claimed")
            commitment = try reader.field("commitment")
            modelHash = try Digest256(bytes: try reader.take(32, "model_hash"))
            inputHash = try Digest256(bytes: try reader.take(32, "input_hash"))
            outputHash = try Digest256(bytes: try reader.take(32, "output_hash"))
        } catch let error as ProofSystemError {
            throw error
        } catch {
            throw ProofSystemError(.malformedEnvelope, "binary envelope: \(error)")
        }
        timestamp = try reader.integer(8, "timestamp")
        switch try reader.integer(1, "proof_type") {
        case 0: proofType = .groth16
        case 1: proofType = .mock
        case let other: throw ProofSystemError(.malformedEnvelope, "binary envelope: unknown proof type \(other)")
        }
        let fingerprintLength = Int(try reader.integer(1, "key_fingerprint length"))
        keyFingerprint = String(decoding: try reader.take(fingerprintLength, "key_fingerprint"), as: UTF8.self)
        let proverLength = Int(try reader.integer(2, "prover_id length"))
        proverId = String(decoding: try reader.take(proverLength, "prover_id"), as: UTF8.self)
        var inputs: [Fr] = []
        for index in 0..<CheckpointPublicInputs.names.count {
            inputs.append(try reader.field("public_inputs[\(index)]"))
        }
        publicInputs = inputs
        let proofLength = Int(try reader.integer(2, "proof_data length"))
        proofData = try reader.take(proofLength, "proof_data")
        guard reader.isAtEnd else { throw ProofSystemError(.malformedEnvelope, "binary envelope has trailing bytes") }
        try validate(maxProofBytes: maxProofBytes)
    }
}

/// A bounds-checked big-endian reader for the binary envelope.
private struct BinaryReader {
    let bytes: [UInt8]
    var offset = 0

    var isAtEnd: Bool { offset == bytes.count }

    mutating func take(_ count: Int, _ field: String) throws(ProofSystemError) -> [UInt8] {
        guard bytes.count - offset >= count else {
            throw ProofSystemError(.malformedEnvelope, "binary envelope ends inside \(field)")
        }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    mutating func integer(_ count: Int, _ field: String) throws(ProofSystemError) -> UInt64 {
        try take(count, field).reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func field(_ name: String) throws(ProofSystemError) -> Fr {
        let word = try take(32, name)
        do {
            return try Fr(bigEndianBytes: word)
        } catch {
            throw ProofSystemError(.malformedEnvelope, "binary envelope: \(name) is not a canonical field element")
        }
    }
}
