/// An unsigned transaction of type 0, 1 or 2.
///
/// One value type for all three envelopes, so that a transaction manager can change fees or type
/// without rebuilding: fields that a type does not use are ignored when encoding (`gasPrice` for
/// type 2; the fee-cap fields and `accessList` for type 0). Sign it with ``EthereumSigner/sign(_:)``.
public struct EthereumTransaction: Sendable, Hashable {
    /// The envelope type.
    public var type: TransactionType
    /// The chain id; required for types 1 and 2, and for EIP-155 legacy signing (nil = pre-EIP-155).
    public var chainId: UInt64?
    /// The sender's nonce.
    public var nonce: UInt64
    /// The gas price in wei (types 0 and 1).
    public var gasPrice: U256
    /// The priority fee per gas in wei (type 2).
    public var maxPriorityFeePerGas: U256
    /// The fee cap per gas in wei (type 2).
    public var maxFeePerGas: U256
    /// The gas limit.
    public var gasLimit: UInt64
    /// The recipient; nil creates a contract.
    public var to: EthereumAddress?
    /// The wei sent along.
    public var value: U256
    /// The call data (or init code for a creation).
    public var data: [UInt8]
    /// The EIP-2930 access list (types 1 and 2).
    public var accessList: [AccessListEntry]

    /// A type 0 (legacy) transaction; with a chain id it is signed per EIP-155.
    public static func legacy(
        chainId: UInt64?, nonce: UInt64, gasPrice: U256, gasLimit: UInt64, to: EthereumAddress?,
        value: U256 = .zero, data: [UInt8] = []
    ) -> EthereumTransaction {
        EthereumTransaction(
            type: .legacy, chainId: chainId, nonce: nonce, gasPrice: gasPrice, maxPriorityFeePerGas: .zero,
            maxFeePerGas: .zero, gasLimit: gasLimit, to: to, value: value, data: data, accessList: [])
    }

    /// A type 1 (EIP-2930) transaction.
    public static func accessList(
        chainId: UInt64, nonce: UInt64, gasPrice: U256, gasLimit: UInt64, to: EthereumAddress?,
        value: U256 = .zero, data: [UInt8] = [], accessList: [AccessListEntry] = []
    ) -> EthereumTransaction {
        EthereumTransaction(
            type: .accessList, chainId: chainId, nonce: nonce, gasPrice: gasPrice, maxPriorityFeePerGas: .zero,
            maxFeePerGas: .zero, gasLimit: gasLimit, to: to, value: value, data: data, accessList: accessList)
    }

    /// A type 2 (EIP-1559) transaction.
    public static func dynamicFee(
        chainId: UInt64, nonce: UInt64, maxPriorityFeePerGas: U256, maxFeePerGas: U256, gasLimit: UInt64,
        to: EthereumAddress?, value: U256 = .zero, data: [UInt8] = [], accessList: [AccessListEntry] = []
    ) -> EthereumTransaction {
        EthereumTransaction(
            type: .dynamicFee, chainId: chainId, nonce: nonce, gasPrice: .zero,
            maxPriorityFeePerGas: maxPriorityFeePerGas, maxFeePerGas: maxFeePerGas, gasLimit: gasLimit, to: to,
            value: value, data: data, accessList: accessList)
    }

    /// Creates a transaction from every field (prefer the typed factories).
    public init(
        type: TransactionType, chainId: UInt64?, nonce: UInt64, gasPrice: U256, maxPriorityFeePerGas: U256,
        maxFeePerGas: U256, gasLimit: UInt64, to: EthereumAddress?, value: U256, data: [UInt8],
        accessList: [AccessListEntry]
    ) {
        self.type = type
        self.chainId = chainId
        self.nonce = nonce
        self.gasPrice = gasPrice
        self.maxPriorityFeePerGas = maxPriorityFeePerGas
        self.maxFeePerGas = maxFeePerGas
        self.gasLimit = gasLimit
        self.to = to
        self.value = value
        self.data = data
        self.accessList = accessList
    }

    /// Checks the fields a signature needs: a chain id for types 1 and 2, a fee cap at least the
    /// priority fee for type 2.
    /// - Throws: ``EthereumError/Code/invalidTransaction``.
    public func validate() throws {
        if type != .legacy, chainId == nil {
            throw EthereumError(.invalidTransaction, "a type \(type.rawValue) transaction needs a chain id")
        }
        if type == .dynamicFee, maxFeePerGas < maxPriorityFeePerGas {
            throw EthereumError(
                .invalidTransaction,
                "maxFeePerGas (\(maxFeePerGas)) is below maxPriorityFeePerGas (\(maxPriorityFeePerGas)); "
                    + "nodes reject such a transaction")
        }
    }

    /// The bytes whose Keccak-256 is signed: the RLP list (legacy, EIP-155 with `chainId, 0, 0`) or
    /// `type ‖ RLP(fields)` for types 1 and 2.
    /// - Throws: ``EthereumError/Code/invalidTransaction`` (see ``validate()``).
    public func signingPayload() throws -> [UInt8] {
        try validate()
        var fields = commonFields
        switch type {
        case .legacy:
            if let chainId { fields += [RLPItem(chainId), .bytes([]), .bytes([])] }
            return RLPItem.list(fields).encoded()
        case .accessList, .dynamicFee:
            return [type.rawValue] + RLPItem.list(fields).encoded()
        }
    }

    /// Keccak-256 of ``signingPayload()``, the digest the sender signs.
    /// - Throws: ``EthereumError/Code/invalidTransaction``.
    public func signingHash() throws -> [UInt8] {
        Keccak256.hash(try signingPayload())
    }

    /// The fields before the signature, in the envelope's order.
    var commonFields: [RLPItem] {
        let tail: [RLPItem] = [
            RLPItem(gasLimit), .bytes(to?.bytes ?? []), RLPItem(value), .bytes(data),
        ]
        switch type {
        case .legacy:
            return [RLPItem(nonce), RLPItem(gasPrice)] + tail
        case .accessList:
            return [RLPItem(chainId ?? 0), RLPItem(nonce), RLPItem(gasPrice)] + tail + [accessListItem]
        case .dynamicFee:
            return [
                RLPItem(chainId ?? 0), RLPItem(nonce), RLPItem(maxPriorityFeePerGas), RLPItem(maxFeePerGas),
            ] + tail + [accessListItem]
        }
    }

    var accessListItem: RLPItem {
        .list(accessList.map { .list([.bytes($0.address.bytes), .list($0.storageKeys.map { .bytes($0) })]) })
    }
}
