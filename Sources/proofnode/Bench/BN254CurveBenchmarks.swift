import BN254

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

    func run(into recorder: inout BenchmarkRecorder) throws {
        for count in [1024, 4096] {
            let (bases, scalars) = Self.inputs(G1Affine.self, count: count, withBits: false)
            var sink = G1Projective.infinity
            try recorder.measure("g1.msm \(count) (random scalars)", unit: "ms") {
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
