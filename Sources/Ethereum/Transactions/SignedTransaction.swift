/// A transaction with its signature: the raw bytes to broadcast, its hash, and its sender.
///
/// Made by ``EthereumSigner/sign(_:)`` or decoded from raw bytes with ``init(raw:)``, which checks
/// canonical RLP, the signature's range and low s (EIP-2), and recovers the sender.
public struct SignedTransaction: Sendable, Hashable {
    /// The unsigned transaction.
    public let transaction: EthereumTransaction
    /// The signature over ``EthereumTransaction/signingHash()``.
    public let signature: EthereumSignature
    /// The sender, recovered from (or known at) signing.
    public let sender: EthereumAddress

    /// Assembles a signed transaction, recovering and checking the sender from the signature.
    /// - Throws: ``EthereumError/Code/invalidSignature`` or ``EthereumError/Code/invalidTransaction``.
    public init(transaction: EthereumTransaction, signature: EthereumSignature) throws {
        guard signature.isLowS else {
            throw EthereumError(.invalidSignature, "signature s is above n/2 (EIP-2 forbids high-s signatures)")
        }
        self.transaction = transaction
        self.signature = signature
        self.sender = try SignatureRecovery.recoverAddress(hash: try transaction.signingHash(), signature: signature)
    }

    init(transaction: EthereumTransaction, signature: EthereumSignature, sender: EthereumAddress) {
        self.transaction = transaction
        self.signature = signature
        self.sender = sender
    }

    /// The legacy `v`: `27 + recovery id` without a chain id, `chainId × 2 + 35 + recovery id` with one
    /// (EIP-155); for typed transactions, the y parity (0 or 1).
    public var v: U256 {
        let parity = U256(UInt64(signature.recoveryId))
        guard transaction.type == .legacy else { return parity }
        guard let chainId = transaction.chainId else { return U256(27) + parity }
        return U256(chainId) * U256(2) + U256(35) + parity
    }

    /// The raw signed transaction, as sent with `eth_sendRawTransaction`.
    public var raw: [UInt8] {
        let signatureFields: [RLPItem] = [
            RLPItem(v), .bytes(Array(signature.r.drop(while: { $0 == 0 }))),
            .bytes(Array(signature.s.drop(while: { $0 == 0 }))),
        ]
        let list = RLPItem.list(transaction.commonFields + signatureFields).encoded()
        return transaction.type == .legacy ? list : [transaction.type.rawValue] + list
    }

    /// The transaction hash: Keccak-256 of ``raw``.
    public var hash: [UInt8] { Keccak256.hash(raw) }
}

extension EthereumSigner {
    /// Signs a transaction (RFC 6979, low s).
    /// - Parameter transaction: the unsigned transaction.
    /// - Returns: the signed transaction; its ``SignedTransaction/raw`` bytes are ready to send.
    /// - Throws: ``EthereumError/Code/invalidTransaction`` when the transaction lacks a required field.
    public func sign(_ transaction: EthereumTransaction) throws -> SignedTransaction {
        let signature = try sign(hash: try transaction.signingHash())
        return SignedTransaction(transaction: transaction, signature: signature, sender: address)
    }
}
