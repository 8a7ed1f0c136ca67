import ChainTestSupport
import Ethereum
import Testing

/// The scenario list shared by the MockChain and the devchain runs (issue 7: the same suite on both).
enum Scenarios {
    static let all: [Scenario] = [
        Scenario(name: "chain basics and the deployment", body: chainBasics),
        Scenario(name: "session creation, ids from 1, event and sessionJobs", body: createSession),
        Scenario(name: "createSessionJobForModel revert strings in order", body: createReverts),
        Scenario(name: "submitProofOfWork revert strings in order", body: submitReverts),
        Scenario(name: "proof events and getProofSubmission", body: proofEvents),
        Scenario(name: "completion by the depositor pays exactly", body: depositorCompletes),
        Scenario(name: "host waits for the dispute window", body: disputeWindow),
        Scenario(name: "timeout by anyone pays exactly", body: timeout),
        Scenario(name: "geth rejection strings", body: gethErrors),
        Scenario(name: "a reverting transaction is mined with status 0", body: failedReceipt),
        Scenario(name: "eth_getLogs filters", body: logFilters),
        Scenario(name: "time controls", body: timeControls),
        Scenario(name: "batches and envelope errors", body: envelope),
        Scenario(name: "20 sessions in parallel", body: parallelSessions),
        Scenario(name: "reverts without a reason, and the maxDuration timeout", body: edges),
    ]

