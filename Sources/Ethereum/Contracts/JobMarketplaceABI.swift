/// The JobMarketplace surface proofnode uses, as a ``ContractABI`` built in code (the same entries as
/// `contracts-abi/JobMarketplace.json`, so the library needs no file at run time).
extension JobMarketplace {
    /// The functions and events of `JobMarketplaceWithModelsUpgradeable` that proofnode calls or reads.
    public static let standardABI: ContractABI = {
        func p(_ name: String, _ type: ABIType, indexed: Bool = false) -> ABIParameter {
            ABIParameter(name: name, type: type, indexed: indexed)
        }
        let u256 = ABIType.uint(256)
        let b32 = ABIType.fixedBytes(32)
        let functions = [
            ABIFunction(
                name: "submitProofOfWork",
                inputs: [
                    p("jobId", u256), p("tokensClaimed", u256), p("proofHash", b32), p("proofCID", .string),
                    p("deltaCID", .string),
                ], outputs: [], stateMutability: "nonpayable"),
            ABIFunction(
                name: "completeSessionJob", inputs: [p("jobId", u256), p("conversationCID", .string)], outputs: [],
                stateMutability: "nonpayable"),
            ABIFunction(
                name: "createSessionJobForModel",
                inputs: [
                    p("host", .address), p("modelId", b32), p("pricePerToken", u256), p("maxDuration", u256),
                    p("proofInterval", u256), p("proofTimeoutWindow", u256),
                ], outputs: [p("jobId", u256)], stateMutability: "payable"),
            ABIFunction(
                name: "triggerSessionTimeout", inputs: [p("jobId", u256)], outputs: [], stateMutability: "nonpayable"),
            ABIFunction(name: "disputeWindow", inputs: [], outputs: [p("", u256)], stateMutability: "view"),
            ABIFunction(
                name: "sessionJobs", inputs: [p("", u256)], outputs: SessionJob.outputs.map { p($0.name, $0.type) },
                stateMutability: "view"),
            ABIFunction(
                name: "getProofSubmission", inputs: [p("sessionId", u256), p("proofIndex", u256)],
                outputs: [
                    p("proofHash", b32), p("tokensClaimed", u256), p("timestamp", u256), p("verified", .bool),
                    p("deltaCID", .string),
                ], stateMutability: "view"),
        ]
        let events = [
            ABIEvent(
                name: "ProofSubmitted",
                inputs: [
                    p("jobId", u256, indexed: true), p("host", .address, indexed: true), p("tokensClaimed", u256),
                    p("proofHash", b32), p("proofCID", .string), p("deltaCID", .string),
                ]),
            ABIEvent(
                name: "SessionJobCreatedForModel",
                inputs: [
                    p("jobId", u256, indexed: true), p("depositor", .address, indexed: true),
                    p("host", .address, indexed: true), p("modelId", b32), p("deposit", u256),
                ]),
            ABIEvent(
                name: "SessionCompleted",
                inputs: [
                    p("jobId", u256, indexed: true), p("totalTokensUsed", u256), p("hostEarnings", u256),
                    p("userRefund", u256),
                ]),
            ABIEvent(
                name: "SessionCompletedBy",
                inputs: [
                    p("jobId", u256, indexed: true), p("completedBy", .address, indexed: true), p("tokensUsed", u256),
                    p("paymentAmount", u256), p("refundAmount", u256),
                ]),
            ABIEvent(
                name: "SessionTimedOut",
                inputs: [p("jobId", u256, indexed: true), p("hostEarnings", u256), p("userRefund", u256)]),
        ]
        return ContractABI(functions: functions, events: events, errors: [])
    }()
}
