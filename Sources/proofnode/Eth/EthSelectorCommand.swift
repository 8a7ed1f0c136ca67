import ArgumentParser
import Ethereum

/// `proofnode eth selector "f(uint256,string)"`: the 4-byte function selector.
struct EthSelectorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selector", abstract: "The 4-byte selector of a function signature, e.g. \"f(uint256,string)\".")

    @Argument(help: "The function signature, name(type1,type2,...).")
    var signature: String

    func run() throws {
        let function = try EthCLIError.wrap { try ABIFunctionSignature(parsing: signature) }
        guard !function.name.isEmpty else { throw EthCLIError("a selector needs a function name: name(types)") }
        print(Hex.encode(function.selector))
    }
}
