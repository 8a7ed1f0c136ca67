import BN254
import Foundation

/// The envelope's JSON form: snake_case keys as in Fabstir's `InferenceProof`, hashes as lower-case hex,
/// field elements and the job id as decimal strings.
extension ProofEnvelope: Codable {
    enum CodingKeys: String, CodingKey {
        case version
        case jobId = "job_id"
        case modelHash = "model_hash"
        case inputHash = "input_hash"
        case outputHash = "output_hash"
        case proofData = "proof_data"
        case proofType = "proof_type"
        case timestamp
        case proverId = "prover_id"
        case host
        case checkpointIndex = "checkpoint_index"
        case tokensClaimed = "tokens_claimed"
        case commitment
        case publicInputs = "public_inputs"
        case keyFingerprint = "key_fingerprint"
    }

    /// Decodes and validates the shape (any `maxProofBytes` check is done by ``init(json:maxProofBytes:)``).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func field<T>(_ key: CodingKeys, _ parse: (String) throws -> T) throws -> T {
            let text = try container.decode(String.self, forKey: key)
            do {
                return try parse(text)
            } catch {
                throw ProofSystemError(.malformedEnvelope, "\(key.stringValue) is invalid: \(error)")
            }
        }
        func decimal(_ text: String) throws -> UInt64 {
            guard let value = UInt64(text), String(value) == text else {
                throw ProofSystemError(.malformedEnvelope, "'\(text)' is not a decimal integer below 2^64")
            }
            return value
        }
        version = try container.decode(Int.self, forKey: .version)
        jobId = try field(.jobId, decimal)
        modelHash = try field(.modelHash) { text throws in try Digest256(hex: text) }
        inputHash = try field(.inputHash) { text throws in try Digest256(hex: text) }
        outputHash = try field(.outputHash) { text throws in try Digest256(hex: text) }
        proofData = try field(.proofData) { text throws in
            guard text.utf8.count % 2 == 0 else {
                throw ProofSystemError(.malformedEnvelope, "odd number of hex digits")
            }
            return try HexCoding.decode(text, byteCount: text.utf8.count / 2, what: "proof_data")
        }
        proofType = try field(.proofType) { text throws in
            guard let backend = ProofBackend(rawValue: text) else {
                throw ProofSystemError(.malformedEnvelope, "'\(text)' is not a proof type (groth16 or mock)")
            }
            return backend
        }
        timestamp = try container.decode(UInt64.self, forKey: .timestamp)
        proverId = try container.decode(String.self, forKey: .proverId)
        host = try field(.host) { text throws in try HostAddress(hex: text) }
        checkpointIndex = try field(.checkpointIndex, decimal)
        tokensClaimed = try field(.tokensClaimed, decimal)
        commitment = try field(.commitment) { text throws in try Fr(decimal: text) }
        let inputs = try container.decode([String].self, forKey: .publicInputs)
        publicInputs = try inputs.enumerated().map { index, text in
            do {
                return try Fr(decimal: text)
            } catch {
                throw ProofSystemError(
                    .malformedEnvelope, "public_inputs[\(index)] is not a canonical field element: \(error)")
            }
        }
        keyFingerprint = try container.decode(String.self, forKey: .keyFingerprint)
    }

    /// Encodes every field (see ``CodingKeys``).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(String(jobId), forKey: .jobId)
        try container.encode(modelHash.hex, forKey: .modelHash)
        try container.encode(inputHash.hex, forKey: .inputHash)
        try container.encode(outputHash.hex, forKey: .outputHash)
        try container.encode(HexCoding.encode(proofData), forKey: .proofData)
        try container.encode(proofType.rawValue, forKey: .proofType)
        try container.encode(timestamp, forKey: .timestamp)
        try container.encode(proverId, forKey: .proverId)
        try container.encode(host.hex, forKey: .host)
        try container.encode(String(checkpointIndex), forKey: .checkpointIndex)
        try container.encode(String(tokensClaimed), forKey: .tokensClaimed)
        try container.encode(commitment.description, forKey: .commitment)
        try container.encode(publicInputs.map(\.description), forKey: .publicInputs)
        try container.encode(keyFingerprint, forKey: .keyFingerprint)
    }

    /// The canonical JSON bytes: keys sorted, no whitespace, `/` unescaped. Equal envelopes give
    /// byte-identical JSON.
    public func canonicalJSON() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return [UInt8](try encoder.encode(self))
        } catch {
            // Every field encodes as a string, an integer or an array of strings; this cannot fail.
            preconditionFailure("envelope JSON encoding failed: \(error)")
        }
    }

    /// The canonical JSON as a string.
    public var canonicalJSONString: String { String(decoding: canonicalJSON(), as: UTF8.self) }

    /// Decodes and validates JSON.
    /// - Throws: ``ProofSystemError`` `.malformedEnvelope` saying which field is wrong.
    public init<Bytes: Collection<UInt8>>(
        json bytes: Bytes, maxProofBytes: Int = ProofConfiguration.defaultMaxProofBytes
    ) throws(ProofSystemError) {
        do {
            self = try JSONDecoder().decode(ProofEnvelope.self, from: Data(bytes))
        } catch let error as ProofSystemError {
            throw error
        } catch let DecodingError.keyNotFound(key, _) {
            throw ProofSystemError(.malformedEnvelope, "the envelope has no \(key.stringValue) field")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw ProofSystemError(.malformedEnvelope, "envelope field \(path) has the wrong type")
        } catch {
            throw ProofSystemError(.malformedEnvelope, "the envelope is not valid JSON")
        }
        try validate(maxProofBytes: maxProofBytes)
    }
}
