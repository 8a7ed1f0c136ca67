import Foundation
import Groth16

/// Writes a key set for the checkpoint circuit into a directory: `commitment.pk`, `commitment.vk` and
/// snarkjs' `verification_key.json`. What `proofnode setup` and `scripts/generate_keys.sh` run.
///
/// This is a single-party setup: whoever runs it could keep the setup randomness and forge proofs, so
/// its keys convince only those who trust the party that ran it. A multi-party ceremony is the
/// trustworthy way (see docs/CIRCUIT_SPEC.md, "Trusted setup").
public enum KeySetup {
    /// The files of a key set in `directory`.
    public static func files(in directory: String) -> [String] {
        let url = URL(fileURLWithPath: directory)
        return [KeyFileNames.provingKey, KeyFileNames.verifyingKey, KeyFileNames.snarkjsVerifyingKey].map {
            url.appendingPathComponent($0).path
        }
    }

    /// Generates keys from the operating system's CSPRNG and writes them; returns the verifying key's
    /// fingerprint.
    /// - Parameters:
    ///   - directory: created if missing.
    ///   - force: overwrite existing key files (otherwise an existing file is an error).
    ///   - progress: called with a line per phase.
    /// - Throws: ``ProofSystemError`` `.keyFileExists` or `.keyFileWrite`.
    public static func generate(
        into directory: String, force: Bool, progress: (String) -> Void = { _ in }
    ) throws(ProofSystemError) -> String {
        try refuseOverwrite(in: directory, force: force)
        progress("building the checkpoint circuit")
        let circuit = CheckpointCircuit.shared
        let key: ProvingKey
        do {
            key = try Setup.generateKeys(for: circuit.system, progress: progress)
        } catch {
            throw ProofSystemError(.keyFileWrite, "key generation failed: \(error.message)")
        }
        return try write(key, into: directory, force: force)
    }

    /// Writes `key` (and its verifying key, binary and snarkjs JSON) into `directory`.
    /// - Throws: ``ProofSystemError`` `.keyFileExists` or `.keyFileWrite`.
    @discardableResult
    public static func write(
        _ key: ProvingKey, into directory: String, force: Bool
    ) throws(ProofSystemError)
        -> String
    {
        try refuseOverwrite(in: directory, force: force)
        let paths = files(in: directory)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let json = try encoder.encode(SnarkjsJSON.verificationKey(key.verifyingKey))
            try DurableFile.write(key.encoded, to: paths[0])
            try DurableFile.write(key.verifyingKey.encoded, to: paths[1])
            try DurableFile.write([UInt8](json), to: paths[2])
        } catch {
            throw ProofSystemError(
                .keyFileWrite, "could not write keys into \(directory): \(error)", file: directory)
        }
        return key.verifyingKey.fingerprint
    }

    private static func refuseOverwrite(in directory: String, force: Bool) throws(ProofSystemError) {
        guard !force else { return }
        if let existing = files(in: directory).first(where: { FileManager.default.fileExists(atPath: $0) }) {
            throw ProofSystemError(
                .keyFileExists,
                "\(existing) already exists; keys are not overwritten without --force (proofs made with the "
                    + "old key then verify only if its .vk is kept for rotation)", file: existing)
        }
    }
}
