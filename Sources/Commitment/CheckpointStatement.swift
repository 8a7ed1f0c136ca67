import BN254

/// The public inputs of a checkpoint proof, in the circuit's order:
/// `[jobId, host, checkpointIndex, tokensClaimed, commitment]`.
public struct CheckpointPublicInputs: Hashable, Sendable {
    /// The marketplace job (session) id.
    public var jobId: UInt64
    /// The host that did the work.
    public var host: HostAddress
    /// The checkpoint's index within the job.
    public var checkpointIndex: UInt64
    /// Tokens claimed up to this checkpoint.
    public var tokensClaimed: UInt64
    /// Poseidon commitment to all of the above and the private opening.
    public var commitment: Fr

    /// The names of the public inputs, in order (as in `public.json`).
    public static let names = ["jobId", "host", "checkpointIndex", "tokensClaimed", "commitment"]

    /// Creates the public part.
    public init(jobId: UInt64, host: HostAddress, checkpointIndex: UInt64, tokensClaimed: UInt64, commitment: Fr) {
        self.jobId = jobId
        self.host = host
        self.checkpointIndex = checkpointIndex
        self.tokensClaimed = tokensClaimed
        self.commitment = commitment
    }

    /// Decodes the verifier's public-input vector, range-checking each element as the verifier must
    /// before verifying: `jobId`, `checkpointIndex`, `tokensClaimed` < 2⁶⁴, `host` < 2¹⁶⁰ (the
    /// commitment is any element of Fr, i.e. < r).
    /// - Throws: ``CommitmentError`` `.malformedValue` for a wrong count or an out-of-range element.
    public init(fieldElements elements: [Fr]) throws(CommitmentError) {
        guard elements.count == Self.names.count else {
            throw CommitmentError(
                .malformedValue, "a checkpoint has \(Self.names.count) public inputs, got \(elements.count)")
        }
        func small(_ index: Int) throws(CommitmentError) -> UInt64 {
            let value = elements[index].canonical
            guard value.w1 == 0, value.w2 == 0, value.w3 == 0 else {
                throw CommitmentError(.malformedValue, "public input \(Self.names[index]) must be below 2^64")
            }
            return value.w0
        }
        let hostValue = elements[1].canonical
        guard hostValue.w3 == 0, hostValue.w2 >> 32 == 0 else {
            throw CommitmentError(.malformedValue, "public input host must be below 2^160 (a 20-byte address)")
        }
        let hostBytes = Array(hostValue.bigEndianBytes[12..<32])
        self.init(
            jobId: try small(0), host: try HostAddress(bytes: hostBytes), checkpointIndex: try small(2),
            tokensClaimed: try small(3), commitment: elements[4])
    }

    /// The public inputs as field elements, in circuit order.
    public var fieldElements: [Fr] {
        [Fr(jobId), host.fieldElement, Fr(checkpointIndex), Fr(tokensClaimed), commitment]
    }
}

/// The private opening of a checkpoint commitment: the three hashes and the salt.
///
/// Whoever holds the opening can recompute the commitment; the salt keeps the hashes hidden from
/// everyone else. `description` never shows the salt.
public struct CheckpointOpening: Hashable, Sendable, CustomStringConvertible {
    /// SHA-256 of the model file's bytes (or of the declared model id when there is no file).
    public var modelHash: Digest256
    /// SHA-256 of the prompt's UTF-8 bytes.
    public var inputHash: Digest256
    /// SHA-256 of the response produced up to this checkpoint.
    public var outputHash: Digest256
    /// A fresh random element of Fr per checkpoint. Secret.
    public var salt: Fr

    /// Creates an opening; by default with a fresh salt from the operating system's CSPRNG.
    public init(modelHash: Digest256, inputHash: Digest256, outputHash: Digest256, salt: Fr = .random()) {
        self.modelHash = modelHash
        self.inputHash = inputHash
        self.outputHash = outputHash
        self.salt = salt
    }

