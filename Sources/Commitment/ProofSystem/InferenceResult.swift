/// What a host stored about one checkpoint of an inference, from which the hashes are recomputed:
/// the prompt, the response up to the checkpoint, and the model hash.
///
/// JSON: `{"prompt": …, "response": …, "model_hash": "<64 hex>"}`.
public struct InferenceResult: Sendable, Hashable, Codable {
    /// The prompt (hashed as UTF-8 into `inputHash`).
    public var prompt: String
    /// The response produced up to this checkpoint (hashed as UTF-8 into `outputHash`).
    public var response: String
    /// The model hash (see ``ModelHasher``).
    public var modelHash: Digest256

    /// Creates a result.
    public init(prompt: String, response: String, modelHash: Digest256) {
        self.prompt = prompt
        self.response = response
        self.modelHash = modelHash
    }

    /// `SHA-256(prompt UTF-8)`.
    public var inputHash: Digest256 { .sha256(utf8: prompt) }
    /// `SHA-256(response UTF-8)`.
    public var outputHash: Digest256 { .sha256(utf8: response) }

    enum CodingKeys: String, CodingKey {
        case prompt
        case response
        case modelHash = "model_hash"
    }

    /// Decodes, validating the model hash.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        prompt = try container.decode(String.self, forKey: .prompt)
        response = try container.decode(String.self, forKey: .response)
        modelHash = try Digest256(hex: try container.decode(String.self, forKey: .modelHash))
    }

    /// Encodes the three fields (model hash as lower-case hex).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(prompt, forKey: .prompt)
        try container.encode(response, forKey: .response)
        try container.encode(modelHash.hex, forKey: .modelHash)
    }
}
