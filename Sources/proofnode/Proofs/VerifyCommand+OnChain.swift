import ArgumentParser
import Commitment
import Ethereum
import Foundation

/// `proofnode verify --onchain`: the envelope checked by a deployed verifier contract.
extension VerifyCommand {
    func runOnChain() async throws {
        guard let rpc, let verifier else { throw ValidationError("--onchain needs --rpc URL and --verifier ADDRESS") }
        guard result == nil, opening == nil else {
            throw ValidationError("--result and --opening are checked locally; run them without --onchain")
        }
        guard rpcTimeout > 0, rpcTimeout < 86_400 else { throw ValidationError("--rpc-timeout must be in (0, 86400)") }
        let address = try EthCLIError.wrap { try EthereumAddress(parsing: verifier) }
        let parsed: ProofEnvelope
        do {
            parsed = try ProofEnvelope(
                json: [UInt8](try readInput(envelope)), maxProofBytes: ProofConfiguration.defaultMaxProofBytes)
        } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure("\(error)")
        }
        guard parsed.proofType == .groth16 else {
            throw CommandFailure("a \(parsed.proofType.rawValue) proof cannot be checked on-chain; only groth16 proofs")
        }
        guard parsed.publicInputs == parsed.statedPublicInputs.fieldElements else {
            // The contract sees only public_inputs; fields that say something else would be misread.
            throw CommandFailure(
                "public_inputs does not match the envelope's job, host, checkpoint, tokens and commitment")
        }
        let configuration = RPCClientConfiguration(url: rpc, timeout: .milliseconds(Int64(rpcTimeout * 1000)))
        let client = EthereumClient(
            try EthRPC.wrap { () throws(RPCError) in try JSONRPCClient(configuration: configuration) })
        let check = OnChainProofCheck(client: client, verifier: address, estimatesGas: true)
        let arguments = parsed.onChainArguments
        let verdict = await check.check(
            proof: arguments.proof, publicInputs: arguments.publicInputs, keyFingerprint: arguments.keyFingerprint)
        if case .unavailable(let error) = verdict {
            // Exit status 2, not 1: nothing was decided about the proof.
            FileHandle.standardError.write(Data("Error: the on-chain check could not be made: \(error.message)\n".utf8))
            throw ExitCode(2)
        }
        if json {
            var object: [String: Any] = ["accepted": verdict.isVerified, "onchain": true, "verifier": "\(address)"]
            switch verdict {
            case .verified(let gas): object["gas_estimate"] = gas.map { Int($0) } ?? NSNull()
            case .rejected(let reason): object["reason"] = reason
            case .unavailable: break
            }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            switch verdict {
            case .verified(let gas):
                print("accepted on-chain by \(address)")
                if let gas { print("gas: \(gas) (eth_estimateGas of verifyCheckpoint, as a transaction would use)") }
            case .rejected(let reason):
                print("rejected on-chain by \(address)")
                print("  - \(reason)")
            case .unavailable: break
            }
        }
        if !verdict.isVerified { throw ExitCode(1) }
    }
}
