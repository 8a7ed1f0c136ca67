import ArgumentParser
import Ethereum

/// `proofnode eth decode-tx 0xRAW`: a raw signed transaction's fields and recovered sender as JSON.
struct EthDecodeTxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode-tx",
        abstract: "Decode a raw signed transaction (type 0, 1 or 2), recover its sender, print JSON.",
        discussion: "Strict: non-canonical RLP, leading zeros in integers and high-s signatures are errors.")

    @Argument(help: "The raw transaction, 0x-hex.")
    var raw: String?

    @Flag(help: .hidden)
    var batch = false

    func validate() throws {
        if !batch, raw == nil { throw ValidationError("give the raw transaction as 0x-hex") }
    }

    func run() throws {
        if batch {
            EthBatch.run { request in try Self.decode(try request.string("raw")) }
            return
        }
        print(try EthCLIError.wrap { try Self.decode(raw ?? "") })
    }

    /// The JSON description of a raw transaction (quantities as decimal strings).
    static func decode(_ text: String) throws -> String {
        let signed = try SignedTransaction(raw: try Hex.decode(text, requirePrefix: true))
        let transaction = signed.transaction
        var fields: [String: JSONValue] = [
            "type": .integer(Int64(transaction.type.rawValue)),
            "nonce": .string(String(transaction.nonce)),
            "gas": .string(String(transaction.gasLimit)),
            "to": transaction.to.map { .string($0.checksummed) } ?? .null,
            "value": .string(transaction.value.description),
            "data": .string(Hex.encode(transaction.data)),
            "v": .string(signed.v.description),
            "r": .string(Hex.encode(signed.signature.r)),
            "s": .string(Hex.encode(signed.signature.s)),
            "hash": .string(Hex.encode(signed.hash)),
            "from": .string(signed.sender.checksummed),
            "chainId": transaction.chainId.map { .string(String($0)) } ?? .null,
        ]
        if transaction.type == .dynamicFee {
            fields["maxFeePerGas"] = .string(transaction.maxFeePerGas.description)
            fields["maxPriorityFeePerGas"] = .string(transaction.maxPriorityFeePerGas.description)
        } else {
            fields["gasPrice"] = .string(transaction.gasPrice.description)
        }
        if transaction.type != .legacy {
            fields["accessList"] = .array(
                transaction.accessList.map {
                    .object([
                        "address": .string($0.address.checksummed),
                        "storageKeys": .array($0.storageKeys.map { .string(Hex.encode($0)) }),
                    ])
                })
        }
        return JSONValue.object(fields).serialized
    }
}
