import BN254

/// The partial rounds of Poseidon rewritten with sparse matrices (appendix B of the Poseidon paper):
/// an equivalent permutation that computes the same S-box inputs and the same output with about a
/// third of the multiplications (for t = 12: ~3 100 instead of ~10 300).
///
/// With the MDS matrix split as M = [[m₀₀, vᵀ], [w, M̂]]:
/// 1. **Constants.** In a partial round only element 0 passes the S-box, so the constants of elements
///    1…t−1 can be pushed through the linear layer into the next round. Done round after round, each
///    partial round keeps one scalar constant and the remainder lands in the constants of the first
///    final full round.
/// 2. **Matrices.** M·diag(1, M̂ᵏ) = diag(1, M̂ᵏ⁺¹) · [[m₀₀, vᵀM̂ᵏ], [M̂⁻⁽ᵏ⁺¹⁾w, I]]. The block-diagonal
///    factor leaves element 0 alone, so it commutes with the partial S-box and the scalar constant and
///    can be carried into the next round. Partial round k then multiplies by the sparse right factor
///    (2t − 1 multiplications), and after the last one the carried diag(1, M̂ᴾ) is applied once.
struct SparseRounds: Sendable {
    /// The scalar constant of each partial round (added to element 0).
    let scalarConstants: [Fr]
    /// The t constants of the first full round after the partial rounds (with the pushed remainder).
    let firstFinalRoundConstants: [Fr]
    /// vᵀM̂ᵏ for each partial round k: (t − 1) values each, round after round.
    let rowVectors: [Fr]
    /// M̂⁻⁽ᵏ⁺¹⁾w for each partial round k: (t − 1) values each, round after round.
    let columnVectors: [Fr]
    /// M̂ᴾ, row-major, (t − 1)².
    let finalBlock: [Fr]

    init(width t: Int, partialRounds: Int, fullRounds: Int, roundConstants: [Fr], mds: [Fr]) {
        let n = t - 1
        let firstPartial = fullRounds / 2
        let m = SquareMatrix(size: t, entries: mds)
        let block = SquareMatrix(size: n, entries: (1..<t).flatMap { i in (1..<t).map { j in mds[i * t + j] } })
        let w = (1..<t).map { i in mds[i * t] }
        let v = (1..<t).map { j in mds[j] }

        // 1. Push the constants of elements 1…t−1 forward through M.
        var scalars: [Fr] = []
        var carried = [Fr](repeating: .zero, count: t)
        for k in 0..<partialRounds {
            let base = (firstPartial + k) * t
            var constants = (0..<t).map { roundConstants[base + $0] + carried[$0] }
            scalars.append(constants[0])
            constants[0] = .zero
            carried = m.multiply(constants)
        }
        let finalBase = (firstPartial + partialRounds) * t
        firstFinalRoundConstants = (0..<t).map { roundConstants[finalBase + $0] + carried[$0] }
        scalarConstants = scalars

        // 2. Sparse factors: rows vᵀM̂ᵏ = (M̂ᵀ)ᵏv, columns M̂⁻⁽ᵏ⁺¹⁾w, and the carried block M̂ᴾ.
        let inverse = block.inverse()
        var rows: [Fr] = []
        var columns: [Fr] = []
        var row = v
        var column = w
        var power = SquareMatrix.identity(size: n)
        for _ in 0..<partialRounds {
            rows += row
            column = inverse.multiply(column)
            columns += column
            row = block.transposedMultiply(row)
            power = block.multiply(power)
        }
        rowVectors = rows
        columnVectors = columns
        finalBlock = power.entries
    }
}

/// A small dense square matrix over Fr (row-major), for deriving constants.
struct SquareMatrix {
    let size: Int
    var entries: [Fr]

    static func identity(size: Int) -> SquareMatrix {
        var entries = [Fr](repeating: .zero, count: size * size)
        for i in 0..<size { entries[i * size + i] = .one }
        return SquareMatrix(size: size, entries: entries)
    }

    /// self · vector.
    func multiply(_ vector: [Fr]) -> [Fr] {
        (0..<size).map { i in
            var sum = Fr.zero
            for j in 0..<size { sum += entries[i * size + j] * vector[j] }
            return sum
        }
    }

    /// selfᵀ · vector.
    func transposedMultiply(_ vector: [Fr]) -> [Fr] {
        (0..<size).map { j in
            var sum = Fr.zero
            for i in 0..<size { sum += entries[i * size + j] * vector[i] }
            return sum
        }
    }

    /// self · other.
    func multiply(_ other: SquareMatrix) -> SquareMatrix {
        var product = [Fr](repeating: .zero, count: size * size)
        for i in 0..<size {
            for k in 0..<size {
                let left = entries[i * size + k]
                for j in 0..<size { product[i * size + j] += left * other.entries[k * size + j] }
            }
        }
        return SquareMatrix(size: size, entries: product)
    }

    /// The inverse by Gauss–Jordan elimination. Sub-blocks of a Cauchy matrix are Cauchy matrices and
    /// always invertible; a singular input is a programming error.
    func inverse() -> SquareMatrix {
        var left = entries
        var right = SquareMatrix.identity(size: size).entries
        for column in 0..<size {
            guard let pivot = (column..<size).first(where: { !left[$0 * size + column].isZero }) else {
                preconditionFailure("Poseidon MDS sub-block is singular")
            }
            if pivot != column {
                for j in 0..<size {
                    left.swapAt(pivot * size + j, column * size + j)
                    right.swapAt(pivot * size + j, column * size + j)
                }
            }
            guard let scale = left[column * size + column].inverse() else { preconditionFailure("zero pivot") }
            for j in 0..<size {
                left[column * size + j] *= scale
                right[column * size + j] *= scale
            }
            for i in 0..<size where i != column {
                let factor = left[i * size + column]
                if factor.isZero { continue }
                for j in 0..<size {
                    left[i * size + j] -= factor * left[column * size + j]
                    right[i * size + j] -= factor * right[column * size + j]
                }
            }
        }
        return SquareMatrix(size: size, entries: right)
    }
}
