import ArgumentParser
import Ethereum
import Foundation
import MockChain

/// `proofnode chain`: the MockChain as a standalone JSON-RPC node on loopback, until SIGINT/SIGTERM.
struct ChainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chain",
        abstract: "Run the MockChain (in-memory chain with the JobMarketplace contract) as a JSON-RPC node.",
        discussion: """
            Prints the RPC URL, the JobMarketplace address and the funded dev accounts (DEV-ONLY keys of \
            the public test mnemonic, like anvil), then serves until SIGINT or SIGTERM.
            """
    )

    @Option(help: "TCP port on 127.0.0.1; 0 picks a free one.")
    var port: Int = 8545

    @Option(help: "Seconds between timer-sealed blocks (each transaction is mined at once anyway); 0 = no timer.")
    var blockTime: Double = 1

    @Option(help: "Chain id, enforced on every raw transaction.")
    var chainId: UInt64 = 31337

    @Option(help: "JobMarketplace dispute window in seconds.")
    var disputeWindow: UInt64 = 30

    @Option(help: "Treasury fee in basis points (1000 = 10 %).")
    var feeBasisPoints: UInt64 = 1000

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard blockTime >= 0, blockTime.isFinite else { throw ValidationError("--block-time must be 0 or more") }
        guard feeBasisPoints <= 10_000 else { throw ValidationError("--fee-basis-points must be at most 10000") }
    }

    func run() async throws {
        var configuration = MockChainConfiguration()
        configuration.chainId = chainId
        configuration.blockTime = blockTime > 0 ? blockTime : nil
        configuration.disputeWindow = disputeWindow
        configuration.feeBasisPoints = feeBasisPoints
        let server = try await MockChainServer.start(configuration: configuration, port: port)
        var banner = "proofnode MockChain listening on \(server.url) (chain id \(chainId), block time \(blockTime)s)\n"
        banner +=
            "JobMarketplace: \(server.chain.marketplaceAddress.checksummed) (dispute window \(disputeWindow)s, "
            + "fee \(feeBasisPoints) bp, treasury \(configuration.treasury.checksummed))\n"
        banner += "Dev accounts (DEV-ONLY keys of the public test mnemonic, 10,000 ETH each):\n"
        for (index, signer) in server.chain.devAccounts.enumerated() {
            banner += "  (\(index)) \(signer.address.checksummed)  0x\(DevAccounts.privateKeys[index])\n"
        }
        // Written unbuffered, so that a parent process reading a pipe sees the URL at once.
        FileHandle.standardOutput.write(Data(banner.utf8))
        let signals = SignalWaiter(signals: [SIGINT, SIGTERM])
        let received = await signals.wait()
        print("received signal \(received), stopping")
        await server.stop()
    }
}

/// Waits for one of a set of Unix signals with a dispatch source (the signals are ignored otherwise).
final class SignalWaiter: @unchecked Sendable {
    private let sources: [DispatchSourceSignal]
    private let stream: AsyncStream<Int32>

    init(signals: [Int32]) {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        self.stream = stream
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
    }

    /// The first signal received.
    func wait() async -> Int32 {
        for await number in stream { return number }
        return 0
    }
}
