import Ethereum
import Foundation
import Testing

@Suite("Typed eth_* methods")
struct EthereumClientTests {
    /// A node that answers each method with a canned result and records the params.
    func node(_ answers: [String: JSONValue]) throws -> (EthereumClient, ScriptedRPCServer) {
        let server = try ScriptedRPCServer { request in
            guard let answer = answers[request.method] else {
                return ScriptedRPCServer.error(code: -32601, message: "method not found", id: request.id)
            }
            return ScriptedRPCServer.result(answer, id: request.id)
        }
        return (EthereumClient(try JSONRPCClient(configuration: .init(url: server.url, retry: fastRetry))), server)
    }

    let account = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8"
    let hash = "0x" + String(repeating: "ab", count: 32)

    @Test("quantities decode to UInt64 and U256 (wei above 2^64 included)")
    func quantities() async throws {
        let (eth, server) = try node([
            "eth_chainId": "0x14a34", "eth_blockNumber": "0x0", "eth_gasPrice": "0x3b9aca00",
            "eth_getBalance": "0x152d02c7e14af6800000", "eth_getTransactionCount": "0x7",
            "eth_maxPriorityFeePerGas": "0x5f5e100",
        ])
        let address = try EthereumAddress(parsing: account)
        #expect(try await eth.chainId() == 84532)
        #expect(try await eth.blockNumber() == 0)
        #expect(try await eth.gasPrice() == U256(1_000_000_000))
        #expect(try await eth.balance(of: address) == (try U256(parsing: "100000000000000000000000")))
        #expect(try await eth.transactionCount(of: address, at: .pending) == 7)
        #expect(try await eth.maxPriorityFeePerGas() == U256(100_000_000))
        let params = server.recorded.values.map { $0["params"] ?? nil }
        #expect(params[3] == [.string(account), "latest"])
        #expect(params[4] == [.string(account), "pending"])
    }

    @Test(
        "malformed quantities are invalidResponse errors naming the method",
        arguments: ["0x", "12", "0xzz", "0x1" + String(repeating: "0", count: 64)])
    func badQuantities(text: String) async throws {
        let (eth, _) = try node(["eth_getBalance": .string(text)])
        do {
            _ = try await eth.balance(of: .zero)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidResponse)
            #expect(error.method == "eth_getBalance")
        }
    }

    @Test("receipts, transactions, blocks and fee history decode; unknown ones are nil")
    func objects() async throws {
        let receipt: JSONValue = [
            "transactionHash": .string(hash), "blockNumber": "0x10", "blockHash": .string(hash),
            "transactionIndex": "0x1", "from": .string(account), "to": nil, "contractAddress": .string(account),
            "status": "0x1", "gasUsed": "0x5208", "cumulativeGasUsed": "0x5208", "effectiveGasPrice": "0x7",
            "type": "0x2", "logsBloom": "0x00",
            "logs": [
                [
                    "address": .string(account), "topics": [.string(hash)], "data": "0x01", "logIndex": "0x0",
                    "removed": false,
                ]
            ],
        ]
        let transaction: JSONValue = [
            "hash": .string(hash), "type": "0x2", "from": .string(account), "to": .string(account), "nonce": "0x3",
            "value": "0xde0b6b3a7640000", "gas": "0x5208", "maxFeePerGas": "0x2", "maxPriorityFeePerGas": "0x1",
            "gasPrice": "0x2", "input": "0x", "blockNumber": nil, "blockHash": nil,
        ]
        let block: JSONValue = [
            "number": "0x10", "hash": .string(hash), "parentHash": .string(hash), "timestamp": "0x6553f100",
            "baseFeePerGas": "0x3b9aca00", "gasLimit": "0x1c9c380", "gasUsed": "0x0", "miner": .string(account),
            "transactions": [.string(hash)],
        ]
        let history: JSONValue = [
            "oldestBlock": "0xd", "baseFeePerGas": ["0x1", "0x2", "0x3", "0x4"], "gasUsedRatio": [0.5, 0, 1.0],
            "reward": [["0x1"], ["0x2"], ["0x3"]],
        ]
        let (eth, server) = try node([
            "eth_getTransactionReceipt": receipt, "eth_getTransactionByHash": transaction,
            "eth_getBlockByNumber": block,
            "eth_feeHistory": history,
        ])
        let h = try EthereumHash(parsing: hash)
        let r = try #require(try await eth.transactionReceipt(h))
        #expect(r.succeeded && r.blockNumber == 16 && r.gasUsed == 21000 && r.to == nil && r.logs.count == 1)
        #expect(r.logs[0].data == [1])
        let t = try #require(try await eth.transaction(h))
        #expect(t.nonce == 3 && t.value == U256(1_000_000_000_000_000_000) && !t.isMined && t.type == 2)
        let b = try #require(try await eth.block(.number(16)))
        #expect(b.timestamp == 1_700_000_000 && b.baseFeePerGas == U256(1_000_000_000) && b.transactionHashes == [h])
        let f = try await eth.feeHistory(blockCount: 3, newest: .latest, rewardPercentiles: [50])
        #expect(f.nextBaseFee == 4 && f.gasUsedRatio == [0.5, 0, 1.0] && f.reward.count == 3)
        #expect(server.recorded.values.last?["params"] == ["0x3", "latest", [50.0]])
        #expect(server.recorded.values[2]["params"] == ["0x10", false])
        let (empty, _) = try node(["eth_getTransactionReceipt": nil, "eth_getTransactionByHash": nil])
        #expect(try await empty.transactionReceipt(h) == nil)
        #expect(try await empty.transaction(h) == nil)
    }

    @Test("eth_call and eth_estimateGas send the call object; a reverting call throws with the reason")
    func callAndEstimate() async throws {
        let server = try ScriptedRPCServer { request in
            switch request.method {
            case "eth_estimateGas": return ScriptedRPCServer.result("0x5208", id: request.id)
            case "eth_sendRawTransaction":
                return ScriptedRPCServer.result(.string("0x" + String(repeating: "cd", count: 32)), id: request.id)
            default:
                return ScriptedRPCServer.error(["code": 3, "message": "execution reverted: Not host"], id: request.id)
            }
        }
        let eth = EthereumClient(try JSONRPCClient(url: server.url))
        let request = CallRequest(
            from: try EthereumAddress(parsing: account), to: .zero, data: [0xab], value: U256(1), maxFeePerGas: U256(16)
        )
        #expect(try await eth.estimateGas(request) == 21000)
        #expect(
            server.recorded.values[0]["params"]
                == [
                    [
                        "from": .string(account), "to": .string(Hex.encode(EthereumAddress.zero.bytes)), "data": "0xab",
                        "value": "0x1", "maxFeePerGas": "0x10",
                    ]
                ])
        do {
            _ = try await eth.call(request)
            Issue.record("expected a revert")
        } catch {
            #expect(error.isRevert && error.revertReason == "Not host")
        }
        #expect(try await eth.sendRawTransaction([0x02, 0x01]).hex == "0x" + String(repeating: "cd", count: 32))
        #expect(server.recorded.values.last?["params"] == ["0x0201"])
    }

    @Test("dev-chain controls send evm_increaseTime and evm_mine")
    func devChain() async throws {
        let (eth, server) = try node(["evm_increaseTime": 3600, "evm_mine": "0x0"])
        try await eth.increaseTime(seconds: 3600)
        try await eth.mine()
        #expect(server.methods == ["evm_increaseTime", "evm_mine"])
        #expect(server.recorded.values[0]["params"] == [3600])
    }
}
