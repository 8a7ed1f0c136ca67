import Ethereum
import Foundation
import Testing

@Suite("Transaction manager: fees, gas, nonces, persistence")
struct TransactionManagerTests {
    let intent = TransactionIntent(to: testRecipient, data: [0xde, 0xad, 0xbe, 0xef], value: U256(5))

    @Test("EIP-1559: max fee = 2 × base fee + tip, gas = estimate + 20 %, persisted before broadcast")
    func dynamicFees() async throws {
        let chain = FakeChain()
        let (manager, server) = try makeManager(chain, fastManagerConfiguration())
        let log = PersistLog(chain: chain)
        let outcome = try await manager.send(intent, signer: testSigner, persist: log.hook)
        let transaction = outcome.transaction.signed.transaction
        #expect(transaction.type == .dynamicFee)
        #expect(transaction.chainId == 84532)
        #expect(transaction.nonce == 0)
        #expect(transaction.maxPriorityFeePerGas == U256(100_000_000))
        #expect(transaction.maxFeePerGas == U256(2 * 1_000_000_000 + 100_000_000))
        #expect(transaction.gasLimit == 60_000)
        #expect(transaction.to == testRecipient)
        #expect(transaction.value == U256(5))
        #expect(outcome.receipt.succeeded)
        #expect(outcome.receipt.transactionHash == outcome.transaction.hash)
        #expect(log.prepared.map(\.hash) == [outcome.transaction.hash])
        #expect(log.broadcastsBefore == [0])
        #expect(chain.sent.count == 1)
        // The estimate was asked for the sender's call.
        let estimate = try #require(server.recorded.values.first { $0["method"] == "eth_estimateGas" })
        #expect(estimate["params"]?.arrayValue?.first?["from"] == .string(Hex.encode(testSigner.address.bytes)))
    }

    @Test("without baseFeePerGas the manager signs legacy EIP-155 transactions at eth_gasPrice")
    func legacyFallback() async throws {
        let chain = FakeChain(chainId: 1337)
        chain.configure { $0.eip1559 = false }
        let (manager, _) = try makeManager(chain, fastManagerConfiguration())
        let outcome = try await manager.send(intent, signer: testSigner, persist: { _ in })
        let transaction = outcome.transaction.signed.transaction
        #expect(transaction.type == .legacy)
        #expect(transaction.chainId == 1337)
        #expect(transaction.gasPrice == U256(3_000_000_000))
        // EIP-155: v = recovery id + 2 × chain id + 35.
        let v = outcome.transaction.signed.v
        #expect(v == U256(2 * 1337 + 35) || v == U256(2 * 1337 + 36))
    }

    @Test("a node without eth_maxPriorityFeePerGas gets the fee-history tip percentile")
    func tipFromFeeHistory() async throws {
        let chain = FakeChain()
        chain.configure {
            $0.supportsMaxPriorityFee = false
            $0.tip = 7_000
        }
        let (manager, _) = try makeManager(chain, fastManagerConfiguration())
        let fees = try await manager.currentFees()
        #expect(fees == .dynamic(maxFeePerGas: U256(2_000_007_000), maxPriorityFeePerGas: U256(7_000)))
    }

    @Test("consecutive and concurrent sends get consecutive nonces from one pending-count read")
    func nonceTracking() async throws {
        let chain = FakeChain()
        let (manager, server) = try makeManager(chain, fastManagerConfiguration())
        for expected in 0..<3 {
            let outcome = try await manager.send(intent, signer: testSigner, persist: { _ in })
            #expect(outcome.transaction.nonce == UInt64(expected))
        }
        let nonces = try await withThrowingTaskGroup(of: UInt64.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    try await manager.send(intent, signer: testSigner, persist: { _ in }).transaction.nonce
                }
            }
            return try await group.reduce(into: [UInt64]()) { $0.append($1) }
        }
        #expect(nonces.sorted() == Array(3..<13))
        #expect(server.methods.filter { $0 == "eth_getTransactionCount" }.count == 1)
        // Broadcast in nonce order: the node never saw a gap.
        #expect(chain.sent.map(\.transaction.nonce) == Array(0..<13))
    }

    @Test("nonce too low: the manager resynchronises from the chain and re-signs (persisting again)")
    func nonceResync() async throws {
        let chain = FakeChain()
        let (manager, _) = try makeManager(chain, fastManagerConfiguration())
        let log = PersistLog(chain: chain)
        _ = try await manager.send(intent, signer: testSigner, persist: log.hook)
        chain.setMinedNonce(7, for: testSigner.address)  // another process sent six transactions
        let outcome = try await manager.send(intent, signer: testSigner, persist: log.hook)
        #expect(outcome.transaction.nonce == 7)
        #expect(log.prepared.map(\.nonce) == [0, 1, 7])
        #expect(chain.sent.map(\.transaction.nonce) == [0, 1, 7])
        let next = try await manager.send(intent, signer: testSigner, persist: log.hook)
        #expect(next.transaction.nonce == 8)
    }

    @Test("a revert in eth_estimateGas is a typed error with the reason; nothing is signed or sent")
    func estimateRevert() async throws {
        let chain = FakeChain()
        chain.setEstimateRevert(["code": 3, "message": "execution reverted: Not host"])
        let (manager, _) = try makeManager(chain, fastManagerConfiguration())
        let log = PersistLog(chain: chain)
        do {
            _ = try await manager.send(intent, signer: testSigner, persist: log.hook)
            Issue.record("expected a revert")
        } catch {
            #expect(error.code == .reverted)
            #expect(error.revertReason == "Not host")
            #expect(error.rpcError?.code == .executionReverted)
        }
        #expect(log.prepared.isEmpty)
        #expect(chain.sent.isEmpty)
        chain.setEstimateRevert(nil)
        #expect(try await manager.send(intent, signer: testSigner, persist: log.hook).transaction.nonce == 0)
    }

    @Test("a transaction mined with status 0 is a reverted error carrying the receipt")
    func onChainRevert() async throws {
        let chain = FakeChain()
        chain.setRevertOnChain(true)
        let (manager, _) = try makeManager(chain, fastManagerConfiguration())
        do {
            _ = try await manager.send(intent, signer: testSigner, persist: { _ in })
            Issue.record("expected a revert")
        } catch {
            #expect(error.code == .reverted)
            #expect(error.receipt?.succeeded == false)
            #expect(error.hashes.count == 1)
        }
    }

    @Test("a failing persistence hook stops the broadcast and gives the nonce back")
    func persistFailure() async throws {
        let chain = FakeChain()
        let (manager, _) = try makeManager(chain, fastManagerConfiguration())
        let log = PersistLog(chain: chain)
        log.failing = true
        do {
            _ = try await manager.send(intent, signer: testSigner, persist: log.hook)
            Issue.record("expected a persistence failure")
        } catch {
            #expect(error.code == .persistenceFailed)
        }
        #expect(chain.sent.isEmpty)
        log.failing = false
        #expect(try await manager.send(intent, signer: testSigner, persist: log.hook).transaction.nonce == 0)
    }
}
