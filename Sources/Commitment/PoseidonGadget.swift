import BN254
import Groth16

/// Poseidon as R1CS constraints: the in-circuit twin of ``Poseidon/hash(_:)``.
///
/// Each S-box x ↦ x⁵ costs three constraints and three private variables (x·x = x², x²·x² = x⁴,
/// x⁴·x = x⁵); the round constants and MDS multiplications are linear, so they are folded into the
/// linear combinations of later constraints and cost nothing. An S-box whose input is a constant
/// (the capacity element of the first round) is evaluated at build time and costs nothing either.
/// For n inputs (width t = n + 1) that is 3·(8·t + R_P − 1) constraints: 240 for t = 3 (as circom's
/// `Poseidon(2)`), 465 for t = 12.
///
/// Build once with ``init(inputs:in:)``; for each witness, ``assign(inputs:into:)`` runs the native
/// permutation and writes every S-box's intermediates into the assignment.
public struct PoseidonGadget: Sendable {
    /// The three variables of one S-box.
    struct SBoxVariables: Sendable {
        var square: Variable
        var fourth: Variable
        var fifth: Variable
    }

    /// The instance's constants.
    public let parameters: PoseidonParameters
    /// One entry per S-box in evaluation order; nil for an S-box evaluated at build time.
    let sboxes: [SBoxVariables?]
    /// The hash as a linear combination of the circuit's variables (constrain it as needed).
    public let output: LinearCombination

    /// The number of constraints this gadget added.
    public var constraintCount: Int { 3 * sboxes.lazy.compactMap { $0 }.count }

    /// Adds the constraints computing Poseidon(`inputs`) to `system`.
    /// - Throws: ``CommitmentError`` `.invalidInputCount` unless there are 1 to 16 inputs.
    public init(inputs: [LinearCombination], in system: inout ConstraintSystem) throws(CommitmentError) {
        guard !inputs.isEmpty, inputs.count <= Poseidon.maximumInputCount else {
            throw CommitmentError(.invalidInputCount, "Poseidon hashes 1 to 16 inputs; \(inputs.count) were given")
        }
        let parameters = try PoseidonParameters.forWidth(inputs.count + 1)
        let t = parameters.width
        let halfFull = parameters.fullRounds / 2
        var state = [LinearCombination.zero] + inputs
        var sboxes: [SBoxVariables?] = []
        for round in 0..<(parameters.fullRounds + parameters.partialRounds) {
            for i in 0..<t { state[i] = state[i] + parameters.roundConstants[round * t + i] }
            let isFull = round < halfFull || round >= halfFull + parameters.partialRounds
            for i in 0..<(isFull ? t : 1) {
                let (result, variables) = Self.sbox(state[i], in: &system)
                state[i] = result
                sboxes.append(variables)
            }
            state = (0..<t).map { i in
                Self.combine(state, weights: parameters.mds[(i * t)..<(i * t + t)])
            }
        }
        self.parameters = parameters
        self.sboxes = sboxes
        self.output = state[0]
    }

    /// x⁵ of a linear combination: three constraints, or none when x is a constant.
    private static func sbox(
        _ x: LinearCombination, in system: inout ConstraintSystem
    ) -> (LinearCombination, SBoxVariables?) {
        if x.isConstant {
            let value = x.constantValue
            return (LinearCombination(constant: value.squared().squared() * value), nil)
        }
        let square = system.allocatePrivate()
        let fourth = system.allocatePrivate()
        let fifth = system.allocatePrivate()
        system.enforce(x, times: x, equals: LinearCombination(square), "poseidon x²")
        system.enforce(
            LinearCombination(square), times: LinearCombination(square), equals: LinearCombination(fourth),
            "poseidon x⁴")
        system.enforce(LinearCombination(fourth), times: x, equals: LinearCombination(fifth), "poseidon x⁵")
        return (LinearCombination(fifth), SBoxVariables(square: square, fourth: fourth, fifth: fifth))
    }

    /// Σ weightsⱼ·stateⱼ with repeated variables merged (keeps the combinations from growing).
    private static func combine(_ state: [LinearCombination], weights: ArraySlice<Fr>) -> LinearCombination {
        var merged: [Int: Fr] = [:]
        for (offset, weight) in zip(state.indices, weights) {
            for term in state[offset].terms {
                merged[term.variable.rawValue, default: .zero] += weight * term.coefficient
            }
        }
        let terms = merged.filter { !$0.value.isZero }.sorted { $0.key < $1.key }.map {
            LinearCombination.Term(Variable(rawValue: $0.key), $0.value)
        }
        return LinearCombination(terms: terms)
    }

    /// Computes Poseidon(`inputs`) natively, writes the gadget's S-box variables into `assignment`,
    /// and returns the hash. The caller assigns the input variables themselves.
    /// - Precondition: `inputs.count` is the gadget's input count.
    public func assign(inputs: [Fr], into assignment: inout Assignment) -> Fr {
        precondition(inputs.count == parameters.width - 1, "Poseidon gadget expects \(parameters.width - 1) inputs")
        var recorder = CollectingRecorder(capacity: 3 * sboxes.count)
        let hash = parameters.hash(inputs, recording: &recorder)
        for (index, slot) in sboxes.enumerated() {
            guard let slot else { continue }
            assignment[slot.square] = recorder.values[3 * index]
            assignment[slot.fourth] = recorder.values[3 * index + 1]
            assignment[slot.fifth] = recorder.values[3 * index + 2]
        }
        return hash
    }
}

/// Keeps every S-box's (x², x⁴, x⁵) in order.
private struct CollectingRecorder: SBoxRecorder {
    var values: [Fr]

    init(capacity: Int) {
        values = []
        values.reserveCapacity(capacity)
    }

    @inline(__always)
    mutating func record(square: Fr, fourth: Fr, fifth: Fr) {
        values.append(square)
        values.append(fourth)
        values.append(fifth)
    }
}
