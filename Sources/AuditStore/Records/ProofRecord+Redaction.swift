import Foundation

extension ProofInput: CustomStringConvertible, CustomDebugStringConvertible {
    /// A summary that never includes the salt (safe for logs and test failure messages).
    public var description: String {
        "ProofInput(backend: \(backend), key: \(keyFingerprint), \(proofBytes.count) proof bytes, salt: "
            + (salt == nil ? "none" : "<redacted>") + ")"
    }

    /// Same as ``description``: the salt is never printed.
    public var debugDescription: String { description }
}

extension ProofRecord: CustomStringConvertible, CustomDebugStringConvertible {
    /// A summary that never includes the salt (safe for logs and test failure messages).
    public var description: String {
        "ProofRecord(\(proofCID), job \(jobID), checkpoint \(checkpointIndex), backend: \(backend), key: "
            + "\(keyFingerprint), \(proofBytes.count) bytes, salt: " + (salt == nil ? "not loaded" : "<redacted>") + ")"
    }

    /// Same as ``description``: the salt is never printed.
    public var debugDescription: String { description }
}
