import ArgumentParser
import Ethereum
import Foundation

/// `proofnode eth abi-encode SIGNATURE ARGS_JSON`: Solidity ABI encoding as 0x-hex.
struct EthABIEncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abi-encode",
        abstract: "ABI-encode arguments: `name(types)` prints selector + arguments, `(types)` the plain encoding.",
        discussion: """
            ARGS_JSON is one JSON array: integers as decimal strings, bytes/bytesN/address as 0x-hex strings, \
            bool as true/false, arrays and tuples as JSON arrays. Example:
              proofnode eth abi-encode "baz(uint32,bool)" '["69", true]'
            """)

    @Argument(help: "name(type1,...) or (type1,...).")
    var signature: String?

    @Argument(help: "The arguments as one JSON array.")
    var arguments: String?

    @Flag(help: .hidden)
    var batch = false

    func validate() throws {
        if !batch, signature == nil || arguments == nil {
            throw ValidationError("give SIGNATURE and ARGS_JSON, e.g. abi-encode \"f(uint256)\" '[\"1\"]'")
        }
    }

    func run() throws {
        if batch {
            EthBatch.run { request in
                try EthCLI.abiEncode(
                    signature: try request.string("signature"), argumentsJSON: try request.json("args"))
            }
            return
        }
        print(try EthCLIError.wrap { try EthCLI.abiEncode(signature: signature ?? "", argumentsJSON: arguments ?? "") })
    }
}
