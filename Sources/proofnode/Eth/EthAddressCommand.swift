import ArgumentParser
import Ethereum

/// `proofnode eth address --private-key-file FILE`: the key's EIP-55 address.
struct EthAddressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "address", abstract: "Print the EIP-55 checksummed address of a private key.")

    @Option(name: .long, help: "File with the hex private key (mode 0600 or 0400). Default: $HOST_PRIVATE_KEY.")
    var privateKeyFile: String?

    func run() throws {
        print(try EthCLIError.wrap { try EthCLI.signer(keyFile: privateKeyFile).address.checksummed })
    }
}
