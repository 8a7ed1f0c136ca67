import CSecp256k1
import Foundation

/// The owner of one libsecp256k1 context: created (and randomised against side channels) once,
/// destroyed with the owner.
///
/// `@unchecked Sendable`: after creation and randomisation the context is only passed as
/// `const secp256k1_context *`, which libsecp256k1 documents as safe to share between threads.
final class Secp256k1Context: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Creates a context; `randomize` blinds it for signing (verification and recovery need no secret).
    init(randomize: Bool = true) throws {
        guard let pointer = secp256k1_context_create(UInt32(SECP256K1_CONTEXT_NONE)) else {
            throw EthereumError(.cryptoFailure, "libsecp256k1 could not create a context (out of memory?)")
        }
        self.pointer = pointer
        guard randomize else { return }
        // `random(in:)` draws from the system CSPRNG. No local `SystemRandomNumberGenerator` passed `inout`:
        // an empty value has no address, which crashes the thread sanitizer (swiftlang/swift#66099).
        let seed = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
        guard secp256k1_context_randomize(pointer, seed) == 1 else {
            secp256k1_context_destroy(pointer)
            throw EthereumError(.cryptoFailure, "libsecp256k1 could not randomise its context")
        }
    }

    deinit {
        secp256k1_context_destroy(pointer)
    }

    /// Recovers the 65-byte uncompressed public key that signed `hash` with `signature`.
    func recoverPublicKey(hash: [UInt8], signature: EthereumSignature) throws -> [UInt8] {
        guard hash.count == 32 else {
            throw EthereumError(.wrongLength, "a message hash has 32 bytes, got \(hash.count)")
        }
        var recoverable = secp256k1_ecdsa_recoverable_signature()
        let compact = signature.r + signature.s
        guard
            secp256k1_ecdsa_recoverable_signature_parse_compact(
                pointer, &recoverable, compact, Int32(signature.recoveryId)) == 1
        else {
            throw EthereumError(.invalidSignature, "signature r or s is zero or not below the curve order")
        }
        var publicKey = secp256k1_pubkey()
        guard secp256k1_ecdsa_recover(pointer, &publicKey, &recoverable, hash) == 1 else {
            throw EthereumError(.invalidSignature, "no public key can be recovered from this signature and hash")
        }
        return serialize(publicKey)
    }

    func serialize(_ publicKey: secp256k1_pubkey) -> [UInt8] {
        var key = publicKey
        var output = [UInt8](repeating: 0, count: 65)
        var length = 65
        _ = secp256k1_ec_pubkey_serialize(pointer, &output, &length, &key, UInt32(SECP256K1_EC_UNCOMPRESSED))
        return output
    }
}
