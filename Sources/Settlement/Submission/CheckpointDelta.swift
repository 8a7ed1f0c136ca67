import Ethereum
import Foundation

/// One exchange of a session covered by a checkpoint: the user's prompt and the host's response.
public struct SessionMessage: Sendable, Hashable, Codable {
    /// The prompt.
    public var prompt: String
    /// The response (the text generated for this exchange).
    public var response: String
    /// The number of tokens generated for the response.
    public var tokens: Int64

    /// Creates a message.
    public init(prompt: String, response: String, tokens: Int64) {
        self.prompt = prompt
        self.response = response
        self.tokens = tokens
    }
}

/// The conversation delta of one checkpoint: what the host generated in the checkpoint's token range
/// and the proof that covers it. Its signed document is what `deltaCID` names.
public struct CheckpointDelta: Sendable, Hashable, Codable {
    /// The document format version.
    public var version: Int
    /// The job id (decimal).
    public var jobId: String
    /// The checkpoint index.
    public var checkpointIndex: Int64
    /// The first generated token of the checkpoint.
    public var tokenStart: Int64
    /// One past the last generated token.
    public var tokenEnd: Int64
    /// The tokens claimed on chain.
    public var tokensClaimed: Int64
    /// `proofHash` (0x + 64 hex digits), SHA-256 of the proof bytes.
    public var proofHash: String
    /// The proof's CID.
    public var proofCID: String
    /// The host address (EIP-55).
    public var host: String
    /// The exchanges generated (wholly or partly) in the token range.
    public var messages: [DeltaMessage]

    /// An exchange in a delta.
    public struct DeltaMessage: Sendable, Hashable, Codable {
        /// The prompt.
        public var prompt: String
        /// The response.
        public var response: String
        /// Creates a delta message.
        public init(prompt: String, response: String) {
            self.prompt = prompt
            self.response = response
        }
    }

    /// Creates a delta.
    public init(
        jobId: String, checkpointIndex: Int64, tokenStart: Int64, tokenEnd: Int64, tokensClaimed: Int64,
        proofHash: String, proofCID: String, host: String, messages: [DeltaMessage]
    ) {
        self.version = 1
        self.jobId = jobId
        self.checkpointIndex = checkpointIndex
        self.tokenStart = tokenStart
        self.tokenEnd = tokenEnd
        self.tokensClaimed = tokensClaimed
        self.proofHash = proofHash
        self.proofCID = proofCID
        self.host = host
        self.messages = messages
    }

    /// The delta's canonical JSON (sorted keys, no whitespace): the bytes the host signs.
    public func canonicalJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// A checkpoint delta signed by the host with EIP-191 (`personal_sign`), as one JSON document:
/// `{"delta": "<canonical delta JSON>", "signature": "0x<r s v>", "signer": "0x…"}` (sorted keys).
///
/// The delta is embedded as a string so that the signed bytes are exactly recoverable; `deltaCID` is
/// the CID (CIDv1, raw, sha2-256, base32) of the whole document's bytes.
public struct SignedCheckpointDelta: Sendable, Hashable, Codable {
    /// The canonical delta JSON that was signed.
    public var delta: String
    /// The EIP-191 signature, 65 bytes `r ‖ s ‖ v` as 0x-hex (v = 27/28).
    public var signature: String
    /// The signer's address (EIP-55).
    public var signer: String

    /// Signs `delta` with `signer`.
    /// - Throws: ``SubmissionError/Code/invalidCheckpoint`` when the delta cannot be encoded or signed.
    public init(signing delta: CheckpointDelta, with signer: EthereumSigner) throws(SubmissionError) {
        do {
            let bytes = try delta.canonicalJSON()
            self.delta = String(decoding: bytes, as: UTF8.self)
            self.signature = Ethereum.Hex.encode(try signer.signPersonalMessage(Array(bytes)).rsv)
            self.signer = signer.address.checksummed
        } catch {
            throw SubmissionError(
                .invalidCheckpoint,
                "the delta of checkpoint \(delta.jobId)/\(delta.checkpointIndex) could not be signed: \(error)")
        }
    }

    /// Decodes a stored document.
    /// - Throws: ``SubmissionError/Code/invalidCheckpoint`` when it is not a signed delta document.
    public init(document: Data) throws(SubmissionError) {
        do {
            self = try JSONDecoder().decode(SignedCheckpointDelta.self, from: document)
        } catch {
            throw SubmissionError(.invalidCheckpoint, "the data is not a signed checkpoint delta: \(error)")
        }
    }

    /// The document bytes (sorted keys, no whitespace): what is stored and what the CID names.
    public func document() throws(SubmissionError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch {
            throw SubmissionError(.invalidCheckpoint, "the signed delta could not be encoded: \(error)")
        }
    }

    /// The decoded delta.
    public func decodedDelta() throws(SubmissionError) -> CheckpointDelta {
        do {
            return try JSONDecoder().decode(CheckpointDelta.self, from: Data(delta.utf8))
        } catch {
            throw SubmissionError(.invalidCheckpoint, "the signed document's delta does not decode: \(error)")
        }
    }

    /// Recovers the address that signed the delta and checks it is ``signer``.
    /// - Returns: The recovered address.
    /// - Throws: ``SubmissionError/Code/invalidCheckpoint`` for a malformed or foreign signature.
    @discardableResult
    public func verify() throws(SubmissionError) -> EthereumAddress {
        do {
            let recovered = try PersonalMessage.recoverSigner(
                message: Array(delta.utf8), signature: try EthereumSignature(rsv: try Ethereum.Hex.decode(signature)))
            guard recovered == (try EthereumAddress(parsing: signer)) else {
                throw SubmissionError(
                    .invalidCheckpoint, "the delta was signed by \(recovered.checksummed), not by \(signer)")
            }
            return recovered
        } catch let error as SubmissionError {
            throw error
        } catch {
            throw SubmissionError(.invalidCheckpoint, "the delta signature does not verify: \(error)")
        }
    }
}
