import Ethereum
import Foundation
import Testing

@Suite("Contract ABI JSON, events, revert data")
struct ContractABITests {
    struct Published: Decodable {
        let selectors: [String: String]
        let topics: [String: String]
        let sessionJobsOutputs: Int
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static func jobMarketplace() throws -> ContractABI {
        try ContractABI(contentsOfFile: repositoryRoot.appendingPathComponent("contracts-abi/JobMarketplace.json").path)
    }

    @Test("contracts-abi/JobMarketplace.json has exactly the published selectors and event topics")
    func publishedSelectorsAndTopics() throws {
        let abi = try Self.jobMarketplace()
        let published = try VectorLoader.load("fabstir_job_marketplace", as: Published.self)
        #expect(abi.functions.count == published.selectors.count)
        #expect(abi.events.count == published.topics.count)
        for (name, selector) in published.selectors {
            #expect(Hex.encode(try abi.function(name).selector) == selector, "\(name)")
        }
        for (name, topic) in published.topics {
            #expect(Hex.encode(try abi.event(name).topic) == topic, "\(name)")
        }
        #expect(try abi.function("sessionJobs").outputs.count == published.sessionJobsOutputs)
        #expect(throws: EthereumError.self) { _ = try abi.function("noSuchFunction") }
    }

    @Test("a ProofSubmitted log decodes indexed topics and data fields")
    func decodeProofSubmitted() throws {
        let abi = try Self.jobMarketplace()
        let event = try abi.event("ProofSubmitted")
        let host = try EthereumAddress(parsing: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
        let proofHash = [UInt8](repeating: 0xAB, count: 32)
        let data = try ABICodec.encode(
            [.uint(U256(1000)), .fixedBytes(proofHash), .string("bafyproof"), .string("")],
            as: [.uint(256), .fixedBytes(32), .string, .string])
        let topics = [event.topic, U256(42).bigEndianBytes, [UInt8](repeating: 0, count: 12) + host.bytes]
        let decoded = try abi.decodeLog(topics: topics, data: data)
        #expect(decoded.event.name == "ProofSubmitted")
        #expect(decoded["jobId"] == .uint(U256(42)))
        #expect(decoded["host"] == .address(host))
        #expect(decoded["tokensClaimed"] == .uint(U256(1000)))
        #expect(decoded["proofHash"] == .fixedBytes(proofHash))
        #expect(decoded["proofCID"] == .string("bafyproof"))
        #expect(decoded["deltaCID"] == .string(""))
        // Wrong topic count, wrong topic 0, dirty address topic: typed errors.
        #expect(throws: EthereumError.self) { _ = try event.decodeLog(topics: Array(topics.prefix(2)), data: data) }
        #expect(throws: EthereumError.self) {
            _ = try event.decodeLog(topics: [U256(1).bigEndianBytes] + topics.dropFirst(), data: data)
        }
        var dirty = topics
        dirty[2][0] = 1
        #expect(throws: EthereumError.self) { _ = try event.decodeLog(topics: dirty, data: data) }
    }

    @Test("indexed dynamic parameters decode as their Keccak-256 hash")
    func indexedDynamic() throws {
        let event = ABIEvent(
            name: "Named",
            inputs: [
                ABIParameter(name: "label", type: .string, indexed: true), ABIParameter(name: "n", type: .uint(8)),
            ])
        #expect(event.signature == "Named(string,uint8)")
        let labelHash = Keccak256.hash("hello")
        let decoded = try event.decodeLog(
            topics: [event.topic, labelHash], data: try ABICodec.encode([.uint(U256(7))], as: [.uint(8)]))
        #expect(decoded["label"] == .fixedBytes(labelHash))
        #expect(decoded["n"] == .uint(U256(7)))
    }

    @Test("revert data: the Solidity docs' Error(string) example, Panic, custom errors, junk")
    func revertData() throws {
        // Solidity documentation, "Control Structures / revert": Error("Not enough Ether provided.").
        let published = hex(
            "0x08c379a0" + "0000000000000000000000000000000000000000000000000000000000000020"
                + "000000000000000000000000000000000000000000000000000000000000001a"
                + "4e6f7420656e6f7567682045746865722070726f76696465642e000000000000")
        #expect(RevertReason.decode(published) == .message("Not enough Ether provided."))
        let panic = RevertReason.decode(RevertReason.panicSelector + U256(0x11).bigEndianBytes)
        #expect(panic == .panic(U256(0x11)))
        #expect(panic.description.contains("overflow"))
        let custom = ABIErrorDefinition(
            name: "InsufficientBalance",
            inputs: [
                ABIParameter(name: "available", type: .uint(256)), ABIParameter(name: "required", type: .uint(256)),
            ])
        let data =
            custom.selector + (try ABICodec.encode([.uint(U256(1)), .uint(U256(2))], as: [.uint(256), .uint(256)]))
        #expect(RevertReason.decode(data, errors: [custom]) == .custom(custom, [.uint(U256(1)), .uint(U256(2))]))
        #expect(RevertReason.decode(data) == .unknown(data))
        #expect(RevertReason.decode([]) == .empty)
        #expect(RevertReason.decode(Array(published.prefix(40))) == .unknown(Array(published.prefix(40))))
    }

    @Test("ABI JSON: tuple components, arrays of tuples, artifacts with an abi key, bad entries")
    func jsonLoading() throws {
        let json = """
            {"abi": [{"type": "function", "name": "f", "stateMutability": "view",
              "inputs": [{"name": "a", "type": "tuple[]", "components": [
                  {"name": "x", "type": "uint256"}, {"name": "y", "type": "tuple", "components": [{"name": "z", "type": "bytes"}]}]}],
              "outputs": []},
              {"type": "error", "name": "Bad", "inputs": [{"name": "c", "type": "uint8"}]},
              {"type": "constructor", "inputs": []}]}
            """
        let abi = try ContractABI(json: Data(json.utf8))
        #expect(try abi.function("f").signature == "f((uint256,(bytes))[])")
        #expect(abi.errors.first?.signature == "Bad(uint8)")
        #expect(throws: EthereumError.self) {
            _ = try ContractABI(
                json: Data(#"[{"type": "function", "name": "g", "inputs": [{"name": "a", "type": "uint7"}]}]"#.utf8))
        }
        #expect(throws: EthereumError.self) { _ = try ContractABI(json: Data("{".utf8)) }
    }
}
