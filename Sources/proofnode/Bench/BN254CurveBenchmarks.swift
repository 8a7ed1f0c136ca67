import BN254
import Glibc

/// Curve arithmetic: MSM (the prover's main cost), scalar multiplication, subgroup checks and FFTs.
struct BN254CurveBenchmarks: BenchmarkSuite {
    let name = "curves"
    let summary = "G1/G2 MSM, scalar multiplication, G2 subgroup check, Fr FFTs"

    /// `count` distinct affine points (multiples of the generator) and random scalars, one third of
    /// them 0 or 1 like a witness full of bits when `withBits` is set.
    static func inputs<A: AffineCurvePoint>(_: A.Type, count: Int, withBits: Bool) -> ([A], [Fr]) {
        var points = [JacobianPoint<A>]()
        points.reserveCapacity(count)
        var current = JacobianPoint<A>.generator.multiplied(by: Fr.random())
        let step = JacobianPoint<A>.generator.multiplied(by: Fr.random())
        for _ in 0..<count {
            points.append(current)
            current += step
        }
        let scalars = (0..<count).map { index -> Fr in
            guard withBits else { return Fr.random() }
            switch index % 6 {
            case 0: return .zero
            case 1: return .one
            default: return Fr.random()
            }
        }
        return (JacobianPoint<A>.batchNormalise(points), scalars)
    }

    /// CPU time consumed by the whole process (all threads) so far, in nanoseconds.
    static func processCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1e9 + Double(time.tv_nsec)
    }

    /// Records the process CPU time of `body` (summed over all threads) for each run: on a shared
    /// machine this is steadier than wall time, and wall time on idle cores is about this divided by
    /// the number of cores the work was split across.
    static func recordCPUTime(
        _ name: String, runs: Int, into recorder: inout BenchmarkRecorder, _ body: () throws -> Void
    ) rethrows {
        try body()
        var samples: [Double] = []
        for _ in 0..<runs {
            let start = processCPUTime()
            try body()
            samples.append((processCPUTime() - start) / 1e6)
        }
        recorder.record(name, unit: "ms", samples: samples)
    }

    func run(into recorder: inout BenchmarkRecorder) throws {
        for count in [1024, 4096] {
            let (bases, scalars) = Self.inputs(G1Affine.self, count: count, withBits: false)
            var sink = G1Projective.infinity
            try recorder.measure("g1.msm \(count) (random scalars)", unit: "ms") {
                sink = try G1Projective.multiScalarMultiplication(bases: bases, scalars: scalars)
            }
            try Self.recordCPUTime("g1.msm \(count) (random scalars), CPU time", runs: recorder.runs, into: &recorder) {
                sink = try G1Projective.multiScalarMultiplication(bases: bases, scalars: scalars)
            }
            precondition(!sink.isInfinity)
        }
        let (bitBases, bitScalars) = Self.inputs(G1Affine.self, count: 4096, withBits: true)
        try recorder.measure("g1.msm 4096 (1/3 of scalars 0 or 1)", unit: "ms") {
            _ = try G1Projective.multiScalarMultiplication(bases: bitBases, scalars: bitScalars)
        }
        let (g2Bases, g2Scalars) = Self.inputs(G2Affine.self, count: 1024, withBits: false)
        try recorder.measure("g2.msm 1024 (random scalars)", unit: "ms") {
            _ = try G2Projective.multiScalarMultiplication(bases: g2Bases, scalars: g2Scalars)
        }
        try Self.recordCPUTime("g2.msm 1024 (random scalars), CPU time", runs: recorder.runs, into: &recorder) {
            _ = try G2Projective.multiScalarMultiplication(bases: g2Bases, scalars: g2Scalars)
        }
        var chain = Fq(7)
        let factor = Fq.random()
        Self.recordCPUTime("fq.mul ×1e6 (dependent chain), CPU time", runs: recorder.runs, into: &recorder) {
            for _ in 0..<1_000_000 { chain = chain * factor }
        }
        precondition(!chain.isZero)
        let scalar = Fr.random()
        var point = G1Projective.generator
        recorder.measure("g1.scalar-mul", unit: "us", batch: 100) {
            for _ in 0..<100 { point = point.multiplied(by: scalar) }
        }
        var point2 = G2Projective.generator
        recorder.measure("g2.scalar-mul", unit: "us", batch: 20) {
            for _ in 0..<20 { point2 = point2.multiplied(by: scalar) }
        }
        let g2 = point2.affine
        recorder.measure("g2.subgroup-check", unit: "us", batch: 20) {
            for _ in 0..<20 { precondition(g2.isInSubgroup) }
        }
        for size in [2048, 4096] {
            let domain = try EvaluationDomain(size: size)
            var values = (0..<size).map { _ in Fr.random() }
            try recorder.measure("fr.fft \(size)", unit: "us") { try domain.fft(&values) }
            try recorder.measure("fr.coset-fft \(size)", unit: "us") { try domain.cosetFFT(&values) }
            try recorder.measure("fr.inverse-fft \(size)", unit: "us") { try domain.inverseFFT(&values) }
        }
    }
}
