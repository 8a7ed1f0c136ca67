import ChainTestSupport
import Ethereum
import Foundation
import Testing

extension Scenarios {
    static func gethErrors(_ h: ChainHarness) async throws {
        let sender = h.accounts[3]
        let next = try await h.nonce(sender.address)
        func rejection(_ signed: SignedTransaction) async throws -> RPCError {
            try await h.rpcError("eth_sendRawTransaction", [.string(Hex.encode(signed.raw))])
        }
        var error = try await rejection(try await h.sign(sender, to: h.accounts[4].address, chainId: 1))
        #expect(error.nodeCode == -32000)
        #expect(error.nodeMessage == "invalid chain id: have 1 want 31337")
        // A legacy transaction without EIP-155 protection.
        let legacy = try sender.sign(
            .legacy(
                chainId: nil, nonce: next, gasPrice: U256(10_000_000_000), gasLimit: 21000, to: h.accounts[4].address))
        error = try await rejection(legacy)
        #expect(error.nodeMessage == "only replay-protected (EIP-155) transactions allowed over RPC")
        error = try await rejection(try await h.sign(sender, to: h.accounts[4].address, gas: 20_000))
        #expect(error.nodeMessage == "intrinsic gas too low: gas 20000, minimum needed 21000")
        let data = [UInt8](repeating: 1, count: 10) + [0, 0]  // 10 × 16 + 2 × 4 = 168
        error = try await rejection(try await h.sign(sender, to: h.accounts[4].address, data: data, gas: 21_100))
        #expect(error.nodeMessage == "intrinsic gas too low: gas 21100, minimum needed 21168")
        error = try await rejection(try await h.sign(sender, to: h.accounts[4].address, nonce: next + 2))
        #expect(error.nodeMessage == "nonce too high: tx nonce \(next + 2), gapped nonce \(next)")
        _ = try await h.send(try await h.sign(sender, to: h.accounts[4].address, value: U256(5), gas: 21000))
        error = try await rejection(try await h.sign(sender, to: h.accounts[4].address, nonce: next))
        #expect(error.nodeMessage == "nonce too low: next nonce \(next + 1), tx nonce \(next)")
        // Fee cap under the base fee.
        let baseFee = try await h.baseFee()
        let cheap = try sender.sign(
            .dynamicFee(
                chainId: h.chainId, nonce: next + 1, maxPriorityFeePerGas: .zero, maxFeePerGas: U256(1),
                gasLimit: 21000,
                to: h.accounts[4].address))
        error = try await rejection(cheap)
        #expect(
            error.nodeMessage?.hasPrefix(
                "max fee per gas less than block base fee: address \(sender.address.checksummed), maxFeePerGas: 1, baseFee: "
            ) == true)
        #expect(baseFee > U256(1))
        // A funded-less key.
        let poor = try EthereumSigner(privateKey: Keccak256.hash("mockchain scenario: an account without funds"))
        error = try await rejection(try await h.sign(poor, to: h.accounts[4].address, value: U256(1), gas: 21000))
        #expect(error.nodeMessage?.hasPrefix("insufficient funds for gas * price + value: balance 0, tx cost ") == true)
        // Tip above the fee cap.
        do {
            let inverted = try sender.sign(
                .dynamicFee(
                    chainId: h.chainId, nonce: next + 1, maxPriorityFeePerGas: U256(3_000_000_000),
                    maxFeePerGas: U256(2_000_000_000), gasLimit: 21000, to: h.accounts[4].address))
            error = try await rejection(inverted)
            #expect(error.nodeMessage?.hasPrefix("max priority fee per gas higher than max fee per gas") == true)
        } catch {
            // The Ethereum target refuses to sign such a transaction; nothing to send.
        }
        // eth_call / eth_estimateGas of a value the sender does not have.
        let call: JSONValue = [
            "from": .string(poor.address.checksummed), "to": .string(h.accounts[4].address.checksummed), "value": "0x1",
        ]
        error = try await h.rpcError("eth_call", [call])
        #expect(error.nodeMessage?.hasPrefix("insufficient funds for gas * price + value") == true)
        // A fee-less call from an account without balance is fine (geth runs fee-less calls).
        #expect(try await h.call(try Market.disputeWindow.encodeCall([]), from: poor.address).count == 32)
        // Transfers estimate at exactly 21000.
        #expect(
            try await h.rpc(
                "eth_estimateGas",
                [
                    [
                        "from": .string(sender.address.checksummed), "to": .string(h.accounts[4].address.checksummed),
                        "value": "0x1",
                    ]
                ])
                == "0x5208")
    }

    static func failedReceipt(_ h: ChainHarness) async throws {
        let sender = h.accounts[3]
        let nonce = try await h.nonce(sender.address)
        let before = try await h.balance(sender.address)
        let data = try Market.submitData(U256(42), tokens: U256(100), hash: Market.proofHash("x"))
        let receipt = try await h.send(try await h.sign(sender, to: h.marketplace, data: data, gas: 200_000))
        #expect(receipt["status"] == "0x0")
        #expect(receipt["logs"] == [])
        #expect(receipt["contractAddress"] == .null)
        #expect(receipt["to"]?.stringValue == Hex.encode(h.marketplace.bytes))
        #expect(try await h.nonce(sender.address) == nonce + 1)
        #expect(try await h.balance(sender.address) == before - (try h.fee(receipt)))
        let used = try h.quantity(try #require(receipt["gasUsed"]))
        #expect(used > U256(21_000) && used < U256(200_000))
        // Out of gas: every unit of the limit is charged, nothing happens.
        let depositor = h.accounts[1]
        let create = try Market.createData(host: h.accounts[2].address)
        let starving = try await h.send(
            try await h.sign(
                depositor, to: h.marketplace, data: create, value: Market.oneEther / U256(100), gas: 30_000))
        #expect(starving["status"] == "0x0")
        #expect(starving["gasUsed"] == "0x7530")
        #expect(try await h.session(U256(1)).id == .zero)
        // A transaction lookup returns the fields as sent.
        let tx = try await h.rpc("eth_getTransactionByHash", [try #require(receipt["transactionHash"])])
        #expect(tx["from"]?.stringValue == Hex.encode(sender.address.bytes))
        #expect(tx["input"]?.stringValue == Hex.encode(data))
        #expect(tx["type"] == "0x2")
        #expect(tx["blockNumber"] == receipt["blockNumber"])
        let unknown = Hex.encode([UInt8](repeating: 0xAB, count: 32))
        #expect(try await h.rpc("eth_getTransactionReceipt", [.string(unknown)]) == .null)
        #expect(try await h.rpc("eth_getTransactionByHash", [.string(unknown)]) == .null)
    }

    static func logFilters(_ h: ChainHarness) async throws {
        let host = h.accounts[2]
        let start = try await h.rpc("eth_blockNumber")
        let job1 = try await h.createSession()
        let job2 = try await h.createSession(depositor: h.accounts[3])
        try await h.advance(2)
        let r1 = try await h.transact(
            host, try Market.submitData(job1, tokens: U256(1000), hash: Market.proofHash("l1")))
        let r2 = try await h.transact(
            host, try Market.submitData(job2, tokens: U256(1000), hash: Market.proofHash("l2")))
        let market: JSONValue = .string(h.marketplace.checksummed)
        func logs(_ filter: JSONValue) async throws -> [JSONValue] {
            try #require(try await h.rpc("eth_getLogs", [filter]).arrayValue)
        }
        #expect(try await logs(["address": market, "fromBlock": start]).count == 4)
        #expect(
            try await logs(["address": market, "fromBlock": start, "topics": [.string(Market.proofSubmitted)]]).count
                == 2)
        let both = try await logs([
            "address": [market], "fromBlock": start,
            "topics": [[.string(Market.proofSubmitted), .string(Market.sessionCreated)]],
        ])
        #expect(both.count == 4)
        let second = try await logs(["fromBlock": start, "topics": [nil, .string(Market.topic(job2))]])
        #expect(second.count == 2)
        #expect(
            try await logs([
                "fromBlock": start, "topics": [nil, [.string(Market.topic(job1)), .string(Market.topic(job2))]],
            ]).count == 4)
        #expect(
            try await logs(["fromBlock": start, "topics": [[], nil, .string(Market.topic(host.address))]]).count == 2)
        #expect(try await logs(["fromBlock": start, "address": .string(h.accounts[5].address.checksummed)]).isEmpty)
        // Block ranges and block hashes.
        let only = try await logs([
            "fromBlock": try #require(r2["blockNumber"]), "toBlock": try #require(r2["blockNumber"]),
        ])
        #expect(only.count == 1)
        #expect(only.first?["transactionHash"] == r2["transactionHash"])
        let byHash = try await logs(["blockHash": try #require(r1["blockHash"])])
        #expect(byHash.count == 1)
        #expect(byHash.first?["logIndex"] == "0x0")
        #expect(byHash.first?["blockNumber"] == r1["blockNumber"])
        #expect(
            try await logs(["fromBlock": "0x0", "toBlock": "0xffffff", "topics": [.string(Market.proofSubmitted)]])
                .count == 2)
        var error = try await h.rpcError("eth_getLogs", [["fromBlock": "0x5", "toBlock": "0x4"]])
        #expect(error.nodeCode == -32000 && error.nodeMessage == "invalid block range params")
        error = try await h.rpcError("eth_getLogs", [["blockHash": try #require(r1["blockHash"]), "fromBlock": "0x1"]])
        #expect(error.nodeCode == -32602)
        error = try await h.rpcError(
            "eth_getLogs", [["blockHash": .string(Hex.encode([UInt8](repeating: 7, count: 32)))]])
        #expect(error.nodeCode == -32000 && error.nodeMessage == "unknown block")
    }

    static func timeControls(_ h: ChainHarness) async throws {
        let number = try h.quantity(try await h.rpc("eth_blockNumber"))
        let stamp = try await h.latestTimestamp()
        let offset = try h.quantity(try await h.rpc("evm_increaseTime", ["0x64"]))
        #expect(offset >= U256(100))
        #expect(try await h.rpc("evm_mine") == "0x0")
        #expect(try h.quantity(try await h.rpc("eth_blockNumber")) >= number + U256(1))  // the timer may seal too
        #expect(try await h.latestTimestamp() >= stamp + U256(100))
        let target = try await h.latestTimestamp() + U256(1000)
        #expect(try await h.rpc("evm_setNextBlockTimestamp", [.string(target.hexQuantity)]) == true)
        _ = try await h.rpc("evm_mine")
        #expect(try await h.latestTimestamp() == target)
        _ = try await h.rpc("evm_mine")
        #expect(try await h.latestTimestamp() >= target)  // later blocks continue from it
        let error = try await h.rpcError("evm_setNextBlockTimestamp", [.string((target - U256(5000)).hexQuantity)])
        #expect(error.nodeCode == -32000)
        // Blocks: base fee falls 12.5 % per empty block (EIP-1559).
        _ = try await h.rpc("evm_mine")
        let child = try await h.rpc("eth_getBlockByNumber", ["latest", true])
        let childNumber = try h.quantity(try #require(child["number"]))
        let parent = try await h.rpc("eth_getBlockByNumber", [.string((childNumber - U256(1)).hexQuantity), false])
        #expect(parent["gasUsed"] == "0x0")
        let parentFee = try h.quantity(try #require(parent["baseFeePerGas"]))
        #expect(
            try h.quantity(try #require(child["baseFeePerGas"])) == parentFee - parentFee * U256(15_000_000)
                / U256(15_000_000) / U256(8))
        #expect(child["parentHash"] == parent["hash"])
        #expect(try await h.rpc("eth_getBlockByNumber", ["0xffffff", false]) == .null)
        let history = try await h.rpc("eth_feeHistory", ["0x2", "latest", [50]])
        #expect(history["baseFeePerGas"]?.arrayValue?.count == 3)
        #expect(history["gasUsedRatio"]?.arrayValue?.count == 2)
        #expect(history["reward"]?.arrayValue?.count == 2)
        // Asking for more blocks than exist (a young chain) returns all of them from genesis, as geth does.
        let head = try h.quantity(try await h.rpc("eth_blockNumber"))
        let all = try await h.rpc("eth_feeHistory", ["0x400", "latest", [50]])
        #expect(all["oldestBlock"] == "0x0")
        #expect(all["gasUsedRatio"]?.arrayValue?.count == Int(try #require((head + U256(1)).uint64)))
    }

    static func envelope(_ h: ChainHarness) async throws {
        let replies = try await h.client.sendBatch([
            RPCCall("eth_chainId"), RPCCall("net_version"), RPCCall("no_such_method"),
        ])
        #expect(try replies[0].get() == "0x7a69")
        #expect(try replies[1].get() == "31337")
        guard case .failure(let error) = replies[2] else {
            Issue.record("an unknown method succeeded")
            return
        }
        #expect(error.nodeCode == -32601)
        #expect(error.nodeMessage == "the method no_such_method does not exist/is not available")
        let parse = try JSONValue(parsing: try await h.post("{not json"))
        #expect(parse["error"]?["code"] == -32700)
        let empty = try JSONValue(parsing: try await h.post("[]"))
        #expect(empty["error"]?["code"] == -32600)
        let invalid = try JSONValue(parsing: try await h.post(#"{"id":1,"method":"eth_chainId"}"#))
        #expect(invalid["error"]?["code"] == -32600)
        let mixed = try JSONValue(
            parsing: try await h.post(
                #"[{"jsonrpc":"2.0","method":"eth_chainId"},{"jsonrpc":"2.0","id":"x","method":"eth_chainId"}]"#))
        #expect(mixed == [["jsonrpc": "2.0", "id": "x", "result": "0x7a69"]])
        let bad = try await h.rpcError("eth_getBalance", ["0x1234", "latest"])
        #expect(bad.nodeCode == -32602)
    }

    static func parallelSessions(_ h: ChainHarness) async throws {
        let funder = h.accounts[5]
        var pairs: [(EthereumSigner, EthereumSigner)] = []
        for index in 0..<20 {
            let depositor = try EthereumSigner(privateKey: Keccak256.hash("mockchain parallel depositor \(index)"))
            let host = try EthereumSigner(privateKey: Keccak256.hash("mockchain parallel host \(index)"))
            for account in [depositor, host] {
                try await h.transact(funder, [], value: Market.oneEther, to: account.address)
            }
            pairs.append((depositor, host))
        }
        let treasuryBefore = try await h.balance(ChainHarness.treasury)
        let pairList = pairs
        let created = try await withThrowingTaskGroup(of: (Int, U256).self) { group in
            for (index, (depositor, host)) in pairList.enumerated() {
                group.addTask { (index, try await h.createSession(depositor: depositor, host: host)) }
            }
            var out: [Int: U256] = [:]
            for try await (index, job) in group { out[index] = job }
            return out
        }
        // The 2000-tokens-per-second rule: the host waits (here: the chain clock moves a second) rather
        // than reverting with "Too many".
        try await h.advance(1)
        let jobs = try await withThrowingTaskGroup(of: U256.self) { group in
            for (index, (depositor, host)) in pairList.enumerated() {
                let job = try #require(created[index])
                group.addTask {
                    try await h.transact(
                        host, try Market.submitData(job, tokens: U256(1000), hash: Market.proofHash("p\(index)")))
                    try await h.transact(depositor, try Market.completeData(job))
                    return job
                }
            }
            var out: [U256] = []
            for try await job in group { out.append(job) }
            return out
        }
        #expect(Set(jobs).count == 20)
        #expect(Set(jobs) == Set((1...20).map { U256(UInt64($0)) }))
        let fee = U256(1000) * U256(1_000_000_000_000) / U256(1000) / U256(10)
        #expect(try await h.balance(ChainHarness.treasury) == treasuryBefore + fee * U256(20))
        for job in jobs {
            let session = try await h.session(job)
            #expect(session.status == .completed)
            #expect(session.withdrawnByHost == U256(900_000_000_000))
        }
    }
}
