/// Development-chain controls (Hardhat, Anvil, Ganache, proofnode's MockChain and EVM devchain):
/// move the chain's clock and mine blocks so that tests need not wait in real time.
extension EthereumClient {
    /// `evm_increaseTime`: adds `seconds` to the timestamp of the next mined block.
    /// - Returns: the node's answer (the total offset on most dev chains), verbatim.
    @discardableResult
    public func increaseTime(seconds: UInt64) async throws(RPCError) -> JSONValue {
        try await call("evm_increaseTime", [.integer(Int64(clamping: seconds))])
    }

    /// `evm_mine`: mines one block now.
    @discardableResult
    public func mine() async throws(RPCError) -> JSONValue {
        try await call("evm_mine")
    }
}
