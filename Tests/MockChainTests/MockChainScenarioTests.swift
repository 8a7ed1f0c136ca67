import ChainTestSupport
import Ethereum
import Foundation
import MockChain
import Testing

/// The shared scenarios on a fresh MockChain each.
@Suite("MockChain scenarios")
struct MockChainScenarioTests {
    @Test(arguments: Scenarios.all)
    func scenario(_ scenario: Scenario) async throws {
        try await scenario.runOnMockChain()
    }
}

/// The same scenarios on the devchain (py-evm + the Vyper contract) when `DEVCHAIN_INFO` names its
/// info file (`scripts/devchain.sh run --manual-clock -- swift test --filter MockChainTests`), one after another,
/// each inside `evm_snapshot`/`evm_revert` so that each starts from the deployed state.
@Suite("Devchain scenarios", .serialized, .enabled(if: ProcessInfo.devchainInfo != nil))
struct DevchainScenarioTests {
    @Test(arguments: Scenarios.all)
    func scenario(_ scenario: Scenario) async throws {
        try await scenario.runOnDevchain()
    }
}
