import AuditStore
import Foundation

/// The record a settlement names: `completeSessionJob(jobId, conversationCID)` carries the CID of this
/// record's canonical JSON, and the audit store keeps the JSON (``AuditStore/recordConversation(jobID:json:)``).
///
/// It holds the session's terms and, per billed checkpoint, the delta it covers (token range, tokens
/// claimed), the result hashes and the proof (hash, CID, key) — nothing secret and nothing that changes
/// after the last proof, so rebuilding it gives the same bytes. Canonical JSON: keys sorted, no
/// whitespace, `/` unescaped, byte strings as `0x` lower-case hex. The CID is CIDv1 raw sha2-256 base32
/// of those bytes — the same form as the proofs' CIDs.
public struct ConversationRecord: Sendable, Hashable, Codable {
    /// One billed checkpoint.
    public struct Checkpoint: Sendable, Hashable, Codable {
        /// The checkpoint index.
        public var index: Int64
        /// Tokens claimed on-chain.
        public var tokensClaimed: Int64
        /// First token position covered.
        public var tokenStart: Int64
        /// One past the last token position covered.
        public var tokenEnd: Int64
        /// SHA-256 of the prompt (0x-hex).
        public var promptHash: String
        /// SHA-256 of the response so far (0x-hex).
        public var responseHash: String
        /// The on-chain proofHash (0x-hex).
        public var proofHash: String
        /// The proof's CID.
        public var proofCID: String
        /// The verifying key's fingerprint.
        public var keyFingerprint: String
    }

    /// The record format version.
    public var version: Int
    /// The job.
    public var jobID: String
    /// The chain id.
    public var chainID: Int64
    /// The marketplace contract.
    public var contractAddress: String
    /// The host.
    public var hostAddress: String
    /// The model id.
    public var modelID: String
    /// Price per 1000 tokens (decimal wei).
    public var pricePerToken: String
    /// The billed checkpoints, by index (checkpoints whose submission failed are not billed, not listed).
    public var checkpoints: [Checkpoint]
    /// Sum of the listed checkpoints' tokens.
    public var totalTokensClaimed: Int64

    /// Builds the record from everything the store holds about the job.
    /// - Parameter job: The job report.
    public init(job: JobReport) {
        version = 1
        jobID = job.session.jobID
        chainID = job.session.chainID
        contractAddress = job.session.contractAddress.lowercased()
        hostAddress = job.session.hostAddress.lowercased()
        modelID = job.session.modelID
        pricePerToken = job.session.pricePerToken
        checkpoints = job.checkpoints.filter { $0.status != .failed }.compactMap { checkpoint in
            guard let proof = job.proofs.first(where: { $0.checkpointIndex == checkpoint.checkpointIndex }),
                let result = job.results.first(where: { $0.checkpointIndex == checkpoint.checkpointIndex })
            else { return nil }
            return Checkpoint(
                index: checkpoint.checkpointIndex, tokensClaimed: checkpoint.tokensClaimed,
                tokenStart: checkpoint.tokenRange.start, tokenEnd: checkpoint.tokenRange.end,
                promptHash: HexText.encode(result.promptHash), responseHash: HexText.encode(result.responseHash),
                proofHash: HexText.encode(proof.proofHash), proofCID: proof.proofCID,
                keyFingerprint: proof.keyFingerprint)
        }
        totalTokensClaimed = checkpoints.reduce(0) { $0 + $1.tokensClaimed }
    }

    /// The canonical JSON text.
    /// - Throws: ``SettlerError/Code/invalidStoredData`` if encoding fails.
    public func canonicalJSON() throws(SettlerError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(self), as: UTF8.self)
        } catch {
            throw SettlerError(.invalidStoredData, "the conversation record of job \(jobID) does not encode: \(error)")
        }
    }

    /// The CID of the canonical JSON.
    /// - Throws: As ``canonicalJSON()``.
    public func cid() throws(SettlerError) -> String {
        ContentIdentifier(of: Data(try canonicalJSON().utf8)).description
    }

    /// The stored record of `jobID`, or a new one built from the store and stored (once, immutable).
    /// - Parameters:
    ///   - jobID: The job.
    ///   - store: The audit store.
    /// - Returns: The stored entry (its `cid` is the settlement's `conversationCID`).
    /// - Throws: ``SettlerError`` for store failures or an unknown job.
    public static func stored(jobID: String, in store: AuditStore) throws(SettlerError) -> ConversationRecordEntry {
        do {
            if let existing = try store.conversation(jobID: jobID) { return existing }
            guard let job = try store.job(jobID) else {
                throw SettlerError(.unknownSession, "no session \(jobID) in the audit store")
            }
            return try store.recordConversation(jobID: jobID, json: try ConversationRecord(job: job).canonicalJSON())
        } catch let error as SettlerError {
            throw error
        } catch {
            throw SettlerError(.store, "storing the conversation record of \(jobID) failed: \(error)")
        }
    }
}
