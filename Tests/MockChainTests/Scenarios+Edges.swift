import ChainTestSupport
import Ethereum
import Testing

extension Scenarios {
    /// Reverts without a reason (Vyper's bounds and dispatch checks) and the maxDuration timeout.
    static func edges(_ h: ChainHarness) async throws {
        let host = h.accounts[2]
        let job = try await h.createSession(timeout: U256(3600), duration: U256(100))
        try await h.advance(2)
        func expectBareRevert(_ data: [UInt8], from: EthereumAddress, value: U256 = .zero) async throws {
            var call: [String: JSONValue] = [
                "from": .string(from.checksummed), "to": .string(h.marketplace.checksummed),
                "input": .string(Hex.encode(data)),
            ]
            if !value.isZero { call["value"] = .string(value.hexQuantity) }
            for method in ["eth_estimateGas", "eth_call"] {
                let error = try await h.rpcError(method, [.object(call)])
                #expect(error.nodeCode == 3, "\(method): \(error)")
                #expect(error.nodeMessage == "execution reverted", "\(method): \(error)")
                #expect(error.data?.stringValue == "0x", "\(method): \(error)")
            }
        }
        let long = String(repeating: "b", count: 1025)
        try await expectBareRevert(
            try Market.submitData(job, tokens: U256(1000), hash: Market.proofHash("long"), cid: long),
            from: host.address)
        try await expectBareRevert(
            try Market.submitData(job, tokens: U256(1000), hash: Market.proofHash("long"), delta: long),
            from: host.address)
        try await expectBareRevert(try Market.completeData(job, cid: long), from: h.accounts[1].address)
        try await expectBareRevert([0xDE, 0xAD, 0xBE, 0xEF], from: host.address)  // unknown selector
        try await expectBareRevert([], from: host.address, value: U256(1))  // plain transfer: no default function
        // Value sent to a non-payable function.
        try await expectBareRevert(try Market.completeData(job), from: h.accounts[1].address, value: U256(1))
        // 1024 bytes are fine.
        try await h.transact(
            host,
            try Market.submitData(
                job, tokens: U256(1000), hash: Market.proofHash("ok"), cid: String(repeating: "c", count: 1024)))
        // maxDuration: strictly after startTime + maxDuration, even with proofs arriving.
        let trigger = try Market.timeout.encodeCall([.uint(job)])
        try await h.expectRevert("Not timeout", trigger, from: h.accounts[3].address)
        try await h.advance(100)
        try await h.transact(h.accounts[3], trigger)
        #expect(try await h.session(job).status == .timedOut)
    }
}
