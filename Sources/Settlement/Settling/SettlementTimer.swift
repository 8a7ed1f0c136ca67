import Ethereum

/// The settler's notion of time: the chain's clock (the dispute window is measured in block time), and
/// a way to let it pass. Injectable so that tests move chain time (`evm_increaseTime`) instead of sleeping.
public protocol SettlementTimer: Sendable {
    /// The chain's current time in Unix seconds (the latest block's timestamp).
    func chainTime() async throws -> UInt64
    /// Lets `seconds` of chain time pass.
    /// - Parameter seconds: How long.
    func wait(seconds: UInt64) async throws
}

/// Production time: the latest block's timestamp, and real sleeping in bounded steps — the settler reads
/// chain time again after each step, so a chain whose clock runs ahead of the wall clock (or jumps, as a
/// development chain does on `evm_increaseTime`) is followed within one step, not after the whole gap.
public struct ChainTimer: SettlementTimer {
    /// The node.
    public let client: EthereumClient
    /// The longest single sleep before chain time is read again.
    public let maximumStep: Duration

    /// Creates a timer reading `client`'s blocks.
    /// - Parameters:
    ///   - client: The node.
    ///   - maximumStep: The longest single sleep (default 5 s).
    public init(client: EthereumClient, maximumStep: Duration = .seconds(5)) {
        self.client = client
        self.maximumStep = maximumStep
    }

    /// The latest block's timestamp.
    public func chainTime() async throws -> UInt64 {
        guard let block = try await client.block(.latest) else {
            throw SettlerError(.chain, "the node returned no latest block")
        }
        return block.timestamp
    }

    /// Sleeps for real: `seconds`, or ``maximumStep`` when that is shorter (the caller reads chain time
    /// again and waits on).
    /// - Parameter seconds: How long chain time still has to pass.
    public func wait(seconds: UInt64) async throws {
        try await Task.sleep(for: min(.seconds(Int64(min(seconds, 86_400))), maximumStep))
    }
}

/// Development-chain time: waiting moves the chain clock with `evm_increaseTime` and mines a block, so
/// a test waits out a dispute window instantly (MockChain and the devchain both support it).
public struct DevChainTimer: SettlementTimer {
    /// The node.
    public let client: EthereumClient

    /// Creates a timer over a development node.
    /// - Parameter client: The node.
    public init(client: EthereumClient) { self.client = client }

    /// The latest block's timestamp.
    public func chainTime() async throws -> UInt64 { try await ChainTimer(client: client).chainTime() }

    /// Moves the chain clock forward by `seconds` and mines a block.
    /// - Parameter seconds: How long.
    public func wait(seconds: UInt64) async throws {
        _ = try await client.increaseTime(seconds: seconds)
        _ = try await client.mine()
    }
}
