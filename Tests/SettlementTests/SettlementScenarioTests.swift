import ChainTestSupport
import Ethereum
import Foundation
import MockChain
import Testing

/// The settlement scenarios on a fresh MockChain each.
@Suite("Settlement scenarios on the MockChain", .serialized)
struct MockChainSettlementTests {
    @Test(arguments: SettlementScenarios.all)
    func scenario(_ scenario: Scenario) async throws {
        try await scenario.runOnMockChain()
    }
}

/// The same scenarios on the devchain (py-evm + the Vyper contract) when `DEVCHAIN_INFO` names its info
/// file (`scripts/devchain.sh run --manual-clock -- swift test --skip-build --no-parallel --filter
/// SettlementTests`), each inside `evm_snapshot`/`evm_revert`.
@Suite("Settlement scenarios on the devchain", .serialized, .enabled(if: ProcessInfo.devchainInfo != nil))
struct DevchainSettlementTests {
    @Test(arguments: SettlementScenarios.all)
    func scenario(_ scenario: Scenario) async throws {
        try await scenario.runOnDevchain()
    }
}
