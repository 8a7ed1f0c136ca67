import ArgumentParser

/// `proofnode eth`: a `cast`-style Ethereum toolbox (hashing, ABI, keys, signing; `call` and `send`
/// against a node).
struct EthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eth",
        abstract: "Ethereum tools: keccak, selectors, ABI encoding/decoding, addresses, signing, call, send.",
        subcommands: [
            EthKeccakCommand.self, EthSelectorCommand.self, EthABIEncodeCommand.self, EthABIDecodeCommand.self,
            EthAddressCommand.self, EthSignTxCommand.self, EthSignMessageCommand.self, EthDecodeTxCommand.self,
            EthCallCommand.self, EthSendCommand.self,
        ]
    )
}
