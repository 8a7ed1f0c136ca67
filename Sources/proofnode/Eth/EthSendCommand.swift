import ArgumentParser
import Ethereum
import Foundation

/// `proofnode eth send --rpc URL --private-key-file FILE --to 0x… SIGNATURE ARGS_JSON`: a signed
/// transaction through the transaction manager, followed to its receipt.
struct EthSendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Sign and send a transaction, wait for its receipt, and print it as JSON.",
        discussion: """
            Nonce, fees (EIP-1559: 2 × base fee + tip; legacy gas price on chains without EIP-1559) and \
            gas (eth_estimateGas + 20 %) come from the node unless given. A revert during estimation \
            prints the reason and sends nothing. With --raw-out the signed transaction is written to a \
            file before it is broadcast.
            """)

    @OptionGroup var target: EthRPCOptions

    @Option(name: .long, help: "File with the hex private key (mode 0600 or 0400). Default: $HOST_PRIVATE_KEY.")
    var privateKeyFile: String?

    @Option(name: .long, help: "Wei to send (e.g. a session deposit).")
    var value: String = "0"

    @Option(name: .long, help: "A fixed gas limit instead of the estimate.")
    var gas: String?

    @Option(name: .long, help: "Blocks to wait for, counting the receipt's.")
    var confirmations: UInt64 = 1

    @Option(name: .long, help: "Seconds to wait for the receipt.")
    var timeout: Double = 300

    @Option(name: .long, help: "Seconds without a receipt before a replacement with +12.5 % fees.")
    var replaceAfter: Double = 60

    @Option(name: .long, help: "The highest fee per gas (wei) to pay.")
    var maxFeeCap: String?

    @Option(name: .long, help: "Write each signed raw transaction (0x-hex, one per line) here before broadcasting.")
    var rawOut: String?

    func run() async throws {
        guard timeout > 0, replaceAfter > 0 else { throw ValidationError("--timeout and --replace-after must be > 0") }
        let client = try target.client()
        let signer = try EthCLIError.wrap { try EthCLI.signer(keyFile: privateKeyFile) }
        let intent = TransactionIntent(
            to: try target.recipient(), data: try target.callData(),
            value: try EthCLIError.wrap { try U256(parsing: value) },
            gasLimit: try gas.map { try EthCLI.uint64($0, "--gas") })
        let configuration = TransactionManagerConfiguration(
            replaceAfter: .milliseconds(Int64(replaceAfter * 1000)), confirmations: confirmations,
            receiptTimeout: .milliseconds(Int64(timeout * 1000)),
            maximumFeePerGas: try maxFeeCap.map { text in try EthCLIError.wrap { try U256(parsing: text) } })
        let manager = TransactionManager(client: client, configuration: configuration)
        let rawOut = self.rawOut
        let outcome: TransactionOutcome
        do {
            outcome = try await manager.send(intent, signer: signer) { prepared in
                guard let rawOut else { return }
                try Self.append(Hex.encode(prepared.raw) + "\n", to: rawOut)
            }
        } catch {
            throw EthCLIError(EthRPC.describe(error))
        }
        let receipt = outcome.receipt
        let summary: JSONValue = [
            "transactionHash": .string(receipt.transactionHash.hex),
            "blockNumber": .integer(Int64(receipt.blockNumber)),
            "status": .integer(receipt.succeeded ? 1 : 0), "gasUsed": .integer(Int64(receipt.gasUsed)),
            "from": .string(receipt.from.checksummed), "nonce": .integer(Int64(outcome.transaction.nonce)),
            "replacements": .integer(Int64(outcome.hashes.count - 1)),
        ]
        print(summary.description)
    }

    /// Appends `text` to `path`, creating it with mode 0600, and syncs it to disk.
    static func append(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard descriptor >= 0 else { throw EthCLIError("cannot open \(path) for writing (errno \(errno))") }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            throw EthCLIError("cannot write the raw transaction to \(path) (errno \(errno))")
        }
    }
}
