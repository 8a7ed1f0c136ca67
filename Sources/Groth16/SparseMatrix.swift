import BN254

/// A sparse matrix over Fr in compressed-sparse-row (CSR) form: the layout the prover reads.
///
/// Row `i`'s entries are `columns[rowStarts[i]..<rowStarts[i+1]]` with values at the same positions
/// of `values`. Within a row the columns are strictly increasing and no stored value is zero.
/// Rows are constraints; columns are variables in the order `[one, public inputs…, private…]`.
public struct SparseMatrix: Sendable, Equatable {
    /// The number of rows (constraints).
    public let rowCount: Int
    /// The number of columns (variables, including the constant one).
    public let columnCount: Int
    /// `rowCount + 1` offsets into ``columns`` and ``values``; `rowStarts[0] == 0`.
    public let rowStarts: [Int]
    /// The column of each stored entry.
    public let columns: [UInt32]
    /// The value of each stored entry (never zero).
    public let values: [Fr]

    /// Creates a matrix from its CSR arrays (not validated: use ``Builder`` to make one).
    public init(rowCount: Int, columnCount: Int, rowStarts: [Int], columns: [UInt32], values: [Fr]) {
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.rowStarts = rowStarts
        self.columns = columns
        self.values = values
    }

    /// The number of stored (non-zero) entries.
    public var nonZeroCount: Int { values.count }

    /// The positions in ``columns``/``values`` of row `row`'s entries.
    @inlinable
    public func entries(ofRow row: Int) -> Range<Int> { rowStarts[row]..<rowStarts[row + 1] }

    /// The product M·z for a vector z of length ``columnCount``: one value per row.
    /// - Throws: ``R1CSError`` `.malformedAssignment` when `vector.count != columnCount`.
    public func multiply(_ vector: [Fr]) throws(R1CSError) -> [Fr] {
        guard vector.count == columnCount else {
            throw R1CSError(
                .malformedAssignment, "vector has \(vector.count) values; the matrix has \(columnCount) columns")
        }
        var result = [Fr](repeating: .zero, count: rowCount)
        rowStarts.withUnsafeBufferPointer { starts in
            columns.withUnsafeBufferPointer { cols in
                values.withUnsafeBufferPointer { vals in
                    vector.withUnsafeBufferPointer { z in
                        result.withUnsafeMutableBufferPointer { out in
                            for row in 0..<rowCount {
                                var sum = Fr.zero
                                for k in starts[row]..<starts[row + 1] {
                                    let value = z[Int(cols[k])]
                                    sum += vals[k].isOne ? value : vals[k] * value
                                }
                                out[row] = sum
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// Accumulates a matrix row by row.
    public struct Builder: Sendable {
        /// The number of columns of the matrix being built.
        public let columnCount: Int
        private var rowStarts: [Int] = [0]
        private var columns: [UInt32] = []
        private var values: [Fr] = []

        /// Starts an empty matrix with `columnCount` columns.
        public init(columnCount: Int) { self.columnCount = columnCount }

        /// Appends a row given as (column, value) pairs with strictly increasing columns and no zeros.
        public mutating func appendRow(_ entries: [(column: Int, coefficient: Fr)]) {
            for entry in entries {
                columns.append(UInt32(entry.column))
                values.append(entry.coefficient)
            }
            rowStarts.append(columns.count)
        }

        /// The finished matrix.
        public func build() -> SparseMatrix {
            SparseMatrix(
                rowCount: rowStarts.count - 1, columnCount: columnCount, rowStarts: rowStarts, columns: columns,
                values: values)
        }
    }
}
