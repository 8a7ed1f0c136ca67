import Ethereum
import Foundation
import LoopbackHTTP
import Testing

@Suite("JobMarketplace over JSON-RPC: reverts, views, logs")
struct JobMarketplaceRPCTests {
    let vectors: MarketplaceVectors
    let market: JobMarketplace

    init() throws {
        vectors = try MarketplaceVectors.load()
        market = JobMarketplace(address: try EthereumAddress(parsing: vectors.market))
    }

    /// A node whose eth_call reverts with `error`.
    func revertingClient(_ error: JSONValue) throws -> (EthereumClient, ScriptedRPCServer) {
        let server = try ScriptedRPCServer { request in ScriptedRPCServer.error(error, id: request.id) }
        return (EthereumClient(try JSONRPCClient(configuration: .init(url: server.url, retry: fastRetry))), server)
    }

    @Test(
        "revert reasons become typed errors, whether in error.data or only in the message",
        arguments: [
            ("Not host", JobMarketplaceError.Code.notHost), ("Too many", .tooMany),
            ("Exceeds deposit", .exceedsDeposit),
            ("Over dep", .exceedsDeposit), ("Dispute wait", .disputeWait), ("Bad index", .badIndex),
            ("Something else", .otherRevert),
        ])
    func revertReasons(reason: String, code: JobMarketplaceError.Code) async throws {
        let data = try #require(vectors.reverts[reason])
        let shapes: [JSONValue] = [
            ["code": 3, "message": .string("execution reverted: \(reason)"), "data": .string(data)],
            ["code": 3, "message": "execution reverted", "data": .string(data)],
            ["code": -32000, "message": .string("execution reverted: \(reason)")],
        ]
        for shape in shapes {
            let (client, _) = try revertingClient(shape)
            let intent = try market.submitProofOfWork(
                jobId: 1, tokensClaimed: 1000, proofHash: [UInt8](repeating: 7, count: 32), proofCID: "c", deltaCID: "")
            do {
                try await market.simulate(intent, from: testSigner.address, on: client)
                Issue.record("expected a revert")
            } catch {
                #expect(error.code == code, "\(shape)")
                #expect(error.reason == reason)
                #expect(error.isRevert)
                #expect(error.message.contains("submitProofOfWork"))
            }
        }
    }

    @Test("a revert during gas estimation of a sent transaction maps to the same codes (Dispute wait)")
    func sendRevert() async throws {
        let chain = FakeChain()
        chain.setEstimateRevert([
            "code": 3, "message": "execution reverted: Dispute wait",
            "data": .string(vectors.reverts["Dispute wait"] ?? ""),
        ])
        let (manager, _) = try makeManager(chain, fastManagerConfiguration())
        let intent = try market.completeSessionJob(jobId: 42, conversationCID: "bafkreiconversation")
        do {
            _ = try await market.send(intent, manager: manager, signer: testSigner, persist: { _ in })
            Issue.record("expected a revert")
        } catch {
            #expect(error.code == .disputeWait)
            #expect(error.transactionError?.code == .reverted)
        }
        #expect(chain.sent.isEmpty)
    }

    @Test("a transport failure is not a revert")
    func transportFailure() async throws {
        let server = try ScriptedRPCServer { _ in LoopbackHTTPResponse(status: 503, body: "down") }
        let client = EthereumClient(try JSONRPCClient(configuration: .init(url: server.url, retry: fastRetry)))
        do {
            _ = try await market.disputeWindow(on: client)
            Issue.record("expected a failure")
        } catch {
            #expect(error.code == .failed)
            #expect(!error.isRevert)
            #expect(error.rpcError?.httpStatus == 503)
        }
    }

