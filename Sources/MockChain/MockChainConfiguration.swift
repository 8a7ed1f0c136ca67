import Ethereum

/// How a MockChain is set up. The defaults match the devchain (`devchain/README.md`): chain id 31337,
/// dispute window 30 s, treasury fee 1000 basis points (10 %) to `0x…fee1`, ten dev accounts with
/// 10,000 ETH each, a 30M block gas limit and a genesis base fee of 1 gwei.
public struct MockChainConfiguration: Sendable {
    /// The chain id, enforced on every raw transaction ("invalid chain id: have X want Y").
    public var chainId: UInt64 = 31337
    /// Seconds between timer-sealed blocks (empty when nothing is pending); nil or 0 = no timer.
    /// Every transaction is mined in its own block as it arrives either way (automine).
    public var blockTime: Double? = nil
    /// JobMarketplace: seconds after the last proof before the host may complete a session.
    public var disputeWindow: UInt64 = 30
    /// JobMarketplace: the treasury's share of each payment in basis points (1000 = 10 %).
    public var feeBasisPoints: UInt64 = 1000
    /// JobMarketplace: the address receiving the treasury fee.
    public var treasury: EthereumAddress = MockChainConfiguration.defaultTreasury
    /// The number of funded dev accounts (1…10).
    public var accounts: Int = 10
    /// The balance of each dev account in wei (10,000 ETH).
    public var accountBalance: U256 = U256(10_000) * U256(1_000_000_000_000_000_000)
    /// The block gas limit.
    public var gasLimit: UInt64 = 30_000_000
    /// The genesis block's base fee in wei; later blocks follow the EIP-1559 rule.
    public var initialBaseFee: U256 = U256(1_000_000_000)
    /// The chain clock: seconds since 1970 (the wall clock by default). Tests may inject a fixed one.
    public var clock: @Sendable () -> UInt64 = { WallClock.now() }

    /// `0x000000000000000000000000000000000000fee1`, the devchain's default treasury.
    public static let defaultTreasury: EthereumAddress = {
        var bytes = [UInt8](repeating: 0, count: 20)
        bytes[18] = 0xFE
        bytes[19] = 0xE1
        return EthereumAddress(bytesUnchecked: bytes)
    }()

    /// The defaults.
    public init() {}
}

extension EthereumAddress {
    /// An address from 20 bytes known to be 20 bytes long (constants in this module).
    init(bytesUnchecked bytes: [UInt8]) {
        // Only called with literal 20-byte arrays; `init(bytes:)` cannot fail for them.
        self = (try? EthereumAddress(bytes: bytes)) ?? .zero
    }
}
