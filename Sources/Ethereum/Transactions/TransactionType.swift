/// The three transaction envelopes proofnode signs.
public enum TransactionType: UInt8, Sendable, Hashable, Codable {
    /// Type 0: legacy, with EIP-155 replay protection when a chain id is given.
    case legacy = 0
    /// Type 1: EIP-2930, legacy gas price plus an access list.
    case accessList = 1
    /// Type 2: EIP-1559, base fee plus priority fee.
    case dynamicFee = 2
}
