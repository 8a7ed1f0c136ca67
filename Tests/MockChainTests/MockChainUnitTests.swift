import ChainTestSupport
import Ethereum
import Foundation
import MockChain
import Testing

/// In-process checks of the MockChain's building blocks against independent values.
@Suite("MockChain building blocks")
struct MockChainUnitTests {
    @Test("selectors match the published Fabstir values")
    func selectors() {
        #expect(Hex.encode(Market.submit.selector) == "0x7c5cb561")
        #expect(Hex.encode(Market.complete.selector) == "0x040138dd")
        #expect(Hex.encode(Market.create.selector) == "0xf4a8699e")
        #expect(Hex.encode(Market.timeout.selector) == "0x14a4ffa5")
        #expect(Hex.encode(Market.disputeWindow.selector) == "0x117f5f92")
        #expect(Hex.encode(Market.sessionJobs.selector) == "0xef39d372")
        #expect(Hex.encode(Market.getProof.selector) == "0x437ec743")
    }

    @Test("the marketplace lives where anvil/hardhat deploy account 0's first contract")
    func creationAddress() throws {
        let deployer = try EthereumAddress(parsing: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")
        #expect(
            MockChain.creationAddress(sender: deployer, nonce: 0).checksummed
                == "0x5FbDB2315678afecb367f032d93F642f64180aa3")
        #expect(
            MockChain.creationAddress(sender: deployer, nonce: 1).checksummed
                == "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512")
    }

    @Test("EIP-1559 base fee: −12.5 % when empty, +12.5 % when full, unchanged at target")
    func baseFee() {
        let gwei = U256(1_000_000_000)
        #expect(BaseFee.next(parentBaseFee: gwei, parentGasUsed: 0, parentGasLimit: 30_000_000) == U256(875_000_000))
        #expect(
            BaseFee.next(parentBaseFee: gwei, parentGasUsed: 30_000_000, parentGasLimit: 30_000_000)
                == U256(1_125_000_000))
        #expect(BaseFee.next(parentBaseFee: gwei, parentGasUsed: 15_000_000, parentGasLimit: 30_000_000) == gwei)
        #expect(BaseFee.next(parentBaseFee: U256(7), parentGasUsed: 0, parentGasLimit: 30_000_000) == U256(7))
        #expect(BaseFee.next(parentBaseFee: U256(7), parentGasUsed: 15_000_001, parentGasLimit: 30_000_000) == U256(8))
    }

    struct BloomCase: Decodable {
        let address: String
        let topics: [String]
        let bloom: String
    }

    struct BloomFile: Decodable {
        let source: String
        let cases: [BloomCase]
    }

    @Test("logs bloom matches eth-bloom")
    func logsBloom() throws {
        let url = try #require(Bundle.module.url(forResource: "Vectors/logs-bloom", withExtension: "json"))
        let file = try JSONDecoder().decode(BloomFile.self, from: Data(contentsOf: url))
        #expect(!file.cases.isEmpty)
        for item in file.cases {
            let log = LogEntry(
                address: try EthereumAddress(parsing: item.address), topics: try item.topics.map { try Hex.decode($0) },
                data: [1, 2, 3])
            #expect(Hex.encode(LogsBloom.of([log])) == item.bloom)
        }
    }

    @Test("same clock, same transactions → same blocks (deterministic)")
    func deterministic() async throws {
        var configuration = MockChainConfiguration()
        configuration.clock = { 1_800_000_000 }
        let first = try MockChain(configuration: configuration)
        let second = try MockChain(configuration: configuration)
        let sender = first.devAccounts[1]
        let raw = try sender.sign(
            .dynamicFee(
                chainId: 31337, nonce: 0, maxPriorityFeePerGas: U256(1), maxFeePerGas: U256(10_000_000_000),
                gasLimit: 21_000, to: first.devAccounts[2].address, value: U256(5))
        ).raw
        _ = try await first.sendRawTransaction(raw)
        _ = try await second.sendRawTransaction(raw)
        let a = try await first.dispatch(method: "eth_getBlockByNumber", params: ["latest", false])
        let b = try await second.dispatch(method: "eth_getBlockByNumber", params: ["latest", false])
        #expect(a == b)
        #expect(a["timestamp"] == .string("0x" + String(1_800_000_000, radix: 16)))
    }

    @Test("snapshots restore blocks, balances and the clock offset; older state is refused")
    func snapshots() async throws {
        let chain = try MockChain()
        let id = await chain.snapshot()
        let before = try await chain.dispatch(method: "eth_blockNumber", params: [])
        _ = try await chain.dispatch(method: "evm_increaseTime", params: ["0x10"])
        _ = try await chain.dispatch(method: "evm_mine", params: [])
        #expect(try await chain.dispatch(method: "eth_blockNumber", params: []) != before)
        #expect(await chain.revert(to: id))
        #expect(try await chain.dispatch(method: "eth_blockNumber", params: []) == before)
        #expect(await chain.revert(to: id) == false)  // consumed
        let account = JSONValue.string(chain.devAccounts[0].address.checksummed)
        await #expect(throws: MockChainError.self) {
            try await chain.dispatch(method: "eth_getBalance", params: [account, "0x0"])
        }
        #expect(try await chain.dispatch(method: "eth_getBalance", params: [account, before]) != .null)
    }

    @Test("notifications get no reply; a batch of notifications gets none at all")
    func notifications() async throws {
        let chain = try MockChain()
        #expect(await chain.handle(body: Array(#"{"jsonrpc":"2.0","method":"eth_chainId"}"#.utf8)) == nil)
        #expect(await chain.handle(body: Array(#"[{"jsonrpc":"2.0","method":"eth_chainId"}]"#.utf8)) == nil)
        let reply = await chain.handle(body: Array(#"{"jsonrpc":"2.0","id":7,"method":"eth_chainId"}"#.utf8))
        #expect(reply.map { String(decoding: $0, as: UTF8.self) } == #"{"id":7,"jsonrpc":"2.0","result":"0x7a69"}"#)
    }

    @Test("a chain id other than 31337 is enforced")
    func customChainId() async throws {
        var configuration = MockChainConfiguration()
        configuration.chainId = 84532
        let chain = try MockChain(configuration: configuration)
        let raw = try chain.devAccounts[1].sign(
            .dynamicFee(
                chainId: 31337, nonce: 0, maxPriorityFeePerGas: U256(1), maxFeePerGas: U256(10_000_000_000),
                gasLimit: 21_000, to: chain.devAccounts[2].address)
        ).raw
        do {
            _ = try await chain.sendRawTransaction(raw)
            Issue.record("a transaction for another chain was accepted")
        } catch {
            #expect(error.message == "invalid chain id: have 31337 want 84532")
            #expect(error.rpcCode == -32000)
        }
    }

    @Test("eth_feeHistory asking for every block of a young chain answers (no underflow)")
    func feeHistoryOfWholeChain() async throws {
        let chain = try MockChain()
        let head = try #require(try await chain.dispatch(method: "eth_blockNumber", params: []).stringValue)
        let count = try #require(try U256(parsing: head).uint64) + 1
        let history = try await chain.dispatch(
            method: "eth_feeHistory", params: [.string(U256(count + 5).hexQuantity), "latest", []])
        #expect(history["oldestBlock"] == "0x0")
        #expect(history["gasUsedRatio"]?.arrayValue?.count == Int(count))
    }
}
