import BN254
import Groth16

/// The checkpoint circuit: proves knowledge of an opening (three SHA-256 digests as 128-bit limbs and
/// a salt) such that `commitment = Poseidon(jobId, host, checkpointIndex, tokensClaimed, model hi,
/// model lo, input hi, input lo, output hi, output lo, salt)`. See docs/CIRCUIT_SPEC.md.
///
/// ## Variables
/// - Public, in order: `jobId`, `host`, `checkpointIndex`, `tokensClaimed`, `commitment`.
/// - Private: six limbs (model hi/lo, input hi/lo, output hi/lo), the salt, 128 bits per limb, and
///   three variables per Poseidon S-box.
///
/// ## Constraints (1 240)
/// - For each limb: 128 boolean constraints and `limb = Σ 2ⁱ·bᵢ` (so limb < 2¹²⁸): 6 × 129 = 774.
/// - Poseidon with t = 12 over the 11 values above: 465.
/// - `poseidon output = commitment`: 1.
/// Every public input enters the Poseidon's first round, so none can change without breaking it.
public struct CheckpointCircuit: Sendable {
    /// The finalised constraint system.
    public let system: R1CS
    /// The public-input variables, in order (see ``CheckpointPublicInputs/names``).
    public let publicVariables: [Variable]
    /// The six limb variables: model hi, model lo, input hi, input lo, output hi, output lo.
    public let limbVariables: [Variable]
    /// Each limb's 128 bits, least significant first.
    public let limbBits: [[Variable]]
    /// The salt variable.
    public let saltVariable: Variable
    /// The commitment's Poseidon gadget.
    public let poseidon: PoseidonGadget

    /// Bits per limb.
    public static let limbBitCount = 128

    /// Builds the circuit (a few milliseconds; use ``shared``).
    /// - Throws: ``CommitmentError`` `.circuitConstruction` if a gadget refuses its parameters
    ///   (cannot happen with these constants).
    public static func build() throws(CommitmentError) -> CheckpointCircuit {
        var cs = ConstraintSystem()
        let publics = CheckpointPublicInputs.names.map { cs.allocatePublicInput($0) }
        let limbNames = [
            "modelHash.hi", "modelHash.lo", "inputHash.hi", "inputHash.lo", "outputHash.hi", "outputHash.lo",
        ]
        let limbs = cs.allocatePrivate(count: limbNames.count)
        let salt = cs.allocatePrivate()
        var bits: [[Variable]] = []
        do {
            for (limb, name) in zip(limbs, limbNames) {
                bits.append(try cs.decompose(LinearCombination(limb), bitCount: limbBitCount, name))
            }
        } catch {
            throw CommitmentError(.circuitConstruction, "limb range check could not be built: \(error.message)")
        }
        let inputs = (publics[0..<4] + limbs + [salt]).map { LinearCombination($0) }
        let poseidon = try PoseidonGadget(inputs: inputs, in: &cs)
        cs.enforceEqual(poseidon.output, LinearCombination(publics[4]), "commitment = Poseidon(…)")
        return CheckpointCircuit(
            system: cs.finalize(), publicVariables: publics, limbVariables: limbs, limbBits: bits, saltVariable: salt,
            poseidon: poseidon)
    }

    /// The circuit, built once per process (thread-safe lazy `static let`).
    public static let shared: CheckpointCircuit = {
        do {
            return try build()
        } catch {
            // Only constants go into build(); failing here is a programming error, not bad input.
            preconditionFailure("the checkpoint circuit could not be built: \(error)")
        }
    }()

    /// The number of constraints.
    public var constraintCount: Int { system.constraintCount }
}
