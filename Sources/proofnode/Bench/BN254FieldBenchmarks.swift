import BN254

/// Field arithmetic: the dependent-chain multiplication figure that every other cost scales with.
struct BN254FieldBenchmarks: BenchmarkSuite {
    let name = "fields"
    let summary = "Fq, Fq2 and Fr multiplication, squaring and inversion"

    func run(into recorder: inout BenchmarkRecorder) throws {
        let chain = 1_000_000
        var x = Fq(7)
        let y = Fq.random()
        recorder.measure("fq.mul (dependent chain)", unit: "ns", batch: chain) {
            for _ in 0..<chain { x = x * y }
        }
        recorder.measure("fq.square (dependent chain)", unit: "ns", batch: chain) {
            for _ in 0..<chain { x = x.squared() }
        }
        var u = Fq2(Fq(5), Fq(3))
        let v = Fq2(Fq.random(), Fq.random())
        recorder.measure("fq2.mul (dependent chain)", unit: "ns", batch: chain) {
            for _ in 0..<chain { u = u * v }
        }
        recorder.measure("fq2.square (dependent chain)", unit: "ns", batch: chain) {
            for _ in 0..<chain { u = u.squared() }
        }
        var s = Fr(11)
        let t = Fr.random()
        recorder.measure("fr.mul (dependent chain)", unit: "ns", batch: chain) {
            for _ in 0..<chain { s = s * t }
        }
        recorder.measure("fq.inverse", unit: "us", batch: 100) {
            for _ in 0..<100 { x = x.inverse() ?? y }
        }
        precondition(!x.isZero || !s.isZero || !u.isZero)
    }
}
