import BN254
import Foundation

/// The prover's MSM tables (shifted copies of the A, B₁, B₂ and L+H query points, see
/// ``MultiScalarMultiplicationTable``), built once, on the first proof, and shared by every copy of
/// the ``Prover`` and every concurrent proof.
///
/// Building takes about 254 batched affine doublings per query point on all cores (a few hundred
/// milliseconds for a circuit of thousands of constraints), which is why it is not part of loading
/// a key: key load stays cheap, the first proof pays once. Memory: `copyCount` points per query
/// point (20–22 with one window per copy for the circuits measured; see docs/BENCHMARKS.md).
final class ProverTables: @unchecked Sendable {
    /// The four tables.
    struct Built: Sendable {
        let a: MultiScalarMultiplicationTable<G1Affine>
        let b1: MultiScalarMultiplicationTable<G1Affine>
        let b2: MultiScalarMultiplicationTable<G2Affine>
        let lh: MultiScalarMultiplicationTable<G1Affine>
    }

    private let lock = NSLock()
    private var built: Built?

    init() {}

    /// The tables for the given queries, building them on first use (concurrent callers wait for
    /// the one build). Each has one window per copy: an MSM over it splits across the cores by bucket
    /// ranges, whatever the number of cores, so serial and split proofs share the tables.
    /// - Throws: ``BN254Error`` only if a build job did not run (an internal error).
    func tables(a: [G1Affine], b1: [G1Affine], b2: [G2Affine], lh: [G1Affine]) throws(BN254Error) -> Built {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let results = (
            JobResult<MultiScalarMultiplicationTable<G1Affine>>(),
            JobResult<MultiScalarMultiplicationTable<G1Affine>>(),
            JobResult<MultiScalarMultiplicationTable<G2Affine>>(), JobResult<MultiScalarMultiplicationTable<G1Affine>>()
        )
        // Largest first; each table built on one core, the four spread over all cores.
        ConcurrentJobs.run([
            {
                results.2.capture {
                    MultiScalarMultiplicationTable(bases: b2, windowsPerCopy: 1, workers: 1)
                }
            },
            {
                results.3.capture {
                    MultiScalarMultiplicationTable(bases: lh, windowsPerCopy: 1, workers: 1)
                }
            },
            {
                results.0.capture {
                    MultiScalarMultiplicationTable(bases: a, windowsPerCopy: 1, workers: 1)
                }
            },
            {
                results.1.capture {
                    MultiScalarMultiplicationTable(bases: b1, windowsPerCopy: 1, workers: 1)
                }
            },
        ])
        let value = Built(
            a: try results.0.value(), b1: try results.1.value(), b2: try results.2.value(), lh: try results.3.value())
        built = value
        return value
    }
}
