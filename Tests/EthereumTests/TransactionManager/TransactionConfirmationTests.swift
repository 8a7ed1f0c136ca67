import Ethereum
import Foundation
import Testing

@Suite("Transaction manager: receipts, replacement, resume")
struct TransactionConfirmationTests {
    let intent = TransactionIntent(to: testRecipient, data: [0x01], gasLimit: 100_000)

    /// Waits until `condition` holds (or fails the test after two seconds).
    func eventually(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(2)
        while !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("condition not met in time")
                return
            }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    @Test("a stuck transaction is replaced with both fees +12.5 %, persisted first; the replacement is mined")
    func replacement() async throws {
        let chain = FakeChain()
        chain.configure { $0.autoMine = false }
        let (manager, _) = try makeManager(chain, fastManagerConfiguration(replaceAfter: .milliseconds(60)))
        let log = PersistLog(chain: chain)
        let task = Task { try await manager.send(intent, signer: testSigner, persist: log.hook) }
        try await eventually { chain.sent.count >= 2 }
        chain.mineAll()
        let outcome = try await task.value
        let sent = chain.sent
        let original = sent[0].transaction
        let replacement = sent[1].transaction
        #expect(replacement.nonce == original.nonce)
        // ceil(x × 1.125) on both fees: 2.1 gwei → 2.3625 gwei, 0.1 gwei → 0.1125 gwei.
        #expect(original.maxFeePerGas == U256(2_100_000_000))
        #expect(replacement.maxFeePerGas == U256(2_362_500_000))
        #expect(replacement.maxPriorityFeePerGas == U256(112_500_000))
        #expect(outcome.transaction.hash.bytes == sent[1].hash)
        #expect(outcome.transaction.replaces?.bytes == sent[0].hash)
        #expect(outcome.hashes.count >= 2)
        // Every version was persisted before the chain saw it.
        #expect(Array(log.prepared.prefix(2).map(\.hash.bytes)) == [sent[0].hash, sent[1].hash])
        #expect(Array(log.broadcastsBefore.prefix(2)) == [0, 1])
    }

    @Test("replacement transaction underpriced: the manager bumps again until the node accepts")
    func underpricedReplacement() async throws {
        let chain = FakeChain()
        chain.configure {
            $0.autoMine = false
            $0.priceBumpPercent = 20  // a node configured stricter than geth's 10 %
        }
        let (manager, _) = try makeManager(chain, fastManagerConfiguration(replaceAfter: .milliseconds(60)))
        let task = Task { try await manager.send(intent, signer: testSigner, persist: { _ in }) }
        try await eventually { chain.sent.count >= 3 }
        chain.mineAll()
        let outcome = try await task.value
        let fees = chain.sent.prefix(3).map(\.transaction.maxFeePerGas)
        // 2.1 gwei → 2.3625 (rejected, < +20 %) → 2.65781250 gwei (accepted).
        #expect(fees == [U256(2_100_000_000), U256(2_362_500_000), U256(2_657_812_500)])
        #expect(outcome.transaction.signed.transaction.maxFeePerGas == U256(2_657_812_500))
    }

    @Test("receipts wait for the configured confirmations")
    func confirmations() async throws {
        let chain = FakeChain()
        let (manager, _) = try makeManager(chain, fastManagerConfiguration(confirmations: 3))
        let finished = Recorder<Bool>()
        let task = Task {
            defer { finished.append(true) }
            return try await manager.send(intent, signer: testSigner, persist: { _ in })
        }
        try await eventually { !chain.minedHashes.isEmpty }
        try await Task.sleep(for: .milliseconds(50))
        chain.advance(blocks: 1)
        try await Task.sleep(for: .milliseconds(100))
        #expect(finished.count == 0, "the receipt was returned with 2 of 3 confirmations")
        chain.advance(blocks: 1)
        let outcome = try await task.value
        #expect(chain.blockNumber >= outcome.receipt.blockNumber + 2)
    }

    @Test("no receipt in time is a receiptTimeout naming every broadcast hash")
    func receiptTimeout() async throws {
        let chain = FakeChain()
        chain.configure { $0.autoMine = false }
        let (manager, _) = try makeManager(
            chain, fastManagerConfiguration(receiptTimeout: .milliseconds(150), maximumReplacements: 0))
        do {
            _ = try await manager.send(intent, signer: testSigner, persist: { _ in })
            Issue.record("expected a timeout")
        } catch {
            #expect(error.code == .receiptTimeout)
            #expect(error.hashes.map(\.bytes) == chain.sent.map(\.hash))
        }
    }

