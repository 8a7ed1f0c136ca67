import AuditStore
import ChainTestSupport
import Ethereum
import Foundation
import Settlement
import Testing

extension SettlementScenarios {
    /// `proofnode settle` as a child process, killed with SIGKILL right after the signed transaction is
    /// stored (not yet broadcast), and right after the broadcast (before the receipt): a second run resumes
    /// the stored transaction — no second one is signed — and the session is paid exactly once.
    static func killedSettler(_ h: ChainHarness) async throws {
        let world = try SettlementWorld(h)
        let generator = try TestKeys.shared.generator()
        let first = try await world.provenSession(tokens: [1000, 1000], generator: generator)
        let second = try await world.provenSession(tokens: [1000], generator: generator)
        try await h.advance(40)  // the dispute window (30 s) and margin (5 s) are over for both
        let arguments = { (job: String) in
            [
                "settle", job, "--store", world.storePath, "--keys", TestKeys.shared.directoryA, "--rpc", h.url,
                "--contract", h.marketplace.checksummed,
            ]
        }
        let environment = ["HOST_PRIVATE_KEY": h.privateKeys[2]]

        for (job, point, broadcast) in [
            (first, "settle-after-persist", false), (second, "settle-after-broadcast", true),
        ] {
            let killed = try ChildProcess.killAt(
                "PROOFNODE_PAUSED \(point)", arguments(job),
                environment: environment.merging(["PROOFNODE_TEST_PAUSE_AT": point]) { $1 })
            #expect(killed.output.contains("PROOFNODE_PAUSED \(point)"), "the child never reached \(point)")
            #expect(killed.uncaughtSignal)
            let stored = try #require(try world.store.settlement(jobID: job))
            #expect(stored.status == (broadcast ? .broadcast : .signed))
            let storedHash = try #require(stored.txHash)
            if !broadcast {
                #expect(try await h.session(try U256(parsing: job)).status == .active)  // nothing was sent
            }

            let resumed = try ChildProcess.run(arguments(job) + ["--json"], environment: environment)
            #expect(resumed.status == 0, "\(resumed.output) \(resumed.error)")
            #expect(resumed.output.contains("\"outcome\":\"settled\""), "\(resumed.output)")
            let record = try #require(try world.store.settlement(jobID: job))
            #expect(record.status == .confirmed)
            #expect(record.attempts == 1)
            #expect(record.txHash == storedHash)  // the stored transaction was resumed, not a new one signed
            let tokens: UInt64 = job == first ? 2000 : 1000
            #expect(record.hostEarnings == world.expectedPayment(tokens: tokens).host.description)

            let again = try ChildProcess.run(arguments(job) + ["--json"], environment: environment)
            #expect(again.status == 0)
            #expect(again.output.contains("\"outcome\":\"alreadySettled\""), "\(again.output)")
            let completions = try await world.chain.marketplace.events(
                on: h.eth, from: .earliest, names: ["SessionCompleted"], jobId: try U256(parsing: job))
            #expect(completions.count == 1)
        }
    }
}
