import Ethereum
import Foundation
import MockChain
import ProofnodeService
import Testing

/// `proofnode serve` as a child process on its embedded MockChain, with the production settlement timer
/// (``ChainTimer``: chain time from the latest block, real sleeping in bounded steps): a session is
/// streamed, completed, the chain's clock is moved past the dispute window with `evm_increaseTime`, and
/// the service settles it by itself; SIGTERM then stops it gracefully.
@Suite("serve: end to end with the production settlement timer", .serialized)
struct ServeEndToEndTests {
    @Test("stream → complete → chain time past the dispute window → settled by the real timer → SIGTERM")
    func settlesThroughTheRealTimer() async throws {
        let fixture = try await ServiceFixture.shared()
        let directory = ServiceFixture.temporaryDirectory("serve-e2e")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let keys = URL(fileURLWithPath: fixture.proofs.provingKeyPath).deletingLastPathComponent().path
        let host = ServiceFixture.hostToken
        let auditor = ServiceFixture.auditorToken
        let serve = try ServeProcess(environment: [
            "PROOFNODE_PORT": "0", "PROOFNODE_EMBEDDED_CHAIN_PORT": "0", "PROOFNODE_CHAIN": "embedded",
            "PROOFNODE_STORE": directory + "/proofnode.sqlite", "PROOFNODE_KEYS_DIR": keys,
            "PROOFNODE_GENERATE_KEYS": "false", "DISPUTE_WINDOW_SECONDS": "3600", "PROOFNODE_LOG_LEVEL": "info",
            "PROOFNODE_AUTH_TOKENS":
                "host-1:host:\(ServiceFixture.sha256Hex(host)),auditor-1:auditor:\(ServiceFixture.sha256Hex(auditor))",
        ])
        var terminated = false
        defer { if !terminated { Task { _ = await serve.terminate() } } }
        let chainLine = try await serve.line(containing: "serve: embedded MockChain (development) at ")
        let apiLine = try await serve.line(containing: "serve: listening on ")
        let chainURL = try #require(Self.url(after: "at ", in: chainLine))
        let apiURL = try #require(Self.url(after: "listening on ", in: apiLine))
        try #require(URL(string: apiURL + "/healthz") != nil, "API at \(apiURL) from \(apiLine)")
        let marketplaceHex = try #require(chainLine.components(separatedBy: "JobMarketplace ").last)
        let marketplace = JobMarketplace(
            address: try EthereumAddress(parsing: marketplaceHex.trimmingCharacters(in: .whitespaces)))
        let eth = EthereumClient(try JSONRPCClient(url: chainURL))
        let depositor = try EthereumSigner(privateKeyHex: DevAccounts.privateKeys[0])
        let hostAddress = try EthereumSigner(privateKeyHex: DevAccounts.privateKeys[1]).address

        let intent = try marketplace.createSessionJobForModel(
            host: hostAddress, modelId: [UInt8](repeating: 0x4D, count: 32), pricePerToken: U256(1_000_000_000_000),
            maxDuration: U256(86_400), proofInterval: U256(1000), proofTimeoutWindow: U256(3600),
            deposit: U256(1_000_000_000_000_000_000))
        let outcome = try await TransactionManager(client: eth).send(intent, signer: depositor) { _ in }
        var job = ""
        for event in try marketplace.events(in: outcome.receipt) {
            if case .sessionJobCreatedForModel(let id, _, _, _, _) = event { job = id.description }
        }
        try #require(!job.isEmpty)
        let client = HTTPTestClient(baseURL: apiURL)
        let created = try await client.post(
            "/v1/sessions", token: host, json: #"{"jobId": "\#(job)", "modelId": "m", "chainId": 31337}"#)
        #expect(created.status == 201, "\(created.json)")
        for sequence in 0..<3 {
            let reply = try await client.post(
                "/v1/sessions/\(job)/tokens", token: host,
                json: #"{"sequence": \#(sequence), "prompt": "q", "response": "answer \#(sequence) ", "tokens": 400}"#)
            #expect(reply.status == 202, "\(reply.json)")
        }
        let complete = try await client.post(
            "/v1/sessions/\(job)/complete", token: host, json: #"{"totalTokens": 1200}"#)
        #expect(complete.status == 200, "\(complete.json)")

        // Both checkpoints (1000 + the final 200) land, then the settler waits for the dispute window.
        _ = try await Self.waitForPhase(client, job: job, token: auditor, "settling")
        #expect(try await Self.phase(client, job: job, token: auditor) == "settling")
        #expect(try await marketplace.sessionJob(try U256(parsing: job), on: eth).status != .completed)
        // An hour of chain time passes at once; the real timer notices within one step.
        _ = try await eth.increaseTime(seconds: 3700)
        _ = try await eth.mine()
        _ = try await Self.waitForPhase(client, job: job, token: auditor, "settled")
        #expect(try await marketplace.sessionJob(try U256(parsing: job), on: eth).status == .completed)
        let logs = try await marketplace.events(
            on: eth, from: .earliest, names: ["ProofSubmitted"], jobId: try U256(parsing: job))
        #expect(logs.count == 2)

        terminated = true
        let status = await serve.terminate()
        #expect(status == 0, "\(serve.output)")
        #expect(serve.output.contains("serve: stopped"), "\(serve.output)")
    }

    static func url(after marker: String, in line: String) -> String? {
        guard let range = line.range(of: marker) else { return nil }
        let rest = line[range.upperBound...]
        return rest.split(whereSeparator: { $0 == " " || $0 == "," }).first.map(String.init)
    }

    static func phase(_ client: HTTPTestClient, job: String, token: String) async throws -> String? {
        let view = try await client.get("/v1/sessions/\(job)", token: token)
        return (view.json["pipeline"] as? [String: Any])?["phase"] as? String
    }

    /// Polls until the pipeline reports `phase` (bounded; not a timing assertion).
    static func waitForPhase(
        _ client: HTTPTestClient, job: String, token: String, _ phase: String
    ) async throws
        -> String?
    {
        var last: String?
        for _ in 0..<1800 {
            last = try await self.phase(client, job: job, token: token)
            if last == phase { return last }
            if let last, last.hasSuffix("Failed") || last == "refused" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("session \(job) did not reach \(phase) (last: \(last ?? "nil"))")
        return last
    }
}
