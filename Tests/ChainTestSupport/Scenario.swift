import Ethereum
import Testing

/// One chain scenario: run against a fresh MockChain, and against the devchain when `DEVCHAIN_INFO`
/// is set (inside `evm_snapshot`/`evm_revert`), so both chains must behave the same.
package struct Scenario: Sendable, CustomTestStringConvertible {
    package let name: String
    package let body: @Sendable (ChainHarness) async throws -> Void
    package var testDescription: String { name }

    /// A scenario named `name` running `body`.
    package init(name: String, body: @escaping @Sendable (ChainHarness) async throws -> Void) {
        self.name = name
        self.body = body
    }
}

extension Scenario {
    /// Runs the scenario on a fresh MockChain, stopping its server whether the body passes or throws.
    package func runOnMockChain() async throws {
        let harness = try await ChainHarness.mockChain()
        do {
            try await body(harness)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    /// Runs the scenario on the devchain named by `DEVCHAIN_INFO`, inside `evm_snapshot`/`evm_revert` so that
    /// the next scenario starts from the same deployed state whether this one passes or throws.
    package func runOnDevchain() async throws {
        let harness = try #require(try await ChainHarness.devchain())
        let snapshot = try await harness.rpc("evm_snapshot")
        do {
            try await body(harness)
        } catch {
            _ = try await harness.rpc("evm_revert", [snapshot])
            throw error
        }
        _ = try await harness.rpc("evm_revert", [snapshot])
    }
}

extension ChainHarness {
    /// Creates a session (depositor account 1, host account 2 by default) and returns its job id.
    package func createSession(
        depositor: EthereumSigner? = nil, host: EthereumSigner? = nil, deposit: U256 = Market.oneEther / U256(100),
        price: U256 = U256(1_000_000_000_000), interval: U256 = U256(1000), timeout: U256 = U256(300),
        duration: U256 = U256(3600)
    ) async throws -> U256 {
        let receipt = try await transact(
            depositor ?? accounts[1],
            try Market.createData(
                host: (host ?? accounts[2]).address, price: price, duration: duration, interval: interval,
                timeout: timeout),
            value: deposit)
        let log = try #require(receipt["logs"]?.arrayValue?.first)
        #expect(log["topics"]?[0] == .string(Market.sessionCreated))
        return try U256(parsing: try #require(log["topics"]?.arrayValue?[1].stringValue))
    }

    /// The receipt's fee: gasUsed × effectiveGasPrice.
    package func fee(_ receipt: JSONValue) throws -> U256 {
        try quantity(try #require(receipt["gasUsed"])) * quantity(try #require(receipt["effectiveGasPrice"]))
    }

    package func session(_ job: U256) async throws -> SessionJob {
        try SessionJob(returnData: try await call(try Market.sessionJobs.encodeCall([.uint(job)])))
    }
}

extension JSONValue {
    package subscript(index: Int) -> JSONValue? {
        guard let array = arrayValue, index < array.count else { return nil }
        return array[index]
    }
}
