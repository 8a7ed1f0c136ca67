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
