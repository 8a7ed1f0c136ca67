import ArgumentParser
import Ethereum

/// `proofnode eth call --rpc URL --to 0x… SIGNATURE ARGS_JSON [--returns "(types)"]`: an `eth_call`.
struct EthCallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Call a contract without a transaction (eth_call) and print the output.",
        discussion: """
            Prints the output as 0x-hex, or decoded as a JSON array with --returns "(types)". A revert \
            prints the reason (Error(string), Panic, or the node's message) and the revert data.
            """)

    @OptionGroup var target: EthRPCOptions

    @Option(name: .long, help: "The sender (msg.sender), e.g. to check a host-only call.")
    var from: String?

    @Option(name: .long, help: "The block: latest, pending, safe, finalized, earliest, or a number.")
    var block: String = "latest"

    @Option(name: .long, help: "Decode the output as these types, e.g. \"(uint256,string)\".")
    var returns: String?

    @Option(name: .long, help: "Wei to send with the call.")
    var value: String?

    func run() async throws {
        let client = try target.client()
        let request = CallRequest(
            from: try from.map { text in try EthCLIError.wrap { try EthereumAddress(parsing: text) } },
            to: try target.recipient(), data: try target.callData(),
            value: try value.map { text in try EthCLIError.wrap { try U256(parsing: text) } })
        let tag = try Self.blockTag(block)
        let output: [UInt8]
        do {
            output = try await client.call(request, at: tag)
        } catch {
            throw EthCLIError(EthRPC.describe(error))
        }
        if let returns {
            print(try EthCLIError.wrap { try EthCLI.abiDecode(types: returns, data: Hex.encode(output)) })
        } else {
            print(Hex.encode(output))
        }
    }

    /// Parses a block tag or number.
    static func blockTag(_ text: String) throws -> BlockTag {
        switch text {
        case "latest": return .latest
        case "pending": return .pending
        case "safe": return .safe
        case "finalized": return .finalized
        case "earliest": return .earliest
        default: return .number(try EthCLI.uint64(text, "--block"))
        }
    }
}
