import BN254

/// Fixed-base MSM (the prover's four MSMs) at the window width the table's cost model picks and at
/// its neighbours, for the point counts the Groth16 benchmark circuits use: the data to calibrate
/// ``MultiScalarMultiplicationTable``'s width model against.
struct BN254MSMWidthBenchmarks: BenchmarkSuite {
    let name = "msm-widths"
    let summary = "fixed-base G1/G2 MSM (1 window per copy, 2 parts) at the modelled window width ±1 (CPU time)"

    /// G1 sizes: the A and B1 queries of 1500 and 3000 constraints and their L+H queries.
    static let g1Counts = [1_500, 3_000, 3_600, 7_100]
    /// G2 sizes: the B2 queries.
    static let g2Counts = [1_500, 3_000]

    func run(into recorder: inout BenchmarkRecorder) throws {
        for count in Self.g1Counts { try measure(G1Affine.self, label: "g1", count: count, into: &recorder) }
        for count in Self.g2Counts { try measure(G2Affine.self, label: "g2", count: count, into: &recorder) }
    }

    private func measure<A: AffineCurvePoint>(
        _: A.Type, label: String, count: Int, into recorder: inout BenchmarkRecorder
    ) throws {
        let (bases, scalars) = BN254CurveBenchmarks.inputs(A.self, count: count, withBits: false)
        let modelled = MultiScalarMultiplicationTable(bases: bases, windowsPerCopy: 1).width
        for width in (modelled - 1)...(modelled + 1) {
            let table = MultiScalarMultiplicationTable(bases: bases, width: width, windowsPerCopy: 1)
            var sink = JacobianPoint<A>.infinity
            let marker = width == modelled ? " (modelled)" : ""
            try BN254CurveBenchmarks.recordCPUTime(
                "\(label).fixed-base msm \(count) width \(width)\(marker)", runs: recorder.runs, into: &recorder
            ) {
                sink = try FixedBaseMultiScalarMultiplicationJob(table: table, scalars: scalars, parts: 2).runAll()
            }
            precondition(!sink.isInfinity, "a random fixed-base MSM gave the point at infinity")
        }
    }
}
