import Ethereum

/// The EIP-1559 base fee rule as geth and py-evm apply it: the target is half the gas limit; the
/// base fee moves by `parentBaseFee × |gasUsed − target| / target / 8` (at least 1 wei upwards),
/// so an empty block lowers it by 12.5 % and it settles at 7 wei on an idle chain, as on the devchain.
public enum BaseFee {
    /// The base fee of the block after `parent`.
    public static func next(parentBaseFee: U256, parentGasUsed: UInt64, parentGasLimit: UInt64) -> U256 {
        let target = parentGasLimit / 2
        guard target > 0, parentGasUsed != target else { return parentBaseFee }
        if parentGasUsed > target {
            let delta =
                parentBaseFee.multipliedReportingOverflow(by: U256(parentGasUsed - target)).partialValue
                / U256(target) / U256(8)
            return parentBaseFee.addingReportingOverflow(delta.isZero ? U256(1) : delta).partialValue
        }
        let delta =
            parentBaseFee.multipliedReportingOverflow(by: U256(target - parentGasUsed)).partialValue
            / U256(target) / U256(8)
        return parentBaseFee.subtractingReportingOverflow(delta).partialValue
    }
}
