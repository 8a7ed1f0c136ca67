import Ethereum
import Foundation

/// Hardhat's and Anvil's published development account #0 (a public test key, never funded on a
/// real chain): 0xac09…ff80 → 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266.
let testSigner: EthereumSigner = {
    do {
        return try EthereumSigner(privateKeyHex: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")
    } catch {
        fatalError("the published test key must load: \(error)")
    }
}()

/// A recipient for test transactions.
let testRecipient: EthereumAddress = {
    do {
        return try EthereumAddress(parsing: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8")
    } catch {
        fatalError("the published test address must parse: \(error)")
    }
}()

/// Fast polling for tests.
func fastManagerConfiguration(
    replaceAfter: Duration = .seconds(60), confirmations: UInt64 = 1, receiptTimeout: Duration = .seconds(10),
    maximumReplacements: Int = 5
) -> TransactionManagerConfiguration {
    TransactionManagerConfiguration(
        maximumReplacements: maximumReplacements, replaceAfter: replaceAfter, confirmations: confirmations,
        receiptTimeout: receiptTimeout, pollInterval: .milliseconds(5))
}

/// Records what the persistence hook saw, and what the chain had received at that moment.
final class PersistLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(prepared: PreparedTransaction, broadcastsBefore: Int)] = []
    let chain: FakeChain
    var failing = false

    init(chain: FakeChain) { self.chain = chain }

    var hook: TransactionPersistHook {
        { [self] prepared in
            let failing = lock.withLock { self.failing }
            if failing { throw CocoaError(.fileWriteOutOfSpace) }
            let before = chain.sent.count
            lock.withLock { entries.append((prepared, before)) }
        }
    }

    var prepared: [PreparedTransaction] { lock.withLock { entries.map(\.prepared) } }
    var broadcastsBefore: [Int] { lock.withLock { entries.map(\.broadcastsBefore) } }
}

/// Makes a manager against a fake chain's loopback server.
func makeManager(
    _ chain: FakeChain, _ configuration: TransactionManagerConfiguration
) throws -> (
    TransactionManager, ScriptedRPCServer
) {
    let server = try chain.server()
    let client = try JSONRPCClient(configuration: .init(url: server.url, retry: fastRetry))
    return (TransactionManager(client: EthereumClient(client), configuration: configuration), server)
}
