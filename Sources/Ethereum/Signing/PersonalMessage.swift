/// EIP-191 version 0x45 (`personal_sign`) message hashing and signer recovery.
public enum PersonalMessage {
    /// Keccak-256 of `"\u{19}Ethereum Signed Message:\n" + decimal length + message`.
    /// - Parameter message: the message bytes.
    /// - Returns: the 32-byte hash that is signed.
    public static func hash(_ message: [UInt8]) -> [UInt8] {
        Keccak256.hash(Array("\u{19}Ethereum Signed Message:\n\(message.count)".utf8) + message)
    }

    /// The address that signed `message` with `signature` (`ecrecover` of the EIP-191 hash).
    /// - Throws: ``EthereumError/Code/invalidSignature``.
    public static func recoverSigner(message: [UInt8], signature: EthereumSignature) throws -> EthereumAddress {
        try SignatureRecovery.recoverAddress(hash: hash(message), signature: signature)
    }
}
