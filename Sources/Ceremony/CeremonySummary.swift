import Foundation
import Groth16

/// The transcript summary written next to ceremony keys (`keys/ceremony_transcript.json`): how the key
/// was made, so that settlers and auditors can tell a ceremony key from a single-party one and check
/// the hashes participants wrote down.
public struct CeremonySummary: Codable, Sendable, Equatable {
    /// The summary's file name in the keys directory.
    public static let fileName = "ceremony_transcript.json"

    /// One phase-2 contribution.
    public struct Contribution: Codable, Sendable, Equatable {
        /// 1-based position.
        public var index: Int
        /// The contributor's name, if recorded.
        public var name: String?
        /// The contribution hash (BLAKE2b-512, hex).
        public var hash: String
        /// The beacon value (hex), for the beacon.
        public var beaconValue: String?
        /// The beacon's iteration exponent (SHA-256 applied 2^e times), for the beacon.
        public var beaconIterationsExponent: Int?
    }

    /// `"multi-party ceremony"` (or `"single-party setup"` for `proofnode setup` keys).
    public var kind: String
    /// The R1CS digest of the circuit (SHA-256, hex).
    public var circuitDigest: String
    /// BLAKE2b-512 of the initial phase-2 key (binds the contributions to circuit and phase 1).
    public var circuitHash: String
    /// The final challenge hash of phase 1.
    public var phase1Hash: String
    /// The number of phase-1 contributions.
    public var phase1ContributionCount: Int
    /// Whether phase 1 ends with a beacon.
    public var phase1EndsWithBeacon: Bool
    /// The phase-2 contributions.
    public var contributions: [Contribution]
    /// BLAKE2b-512 of the final proving key's `PNPK` encoding.
    public var provingKeyHash: String
    /// The verifying key's SHA-256 fingerprint (as in proof envelopes).
    public var verifyingKeyFingerprint: String

    /// The summary of a verified ceremony.
    public init(transcript: Phase2Transcript, phase1: Phase1Verifier.Report, verifyingKeyFingerprint: String) {
        func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
        kind = "multi-party ceremony"
        circuitDigest = hex(transcript.key.verifyingKey.circuitDigest)
        circuitHash = hex(transcript.circuitHash)
        phase1Hash = hex(transcript.phase1Hash)
        phase1ContributionCount = phase1.contributionCount
        phase1EndsWithBeacon = phase1.endsWithBeacon
        contributions = transcript.contributions.enumerated().map { offset, record in
            Contribution(
                index: offset + 1, name: record.name, hash: hex(record.contributionHash),
                beaconValue: record.beacon.map { hex($0.hash) },
                beaconIterationsExponent: record.beacon?.iterationsExponent)
        }
        provingKeyHash = hex(BLAKE2b.hash(transcript.key.encoded))
        self.verifyingKeyFingerprint = verifyingKeyFingerprint
    }

    /// Pretty-printed JSON with sorted keys.
    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return Array(try encoder.encode(self))
    }
}
