import Ethereum
import Foundation
import Testing

/// `Vectors/job-marketplace-calls.json` (eth-abi encodings).
struct MarketplaceVectors: Decodable {
    struct Call: Decodable {
        let function: String
        let args: [String: String]
        let data: String
    }
    struct Log: Decodable {
        let event: String
        let topics: [String]
        let data: String
        let expect: [String: String]
    }
    let market: String
    let calls: [Call]
    let views: [String: String]
    let logs: [Log]
    let reverts: [String: String]

    static func load() throws -> MarketplaceVectors { try VectorLoader.load("job-marketplace-calls", as: Self.self) }
}

/// The published selectors and topics (`Vectors/fabstir_job_marketplace.json`, from fabstir-contract.md).
struct PublishedMarketplace: Decodable {
    let selectors: [String: String]
    let topics: [String: String]
}

@Suite("JobMarketplace bindings")
struct JobMarketplaceTests {
    let vectors: MarketplaceVectors
    let market: JobMarketplace

    init() throws {
        vectors = try MarketplaceVectors.load()
        market = JobMarketplace(address: try EthereumAddress(parsing: vectors.market))
    }

    @Test("selectors and event topics equal the published values")
    func publishedSelectors() throws {
        let published = try VectorLoader.load("fabstir_job_marketplace", as: PublishedMarketplace.self)
        for (name, selector) in published.selectors {
            #expect(Hex.encode(try JobMarketplace.standardABI.function(name).selector) == selector, "\(name)")
        }
        for (name, topic) in published.topics {
            #expect(Hex.encode(try JobMarketplace.standardABI.event(name).topic) == topic, "\(name)")
        }
        #expect(published.selectors["submitProofOfWork"] == "0x7c5cb561")
    }