    /// The hashes; the salt is redacted.
    public var description: String {
        "CheckpointOpening(model: \(modelHash), input: \(inputHash), output: \(outputHash), salt: <redacted>)"
    }
}

/// Everything a checkpoint proof is about: the public inputs and the private opening, with the
/// commitment guaranteed to be the Poseidon hash of the opening and the public values.
public struct CheckpointStatement: Hashable, Sendable, CustomStringConvertible {
    /// The public part (what the verifier sees).
    public let publicInputs: CheckpointPublicInputs
    /// The private part (the witness).
    public let opening: CheckpointOpening

    /// Creates a statement, computing the commitment.
    public init(
        jobId: UInt64, host: HostAddress, checkpointIndex: UInt64, tokensClaimed: UInt64, opening: CheckpointOpening
    ) {
        let commitment = Self.commitment(
            jobId: jobId, host: host, checkpointIndex: checkpointIndex, tokensClaimed: tokensClaimed, opening: opening)
        publicInputs = CheckpointPublicInputs(
            jobId: jobId, host: host, checkpointIndex: checkpointIndex, tokensClaimed: tokensClaimed,
            commitment: commitment)
        self.opening = opening
    }

    /// Pairs public inputs with an opening, checking that the commitment matches.
    /// - Throws: ``CommitmentError`` `.commitmentMismatch` when it does not.
    public init(publicInputs: CheckpointPublicInputs, opening: CheckpointOpening) throws(CommitmentError) {
        let expected = Self.commitment(
            jobId: publicInputs.jobId, host: publicInputs.host, checkpointIndex: publicInputs.checkpointIndex,
            tokensClaimed: publicInputs.tokensClaimed, opening: opening)
        guard expected == publicInputs.commitment else {
            throw CommitmentError(
                .commitmentMismatch,
                "the commitment is not Poseidon of the job, host, checkpoint, tokens and the opening; "
                    + "check the hashes and the salt recorded for this checkpoint")
        }
        self.publicInputs = publicInputs
        self.opening = opening
    }

    /// The 11 Poseidon inputs, in order: jobId, host, checkpointIndex, tokensClaimed, model hi, model lo,
    /// input hi, input lo, output hi, output lo, salt.
    public static func commitmentInputs(
        jobId: UInt64, host: HostAddress, checkpointIndex: UInt64, tokensClaimed: UInt64, opening: CheckpointOpening
    ) -> [Fr] {
        [
            Fr(jobId), host.fieldElement, Fr(checkpointIndex), Fr(tokensClaimed),
            opening.modelHash.high, opening.modelHash.low, opening.inputHash.high, opening.inputHash.low,
            opening.outputHash.high, opening.outputHash.low, opening.salt,
        ]
    }

    /// Poseidon (t = 12) of ``commitmentInputs(jobId:host:checkpointIndex:tokensClaimed:opening:)``.
    public static func commitment(
        jobId: UInt64, host: HostAddress, checkpointIndex: UInt64, tokensClaimed: UInt64, opening: CheckpointOpening
    ) -> Fr {
        let inputs = commitmentInputs(
            jobId: jobId, host: host, checkpointIndex: checkpointIndex, tokensClaimed: tokensClaimed, opening: opening)
        var recorder = DiscardingRecorder()
        return PoseidonParameters.checkpointWidth.hash(inputs, recording: &recorder)
    }

    /// The public values; the opening's salt is redacted.
    public var description: String {
        "CheckpointStatement(job \(publicInputs.jobId), host \(publicInputs.host), checkpoint "
            + "\(publicInputs.checkpointIndex), tokens \(publicInputs.tokensClaimed), commitment "
            + "\(publicInputs.commitment), \(opening))"
    }
}

extension PoseidonParameters {
    /// The t = 12 instance (11 inputs) used by checkpoint commitments.
    static var checkpointWidth: PoseidonParameters { Cache.parameters(12) }
}
