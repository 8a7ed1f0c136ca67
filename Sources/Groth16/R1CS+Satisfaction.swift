import BN254

extension R1CS {
    /// Whether `assignment` satisfies every constraint (false also when it has the wrong shape).
    public func isSatisfied(_ assignment: Assignment) -> Bool {
        do {
            try checkSatisfied(assignment)
            return true
        } catch {
            return false
        }
    }

    /// Checks `assignment` against every constraint in order.
    /// - Throws: ``R1CSError`` `.malformedAssignment` when the assignment's size or public-input count
    ///   differs from the system's or its first value is not one; `.unsatisfied` with the index and
    ///   annotation of the first constraint that fails.
    public func checkSatisfied(_ assignment: Assignment) throws(R1CSError) {
        guard assignment.values.count == variableCount, assignment.publicInputCount == publicInputCount else {
            throw R1CSError(
                .malformedAssignment,
                "assignment has \(assignment.values.count) values and \(assignment.publicInputCount) public inputs; "
                    + "the system has \(variableCount) variables and \(publicInputCount) public inputs")
        }
        guard assignment.values[0].isOne else {
            throw R1CSError(.malformedAssignment, "the first value of an assignment must be one (the constant column)")
        }
        if let failing = firstUnsatisfiedConstraint(assignment.values) {
            let label = annotations[failing].map { " (\($0))" } ?? ""
            throw R1CSError(
                .unsatisfied, "constraint \(failing)\(label) is not satisfied: ⟨A,z⟩·⟨B,z⟩ ≠ ⟨C,z⟩",
                constraintIndex: failing, annotation: annotations[failing])
        }
    }

    /// The index of the first constraint that `values` (a full vector, correctly sized) violates, or nil.
    private func firstUnsatisfiedConstraint(_ values: [Fr]) -> Int? {
        values.withUnsafeBufferPointer { z in
            for row in 0..<constraintCount {
                let left = Self.dot(a, row, z)
                let right = Self.dot(b, row, z)
                let product = Self.dot(c, row, z)
                if left * right != product { return row }
            }
            return nil
        }
    }

    @inline(__always)
    private static func dot(_ matrix: SparseMatrix, _ row: Int, _ z: UnsafeBufferPointer<Fr>) -> Fr {
        var sum = Fr.zero
        for k in matrix.rowStarts[row]..<matrix.rowStarts[row + 1] {
            let coefficient = matrix.values[k]
            let value = z[Int(matrix.columns[k])]
            sum += coefficient.isOne ? value : coefficient * value
        }
        return sum
    }
}
