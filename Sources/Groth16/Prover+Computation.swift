import BN254

/// The prover's work between the witness and the proof's group elements: the row values of the
/// constraint matrices (which also decide satisfaction), H's coefficients, and the four
/// multi-scalar multiplications, spread over the cores.
extension Prover {
    /// What the first round of a proof needs: the rows' values and the MSM jobs whose scalars are
    /// known before H (prepared together, on all cores).
    struct PreparedProof: Sendable {
        /// A·z with the input rows appended, B·z and C·z.
        let rows: (a: [Fr], b: [Fr], c: [Fr])
        /// Σ zᵢ·Aᵢ + α + r·δ.
        let a: FixedBaseMultiScalarMultiplicationJob<G1Affine>
        /// Σ zᵢ·B₁ᵢ + β.
        let b1: FixedBaseMultiScalarMultiplicationJob<G1Affine>
        /// Σ zᵢ·B₂ᵢ + β + s·δ.
        let b2: FixedBaseMultiScalarMultiplicationJob<G2Affine>
        /// The table of the L and H queries, for the MSM that waits for H's coefficients.
        let lhTable: MultiScalarMultiplicationTable<G1Affine>
        /// The full assignment.
        let z: [Fr]
    }

    /// The rows' values and the A, B₁ and B₂ MSM jobs (recoding their scalars), six independent jobs
    /// on all cores; then the satisfaction check.
    /// - Throws: ``Groth16Error`` `.unsatisfiedWitness` naming the first failing constraint when
    ///   A·z ∘ B·z ≠ C·z, or when the assignment is malformed (wrong public-input count, first value not one).
    func prepare(_ assignment: Assignment, r: Fr, s: Fr) throws(Groth16Error) -> PreparedProof {
        let system = qap.system
        let z = assignment.values
        guard assignment.publicInputCount == system.publicInputCount, z.first?.isOne == true else {
            throw refusal(assignment)
        }
        let prepared: PreparedProof
        do {
            prepared = try prepareJobs(z, r: r, s: s)
        } catch {
            throw Groth16Error(.sizeMismatch, "the assignment does not fit the circuit: \(error.message)")
        }
        let rows = prepared.rows
        for row in 0..<system.constraintCount where rows.a[row] * rows.b[row] != rows.c[row] {
            throw refusal(assignment)
        }
        return prepared
    }

    /// The six jobs of ``prepare(_:r:s:)`` (the assignment's size already checked).
    private func prepareJobs(_ z: [Fr], r: Fr, s: Fr) throws(BN254Error) -> PreparedProof {
        let system = qap.system
        let inputCount = qap.inputCount
        let parts = ConcurrentJobs.coreCount
        let tables = try self.tables.tables(a: aBases, b1: b1Bases, b2: b2Bases, lh: lhBases)
        let jobs = (
            JobResult<FixedBaseMultiScalarMultiplicationJob<G2Affine>>(),
            JobResult<FixedBaseMultiScalarMultiplicationJob<G1Affine>>(),
            JobResult<FixedBaseMultiScalarMultiplicationJob<G1Affine>>()
        )
        let rows = (JobResult<[Fr]>(), JobResult<[Fr]>(), JobResult<[Fr]>())
        // The G2 job's recoding is no longer than the others'; the three matrix products are cheaper.
        ConcurrentJobs.run([
            {
                jobs.0.capture { () throws(BN254Error) in
                    try FixedBaseMultiScalarMultiplicationJob(table: tables.b2, scalars: z + [.one, s], parts: parts)
                }
            },
            {
                jobs.1.capture { () throws(BN254Error) in
                    try FixedBaseMultiScalarMultiplicationJob(table: tables.a, scalars: z + [.one, r], parts: parts)
                }
            },
            {
                jobs.2.capture { () throws(BN254Error) in
                    try FixedBaseMultiScalarMultiplicationJob(table: tables.b1, scalars: z + [.one], parts: parts)
                }
            },
            { rows.0.capture { () throws(BN254Error) in try Self.product(system.a, z) + z[0..<inputCount] } },
            { rows.1.capture { () throws(BN254Error) in try Self.product(system.b, z) } },
            { rows.2.capture { () throws(BN254Error) in try Self.product(system.c, z) } },
        ])
        return PreparedProof(
            rows: (a: try rows.0.value(), b: try rows.1.value(), c: try rows.2.value()), a: try jobs.1.value(),
            b1: try jobs.2.value(), b2: try jobs.0.value(), lhTable: tables.lh, z: z)
    }

    /// matrix·z, its size error as a ``BN254Error`` (the type every prover job reports).
    private static func product(_ matrix: SparseMatrix, _ z: [Fr]) throws(BN254Error) -> [Fr] {
        do {
            return try matrix.multiply(z)
        } catch {
            throw BN254Error(.sizeMismatch, error.message)
        }
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

    /// A = Σ zᵢ·Aᵢ + α + r·δ, B₁' = Σ zᵢ·B₁ᵢ + β, B = Σ zᵢ·B₂ᵢ + β + s·δ and Σ z_private·Lᵢ + Σ hᵢ·Hᵢ.
    ///
    /// Two rounds of independent jobs on all cores, each MSM split into one part per core so the
    /// cores stay evenly loaded: first the G2 MSM, the A and B₁ MSMs and the three interpolations
    /// onto the coset; then H's coefficients and one MSM over the L and H queries together (one
    /// bucket reduction instead of two). The MSMs use the prover's tables of shifted query points
    /// (built on the first proof), one window per copy, each MSM's buckets split among the parts.
    func multiScalarSums(
        _ prepared: PreparedProof
    ) throws(BN254Error) -> (a: G1Projective, b1: G1Projective, b2: G2Projective, lh: G1Projective) {
        let quotient = self.quotient
        let rows = prepared.rows
        let (a, b1, b2) = (prepared.a, prepared.b1, prepared.b2)
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
        let lh = try FixedBaseMultiScalarMultiplicationJob(
            table: prepared.lhTable, scalars: prepared.z + h, parts: ConcurrentJobs.coreCount)
        ConcurrentJobs.run((0..<lh.partCount).map { part -> @Sendable () -> Void in { lh.run(part: part) } })
        return (a.result(), b1.result(), b2.result(), lh.result())
    }
}
