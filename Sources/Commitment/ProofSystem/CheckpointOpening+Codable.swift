import BN254

/// The opening's JSON form for auditors and the audit store's secret column:
/// `{"model_hash", "input_hash", "output_hash": <64 hex>, "salt": <decimal>}`.
///
/// This is the only form in which the salt leaves memory; `description` still redacts it. Treat the
/// encoded opening as a secret.
extension CheckpointOpening: Codable {
    enum CodingKeys: String, CodingKey {
        case modelHash = "model_hash"
        case inputHash = "input_hash"
        case outputHash = "output_hash"
        case salt
    }

    /// Decodes and validates an opening (hashes of 32 bytes, a canonical salt below r).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let salt: Fr
        do {
            salt = try Fr(decimal: try container.decode(String.self, forKey: .salt))
        } catch is BN254Error {
            throw CommitmentError(.malformedValue, "the opening's salt is not a decimal field element below r")
        }
        self.init(
            modelHash: try Digest256(hex: try container.decode(String.self, forKey: .modelHash)),
            inputHash: try Digest256(hex: try container.decode(String.self, forKey: .inputHash)),
            outputHash: try Digest256(hex: try container.decode(String.self, forKey: .outputHash)), salt: salt)
    }

    /// Encodes the hashes (hex) and the salt (decimal).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(modelHash.hex, forKey: .modelHash)
        try container.encode(inputHash.hex, forKey: .inputHash)
        try container.encode(outputHash.hex, forKey: .outputHash)
        try container.encode(salt.description, forKey: .salt)
    }
}
