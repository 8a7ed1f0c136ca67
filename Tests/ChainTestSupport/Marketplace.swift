import Ethereum
import Foundation

/// Call data for the JobMarketplace, built from the signature strings of the Fabstir notes with the
/// Ethereum target's ABI encoder (independent of the MockChain's own tables).
package enum Market {
    package static let create = try! ABIFunctionSignature(
        parsing: "createSessionJobForModel(address,bytes32,uint256,uint256,uint256,uint256)")
    package static let submit = try! ABIFunctionSignature(
        parsing: "submitProofOfWork(uint256,uint256,bytes32,string,string)")
    package static let complete = try! ABIFunctionSignature(parsing: "completeSessionJob(uint256,string)")
    package static let timeout = try! ABIFunctionSignature(parsing: "triggerSessionTimeout(uint256)")
    package static let disputeWindow = try! ABIFunctionSignature(parsing: "disputeWindow()")
    package static let sessionJobs = try! ABIFunctionSignature(parsing: "sessionJobs(uint256)")
    package static let getProof = try! ABIFunctionSignature(parsing: "getProofSubmission(uint256,uint256)")

    /// Published topic0 values (shared/notes/fabstir-contract.md).
    package static let proofSubmitted = "0x330d363d69efddb2c24b4f13b34a8f73f88fcc6e07c6b64e8f0c51e78d0d7702"
    package static let sessionCreated = "0xa84eed6588a1461bab01bed46312a56a25bdf47d8b725c25e316dcc79d1b34bf"
    package static let sessionCompleted = "0xdc98ea7ca5b8998396967b6d0c1da6e05a17b467b15bdda0f07f6b84dfd31e71"
    package static let sessionCompletedBy = "0xb94c40391c2efc74af3e630949876a81226c7bb103d568ee293c12ee899346a7"
    package static let sessionTimedOut = "0xfa2b97569bd8b93c0adf89bf1f6903b10d258aec3bbfc759b7656034179660da"

    package static let modelId = [UInt8](repeating: 0x4D, count: 32)
    package static let minDeposit = U256(100_000_000_000_000)  // 1e14
    package static let oneEther = U256(1_000_000_000_000_000_000)

    package static func createData(
        host: EthereumAddress, price: U256 = U256(1_000_000_000_000), duration: U256 = U256(3600),
        interval: U256 = U256(1000), timeout: U256 = U256(300)
    ) throws -> [UInt8] {
        try create.encodeCall([
            .address(host), .fixedBytes(modelId), .uint(price), .uint(duration), .uint(interval), .uint(timeout),
        ])
    }

    package static func submitData(
        _ job: U256, tokens: U256, hash: [UInt8], cid: String = "bafyproof", delta: String = ""
    )
        throws -> [UInt8]
    {
        try submit.encodeCall([.uint(job), .uint(tokens), .fixedBytes(hash), .string(cid), .string(delta)])
    }

    package static func completeData(_ job: U256, cid: String = "bafyconversation") throws -> [UInt8] {
        try complete.encodeCall([.uint(job), .string(cid)])
    }

    /// A distinct 32-byte proof hash per label.
    package static func proofHash(_ label: String) -> [UInt8] { Keccak256.hash("proof:" + label) }

    package static func topic(_ value: U256) -> String { Hex.encode(value.bigEndianBytes) }
    package static func topic(_ address: EthereumAddress) -> String {
        Hex.encode([UInt8](repeating: 0, count: 12) + address.bytes)
    }
}
