import ArgumentParser
import Ethereum

/// `proofnode eth abi-decode "(types)" 0xDATA`: the decoded values as a JSON array.
struct EthABIDecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abi-decode",
        abstract: "Decode ABI data strictly and print the values as a JSON array (integers as decimal strings).",
        discussion: "With name(types) instead of (types), the data must start with that function's selector.")

    @Argument(help: "The types, (type1,...).")
    var types: String?

    @Argument(help: "The data, 0x-hex.")
    var data: String?

    @Flag(help: .hidden)
    var batch = false

    func validate() throws {
        if !batch, types == nil || data == nil {
            throw ValidationError("give TYPES and DATA, e.g. abi-decode \"(uint256,string)\" 0x…")
        }
    }

    func run() throws {
        if batch {
            EthBatch.run { request in
                try EthCLI.abiDecode(types: try request.string("types"), data: try request.string("data"))
            }
            return
        }
        print(try EthCLIError.wrap { try EthCLI.abiDecode(types: types ?? "", data: data ?? "") })
    }
}
