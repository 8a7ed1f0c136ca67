import ArgumentParser
import AuditStore
import Commitment
import Ethereum
import Foundation
import Settlement

/// `proofnode demo`: the whole story on embedded defaults — a session on an in-process MockChain, a
/// canned conversation proven and submitted checkpoint by checkpoint, the dispute window waited in real
/// time, validation, settlement and a summary; then a second session with a tampered stored proof whose
/// settlement is refused.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a session end to end on an in-process MockChain, then show a tampered proof refused.",
        discussion: """
            Exit status 0 when the story went as expected: the first session settled and paid by the contract's \
            rules with an intact audit log, the second (one stored proof tampered) refused with a dispute recorded.
            """)

    @Option(name: .long, help: "Directory for the demo's audit store (removed and recreated at start).")
    var data: String = "./data/demo"

    @Option(name: .long, help: "Keys directory (generated on first run when it holds no keys).")
    var keys: String = "./keys"

    @Option(name: .long, help: "Tokens the canned conversation generates per session (at least 1000).")
    var tokens: Int64 = 3500

    @Option(name: .long, help: "The MockChain's dispute window in seconds (waited in real time).")
    var disputeWindow: UInt64 = 5

    func validate() throws {
        guard tokens >= 1000, tokens <= 100_000 else { throw ValidationError("--tokens must be in 1000…100000") }
        guard disputeWindow <= 600 else { throw ValidationError("--dispute-window must be at most 600 s") }
    }

    func run() async throws {
        let started = ContinuousClock.now
        try prepareKeys()
        let storeDirectory = URL(fileURLWithPath: data)
        if FileManager.default.fileExists(atPath: storeDirectory.path) {
            print("removing the previous demo store \(storeDirectory.path)")
            try FileManager.default.removeItem(at: storeDirectory)
        }
        try FileManager.default.createDirectory(at: storeDirectory, withIntermediateDirectories: true)
        let storePath = storeDirectory.appendingPathComponent("audit.sqlite").path
        let world = try await DemoWorld.start(storePath: storePath, keysDirectory: keys, disputeWindow: disputeWindow)
        print(
            "MockChain on \(world.server.url) (chain 31337, dispute window \(disputeWindow) s, real-time clock); "
                + "store \(storePath)")
        print("depositor \(world.depositor.address.checksummed), host \(world.host.address.checksummed)")
        var ok = false
        do {
            let story = DemoStory(world: world, tokens: tokens)
            print("\n== run 1: an honest session ==")
            let honest = try await story.honestRun()
            print("\n== run 2: a session with one tampered stored proof ==")
            let tampered = try await story.tamperedRun()
            ok = honest && tampered
        } catch {
            printError("demo: \(error)")
        }
        await world.stop()
        let elapsed = started.duration(to: .now).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        print(String(format: "\ndemo finished in %.1f s: %@", seconds, ok ? "as expected" : "NOT as expected"))
        if !ok { throw ExitCode(1) }
    }

    /// Reuses the keys in `keys` when they load; generates them when the directory holds none.
    private func prepareKeys() throws {
        let present = KeySetup.files(in: keys).contains { FileManager.default.fileExists(atPath: $0) }
        if !present {
            print("no keys in \(keys): generating checkpoint-circuit keys (single-party setup, fine for a demo) …")
            let start = ContinuousClock.now
            let fingerprint = try KeySetup.generate(into: keys, force: false)
            let elapsed = start.duration(to: .now).components
            print(
                "generated keys in \(elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000) ms, "
                    + "verifying key fingerprint \(fingerprint)")
            return
        }
        do {
            let manager = KeyManager(configuration: ProofConfiguration(keysDirectory: keys))
            _ = try manager.prover()  // loads and checks the proving key against the circuit
            let fingerprint = try manager.currentFingerprint()
            print("reusing keys in \(keys) (verifying key fingerprint \(fingerprint))")
        } catch {
            throw CommandFailure(
                "the keys in \(keys) cannot be used (\(error)); move them away or give --keys DIR for fresh ones")
        }
    }
}
