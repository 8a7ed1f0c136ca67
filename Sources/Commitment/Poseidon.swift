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

    /// The same hash computed the textbook way (a dense MDS multiplication in every round), slower
    /// than ``hash(_:)``: kept as the definition against which the fast path is tested.
    /// - Throws: ``CommitmentError`` `.invalidInputCount` unless there are 1 to 16 inputs.
    public static func referenceHash(_ inputs: [Fr]) throws(CommitmentError) -> Fr {
        guard !inputs.isEmpty, inputs.count <= maximumInputCount else {
            throw CommitmentError(
                .invalidInputCount, "Poseidon hashes 1 to 16 field elements; \(inputs.count) were given")
        }
        return try PoseidonParameters.forWidth(inputs.count + 1).referenceHash(inputs)
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

    /// The textbook permutation (dense MDS in every round): the definition the fast path must match.
    func referenceHash(_ inputs: [Fr]) -> Fr {
        let t = width
        var state = [Fr.zero] + inputs
        var recorder = DiscardingRecorder()
        for round in 0..<(fullRounds + partialRounds) {
            for i in 0..<t { state[i] += roundConstants[round * t + i] }
            let isFull = round < fullRounds / 2 || round >= fullRounds / 2 + partialRounds
            for i in 0..<(isFull ? t : 1) { state[i] = Self.sbox(state[i], &recorder) }
            state = (0..<t).map { i in (0..<t).reduce(Fr.zero) { $0 + mds[i * t + $1] * state[$1] } }
        }
        return state[0]
    }

    /// Applies the Poseidon permutation to `state` (width elements) in place, with the partial rounds
    /// in sparse form (see ``SparseRounds``); `scratch` is width elements of working space.
    @inline(__always)
    func permute<R: SBoxRecorder>(
        _ state: UnsafeMutableBufferPointer<Fr>, scratch: UnsafeMutableBufferPointer<Fr>, recording recorder: inout R
    ) {
        let t = width
        let halfFull = fullRounds / 2
        roundConstants.withUnsafeBufferPointer { constants in
            mds.withUnsafeBufferPointer { matrix in
                for round in 0..<halfFull {
                    fullRound(state, scratch, constants, offset: round * t, matrix, &recorder)
                }
                sparsePartialRounds(state, scratch, &recorder)
                sparse.firstFinalRoundConstants.withUnsafeBufferPointer { first in
                    fullRound(state, scratch, first, offset: 0, matrix, &recorder)
                }
                for round in (halfFull + partialRounds + 1)..<(fullRounds + partialRounds) {
                    fullRound(state, scratch, constants, offset: round * t, matrix, &recorder)
                }
            }
        }
    }

    /// Constants, x⁵ on every element, dense MDS.
    @inline(__always)
    private func fullRound<R: SBoxRecorder>(
        _ state: UnsafeMutableBufferPointer<Fr>, _ scratch: UnsafeMutableBufferPointer<Fr>,
        _ constants: UnsafeBufferPointer<Fr>, offset: Int, _ matrix: UnsafeBufferPointer<Fr>, _ recorder: inout R
    ) {
        let t = width
        for i in 0..<t { state[i] = Self.sbox(state[i] + constants[offset + i], &recorder) }
        for i in 0..<t {
            var sum = Fr.zero
            let row = i * t
            for j in 0..<t { sum += matrix[row + j] * state[j] }
            scratch[i] = sum
        }
        for i in 0..<t { state[i] = scratch[i] }
    }

    /// The partial rounds with one scalar constant and a sparse matrix each, then the carried block.
    @inline(__always)
    private func sparsePartialRounds<R: SBoxRecorder>(
        _ state: UnsafeMutableBufferPointer<Fr>, _ scratch: UnsafeMutableBufferPointer<Fr>, _ recorder: inout R
    ) {
        let n = width - 1
        let corner = mds[0]
        sparse.scalarConstants.withUnsafeBufferPointer { scalars in
            sparse.rowVectors.withUnsafeBufferPointer { rows in
                sparse.columnVectors.withUnsafeBufferPointer { columns in
                    for k in 0..<partialRounds {
                        let first = Self.sbox(state[0] + scalars[k], &recorder)
                        let base = k * n
                        var newFirst = corner * first
                        for i in 0..<n {
                            newFirst += rows[base + i] * state[i + 1]
                            state[i + 1] += columns[base + i] * first
                        }
                        state[0] = newFirst
                    }
                }
            }
        }
        sparse.finalBlock.withUnsafeBufferPointer { block in
            for i in 0..<n {
                var sum = Fr.zero
                for j in 0..<n { sum += block[i * n + j] * state[j + 1] }
                scratch[i] = sum
            }
        }
        for i in 0..<n { state[i + 1] = scratch[i] }
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
