import Ethereum
import Foundation
import TestSupport
import Testing

@Suite("Signing: keys, EIP-55, EIP-191, recovery")
struct SigningTests {
    struct EIP55File: Decodable { let checksummed: [String] }
    struct PersonalFile: Decodable {
        struct Case: Decodable {
            let privateKey: String
            let text: String
            let hash: String
            let signature: String
            let address: String
        }
        let cases: [Case]
    }

    @Test("EIP-55 test cases: all-caps and all-lower addresses are their own checksum form only when so published")
    func eip55() throws {
        let file = try VectorLoader.load("eip55", as: EIP55File.self)
        for text in file.checksummed {
            let address = try EthereumAddress(parsing: text)
            let digits = text.dropFirst(2)
            let mixed = digits.contains { ("a"..."f").contains($0) } && digits.contains { ("A"..."F").contains($0) }
            if mixed { #expect(address.checksummed == text) }
            #expect(try EthereumAddress(parsing: text.lowercased()) == address)
        }
        #expect(throws: EthereumError.self) {
            _ = try EthereumAddress(parsing: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")
        }
        #expect(throws: EthereumError.self) {
            _ = try EthereumAddress(parsing: "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")
        }
        #expect(throws: EthereumError.self) {
            _ = try EthereumAddress(parsing: "0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea")
        }
    }

    @Test("personal_sign matches eth-account, and recovers the signer")
    func personalSign() throws {
        let file = try VectorLoader.load("personal_sign", as: PersonalFile.self)
        for vector in file.cases {
            let signer = try EthereumSigner(privateKeyHex: vector.privateKey)
            #expect(signer.address.checksummed == vector.address)
            let message = Array(vector.text.utf8)
            #expect(Hex.encode(PersonalMessage.hash(message)) == vector.hash)
            let signature = try signer.signPersonalMessage(message)
            #expect(Hex.encode(signature.rsv) == vector.signature)
            #expect(signature.isLowS)
            #expect(try PersonalMessage.recoverSigner(message: message, signature: signature) == signer.address)
            #expect(try PersonalMessage.recoverSigner(message: message + [0], signature: signature) != signer.address)
        }
    }

    @Test("the private key never appears in descriptions or errors")
    func redaction() throws {
        let keyHex = String(repeating: "46", count: 32)
        let signer = try EthereumSigner(privateKeyHex: keyHex)
        #expect(!"\(signer)".contains("4646"))
        #expect(!String(reflecting: signer).contains("4646"))
        #expect("\(signer)".contains(signer.address.checksummed))
        var dumped = ""
        dump(signer, to: &dumped)
        #expect(!dumped.contains("4646") && !dumped.lowercased().contains("pointer"))
        let bad = "0x" + String(repeating: "ab", count: 31) + "zz"
        do {
            _ = try EthereumSigner(privateKeyHex: bad)
            Issue.record("a malformed key was accepted")
        } catch let error as EthereumError {
            #expect(error.code == .invalidPrivateKey)
            #expect(!error.description.contains("abab"))
        }
        #expect(throws: EthereumError.self) { _ = try EthereumSigner(privateKey: [UInt8](repeating: 0, count: 32)) }
        #expect(throws: EthereumError.self) { _ = try EthereumSigner(privateKey: [UInt8](repeating: 0xFF, count: 32)) }
    }

    @Test("key files: 0600 and 0400 load, group/world-readable files are refused with chmod advice")
    func keyFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("proofnode-keys-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("host.key").path
        try ("0x" + String(repeating: "46", count: 32) + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let expected = try EthereumSigner(privateKeyHex: String(repeating: "46", count: 32)).address
        for mode in [0o600, 0o400] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            #expect(try EthereumSigner(contentsOfFile: path).address == expected)
        }
        for mode in [0o644, 0o640, 0o604, 0o660] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            do {
                _ = try EthereumSigner(contentsOfFile: path)
                Issue.record("mode \(String(mode, radix: 8)) was accepted")
            } catch let error as EthereumError {
                #expect(error.code == .insecureKeyFile)
                #expect(error.message.contains("chmod 600 \(path)"))
            }
        }
        #expect(throws: EthereumError.self) { _ = try EthereumSigner(contentsOfFile: path + ".missing") }
    }

    @Test("HOST_PRIVATE_KEY from the environment")
    func environment() throws {
        let signer = try EthereumSigner(environment: ["HOST_PRIVATE_KEY": " 0x" + String(repeating: "46", count: 32)])
        #expect(signer.address.checksummed == "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F")
        #expect(throws: EthereumError.self) { _ = try EthereumSigner(environment: [:]) }
    }

    @Test("signatures are deterministic (RFC 6979) and low-s; recovery rejects junk")
    func determinism() throws {
        let signer = try EthereumSigner(privateKeyHex: "0x" + String(repeating: "01", count: 32))
        var random = SplitMix64(seed: 6979)
        for _ in 0..<64 {
            let hash = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
            let first = try signer.sign(hash: hash)
            #expect(try signer.sign(hash: hash) == first)
            #expect(first.isLowS)
            #expect(try SignatureRecovery.recoverAddress(hash: hash, signature: first) == signer.address)
        }
        let zero = try EthereumSignature(
            r: [UInt8](repeating: 0, count: 32), s: [UInt8](repeating: 0, count: 32), recoveryId: 0)
        #expect(throws: EthereumError.self) {
            _ = try SignatureRecovery.recoverAddress(hash: [UInt8](repeating: 1, count: 32), signature: zero)
        }
        #expect(throws: EthereumError.self) { _ = try signer.sign(hash: [1, 2, 3]) }
    }
}