    @Test("resume: a persisted transaction that was mined is confirmed by hash, nothing new is signed")
    func resumeMined() async throws {
        let chain = FakeChain()
        let (manager, _) = try makeManager(chain, fastManagerConfiguration())
        let first = try await manager.send(intent, signer: testSigner, persist: { _ in })
        // A restarted node with a fresh manager.
        let (restarted, _) = try makeManager(chain, fastManagerConfiguration())
        let log = PersistLog(chain: chain)
        let outcome = try await restarted.resume(
            persisted: [first.transaction.raw], signer: testSigner, persist: log.hook)
        #expect(outcome.transaction.hash == first.transaction.hash)
        #expect(log.prepared.isEmpty)
        #expect(chain.sent.count == 1)
    }

    @Test("resume: a persisted transaction that never reached the node is rebroadcast unchanged")
    func resumeUnsent() async throws {
        let chain = FakeChain()
        let (manager, _) = try makeManager(chain, fastManagerConfiguration())
        let prepared = try await manager.prepare(intent, signer: testSigner)  // signed and persisted, then a crash
        let (restarted, _) = try makeManager(chain, fastManagerConfiguration())
        let outcome = try await restarted.resume(persisted: [prepared.raw], signer: testSigner, persist: { _ in })
        #expect(outcome.transaction.hash == prepared.hash)
        #expect(chain.sent.map(\.hash) == [prepared.raw].map { _ in prepared.hash.bytes })
    }

    @Test("resume: when another transaction took the nonce, the call is re-signed with a fresh nonce")
    func resumeConsumedNonce() async throws {
        let chain = FakeChain()
        let (manager, _) = try makeManager(chain, fastManagerConfiguration())
        let prepared = try await manager.prepare(intent, signer: testSigner)
        chain.setMinedNonce(3, for: testSigner.address)
        let (restarted, _) = try makeManager(chain, fastManagerConfiguration())
        let log = PersistLog(chain: chain)
        let outcome = try await restarted.resume(persisted: [prepared.raw], signer: testSigner, persist: log.hook)
        #expect(outcome.transaction.nonce == 3)
        #expect(outcome.transaction.signed.transaction.data == intent.data)
        #expect(log.prepared.map(\.nonce) == [3])
    }

    @Test("resume refuses a transaction signed by another key")
    func resumeWrongSigner() async throws {
        let chain = FakeChain()
        let (manager, _) = try makeManager(chain, fastManagerConfiguration())
        let other = try EthereumSigner(
            privateKeyHex: "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d")
        let prepared = try await manager.prepare(intent, signer: other)
        await #expect(throws: TransactionError.self) {
            try await manager.resume(persisted: [prepared.raw], signer: testSigner, persist: { _ in })
        }
    }
}

@Suite("Fee quotes")
struct FeeQuoteTests {
    @Test("max fee = 2 × base fee + tip")
    func dynamicRule() {
        #expect(
            FeeQuote.dynamic(baseFee: U256(7), tip: U256(3))
                == .dynamic(maxFeePerGas: U256(17), maxPriorityFeePerGas: U256(3)))
    }

    @Test("a +12.5 % bump rounds up, adds at least one wei, and always clears geth's +10 % rule")
    func bumpRule() {
        #expect(FeeQuote.legacy(gasPrice: U256(1000)).bumped(perMille: 125) == .legacy(gasPrice: U256(1125)))
        #expect(FeeQuote.legacy(gasPrice: U256(7)).bumped(perMille: 125) == .legacy(gasPrice: U256(8)))
        #expect(FeeQuote.legacy(gasPrice: U256(0)).bumped(perMille: 125) == .legacy(gasPrice: U256(1)))
        for value in [UInt64(1), 9, 10, 99, 1_000_000_007, 30_000_000_000] {
            guard case .legacy(let bumped) = FeeQuote.legacy(gasPrice: U256(value)).bumped(perMille: 125) else {
                Issue.record("kind changed")
                continue
            }
            #expect(bumped * U256(100) >= U256(value) * U256(110))
        }
        #expect(FeeQuote.legacy(gasPrice: .max).bumped(perMille: 125) == .legacy(gasPrice: .max))
    }
}
