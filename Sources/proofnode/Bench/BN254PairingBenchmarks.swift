import BN254

/// The pairing: one pairing, its two halves, and the 4-pair products a Groth16 verifier computes.
struct BN254PairingBenchmarks: BenchmarkSuite {
    let name = "pairing"
    let summary = "BN254 optimal-ate pairing: Miller loop, final exponentiation, 4-pair products"

    func run(into recorder: inout BenchmarkRecorder) throws {
        let p = G1Affine.generator
        let q = G2Affine.generator
        // Four distinct pairs from the generators (P, −P, and their negated-Q partners).
        let pairs: [(G1Affine, G2Affine)] = [(p, q), (-p, q), (p, -q), (-p, -q)]
        let prepared = pairs.map { ($0.0, PreparedG2($0.1)) }
        var sink = Fq12.one

        recorder.measure("pairing (one)", unit: "ms") { sink *= Pairing.pairing(p, q) }
        recorder.measure("miller loop (one pair)", unit: "ms") { sink *= Pairing.millerLoop(p, q) }
        let millerValue = Pairing.millerLoop(p, q)
        recorder.measure("final exponentiation", unit: "ms") { sink *= Pairing.finalExponentiation(millerValue) }
        recorder.measure("prepare G2", unit: "ms") { sink.c0.c0.c0 = PreparedG2(q).isInfinity ? .zero : .one }
        recorder.measure("4-pair product", unit: "ms") { sink *= Pairing.multiPairing(pairs) }
        recorder.measure("4-pair product (prepared G2)", unit: "ms") {
            sink *= Pairing.multiPairing(prepared: prepared)
        }
        let sample = Fq12(
            Fq6(Fq2(.random(), .random()), Fq2(.random(), .random()), Fq2(.random(), .random())),
            Fq6(Fq2(.random(), .random()), Fq2(.random(), .random()), Fq2(.random(), .random())))
        var x = sample
        let chain = 10_000
        recorder.measure("fq12.mul (dependent chain)", unit: "ns", batch: chain) {
            for _ in 0..<chain { x = x * sample }
        }
        recorder.measure("fq12.square (dependent chain)", unit: "ns", batch: chain) {
            for _ in 0..<chain { x = x.squared() }
        }
        precondition(!sink.isZero && !x.isZero)
    }
}
