/// Public key and address recovery from a hash and a recoverable signature (`ecrecover`).
public enum SignatureRecovery {
    /// One verification-only context shared by all recoveries (creating a context costs about as
    /// much as a recovery). Owned by its class; only used through `const` libsecp256k1 calls. If it
    /// could not be created at start-up, each call creates its own and reports that failure.
    private static let shared: Secp256k1Context? = try? Secp256k1Context(randomize: false)

    private static func context() throws -> Secp256k1Context {
        if let shared { return shared }
        return try Secp256k1Context(randomize: false)
    }

    /// The 65-byte uncompressed public key that made `signature` over `hash`.
    /// - Throws: ``EthereumError/Code/invalidSignature`` or ``EthereumError/Code/wrongLength``.
    public static func recoverPublicKey(hash: [UInt8], signature: EthereumSignature) throws -> [UInt8] {
        try context().recoverPublicKey(hash: hash, signature: signature)
    }

    /// The address whose key made `signature` over `hash`.
    /// - Throws: ``EthereumError/Code/invalidSignature`` or ``EthereumError/Code/wrongLength``.
    public static func recoverAddress(hash: [UInt8], signature: EthereumSignature) throws -> EthereumAddress {
        try EthereumAddress(publicKey: try recoverPublicKey(hash: hash, signature: signature))
    }
}
