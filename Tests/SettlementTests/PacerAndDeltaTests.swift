import Ethereum
import Foundation
import MockChain
import Testing

@testable import Settlement

/// A chain clock under test control: reads return `now`; sleeping moves it forward as a real chain would.
actor FakeChainClock {
    var now: UInt64
    var sleeps: [Duration] = []
    var advances: [UInt64] = []
    init(_ now: UInt64) { self.now = now }
    func read() -> UInt64 { now }
    func sleep(_ duration: Duration, moving: Bool) {
        sleeps.append(duration)
        if moving { now += UInt64(duration.components.seconds) }
    }
    func advance(_ seconds: UInt64) {
        advances.append(seconds)
        now += seconds
    }
}

@Suite("SubmissionPacer and checkpoint deltas")
struct PacerAndDeltaTests {
    @Test("waits by sleeping until chain time reaches the target, without sleeping in real time")
    func sleeps() async throws {
        let clock = FakeChainClock(1_000)
        let pacer = SubmissionPacer(
            chainTime: { await clock.read() }, sleep: { await clock.sleep($0, moving: true) })
        #expect(try await pacer.waitUntil(chainTime: 999) == 1_000)
        #expect(await clock.sleeps.isEmpty)
        #expect(try await pacer.waitUntil(chainTime: 1_003) == 1_003)
        #expect(await clock.sleeps == [.seconds(3)])
        // Long gaps are slept in steps of at most 30 s, re-reading chain time in between.
        #expect(try await pacer.waitUntil(chainTime: 1_100) == 1_100)
        #expect(await clock.sleeps == [.seconds(3), .seconds(30), .seconds(30), .seconds(30), .seconds(7)])
    }

    @Test("on a manual-clock dev chain it advances chain time instead of sleeping")
    func advances() async throws {
        let clock = FakeChainClock(50)
        let pacer = SubmissionPacer(
            chainTime: { await clock.read() }, advance: { await clock.advance($0) },
            sleep: { _ in Issue.record("slept") })
        #expect(try await pacer.waitUntil(chainTime: 51) == 51)
        #expect(await clock.advances == [1])
    }

    @Test("a chain whose time does not move ends in an error after the waiting budget")
    func stuck() async throws {
        let clock = FakeChainClock(10)
        let pacer = SubmissionPacer(
            chainTime: { await clock.read() }, sleep: { await clock.sleep($0, moving: false) },
            maximumWait: .seconds(60))
        await #expect(throws: SubmissionError.self) { try await pacer.waitUntil(chainTime: 20) }
        #expect(await clock.sleeps.count == 6)
    }

    static let host: EthereumSigner = {
        do { return try EthereumSigner(privateKeyHex: DevAccounts.privateKeys[1]) } catch { fatalError("\(error)") }
    }()

    static func delta() -> CheckpointDelta {
        CheckpointDelta(
            jobId: "7", checkpointIndex: 2, tokenStart: 2000, tokenEnd: 3000, tokensClaimed: 1000,
            proofHash: "0x" + String(repeating: "ab", count: 32), proofCID: "bafkreitest",
            host: host.address.checksummed,
            messages: [.init(prompt: "What is 2+2? \"quoted\" / slash", response: "4 ✓")])
    }

    @Test("a signed delta recovers to the host and round-trips through its document bytes")
    func signedDelta() throws {
        let signed = try SignedCheckpointDelta(signing: Self.delta(), with: Self.host)
        #expect(try signed.verify() == Self.host.address)
        let document = try signed.document()
        let decoded = try SignedCheckpointDelta(document: document)
        #expect(decoded == signed)
        #expect(try decoded.decodedDelta() == Self.delta())
        #expect(try decoded.document() == document)
        // The signature is EIP-191 over exactly the delta bytes.
        let signature = try EthereumSignature(rsv: try Ethereum.Hex.decode(signed.signature))
        #expect(
            try PersonalMessage.recoverSigner(message: Array(signed.delta.utf8), signature: signature)
                == Self.host.address)
        // Canonical: sorted keys, no whitespace.
        #expect(signed.delta.hasPrefix("{\"checkpointIndex\":2,"))
        #expect(!signed.delta.contains(" \"") && !signed.delta.contains("\n"))
    }

    @Test("an edited delta or a foreign signer does not verify")
    func tampered() throws {
        var signed = try SignedCheckpointDelta(signing: Self.delta(), with: Self.host)
        let original = signed
        signed.delta = signed.delta.replacingOccurrences(of: "\"tokensClaimed\":1000", with: "\"tokensClaimed\":1900")
        #expect(throws: SubmissionError.self) { try signed.verify() }
        var foreign = original
        foreign.signer = try EthereumSigner(privateKeyHex: DevAccounts.privateKeys[2]).address.checksummed
        #expect(throws: SubmissionError.self) { try foreign.verify() }
        #expect(throws: SubmissionError.self) { try SignedCheckpointDelta(document: Data("{}".utf8)) }
    }

    @Test("revert reasons are classified; both deposit wordings are one kind")
    func revertKinds() {
        #expect(RevertKind(reason: "Exceeds deposit") == .exceedsDeposit)
        #expect(RevertKind(reason: "Over dep") == .exceedsDeposit)
        #expect(RevertKind(reason: "Too many") == .tooMany)
        #expect(RevertKind(reason: "Not host") == .notHost)
        #expect(RevertKind(reason: "Proof already used") == .proofAlreadyUsed)
        #expect(RevertKind(reason: "something else") == .other)
        #expect(RevertKind(reason: nil) == .other)
        #expect(SubmissionError(.nodeUnavailable, "x").revertKind == nil)
    }
}
