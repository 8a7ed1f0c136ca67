import CSecp256k1
import Foundation

/// A secp256k1 private key with the operations a host needs: its address, deterministic signatures
/// over hashes, transactions and `personal_sign` messages.
///
/// Signatures are RFC 6979 deterministic (libsecp256k1's default nonce function) and low-s. The key
/// never appears in ``description``, logs or error messages. Load a key with
/// ``init(privateKey:)``, ``init(contentsOfFile:)`` or ``init(environmentVariable:environment:)``.
public final class EthereumSigner: Sendable, CustomStringConvertible, CustomReflectable {
    private let context: Secp256k1Context
    private let key: PrivateKeyStorage
    /// The 65-byte uncompressed public key (`0x04 ‖ x ‖ y`).
    public let publicKey: [UInt8]
    /// The account address derived from the public key.
    public let address: EthereumAddress

    /// The environment variable the Fabstir node reads its key from.
    public static let environmentVariable = "HOST_PRIVATE_KEY"

    /// Creates a signer from 32 private key bytes.
    /// - Throws: ``EthereumError/Code/invalidPrivateKey`` when the bytes are not a valid secp256k1 key
    ///   (zero, or not below the group order).
    public init(privateKey: [UInt8]) throws {
        guard privateKey.count == 32 else {
            throw EthereumError(.invalidPrivateKey, "a private key has 32 bytes, got \(privateKey.count)")
        }
        let context = try Secp256k1Context()
        guard secp256k1_ec_seckey_verify(context.pointer, privateKey) == 1 else {
            throw EthereumError(
                .invalidPrivateKey, "the private key is zero or not below the secp256k1 group order")
        }
        var publicKey = secp256k1_pubkey()
        guard secp256k1_ec_pubkey_create(context.pointer, &publicKey, privateKey) == 1 else {
            throw EthereumError(.invalidPrivateKey, "libsecp256k1 rejected the private key")
        }
        self.context = context
        self.key = PrivateKeyStorage(privateKey)
        self.publicKey = context.serialize(publicKey)
        self.address = try EthereumAddress(publicKey: self.publicKey)
    }

    /// Creates a signer from 64 hex digits (optionally `0x`-prefixed, surrounding whitespace ignored).
    /// - Parameter privateKeyHex: the key text; it is never echoed in errors.
    /// - Throws: ``EthereumError/Code/invalidPrivateKey``.
    public convenience init(privateKeyHex: String) throws {
        try self.init(privateKey: try Self.parseKey(privateKeyHex, origin: "the private key"))
    }

    /// Reads a hex private key from a file that only its owner may read (mode 0600 or 0400).
    /// - Parameter path: the key file.
    /// - Throws: ``EthereumError/Code/insecureKeyFile`` when group or others have any permission (the
    ///   message says `chmod 600 FILE`), ``EthereumError/Code/unreadableKeyFile``, or
    ///   ``EthereumError/Code/invalidPrivateKey``.
    public convenience init(contentsOfFile path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw EthereumError(
                .unreadableKeyFile, "cannot read the key file \(path): \(String(cString: strerror(errno)))")
        }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw EthereumError(
                .insecureKeyFile,
                "the key file \(path) is accessible by group or others (mode \(String(mode, radix: 8))); "
                    + "run `chmod 600 \(path)` and try again")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EthereumError(.unreadableKeyFile, "cannot read the key file \(path)")
        }
        try self.init(
            privateKey: try Self.parseKey(String(decoding: data, as: UTF8.self), origin: "the key file \(path)"))
    }

    /// Reads a hex private key from an environment variable (``environmentVariable`` by default).
    /// - Parameters:
    ///   - name: the variable's name.
    ///   - environment: the environment to read (the process's by default).
    /// - Throws: ``EthereumError/Code/invalidPrivateKey`` when unset or malformed.
    public convenience init(
        environmentVariable name: String = EthereumSigner.environmentVariable,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        guard let text = environment[name], !text.isEmpty else {
            throw EthereumError(.invalidPrivateKey, "the environment variable \(name) is not set")
        }
        try self.init(privateKey: try Self.parseKey(text, origin: "the environment variable \(name)"))
    }

    /// Signs a 32-byte hash: RFC 6979 nonce, low s, with the recovery id.
    /// - Parameter hash: the message digest (e.g. a transaction's signing hash).
    /// - Returns: the signature.
    /// - Throws: ``EthereumError/Code/wrongLength`` for a hash that is not 32 bytes.
    public func sign(hash: [UInt8]) throws -> EthereumSignature {
        guard hash.count == 32 else {
            throw EthereumError(.wrongLength, "a message hash has 32 bytes, got \(hash.count)")
        }
        var signature = secp256k1_ecdsa_recoverable_signature()
        let status = key.withBytes { secret in
            secp256k1_ecdsa_sign_recoverable(context.pointer, &signature, hash, secret, nil, nil)
        }
        guard status == 1 else {
            throw EthereumError(.cryptoFailure, "libsecp256k1 failed to sign (nonce generation failed)")
        }
        var compact = [UInt8](repeating: 0, count: 64)
        var recoveryId: Int32 = 0
        _ = secp256k1_ecdsa_recoverable_signature_serialize_compact(context.pointer, &compact, &recoveryId, &signature)
        return try EthereumSignature(
            r: Array(compact[0..<32]), s: Array(compact[32..<64]), recoveryId: UInt8(recoveryId))
    }

    /// Signs a message the EIP-191 way (`personal_sign`): the hash of
    /// `"\u{19}Ethereum Signed Message:\n" + length + message`.
    /// - Parameter message: the message bytes.
    /// - Returns: the signature; its ``EthereumSignature/rsv`` form is what wallets return.
    public func signPersonalMessage(_ message: [UInt8]) throws -> EthereumSignature {
        try sign(hash: PersonalMessage.hash(message))
    }

    /// `EthereumSigner(0xAddress)`: the address only; the key is redacted.
    public var description: String { "EthereumSigner(\(address), private key redacted)" }

    /// What `dump` and debuggers show: the address only.
    public var customMirror: Mirror { Mirror(self, children: ["address": address], displayStyle: .class) }

    /// Parses key text without ever echoing it.
    static func parseKey(_ text: String, origin: String) throws -> [UInt8] {
        var digits = Array(text.utf8)
        while let last = digits.last, last == 0x20 || last == 0x0A || last == 0x0D || last == 0x09 {
            digits.removeLast()
        }
        while let first = digits.first, first == 0x20 || first == 0x0A || first == 0x0D || first == 0x09 {
            digits.removeFirst()
        }
        if digits.count >= 2, digits[0] == 0x30, digits[1] == 0x78 || digits[1] == 0x58 { digits.removeFirst(2) }
        guard digits.count == 64 else {
            throw EthereumError(
                .invalidPrivateKey, "\(origin) must hold 64 hex digits (optionally 0x-prefixed); it has \(digits.count)"
            )
        }
        var key = [UInt8](repeating: 0, count: 32)
        for index in 0..<32 {
            guard let high = Hex.value(digits[2 * index]), let low = Hex.value(digits[2 * index + 1]) else {
                throw EthereumError(.invalidPrivateKey, "\(origin) contains a character that is not a hex digit")
            }
            key[index] = high << 4 | low
        }
        for index in digits.indices { digits[index] = 0 }
        return key
    }
}