    static func chainBasics(_ h: ChainHarness) async throws {
        #expect(try await h.rpc("eth_chainId") == "0x7a69")
        #expect(try await h.rpc("net_version") == "31337")
        #expect(h.marketplace == (try EthereumAddress(parsing: "0x5FbDB2315678afecb367f032d93F642f64180aa3")))
        let code = try #require(
            try await h.rpc("eth_getCode", [.string(h.marketplace.checksummed), "latest"]).stringValue)
        #expect(code.count > 2)
        #expect(try await h.nonce(h.accounts[0].address) >= 1)  // account 0 deployed the marketplace
        for account in h.accounts.dropFirst() {
            #expect(try await h.balance(account.address) == U256(10_000) * Market.oneEther)
        }
        let window = try await h.call(try Market.disputeWindow.encodeCall([]))
        #expect(window == U256(30).bigEndianBytes)
        #expect(try await h.rpc("eth_maxPriorityFeePerGas") == "0x3b9aca00")
        #expect(try await h.rpc("eth_blockNumber").stringValue != "0x0")
    }

    static func createSession(_ h: ChainHarness) async throws {
        let before = try await h.balance(h.marketplace)
        let deposit = Market.oneEther / U256(100)
        let receipt = try await h.transact(
            h.accounts[1], try Market.createData(host: h.accounts[2].address), value: deposit)
        let log = try #require(receipt["logs"]?[0])
        #expect(log["address"]?.stringValue == Hex.encode(h.marketplace.bytes))
        #expect(
            log["topics"]
                == .array([
                    .string(Market.sessionCreated), .string(Market.topic(U256(1))),
                    .string(Market.topic(h.accounts[1].address)), .string(Market.topic(h.accounts[2].address)),
                ]))
        #expect(log["data"]?.stringValue == Hex.encode(Market.modelId + deposit.bigEndianBytes))
        #expect(try await h.balance(h.marketplace) == before + deposit)
        let job = try await h.session(U256(1))
        #expect(job.id == U256(1))
        #expect(job.depositor == h.accounts[1].address)
        #expect(job.host == h.accounts[2].address)
        #expect(job.deposit == deposit)
        #expect(job.status == .active)
        #expect(job.lastProofTime == job.startTime)
        let block = try await h.rpc("eth_getBlockByNumber", [try #require(receipt["blockNumber"]), false])
        #expect(job.startTime == (try h.quantity(try #require(block["timestamp"]))))
        #expect(try await h.createSession() == U256(2))
        let never = try await h.session(U256(99))
        #expect(never.id == .zero && never.host == .zero)
    }

    static func createReverts(_ h: ChainHarness) async throws {
        let from = h.accounts[1].address
        let host = h.accounts[2].address
        let ok = Market.oneEther / U256(100)
        // Each case also breaks every later rule, so only the order decides which string comes out.
        try await h.expectRevert(
            "Low deposit", try Market.createData(host: .zero, price: .zero, duration: .zero), from: from,
            value: Market.minDeposit - U256(1))
        try await h.expectRevert(
            "Bad price", try Market.createData(host: .zero, price: .zero, duration: .zero, interval: U256(5)),
            from: from,
            value: ok)
        try await h.expectRevert(
            "Bad dur", try Market.createData(host: .zero, duration: .zero, interval: U256(5)), from: from, value: ok)
        try await h.expectRevert(
            "Bad dur", try Market.createData(host: host, duration: U256(365 * 86_400 + 1)), from: from, value: ok)
        try await h.expectRevert(
            "Low interval", try Market.createData(host: .zero, interval: U256(99), timeout: U256(59)), from: from,
            value: ok)
        try await h.expectRevert(
            "Bad timeout", try Market.createData(host: .zero, timeout: U256(59)), from: from, value: ok)
        try await h.expectRevert(
            "Bad timeout", try Market.createData(host: host, timeout: U256(3601)), from: from, value: ok)
        try await h.expectRevert("No host", try Market.createData(host: .zero), from: from, value: ok)
        // deposit × 1000 / price must cover one proof interval: 1e14 × 1000 / 1e15 = 100 < 1000.
        try await h.expectRevert(
            "Low deposit", try Market.createData(host: host, price: U256(1_000_000_000_000_000)), from: from,
            value: Market.minDeposit)
        // The limits themselves are accepted.
        _ = try await h.createSession(
            deposit: Market.minDeposit, price: U256(100_000_000_000), interval: U256(100), timeout: U256(60),
            duration: U256(365 * 86_400))
        _ = try await h.createSession(timeout: U256(3600))
    }

    static func submitReverts(_ h: ChainHarness) async throws {
        let host = h.accounts[2]
        // 1e16 wei at 1e12 per 1000 tokens covers 10,000,000 tokens; use a small deposit instead:
        // 1e14 × 1000 / 1e11 = 1,000,000 → price 1e11 with deposit 1e14 covers 1,000,000 tokens.
        let job = try await h.createSession(deposit: Market.minDeposit, price: U256(100_000_000_000))
        let hash = Market.proofHash("a")
        try await h.expectRevert(
            "Not active", try Market.submitData(U256(77), tokens: U256(1), hash: hash), from: h.accounts[3].address)
        try await h.expectRevert(
            "Not host", try Market.submitData(job, tokens: U256(1), hash: hash), from: h.accounts[3].address)
        try await h.expectRevert(
            "Min tokens", try Market.submitData(job, tokens: U256(99), hash: hash), from: host.address)
        try await h.expectRevert(
            "Low first", try Market.submitData(job, tokens: U256(999), hash: hash), from: host.address)
        // No time has passed since the session started (same timestamp at most one second later).
        try await h.advance(1)
        try await h.expectRevert(
            "Too many", try Market.submitData(job, tokens: U256(100_000), hash: hash), from: host.address)
        try await h.advance(1000)
        try await h.expectRevert(
            "Exceeds deposit", try Market.submitData(job, tokens: U256(1_000_001), hash: hash), from: host.address)
        try await h.transact(host, try Market.submitData(job, tokens: U256(1_000_000), hash: hash))
        try await h.advance(10)
        try await h.expectRevert(
            "Exceeds deposit", try Market.submitData(job, tokens: U256(100), hash: hash), from: host.address)
        // Proof hashes are unique across sessions.
        let other = try await h.createSession()
        try await h.advance(10)
        try await h.expectRevert(
            "Proof already used", try Market.submitData(other, tokens: U256(1000), hash: hash), from: host.address)
        try await h.transact(host, try Market.submitData(other, tokens: U256(1000), hash: Market.proofHash("b")))
        // After the first proof, any claim of at least 100 is fine (no "Low first").
        try await h.advance(1)
        try await h.transact(host, try Market.submitData(other, tokens: U256(100), hash: Market.proofHash("c")))
        // Completed sessions are not active.
        try await h.transact(h.accounts[1], try Market.completeData(other))
        try await h.expectRevert(
            "Not active", try Market.submitData(other, tokens: U256(100), hash: Market.proofHash("d")),
            from: host.address)
        try await h.expectRevert("Not active", try Market.completeData(other), from: h.accounts[1].address)
        try await h.expectRevert("Not active", try Market.completeData(U256(55)), from: h.accounts[1].address)
        try await h.expectRevert(
            "Not active", try Market.timeout.encodeCall([.uint(U256(55))]), from: h.accounts[1].address)
    }

    static func proofEvents(_ h: ChainHarness) async throws {
        let host = h.accounts[2]
        let job = try await h.createSession()
        try await h.advance(2)
        let hash = Market.proofHash("e")
        let receipt = try await h.transact(
            host, try Market.submitData(job, tokens: U256(1500), hash: hash, cid: "bafyproofcid", delta: "bafydelta"))
        let log = try #require(receipt["logs"]?[0])
        #expect(
            log["topics"]
                == .array([
                    .string(Market.proofSubmitted), .string(Market.topic(job)), .string(Market.topic(host.address)),
                ]))
        let data = try ABICodec.encode(
            [.uint(U256(1500)), .fixedBytes(hash), .string("bafyproofcid"), .string("bafydelta")],
            as: [.uint(256), .fixedBytes(32), .string, .string])
        #expect(log["data"]?.stringValue == Hex.encode(data))
        let proof = try ProofSubmission(
            returnData: try await h.call(try Market.getProof.encodeCall([.uint(job), .uint(.zero)])))
        #expect(proof.proofHash == hash)
        #expect(proof.tokensClaimed == U256(1500))
        #expect(proof.verified == false)
        #expect(proof.deltaCID == "bafydelta")
        let blockNumber = try #require(receipt["blockNumber"])
        let block = try await h.rpc("eth_getBlockByNumber", [blockNumber, false])
        #expect(proof.timestamp == (try h.quantity(try #require(block["timestamp"]))))
        try await h.expectRevert(
            "Bad index", try Market.getProof.encodeCall([.uint(job), .uint(U256(1))]), from: host.address)
        let session = try await h.session(job)
        #expect(session.tokensUsed == U256(1500))
        #expect(session.lastProofHash == hash)
        #expect(session.lastProofCID == "bafyproofcid")
        #expect(session.lastProofTime == proof.timestamp)
    }

    static func depositorCompletes(_ h: ChainHarness) async throws {
        let depositor = h.accounts[1]
        let host = h.accounts[2]
        let deposit = Market.oneEther / U256(100)  // 1e16
        let price = U256(3_000_000_000_007)  // wei per 1000 tokens: exercises floor division
        let job = try await h.createSession(deposit: deposit, price: price)
        try await h.advance(5)
        try await h.transact(host, try Market.submitData(job, tokens: U256(1234), hash: Market.proofHash("f1")))
        try await h.advance(5)
        try await h.transact(host, try Market.submitData(job, tokens: U256(777), hash: Market.proofHash("f2")))
        let hostBefore = try await h.balance(host.address)
        let treasuryBefore = try await h.balance(ChainHarness.treasury)
        let depositorBefore = try await h.balance(depositor.address)
        let receipt = try await h.transact(depositor, try Market.completeData(job, cid: "bafyconv"))
        let tokens = U256(2011)
        let payment = tokens * price / U256(1000)
        let fee = payment * U256(1000) / U256(10_000)
        let refund = deposit - payment
        #expect(try await h.balance(host.address) == hostBefore + payment - fee)
        #expect(try await h.balance(ChainHarness.treasury) == treasuryBefore + fee)
        #expect(try await h.balance(depositor.address) == depositorBefore + refund - (try h.fee(receipt)))
        let logs = try #require(receipt["logs"]?.arrayValue)
        #expect(logs.count == 2)
        #expect(logs[0]["topics"] == .array([.string(Market.sessionCompleted), .string(Market.topic(job))]))
        #expect(
            logs[0]["data"]?.stringValue
                == Hex.encode(tokens.bigEndianBytes + (payment - fee).bigEndianBytes + refund.bigEndianBytes))
        #expect(
            logs[1]["topics"]
                == .array([
                    .string(Market.sessionCompletedBy), .string(Market.topic(job)),
                    .string(Market.topic(depositor.address)),
                ]))
        #expect(
            logs[1]["data"]?.stringValue
                == Hex.encode(tokens.bigEndianBytes + payment.bigEndianBytes + refund.bigEndianBytes))
        let session = try await h.session(job)
        #expect(session.status == .completed)
        #expect(session.withdrawnByHost == payment - fee)
        #expect(session.refundedToUser == refund)
        #expect(session.conversationCID == "bafyconv")
    }

    static func disputeWindow(_ h: ChainHarness) async throws {
        let host = h.accounts[2]
        let job = try await h.createSession()
        try await h.advance(1)
        try await h.transact(host, try Market.submitData(job, tokens: U256(1000), hash: Market.proofHash("g")))
        try await h.expectRevert("Not depositor or host", try Market.completeData(job), from: h.accounts[3].address)
        try await h.expectRevert("Dispute wait", try Market.completeData(job), from: host.address)
        try await h.advance(20)
        try await h.expectRevert("Dispute wait", try Market.completeData(job), from: host.address)
        try await h.advance(10)
        let receipt = try await h.transact(host, try Market.completeData(job))
        let logs = try #require(receipt["logs"]?.arrayValue)
        #expect(logs[1]["topics"]?[2] == .string(Market.topic(host.address)))
    }

    static func timeout(_ h: ChainHarness) async throws {
        let depositor = h.accounts[1]
        let host = h.accounts[2]
        let deposit = Market.oneEther / U256(100)
        let job = try await h.createSession(deposit: deposit, timeout: U256(60))
        try await h.advance(1)
        try await h.transact(host, try Market.submitData(job, tokens: U256(1000), hash: Market.proofHash("h")))
        let trigger = try Market.timeout.encodeCall([.uint(job)])
        try await h.expectRevert("Not timeout", trigger, from: h.accounts[3].address)
        try await h.advance(60)  // now == lastProofTime + 60: not yet (strictly greater is required)
        try await h.expectRevert("Not timeout", trigger, from: h.accounts[3].address)
        try await h.advance(1)
        let hostBefore = try await h.balance(host.address)
        let depositorBefore = try await h.balance(depositor.address)
        let treasuryBefore = try await h.balance(ChainHarness.treasury)
        let receipt = try await h.transact(h.accounts[3], trigger)
        let payment = U256(1000) * U256(1_000_000_000_000) / U256(1000)
        let fee = payment / U256(10)
        #expect(try await h.balance(host.address) == hostBefore + payment - fee)
        #expect(try await h.balance(depositor.address) == depositorBefore + deposit - payment)
        #expect(try await h.balance(ChainHarness.treasury) == treasuryBefore + fee)
        let log = try #require(receipt["logs"]?[0])
        #expect(log["topics"] == .array([.string(Market.sessionTimedOut), .string(Market.topic(job))]))
        #expect(
            log["data"]?.stringValue == Hex.encode((payment - fee).bigEndianBytes + (deposit - payment).bigEndianBytes))
        #expect(try await h.session(job).status == .timedOut)
        try await h.expectRevert("Not active", try Market.completeData(job), from: depositor.address)
    }
}
