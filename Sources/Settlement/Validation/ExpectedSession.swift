import AuditStore
import BN254
import Commitment
import Groth16

/// The public values every proof of a session must carry: the job id and host as the circuit sees them.
struct ExpectedSession: Sendable {
    /// The job id as a 64-bit circuit input (nil when the stored id does not fit).
    let jobId: UInt64?
    /// The host as a circuit input (nil when the stored host is not an address).
    let host: HostAddress?
    /// Why the session's terms cannot be checked, if they cannot.
    let problem: ValidationFinding?

    init(_ session: SessionRecord) {
        let jobId = UInt64(session.jobID)
        var host: HostAddress?
        do {
            host = try HostAddress(hex: session.hostAddress)
        } catch {
            host = nil
        }
        self.jobId = jobId
        self.host = host
        if jobId == nil {
            problem = ValidationFinding(
                .invalidSession, "job id \(session.jobID) does not fit the circuit's 64-bit job input")
        } else if host == nil {
            problem = ValidationFinding(.invalidSession, "host \(session.hostAddress) is not a 20-byte address")
        } else {
            problem = nil
        }
    }
}

/// A proof that passed the cheap checks and waits for (batch) pairing verification.
struct PendingProof: Sendable {
    /// Its position in the report's checkpoint list.
    let entry: Int
    /// The decoded proof.
    let proof: Proof
    /// The public inputs the session expects (not the envelope's own).
    let inputs: [Fr]
    /// The key it names.
    let fingerprint: String
}
