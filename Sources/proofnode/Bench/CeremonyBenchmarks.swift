import Ceremony
import Commitment
import Groth16

/// The ceremony for the checkpoint circuit (domain 2^11): phase-1 contribution and full verification,
/// importing a power-12 `.ptau` with two contributions, the Lagrange form, one phase-2 contribution, and
/// verifying a phase-2 transcript of ten contributions (the figures issue 9 sets targets for).
struct CeremonyBenchmarks: BenchmarkSuite {
    let name = "ceremony"
    let summary =
        "Phase-1 contribute/verify (power 11), .ptau import (power 12), phase-2 contribute/verify (checkpoint)"

    func run(into recorder: inout BenchmarkRecorder) throws {
        var phase1 = try PowersOfTau(power: 11)
        try Phase1Contributor.contribute(to: &phase1, name: "bench 1")
        let start = phase1
        try recorder.measure("phase 1 contribute (power 11)", unit: "ms") {
            var copy = start
            try Phase1Contributor.contribute(to: &copy, name: "bench")
        }
        try Phase1Contributor.contribute(to: &phase1, name: "bench 2")
        let final = phase1
        try recorder.measure("phase 1 verify (power 11, 2 contributions)", unit: "ms") {
            _ = try Phase1Verifier.verify(final)
        }

        var large = try PowersOfTau(power: 12)
        try Phase1Contributor.contribute(to: &large, name: "a")
        try Phase1Contributor.contribute(to: &large, name: "b")
        let ptau = large.ptauBytes()
        try recorder.measure("import + verify .ptau (power 12, 2 contributions) [target ≤ 60 s]", unit: "ms") {
            _ = try Phase1Verifier.verify(try PowersOfTau(ptau: ptau, fileName: "bench.ptau"))
        }

        var prepared = try PreparedPhase1(final, logSize: 11)
        try recorder.measure("Lagrange form (domain 2^11, 4 vectors)", unit: "ms") {
            prepared = try PreparedPhase1(final, logSize: 11)
        }
        let system = CheckpointCircuit.shared.system
        var initial = try Phase2Transcript(system: system, prepared: prepared)
        try recorder.measure("phase 2 initial key + circuit hash (checkpoint circuit)", unit: "ms") {
            initial = try Phase2Transcript(system: system, prepared: prepared)
        }
        let fresh = initial
        recorder.measure("phase 2 contribute (checkpoint circuit) [target ≤ 2 s]", unit: "ms") {
            var copy = fresh
            Phase2Contributor.contribute(to: &copy, name: "bench")
        }
        var transcript = initial
        for index in 0..<10 { Phase2Contributor.contribute(to: &transcript, name: "p\(index)") }
        let ten = transcript
        try recorder.measure("phase 2 verify 10 contributions (rebuilding the key) [target ≤ 10 s]", unit: "ms") {
            _ = try Phase2Verifier.verify(ten, system: system, prepared: prepared)
        }
        try recorder.measure("phase 2 verify 10 contributions (given the rebuilt key)", unit: "ms") {
            _ = try Phase2Verifier.verify(ten, initial: fresh)
        }
        let ptau11 = final.ptauBytes()
        try recorder.measure(
            "phase 2 verify 10 contributions from files (phase-1 verify, Lagrange, rebuild)", unit: "ms"
        ) {
            let phase1 = try PowersOfTau(ptau: ptau11, fileName: "bench.ptau")
            _ = try Phase1Verifier.verify(phase1)
            let lagrange = try PreparedPhase1(phase1, logSize: 11)
            _ = try Phase2Verifier.verify(ten, system: system, prepared: lagrange)
        }
    }
}
