import Ethereum

/// Selectors, event topics and encodings of the native JobMarketplace, from the signatures in
/// `shared/notes/fabstir-contract.md` (the tests check them against the published values).
enum MarketplaceABI {
    static let u256 = ABIType.uint(256)
    static let b32 = ABIType.fixedBytes(32)

    static let create = ABIFunctionSignature(
        name: "createSessionJobForModel", inputs: [.address, b32, u256, u256, u256, u256])
    static let submit = ABIFunctionSignature(name: "submitProofOfWork", inputs: [u256, u256, b32, .string, .string])
    static let complete = ABIFunctionSignature(name: "completeSessionJob", inputs: [u256, .string])
    static let timeout = ABIFunctionSignature(name: "triggerSessionTimeout", inputs: [u256])
    static let disputeWindow = ABIFunctionSignature(name: "disputeWindow", inputs: [])
    static let sessionJobs = ABIFunctionSignature(name: "sessionJobs", inputs: [u256])
    static let getProofSubmission = ABIFunctionSignature(name: "getProofSubmission", inputs: [u256, u256])
    static let feeBasisPoints = ABIFunctionSignature(name: "feeBasisPoints", inputs: [])
    static let treasury = ABIFunctionSignature(name: "treasury", inputs: [])
    static let nextJobId = ABIFunctionSignature(name: "nextJobId", inputs: [])
    static let proofCount = ABIFunctionSignature(name: "proofCount", inputs: [u256])
    static let usedProofHashes = ABIFunctionSignature(name: "usedProofHashes", inputs: [b32])

    static let proofSubmittedTopic = Keccak256.hash("ProofSubmitted(uint256,address,uint256,bytes32,string,string)")
    static let sessionCreatedTopic = Keccak256.hash(
        "SessionJobCreatedForModel(uint256,address,address,bytes32,uint256)")
    static let sessionCompletedTopic = Keccak256.hash("SessionCompleted(uint256,uint256,uint256,uint256)")
    static let sessionCompletedByTopic = Keccak256.hash("SessionCompletedBy(uint256,address,uint256,uint256,uint256)")
    static let sessionTimedOutTopic = Keccak256.hash("SessionTimedOut(uint256,uint256,uint256)")

    /// The 18 output types of `sessionJobs`.
    static let sessionTypes: [ABIType] = [
        u256, .address, .address, .address, u256, u256, u256, u256, u256, u256, u256, u256, .uint(8), u256, u256,
        .string, b32, .string,
    ]
    /// The output types of `getProofSubmission`.
    static let proofTypes: [ABIType] = [b32, u256, u256, .bool, .string]

    /// ABI-encodes values the contract built itself (their types always match, so this cannot fail;
    /// an encoding failure would be a bug and yields empty data rather than a crash).
    static func encode(_ values: [ABIValue], _ types: [ABIType]) -> [UInt8] {
        do {
            return try ABICodec.encode(values, as: types)
        } catch {
            assertionFailure("MockChain: the contract built values that do not fit their types: \(error)")
            return []
        }
    }

    /// `Error(string)` revert data.
    static func errorData(_ reason: String) -> [UInt8] {
        RevertReason.errorSelector + encode([.string(reason)], [.string])
    }

    /// A 32-byte topic holding a uint256.
    static func topic(_ value: U256) -> [UInt8] { value.bigEndianBytes }

    /// A 32-byte topic holding an address.
    static func topic(_ address: EthereumAddress) -> [UInt8] { [UInt8](repeating: 0, count: 12) + address.bytes }
}
