import Ethereum
import Testing

@Suite("Transactions: types 0, 1, 2")
struct TransactionTests {
    struct File: Decodable {
        struct Entry: Decodable {
            let address: String
            let storageKeys: [String]
        }
        struct Case: Decodable {
            let name: String
            let privateKey: String
            let type: UInt8
            let chainId: UInt64?
            let nonce: UInt64
            let gasPrice: String
            let maxFeePerGas: String
            let maxPriorityFeePerGas: String
            let gas: UInt64
            let to: String?
            let value: String
            let data: String
            let accessList: [Entry]
            let raw: String
            let hash: String
            let sender: String
            let signingPayload: String?
            let signingHash: String?
        }
        let cases: [Case]
    }

    static func transaction(_ vector: File.Case) throws -> EthereumTransaction {
        EthereumTransaction(
            type: try #require(TransactionType(rawValue: vector.type)), chainId: vector.chainId, nonce: vector.nonce,
            gasPrice: try U256(parsing: vector.gasPrice),
            maxPriorityFeePerGas: try U256(parsing: vector.maxPriorityFeePerGas),
            maxFeePerGas: try U256(parsing: vector.maxFeePerGas), gasLimit: vector.gas,
            to: try vector.to.map { try EthereumAddress(parsing: $0) }, value: try U256(parsing: vector.value),
            data: try Hex.decode(vector.data),
            accessList: try vector.accessList.map {
                try AccessListEntry(
                    address: try EthereumAddress(parsing: $0.address),
                    storageKeys: try $0.storageKeys.map { try Hex.decode($0) })
            })
    }

    @Test("EIP-155's example and eth-account's signatures: raw bytes, hash, and decoding with sender recovery")
    func vectors() throws {
        let file = try VectorLoader.load("transactions", as: File.self)
        #expect(file.cases.count >= 25)
        for vector in file.cases {
            let transaction = try Self.transaction(vector)
            if let payload = vector.signingPayload, let hash = vector.signingHash {
                #expect(Hex.encode(try transaction.signingPayload()) == payload, "\(vector.name)")
                #expect(Hex.encode(try transaction.signingHash()) == hash, "\(vector.name)")
            }
            let signer = try EthereumSigner(privateKeyHex: vector.privateKey)
            #expect(signer.address.checksummed == vector.sender, "\(vector.name)")
            let signed = try signer.sign(transaction)
            #expect(Hex.encode(signed.raw) == vector.raw, "\(vector.name)")
            #expect(Hex.encode(signed.hash) == vector.hash, "\(vector.name)")
            let decoded = try SignedTransaction(raw: try Hex.decode(vector.raw))
            #expect(decoded.transaction == transaction, "\(vector.name)")
            #expect(decoded.sender.checksummed == vector.sender, "\(vector.name)")
            #expect(decoded.signature == signed.signature, "\(vector.name)")
        }
    }

    @Test("malformed raw transactions are typed errors; every truncation and corruption is safe")
    func malformed() throws {
        let file = try VectorLoader.load("transactions", as: File.self)
        #expect(throws: EthereumError.self) { _ = try SignedTransaction(raw: []) }
        #expect(throws: EthereumError.self) { _ = try SignedTransaction(raw: [0x03, 0xC0]) }
        #expect(throws: EthereumError.self) { _ = try SignedTransaction(raw: [0x02, 0xC0]) }
        for vector in file.cases.prefix(6) {
            let raw = try Hex.decode(vector.raw)
            for cut in 0..<raw.count where cut % 5 == 0 {
                #expect(throws: EthereumError.self) { _ = try SignedTransaction(raw: Array(raw[0..<cut])) }
            }
            for index in raw.indices where index % 3 == 0 {
                var corrupted = raw
                corrupted[index] ^= 0x01
                if let decoded = try? SignedTransaction(raw: corrupted) {
                    #expect(decoded.raw == corrupted, "an accepted transaction must re-encode identically")
                }
            }
        }
    }

    @Test("missing chain id for typed transactions and fee cap below tip are rejected")
    func validation() throws {
        var transaction = EthereumTransaction.dynamicFee(
            chainId: 1, nonce: 0, maxPriorityFeePerGas: U256(2), maxFeePerGas: U256(1), gasLimit: 21000, to: nil)
        #expect(throws: EthereumError.self) { _ = try transaction.signingHash() }
        transaction.maxFeePerGas = U256(2)
        transaction.chainId = nil
        #expect(throws: EthereumError.self) { _ = try transaction.signingHash() }
    }
}
