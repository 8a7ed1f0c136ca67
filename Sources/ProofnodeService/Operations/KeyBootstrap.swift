import Commitment
import Foundation

/// First-run key generation: when no key file exists at the configured places and generation is enabled,
/// runs the single-party setup into the keys directory and says so clearly.
public enum KeyBootstrap {
    /// Whether the configured proving and verifying key files are all missing.
    public static func keysMissing(_ proofs: ProofConfiguration) -> Bool {
        ([proofs.provingKeyPath] + proofs.verifyingKeyPaths).allSatisfy { !FileManager.default.fileExists(atPath: $0) }
    }

    /// Generates keys when they are missing and `configuration` allows it.
    /// - Parameters:
    ///   - configuration: The service configuration.
    ///   - note: Receives the human-readable progress lines.
    /// - Returns: The new verifying key's fingerprint, or nil when nothing was generated.
    /// - Throws: ``ServiceError`` `.keysUnavailable` when keys are missing and generation is off or fails.
    @discardableResult
    public static func ensureKeys(
        _ configuration: ServiceConfiguration, note: (String) -> Void
    ) throws(ServiceError) -> String? {
        guard keysMissing(configuration.proofs) else { return nil }
        guard configuration.generateKeysIfMissing else {
            throw ServiceError(
                .keysUnavailable,
                "no proof keys at \(configuration.proofs.provingKeyPath); run `proofnode setup --keys "
                    + "\(configuration.keysDirectory)` or set keys.generate_if_missing = true")
        }
        let defaultPaths = ProofConfiguration(keysDirectory: configuration.keysDirectory)
        guard configuration.proofs.provingKeyPath == defaultPaths.provingKeyPath,
            configuration.proofs.verifyingKeyPaths == defaultPaths.verifyingKeyPaths
        else {
            throw ServiceError(
                .keysUnavailable,
                "the configured key files (\(configuration.proofs.provingKeyPath)) do not exist; first-run generation "
                    + "only writes to keys.directory, so fix the paths or run `proofnode setup`")
        }
        note("no proof keys in \(configuration.keysDirectory)/: generating them now (first run, about a minute)")
        note("this is a single-party setup: the keys convince only those who trust this machine (docs/DEPLOYMENT.md)")
        do {
            let fingerprint = try KeySetup.generate(into: configuration.keysDirectory, force: false) {
                note("setup: \($0)")
            }
            note("keys written to \(configuration.keysDirectory)/ (verifying key fingerprint \(fingerprint))")
            return fingerprint
        } catch {
            throw ServiceError(.keysUnavailable, "first-run key generation failed: \(error.message)")
        }
    }
}
