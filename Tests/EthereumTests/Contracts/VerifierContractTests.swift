import Ethereum
import Foundation
import LoopbackHTTP
import Testing

/// `Vectors/verifier-contract-calls.json` (eth-abi encodings).
struct VerifierContractVectors: Decodable {
    let proof: String
    let inputs: [String]
    let verifyCheckpoint: String
    let verifyProof: String
    let selectors: [String: String]
}

@Suite("Verifier contract bindings")
struct VerifierContractTests {
    let vectors: VerifierContractVectors
    let verifier: VerifierContract
    let inputs: [U256]

    init() throws {
        vectors = try VectorLoader.load("verifier-contract-calls", as: VerifierContractVectors.self)
        verifier = VerifierContract(address: try EthereumAddress(parsing: "0x5FbDB2315678afecb367f032d93F642f64180aa3"))
        inputs = try vectors.inputs.map { try U256(parsing: $0) }
    }

    @Test("call data equals eth-abi's for both entry points and the key constants")
    func callData() throws {
        let proof = try Hex.decode(vectors.proof)
        #expect(
            Hex.encode(try verifier.verifyCheckpointCallData(proof: proof, publicInputs: inputs))
                == vectors.verifyCheckpoint)
        #expect(Hex.encode(try verifier.verifyProofCallData(proof: proof, publicInputs: inputs)) == vectors.verifyProof)
        for (name, selector) in vectors.selectors {
            #expect(Hex.encode(try verifier.abi.function(name).selector) == selector, "\(name)")
        }
    }

    @Test("a proof that is not 256 bytes or a wrong input count is refused before any call")
    func argumentChecks() throws {
        let proof = try Hex.decode(vectors.proof)
        for (bytes, words) in [(Array(proof.dropLast()), inputs), (proof, Array(inputs.dropLast()))] {
            #expect(throws: VerifierContractError.self) {
                try verifier.verifyCheckpointCallData(proof: bytes, publicInputs: words)
            }
        }
    }

    /// What the scripted node answers to `verifyCheckpoint`.
    enum Answer: Sendable {
        case bool(Bool)
        case revert(String)
    }

    /// A node whose eth_call answers `answer` for verifyCheckpoint and `fingerprint` for KEY_FINGERPRINT().
    func node(answer: Answer, fingerprint: String) throws -> (EthereumClient, ScriptedRPCServer) {
        let selector = vectors.selectors["KEY_FINGERPRINT"] ?? ""
        let server = try ScriptedRPCServer { request in
            let data = request.params.first?["data"]?.stringValue ?? ""
            if request.method == "eth_estimateGas" {
                return ScriptedRPCServer.result(.string("0x3a0c1"), id: request.id)
            }
            if data == selector { return ScriptedRPCServer.result(.string(fingerprint), id: request.id) }
            switch answer {
            case .bool(let value):
                let word = "0x" + String(repeating: "0", count: 63) + (value ? "1" : "0")
                return ScriptedRPCServer.result(.string(word), id: request.id)
            case .revert(let reason):
                return ScriptedRPCServer.error(code: 3, message: "execution reverted: \(reason)", id: request.id)
            }
        }
        return (EthereumClient(try JSONRPCClient(configuration: .init(url: server.url, retry: fastRetry))), server)
    }

    @Test("the on-chain check maps true, false, reverts, another key and node failures")
    func onChainCheck() async throws {
        let proof = try Hex.decode(vectors.proof)
        let words = inputs.map(\.bigEndianBytes)
        let key = String(repeating: "ab", count: 32)
        let cases: [(Answer, String, String)] = [
            (.bool(true), "verified", "0x" + key), (.bool(false), "returned false", "0x" + key),
            (.revert("public input is not below r"), "not below r", "0x" + key),
            (.bool(true), "embeds key", "0x" + String(repeating: "cd", count: 32)),
        ]
        for (index, (answer, expected, fingerprint)) in cases.enumerated() {
            let (client, server) = try node(answer: answer, fingerprint: fingerprint)
            let check = OnChainProofCheck(client: client, verifier: verifier.address, estimatesGas: true)
            let verdict = await check.check(proof: proof, publicInputs: words, keyFingerprint: key)
            #expect(verdict.description.contains(expected), "\(verdict)")
            #expect(verdict.isVerified == (index == 0))
            if index == 0 {
                #expect(verdict == .verified(gasEstimate: 0x3a0c1))
                #expect(server.methods == ["eth_call", "eth_call", "eth_estimateGas"])
            }
        }
        let down = try ScriptedRPCServer { _ in LoopbackHTTPResponse(status: 503, body: "down") }
        let client = EthereumClient(try JSONRPCClient(configuration: .init(url: down.url, retry: fastRetry)))
        let verdict = await OnChainProofCheck(client: client, verifier: verifier.address).check(
            proof: proof, publicInputs: words)
        guard case .unavailable(let error) = verdict else {
            Issue.record("a node failure must not be a rejection: \(verdict)")
            return
        }
        #expect(error.code == .failed)
    }
}
