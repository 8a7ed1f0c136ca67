import ArgumentParser
import Ethereum

/// `proofnode eth sign-message --private-key-file FILE --text STRING`: an EIP-191 `personal_sign` signature.
struct EthSignMessageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign-message",
        abstract: "Sign text with EIP-191 personal_sign; prints the 65-byte r‖s‖v signature.")

    @Option(name: .long, help: "File with the hex private key (mode 0600 or 0400). Default: $HOST_PRIVATE_KEY.")
    var privateKeyFile: String?

    @Option(name: .long, help: "The message text (signed as its UTF-8 bytes).")
    var text: String?

    @Flag(help: .hidden)
    var batch = false

    func validate() throws {
        if !batch, text == nil { throw ValidationError("give --text STRING") }
    }

    func run() throws {
        if batch {
            EthBatch.run { request in
                let signer = try EthereumSigner(privateKeyHex: try request.string("privateKey"))
                return Hex.encode(try signer.signPersonalMessage(Array(try request.string("text").utf8)).rsv)
            }
            return
        }
        let signature = try EthCLIError.wrap {
            try EthCLI.signer(keyFile: privateKeyFile).signPersonalMessage(Array((text ?? "").utf8))
        }
        print(Hex.encode(signature.rsv))
    }
}
