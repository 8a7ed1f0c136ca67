import ArgumentParser
import Ethereum

/// `proofnode eth keccak --text STRING | --hex 0x…`: Keccak-256 as `0x` + 64 hex digits.
struct EthKeccakCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keccak", abstract: "Keccak-256 of UTF-8 text or of hex bytes (Ethereum's Keccak, not SHA3-256).")

    @Option(name: .long, help: "Hash the UTF-8 bytes of this text.")
    var text: String?

    @Option(name: .long, help: "Hash these bytes, given as 0x-hex.")
    var hex: String?

    func validate() throws {
        guard (text == nil) != (hex == nil) else { throw ValidationError("give exactly one of --text or --hex") }
    }

    func run() throws {
        let bytes = try EthCLIError.wrap {
            try text.map { Array($0.utf8) } ?? Hex.decode(hex ?? "", requirePrefix: true)
        }
        print(Hex.encode(Keccak256.hash(bytes)))
    }
}
