import ArgumentParser

/// `proofnode eth`: a `cast`-style Ethereum toolbox (hashing, ABI, keys, signing), offline.
struct EthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eth",
        abstract: "Ethereum tools: keccak, selectors, ABI encoding/decoding, addresses, signing.",
        subcommands: [
            EthKeccakCommand.self, EthSelectorCommand.self, EthABIEncodeCommand.self, EthABIDecodeCommand.self,
            EthAddressCommand.self, EthSignTxCommand.self, EthSignMessageCommand.self, EthDecodeTxCommand.self,
        ]
    )
}
