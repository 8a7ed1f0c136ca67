import BN254
import Groth16

/// Computes the full assignment of the ``CheckpointCircuit`` for a statement: public inputs, limbs,
/// their bits, the salt and every Poseidon intermediate (one native Poseidon evaluation).
public struct CheckpointWitnessBuilder: Sendable {
    /// The circuit the assignments are for.
    public let circuit: CheckpointCircuit

    /// A builder for `circuit` (by default the process-wide one).
    public init(circuit: CheckpointCircuit = .shared) { self.circuit = circuit }

    /// The assignment for `statement`.
    /// - Throws: ``CommitmentError`` `.commitmentMismatch` when the statement's commitment is not the
    ///   Poseidon hash of its values (the assignment would not satisfy the circuit).
    public func assignment(for statement: CheckpointStatement) throws(CommitmentError) -> Assignment {
        var assignment = Assignment(for: circuit.system)
        let publicValues = statement.publicInputs.fieldElements
        for (variable, value) in zip(circuit.publicVariables, publicValues) { assignment[variable] = value }
        let opening = statement.opening
        let limbs = [
            opening.modelHash.high, opening.modelHash.low, opening.inputHash.high, opening.inputHash.low,
            opening.outputHash.high, opening.outputHash.low,
        ]
        for index in 0..<limbs.count {
            assignment[circuit.limbVariables[index]] = limbs[index]
            assignment.assignBits(of: limbs[index], to: circuit.limbBits[index])
        }
        assignment[circuit.saltVariable] = opening.salt
        let inputs = Array(publicValues[0..<4]) + limbs + [opening.salt]
        let hash = circuit.poseidon.assign(inputs: inputs, into: &assignment)
        guard hash == statement.publicInputs.commitment else {
            throw CommitmentError(
                .commitmentMismatch, "the statement's commitment is not the Poseidon hash of its values")
        }
        return assignment
    }
}