    @Test("the built-in ABI matches contracts-abi/JobMarketplace.json")
    func matchesABIFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let file = try ContractABI(
            contentsOfFile: root.appendingPathComponent("contracts-abi/JobMarketplace.json").path)
        let builtIn = JobMarketplace.standardABI
        #expect(Set(file.functions.map(\.signature)) == Set(builtIn.functions.map(\.signature)))
        #expect(Set(file.events.map(\.signature)) == Set(builtIn.events.map(\.signature)))
        for function in builtIn.functions {
            let other = try file.function(function.name)
            #expect(other.outputs.map(\.type) == function.outputs.map(\.type), "\(function.name) outputs")
            #expect(other.stateMutability == function.stateMutability, "\(function.name) mutability")
        }
        for event in builtIn.events {
            #expect(try file.event(event.name).inputs == event.inputs, "\(event.name) inputs")
        }
    }

    @Test("call data equals eth-abi's encoding")
    func callData() throws {
        for call in vectors.calls {
            let a = call.args
            let intent: TransactionIntent
            switch call.function {
            case "submitProofOfWork":
                intent = try market.submitProofOfWork(
                    jobId: try U256(parsing: a["jobId"] ?? ""),
                    tokensClaimed: try U256(parsing: a["tokensClaimed"] ?? ""),
                    proofHash: try Hex.decode(a["proofHash"] ?? ""), proofCID: a["proofCID"] ?? "",
                    deltaCID: a["deltaCID"] ?? "")
            case "completeSessionJob":
                intent = try market.completeSessionJob(
                    jobId: try U256(parsing: a["jobId"] ?? ""), conversationCID: a["conversationCID"] ?? "")
            case "createSessionJobForModel":
                intent = try market.createSessionJobForModel(
                    host: try EthereumAddress(parsing: a["host"] ?? ""), modelId: try Hex.decode(a["modelId"] ?? ""),
                    pricePerToken: try U256(parsing: a["pricePerToken"] ?? ""),
                    maxDuration: try U256(parsing: a["maxDuration"] ?? ""),
                    proofInterval: try U256(parsing: a["proofInterval"] ?? ""),
                    proofTimeoutWindow: try U256(parsing: a["proofTimeoutWindow"] ?? ""),
                    deposit: try U256(parsing: a["deposit"] ?? ""))
                #expect(intent.value == U256(1_000_000_000_000_000))
            case "triggerSessionTimeout":
                intent = try market.triggerSessionTimeout(jobId: try U256(parsing: a["jobId"] ?? ""))
            default:
                Issue.record("unknown function \(call.function)")
                continue
            }
            #expect(Hex.encode(intent.data) == call.data, "\(call.function)")
            #expect(intent.to == market.address)
        }
    }

    @Test("a proof hash that is not 32 bytes is refused")
    func badProofHash() {
        #expect(throws: JobMarketplaceError.self) {
            try market.submitProofOfWork(jobId: 1, tokensClaimed: 100, proofHash: [1, 2], proofCID: "", deltaCID: "")
        }
    }

    @Test("sessionJobs decodes the 18-value getter and tolerates the older 17-value form")
    func sessionJobs() throws {
        for key in ["sessionJobs18", "sessionJobs17"] {
            let session = try SessionJob(returnData: try Hex.decode(vectors.views[key] ?? ""))
            #expect(session.id == 42)
            #expect(session.host == (try EthereumAddress(parsing: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8")))
            #expect(session.paymentToken == .zero)
            #expect(session.deposit == U256(1_000_000_000_000_000))
            #expect(session.pricePerToken == U256(5_000_000_000_000))
            #expect(session.tokensUsed == 2000)
            #expect(session.lastProofTime == U256(1_700_000_100))
            #expect(session.proofInterval == 1000)
            #expect(session.proofTimeoutWindow == 300)
            #expect(session.status == .completed)
            #expect(session.withdrawnByHost == 123)
            #expect(session.refundedToUser == 456)
            #expect(session.conversationCID == "bafkreiconversation")
            #expect(session.lastProofCID == (key == "sessionJobs18" ? "bafkreiproof" : ""))
        }
        #expect(throws: (any Error).self) { try SessionJob(returnData: [0, 1, 2]) }
    }

    @Test("getProofSubmission decodes")
    func proofSubmission() throws {
        let proof = try ProofSubmission(returnData: try Hex.decode(vectors.views["getProofSubmission"] ?? ""))
        #expect(proof.tokensClaimed == 1000)
        #expect(proof.timestamp == U256(1_700_000_100))
        #expect(proof.verified == false)
        #expect(proof.deltaCID == "bafkreidelta")
        #expect(proof.proofHash.count == 32)
    }

    @Test("every event decodes into its typed fields")
    func events() throws {
        for vector in vectors.logs {
            let log = EthereumLog(
                address: market.address, topics: try vector.topics.map { try EthereumHash(parsing: $0) },
                data: try Hex.decode(vector.data))
            let event = try #require(try JobMarketplaceEvent.decode(log), "\(vector.event)")
            let e = vector.expect
            func u(_ key: String) throws -> U256 { try U256(parsing: e[key] ?? "") }
            func a(_ key: String) throws -> EthereumAddress { try EthereumAddress(parsing: e[key] ?? "") }
            func b(_ key: String) throws -> [UInt8] { try Hex.decode(e[key] ?? "") }
            let expected: JobMarketplaceEvent
            switch vector.event {
            case "ProofSubmitted":
                expected = .proofSubmitted(
                    jobId: try u("jobId"), host: try a("host"), tokensClaimed: try u("tokensClaimed"),
                    proofHash: try b("proofHash"), proofCID: e["proofCID"] ?? "", deltaCID: e["deltaCID"] ?? "")
            case "SessionJobCreatedForModel":
                expected = .sessionJobCreatedForModel(
                    jobId: try u("jobId"), depositor: try a("depositor"), host: try a("host"),
                    modelId: try b("modelId"),
                    deposit: try u("deposit"))
            case "SessionCompleted":
                expected = .sessionCompleted(
                    jobId: try u("jobId"), totalTokensUsed: try u("totalTokensUsed"),
                    hostEarnings: try u("hostEarnings"), userRefund: try u("userRefund"))
            case "SessionCompletedBy":
                expected = .sessionCompletedBy(
                    jobId: try u("jobId"), completedBy: try a("completedBy"), tokensUsed: try u("tokensUsed"),
                    paymentAmount: try u("paymentAmount"), refundAmount: try u("refundAmount"))
            default:
                expected = .sessionTimedOut(
                    jobId: try u("jobId"), hostEarnings: try u("hostEarnings"), userRefund: try u("userRefund"))
            }
            #expect(event == expected)
        }
    }

    @Test("a log of another event is skipped; a known event with bad data is a typed error")
    func foreignAndBrokenLogs() throws {
        let transfer = try EthereumHash(bytes: Keccak256.hash("Transfer(address,address,uint256)"))
        #expect(
            try JobMarketplaceEvent.decode(EthereumLog(address: market.address, topics: [transfer], data: [])) == nil)
        let proof = try #require(vectors.logs.first)
        let broken = EthereumLog(
            address: market.address, topics: try proof.topics.map { try EthereumHash(parsing: $0) }, data: [0x01])
        #expect(throws: JobMarketplaceError.self) { try JobMarketplaceEvent.decode(broken) }
    }
}
