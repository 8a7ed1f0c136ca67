import Ethereum
import Foundation
import MockChain
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A chain under test reached only over JSON-RPC on loopback: an in-process MockChainServer, or the
/// devchain named by `DEVCHAIN_INFO` (its info file), so that the same scenarios run on both.
package final class ChainHarness: Sendable {
    package let url: String
    package let client: JSONRPCClient
    package let eth: EthereumClient
    package let accounts: [EthereumSigner]
    /// The accounts' private keys (public development keys), for child processes.
    package let privateKeys: [String]
    package let marketplace: EthereumAddress
    package let chainId: UInt64
    package let server: MockChainServer?

    package static let treasury = try! EthereumAddress(parsing: "0x000000000000000000000000000000000000fee1")

    private init(
        url: String, privateKeys: [String], marketplace: EthereumAddress, server: MockChainServer?
    )
        async throws
    {
        self.url = url
        self.privateKeys = privateKeys
        accounts = try privateKeys.map { try EthereumSigner(privateKeyHex: $0) }
        client = try JSONRPCClient(url: url)
        eth = EthereumClient(client)
        self.marketplace = marketplace
        self.server = server
        chainId = try await eth.chainId()
    }

    /// A fresh MockChain on a free port.
    package static func mockChain(
        _ configure: (inout MockChainConfiguration) -> Void = { _ in }
    ) async throws -> ChainHarness {
        var configuration = MockChainConfiguration()
        configuration.blockTime = 1  // as the devchain: blocks are sealed without transactions
        // As the devchain under `--manual-clock`: time moves only by evm_increaseTime, so boundaries are exact.
        let start = WallClock.now()
        configuration.clock = { start }
        configure(&configuration)
        let server = try await MockChainServer.start(configuration: configuration)
        return try await ChainHarness(
            url: server.url, privateKeys: DevAccounts.privateKeys, marketplace: server.chain.marketplaceAddress,
            server: server)
    }

    /// The devchain described by the JSON info file at `$DEVCHAIN_INFO`, or nil when unset.
    package static func devchain() async throws -> ChainHarness? {
        guard let path = ProcessInfo.processInfo.environment["DEVCHAIN_INFO"] else { return nil }
        let info = try JSONValue(parsing: String(contentsOfFile: path, encoding: .utf8))
        let url = try #require(info["rpcUrl"]?.stringValue)
        let market = try EthereumAddress(parsing: try #require(info["jobMarketplace"]?.stringValue))
        let keys = try #require(info["accounts"]?.arrayValue).compactMap { $0["privateKey"]?.stringValue }
        return try await ChainHarness(
            url: url, privateKeys: keys, marketplace: market, server: nil)
    }

    package func stop() async { await server?.stop() }

    // MARK: - Raw JSON-RPC

    package func rpc(_ method: String, _ params: [JSONValue] = []) async throws -> JSONValue {
        try await client.call(method, params)
    }

    /// The node's error for a call that must fail.
    package func rpcError(_ method: String, _ params: [JSONValue]) async throws -> RPCError {
        do {
            let result = try await client.call(method, params)
            Issue.record("\(method) succeeded with \(result) but an error was expected")
            throw RPCError(.invalidResponse, "unexpected success")
        } catch let error as RPCError {
            return error
        }
    }

    /// POSTs a raw body and returns the raw reply.
    package func post(_ body: String) async throws -> String {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        let (data, _) = try await URLSession.shared.data(for: request)
        return String(decoding: data, as: UTF8.self)
    }

    package func quantity(_ value: JSONValue) throws -> U256 { try U256(parsing: try #require(value.stringValue)) }

    // MARK: - Transactions

    package func nonce(_ address: EthereumAddress) async throws -> UInt64 {
        try #require(
            try quantity(try await rpc("eth_getTransactionCount", [.string(address.checksummed), "pending"])).uint64)
    }

    package func balance(_ address: EthereumAddress) async throws -> U256 {
        try quantity(try await rpc("eth_getBalance", [.string(address.checksummed), "latest"]))
    }

    package func baseFee() async throws -> U256 {
        try quantity(try #require(try await rpc("eth_getBlockByNumber", ["latest", false])["baseFeePerGas"]))
    }

    /// A signed type 2 transaction with sensible fees.
    package func sign(
        _ signer: EthereumSigner, to: EthereumAddress?, data: [UInt8] = [], value: U256 = .zero,
        gas: UInt64 = 1_000_000,
        nonce: UInt64? = nil, chainId: UInt64? = nil
    ) async throws -> SignedTransaction {
        let tip = U256(1_000_000_000)
        var next = nonce ?? 0
        if nonce == nil { next = try await self.nonce(signer.address) }
        let cap = try await baseFee() * U256(2) + tip
        return try signer.sign(
            .dynamicFee(
                chainId: chainId ?? self.chainId, nonce: next, maxPriorityFeePerGas: tip, maxFeePerGas: cap,
                gasLimit: gas, to: to, value: value, data: data))
    }

    /// Sends a signed transaction and returns its receipt (automine: available at once).
    package func send(_ signed: SignedTransaction) async throws -> JSONValue {
        let hash = try await rpc("eth_sendRawTransaction", [.string(Hex.encode(signed.raw))])
        #expect(hash.stringValue == Hex.encode(signed.hash))
        for _ in 0..<50 {
            let receipt = try await rpc("eth_getTransactionReceipt", [hash])
            if !receipt.isNull { return receipt }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw RPCError(.timeout, "no receipt for \(hash)")
    }

    /// Estimates, signs, sends and requires success; returns the receipt.
    @discardableResult
    package func transact(
        _ signer: EthereumSigner, _ data: [UInt8], value: U256 = .zero, to: EthereumAddress? = nil
    )
        async throws -> JSONValue
    {
        let target = to ?? marketplace
        var call: [String: JSONValue] = [
            "from": .string(signer.address.checksummed), "to": .string(target.checksummed),
            "input": .string(Hex.encode(data)),
        ]
        if !value.isZero { call["value"] = .string(value.hexQuantity) }
        let gas = try #require(try quantity(try await rpc("eth_estimateGas", [.object(call)])).uint64)
        let receipt = try await send(try await sign(signer, to: target, data: data, value: value, gas: gas))
        #expect(receipt["status"] == "0x1", "transaction failed: \(receipt)")
        return receipt
    }

    /// eth_call to the marketplace.
    package func call(_ data: [UInt8], from: EthereumAddress? = nil) async throws -> [UInt8] {
        var call: [String: JSONValue] = ["to": .string(marketplace.checksummed), "input": .string(Hex.encode(data))]
        if let from { call["from"] = .string(from.checksummed) }
        return try Hex.decode(try #require(try await rpc("eth_call", [.object(call), "latest"]).stringValue))
    }

    /// Requires that both eth_estimateGas and eth_call revert with `reason`, geth-style.
    package func expectRevert(
        _ reason: String, _ data: [UInt8], from: EthereumAddress, value: U256 = .zero,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        var call: [String: JSONValue] = [
            "from": .string(from.checksummed), "to": .string(marketplace.checksummed),
            "input": .string(Hex.encode(data)),
        ]
        if !value.isZero { call["value"] = .string(value.hexQuantity) }
        let expectedData = Hex.encode(
            RevertReason.errorSelector + (try ABICodec.encode([.string(reason)], as: [.string])))
        for method in ["eth_estimateGas", "eth_call"] {
            let error = try await rpcError(method, [.object(call)])
            #expect(error.nodeCode == 3, "\(method): \(error)", sourceLocation: sourceLocation)
            #expect(
                error.nodeMessage == "execution reverted: \(reason)", "\(method): \(error)",
                sourceLocation: sourceLocation)
            #expect(error.data?.stringValue == expectedData, "\(method): \(error)", sourceLocation: sourceLocation)
        }
    }

    /// Moves the chain clock forward and mines a block.
    package func advance(_ seconds: UInt64) async throws {
        _ = try await rpc("evm_increaseTime", [.string(U256(seconds).hexQuantity)])
        _ = try await rpc("evm_mine")
    }

    package func latestTimestamp() async throws -> U256 {
        try quantity(try #require(try await rpc("eth_getBlockByNumber", ["latest", false])["timestamp"]))
    }
}
