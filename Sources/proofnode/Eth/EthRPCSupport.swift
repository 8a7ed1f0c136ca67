import ArgumentParser
import Ethereum
import Foundation

/// Options shared by the commands that talk to a node (`eth call`, `eth send`).
struct EthRPCOptions: ParsableArguments {
    @Option(name: .long, help: "The node's JSON-RPC URL, e.g. http://127.0.0.1:8545.")
    var rpc: String

    @Option(name: .long, help: "Seconds one request may take.")
    var rpcTimeout: Double = 30

    @Option(name: .long, help: "The contract or recipient address.")
    var to: String

    @Argument(help: "A function signature such as \"submitProofOfWork(uint256,uint256,bytes32,string,string)\".")
    var signature: String?

    @Argument(help: "The arguments as one JSON array (integers as decimal strings, bytes as 0x-hex).")
    var arguments: String?

    @Option(name: .long, help: "Raw call data (0x-hex) instead of SIGNATURE and ARGS_JSON.")
    var data: String?

    /// The client for `--rpc`.
    func client() throws -> EthereumClient {
        guard rpcTimeout > 0, rpcTimeout < 86_400 else { throw ValidationError("--rpc-timeout must be in (0, 86400)") }
        let configuration = RPCClientConfiguration(url: rpc, timeout: .milliseconds(Int64(rpcTimeout * 1000)))
        return EthereumClient(
            try EthRPC.wrap { () throws(RPCError) in try JSONRPCClient(configuration: configuration) })
    }

    /// The recipient.
    func recipient() throws -> EthereumAddress { try EthCLIError.wrap { try EthereumAddress(parsing: to) } }

    /// The call data from SIGNATURE + ARGS_JSON, or `--data`.
    func callData() throws -> [UInt8] {
        if let data {
            guard signature == nil else { throw ValidationError("give either --data or SIGNATURE ARGS_JSON, not both") }
            return try EthCLIError.wrap { try Hex.decode(data, requirePrefix: true) }
        }
        guard let signature else { throw ValidationError("give SIGNATURE ARGS_JSON or --data") }
        return try EthCLIError.wrap {
            try Hex.decode(try EthCLI.abiEncode(signature: signature, argumentsJSON: arguments ?? "[]"))
        }
    }
}

/// Error mapping for the RPC commands.
enum EthRPC {
    /// Runs `body`, turning node errors into readable command-line errors.
    static func wrap<T>(_ body: () throws(RPCError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw EthCLIError(describe(error))
        }
    }

    /// A one-paragraph description of a node error with the revert reason.
    static func describe(_ error: RPCError) -> String {
        var text = error.message + " [\(error.code)]"
        if let reason = error.revertReason { text += "\nrevert reason: \(reason)" }
        if let data = error.revertData { text += "\nrevert data: \(Hex.encode(data))" }
        return text
    }

    /// A one-paragraph description of a transaction failure with the revert reason and hashes.
    static func describe(_ error: TransactionError) -> String {
        var text = error.message + " [\(error.code)]"
        if let reason = error.revertReason, !error.message.contains(reason) { text += "\nrevert reason: \(reason)" }
        if !error.hashes.isEmpty { text += "\ntransactions: " + error.hashes.map(\.hex).joined(separator: " ") }
        return text
    }
}
