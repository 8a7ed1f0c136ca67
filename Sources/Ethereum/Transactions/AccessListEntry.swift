/// One entry of an EIP-2930 access list: an address and the storage slots the transaction touches.
public struct AccessListEntry: Sendable, Hashable {
    /// The contract address.
    public var address: EthereumAddress
    /// The storage keys, 32 bytes each.
    public var storageKeys: [[UInt8]]

    /// Creates an entry.
    /// - Throws: ``EthereumError/Code/wrongLength`` when a storage key is not 32 bytes.
    public init(address: EthereumAddress, storageKeys: [[UInt8]]) throws {
        for key in storageKeys where key.count != 32 {
            throw EthereumError(.wrongLength, "an access-list storage key has 32 bytes, got \(key.count)")
        }
        self.address = address
        self.storageKeys = storageKeys
    }
}
