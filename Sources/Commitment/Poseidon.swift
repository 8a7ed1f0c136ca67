import BN254

/// circomlib's Poseidon hash over BN254's Fr (`poseidon(inputs)` of circomlib / circomlibjs).
///
/// For n inputs (1…16) the width is t = n + 1; the state starts as `[0, inputs…]`, goes through
/// R_F/2 full rounds, R_P partial rounds and R_F/2 full rounds, and the hash is state[0]. Each round
/// adds the round's t constants, applies x ↦ x⁵ to every element (full round) or to element 0 only
/// (partial round), and multiplies the state by the MDS matrix. Constants come from
/// ``PoseidonParameters`` (generated once per width and cached).
///
/// The rounds work on stack buffers: no heap allocation per hash.
public enum Poseidon {
    /// The largest number of inputs (t = 17).
    public static let maximumInputCount = 16

    /// The Poseidon hash of `inputs`.
    /// - Throws: ``CommitmentError`` `.invalidInputCount` unless there are 1 to 16 inputs.
    public static func hash(_ inputs: [Fr]) throws(CommitmentError) -> Fr {
        guard !inputs.isEmpty, inputs.count <= maximumInputCount else {
            throw CommitmentError(
                .invalidInputCount, "Poseidon hashes 1 to 16 field elements; \(inputs.count) were given")
        }
        let parameters = try PoseidonParameters.forWidth(inputs.count + 1)
        var recorder = DiscardingRecorder()
        return parameters.hash(inputs, recording: &recorder)
    }
}

/// Receives the intermediate values of every non-constant S-box, in evaluation order (the witness
/// of the R1CS gadget).
protocol SBoxRecorder {
    /// Called once per S-box with x², x⁴ and x⁵.
    mutating func record(square: Fr, fourth: Fr, fifth: Fr)
}

/// Ignores S-box values (plain hashing).
struct DiscardingRecorder: SBoxRecorder {
    @inline(__always)
    mutating func record(square: Fr, fourth: Fr, fifth: Fr) {}
}

extension PoseidonParameters {
    /// Hashes `inputs` (count = width − 1), handing every S-box's intermediates to `recorder`.
    func hash<R: SBoxRecorder>(_ inputs: [Fr], recording recorder: inout R) -> Fr {
        let t = width
        return withUnsafeTemporaryAllocation(of: Fr.self, capacity: 2 * t) { buffer in
            let state = UnsafeMutableBufferPointer(rebasing: buffer[0..<t])
            let scratch = UnsafeMutableBufferPointer(rebasing: buffer[t..<(2 * t)])
            state[0] = .zero
            for index in 0..<(t - 1) { state[index + 1] = inputs[index] }
            permute(state, scratch: scratch, recording: &recorder)
            return state[0]
        }
    }

    /// Applies the Poseidon permutation to `state` (width elements) in place; `scratch` is
    /// width elements of working space.
    @inline(__always)
    func permute<R: SBoxRecorder>(
        _ state: UnsafeMutableBufferPointer<Fr>, scratch: UnsafeMutableBufferPointer<Fr>, recording recorder: inout R
    ) {
        let t = width
        let halfFull = fullRounds / 2
        let rounds = fullRounds + partialRounds
        roundConstants.withUnsafeBufferPointer { constants in
            mds.withUnsafeBufferPointer { matrix in
                for round in 0..<rounds {
                    let base = round * t
                    for i in 0..<t { state[i] += constants[base + i] }
                    if round < halfFull || round >= halfFull + partialRounds {
                        for i in 0..<t { state[i] = Self.sbox(state[i], &recorder) }
                    } else {
                        state[0] = Self.sbox(state[0], &recorder)
                    }
                    for i in 0..<t {
                        var sum = Fr.zero
                        let row = i * t
                        for j in 0..<t { sum += matrix[row + j] * state[j] }
                        scratch[i] = sum
                    }
                    for i in 0..<t { state[i] = scratch[i] }
                }
            }
        }
    }

    @inline(__always)
    static func sbox<R: SBoxRecorder>(_ x: Fr, _ recorder: inout R) -> Fr {
        let square = x.squared()
        let fourth = square.squared()
        let fifth = fourth * x
        recorder.record(square: square, fourth: fourth, fifth: fifth)
        return fifth
    }
}