    @Test("views call the contract with the right data and decode the answer")
    func views() async throws {
        let views = vectors.views
        let server = try ScriptedRPCServer { request in
            let data = request.params.first?["data"]?.stringValue ?? ""
            let answer: String
            switch String(data.prefix(10)) {
            case "0x117f5f92": answer = views["disputeWindow"] ?? ""
            case "0xef39d372": answer = views["sessionJobs18"] ?? ""
            case "0x437ec743": answer = views["getProofSubmission"] ?? ""
            default: answer = "0x"
            }
            return ScriptedRPCServer.result(.string(answer), id: request.id)
        }
        let client = EthereumClient(try JSONRPCClient(url: server.url))
        #expect(try await market.disputeWindow(on: client) == 30)
        #expect(try await market.sessionJob(42, on: client).tokensUsed == 2000)
        #expect(try await market.proofSubmission(sessionId: 42, index: 0, on: client).deltaCID == "bafkreidelta")
        let calls = server.recorded.values
        #expect(calls.allSatisfy { $0["params"]?.arrayValue?.first?["to"] == .string(vectors.market) })
        #expect(calls.allSatisfy { $0["params"]?.arrayValue?.last == "latest" })
    }

    @Test("eth_getLogs: the filter ORs the event topics and pins the job; the scripted logs decode")
    func logs() async throws {
        let logs = vectors.logs
        let server = try ScriptedRPCServer { request in
            let entries: [JSONValue] = logs.enumerated().map { index, log in
                [
                    "address": .string(vectors.market), "topics": .array(log.topics.map { .string($0) }),
                    "data": .string(log.data), "blockNumber": .string("0x" + String(100 + index, radix: 16)),
                    "blockHash": .string(Hex.encode([UInt8](repeating: UInt8(index), count: 32))),
                    "transactionHash": .string(Hex.encode([UInt8](repeating: 0xaa, count: 32))),
                    "transactionIndex": "0x0", "logIndex": .string("0x" + String(index, radix: 16)), "removed": false,
                ]
            }
            return ScriptedRPCServer.result(.array(entries), id: request.id)
        }
        let client = EthereumClient(try JSONRPCClient(url: server.url))
        let found = try await market.events(
            on: client, from: .number(100), to: .latest, names: ["ProofSubmitted", "SessionCompleted"], jobId: 42)
        #expect(found.count == logs.count)
        #expect(found.first?.log.blockNumber == 100)
        guard case .proofSubmitted(let jobId, _, let tokens, _, let cid, _) = found.first?.event else {
            Issue.record("the first log is not ProofSubmitted")
            return
        }
        #expect(jobId == 42)
        #expect(tokens == 1000)
        #expect(cid == "bafkreiproof")
        // The filter as sent.
        let filter = try #require(server.recorded.values.first?["params"]?.arrayValue?.first)
        #expect(filter["address"] == .string(vectors.market))
        #expect(filter["fromBlock"] == "0x64")
        #expect(filter["toBlock"] == "latest")
        let topics = try #require(filter["topics"]?.arrayValue)
        #expect(topics.count == 2)
        #expect(topics[0].arrayValue?.count == 2)
        #expect(topics[1] == .string(Hex.encode(U256(42).bigEndianBytes)))
    }

    @Test(
        "LogFilter: wildcards are null, single values plain, trailing wildcards dropped, blockHash excludes the range")
    func logFilterJSON() throws {
        let a = try EthereumHash(bytes: [UInt8](repeating: 1, count: 32))
        let b = try EthereumHash(bytes: [UInt8](repeating: 2, count: 32))
        let filter = LogFilter(
            addresses: [market.address, .zero], topics: [nil, [a], [a, b], nil], fromBlock: .earliest, toBlock: .pending
        )
        #expect(
            filter.json
                == [
                    "address": [.string(vectors.market), .string(Hex.encode(EthereumAddress.zero.bytes))],
                    "topics": [nil, .string(a.hex), [.string(a.hex), .string(b.hex)]], "fromBlock": "earliest",
                    "toBlock": "pending",
                ])
        let byHash = LogFilter(topics: [[a]], blockHash: b)
        #expect(byHash.json == ["topics": [.string(a.hex)], "blockHash": .string(b.hex)])
    }
}
