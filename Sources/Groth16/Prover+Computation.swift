import BN254

/// The prover's work between the witness and the proof's group elements: the row values of the
/// constraint matrices (which also decide satisfaction), H's coefficients, and the five
/// multi-scalar multiplications, spread over the cores.
extension Prover {
    /// The rows' values (A·z with the input rows appended, B·z, C·z) for the full assignment.
    /// - Throws: ``Groth16Error`` `.unsatisfiedWitness` naming the first failing constraint when
    ///   A·z ∘ B·z ≠ C·z, or when the assignment is malformed (wrong public-input count, first value not one).
    func rowValues(_ assignment: Assignment) throws(Groth16Error) -> (a: [Fr], b: [Fr], c: [Fr]) {
        let system = qap.system
        let z = assignment.values
        guard assignment.publicInputCount == system.publicInputCount, z.first?.isOne == true else {
            throw refusal(assignment)
        }
        let a: [Fr]
        let b: [Fr]
        let c: [Fr]
        do {
            a = try system.a.multiply(z)
            b = try system.b.multiply(z)
            c = try system.c.multiply(z)
        } catch {
            throw Groth16Error(.sizeMismatch, "the assignment does not fit the circuit: \(error.message)")
        }
        for row in 0..<system.constraintCount where a[row] * b[row] != c[row] {
            throw refusal(assignment)
        }
        return (a + z[0..<qap.inputCount], b, c)
    }

    /// The error for an assignment that does not satisfy the circuit, naming the first failing constraint.
    private func refusal(_ assignment: Assignment) -> Groth16Error {
        do {
            try qap.system.checkSatisfied(assignment)
            return Groth16Error(.unsatisfiedWitness, "refusing to prove a false statement: the witness is unsatisfied")
        } catch {
            return Groth16Error(.unsatisfiedWitness, "refusing to prove a false statement: \(error.message)")
        }
    }

    /// Σ zᵢ·Aᵢ, Σ zᵢ·B₁ᵢ, Σ zᵢ·B₂ᵢ and Σ z_private·Lᵢ + Σ hᵢ·Hᵢ.
    ///
    /// Two rounds of independent jobs on all cores, each MSM split into one part per core so the
    /// cores stay evenly loaded: first the G2 MSM, the A and B₁ MSMs and the three interpolations
    /// onto the coset; then H's coefficients and one MSM over the L and H queries together (one
    /// bucket combination instead of two). The MSMs use the prover's tables of shifted query points
    /// (built on the first proof), with one window per part.
    func multiScalarSums(
        _ z: [Fr], rows: (a: [Fr], b: [Fr], c: [Fr])
    ) throws(BN254Error) -> (a: G1Projective, b1: G1Projective, b2: G2Projective, lh: G1Projective) {
        let quotient = self.quotient
        let parts = ConcurrentJobs.coreCount
        // One window per core in each copy, even when this proof runs serially (a prover thread): the
        // tables are shared, and a proof that splits across the cores later must find one window per part.
        let tables = try self.tables.tables(
            a: key.aQuery, b1: key.bG1Query, b2: key.bG2Query, lh: lhQuery, windowsPerCopy: WorkSplitting.activeCores)
        let b2 = try FixedBaseMultiScalarMultiplicationJob(table: tables.b2, scalars: z, parts: parts)
        let a = try FixedBaseMultiScalarMultiplicationJob(table: tables.a, scalars: z, parts: parts)
        let b1 = try FixedBaseMultiScalarMultiplicationJob(table: tables.b1, scalars: z, parts: parts)
        let cosetValues = (JobResult<[Fr]>(), JobResult<[Fr]>(), JobResult<[Fr]>())
        var jobs: [@Sendable () -> Void] = (0..<b2.partCount).map { part -> @Sendable () -> Void in
            { b2.run(part: part) }
        }
        jobs += (0..<a.partCount).map { part -> @Sendable () -> Void in { a.run(part: part) } }
        jobs += (0..<b1.partCount).map { part -> @Sendable () -> Void in { b1.run(part: part) } }
        jobs += [
            { cosetValues.0.capture { () throws(BN254Error) in try quotient.cosetEvaluations(ofRows: rows.a) } },
            { cosetValues.1.capture { () throws(BN254Error) in try quotient.cosetEvaluations(ofRows: rows.b) } },
            { cosetValues.2.capture { () throws(BN254Error) in try quotient.cosetEvaluations(ofRows: rows.c) } },
        ]
        ConcurrentJobs.run(jobs)
        let h = try quotient.quotientCoefficients(
            a: try cosetValues.0.value(), b: try cosetValues.1.value(), c: try cosetValues.2.value())
        let lh = try FixedBaseMultiScalarMultiplicationJob(table: tables.lh, scalars: z + h, parts: parts)
        ConcurrentJobs.run((0..<lh.partCount).map { part -> @Sendable () -> Void in { lh.run(part: part) } })
        return (a.result(), b1.result(), b2.result(), lh.result())
    }
}
