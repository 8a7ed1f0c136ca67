import Foundation

/// Whether the calling thread splits one computation (an MSM, an FFT, the prover's independent jobs)
/// across the machine's cores.
///
/// By default it does: one proof alone finishes sooner. A pool of threads that already runs several
/// computations side by side (one per thread, as the checkpoint pipeline's prover threads do) gains
/// nothing from splitting each of them again, and the split parts would run on libdispatch's shared
/// worker threads — the same few threads that Swift's cooperative pool uses on Linux, so every other
/// task of the process (the HTTP handlers included) would wait behind proof arithmetic. Inside
/// ``serially(_:)`` every split runs its parts one after another on the calling thread instead; the
/// results are the same.
public enum WorkSplitting {
    /// True inside ``serially(_:)`` (bound to the task, or to the thread outside any task).
    @TaskLocal public static var isSerial = false

    /// The number of parts a computation may split into on the calling thread: the active cores, or 1
    /// inside ``serially(_:)``.
    public static var partCount: Int {
        isSerial ? 1 : activeCores
    }

    /// The machine's active cores, whatever the calling thread's mode: for structures shared by split and
    /// serial computations alike (e.g. the prover's MSM tables), which must not depend on which mode
    /// happened to build them.
    public static var activeCores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Runs `body` with every split computation running its parts on the calling thread.
    /// - Parameter body: The work (e.g. one Groth16 proof).
    /// - Returns: What `body` returns.
    public static func serially<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let result: Result<T, E> = $isSerial.withValue(true) {
            do throws(E) {
                return .success(try body())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
