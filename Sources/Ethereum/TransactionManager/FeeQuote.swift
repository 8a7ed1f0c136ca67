/// The fees of a transaction: EIP-1559 (max fee and tip) or legacy (one gas price).
public enum FeeQuote: Sendable, Hashable, CustomStringConvertible {
    /// A type 2 transaction's fees.
    case dynamic(maxFeePerGas: U256, maxPriorityFeePerGas: U256)
    /// A type 0 transaction's gas price.
    case legacy(gasPrice: U256)

    /// EIP-1559 fees from the next block's base fee and a tip: max fee = 2 × base fee + tip, which
    /// stays valid through six consecutive full blocks (+12.5 % each).
    public static func dynamic(baseFee: U256, tip: U256) -> FeeQuote {
        .dynamic(maxFeePerGas: saturatingAdd(saturatingMultiply(baseFee, 2), tip), maxPriorityFeePerGas: tip)
    }

    /// The highest price per gas this quote may pay.
    public var maximumPerGas: U256 {
        switch self {
        case .dynamic(let maxFee, _): return maxFee
        case .legacy(let gasPrice): return gasPrice
        }
    }

    /// These fees raised by `perMille` (rounded up, +1 wei at least), for a replacement that nodes
    /// accept: geth requires both the max fee and the tip to rise by 10 %.
    public func bumped(perMille: UInt64) -> FeeQuote {
        switch self {
        case .dynamic(let maxFee, let tip):
            return .dynamic(
                maxFeePerGas: Self.bump(maxFee, perMille), maxPriorityFeePerGas: Self.bump(tip, perMille))
        case .legacy(let gasPrice):
            return .legacy(gasPrice: Self.bump(gasPrice, perMille))
        }
    }

    /// Each fee the larger of `self`'s and `other`'s (both must be the same kind; otherwise `self`).
    public func atLeast(_ other: FeeQuote) -> FeeQuote {
        switch (self, other) {
        case (.dynamic(let maxFee, let tip), .dynamic(let otherMax, let otherTip)):
            let newTip = max(tip, otherTip)
            return .dynamic(maxFeePerGas: max(max(maxFee, otherMax), newTip), maxPriorityFeePerGas: newTip)
        case (.legacy(let price), .legacy(let otherPrice)):
            return .legacy(gasPrice: max(price, otherPrice))
        default:
            return self
        }
    }

    /// `maxFee/tip` or `gasPrice` in wei.
    public var description: String {
        switch self {
        case .dynamic(let maxFee, let tip): return "maxFeePerGas \(maxFee) wei, maxPriorityFeePerGas \(tip) wei"
        case .legacy(let gasPrice): return "gasPrice \(gasPrice) wei"
        }
    }

    /// `value × (1000 + perMille) / 1000`, rounded up, at least `value + 1`, saturating at 2^256 − 1.
    static func bump(_ value: U256, _ perMille: UInt64) -> U256 {
        let scaled = saturatingMultiply(value, 1000 + perMille)
        let (quotient, remainder) = scaled.quotientAndRemainder(dividingBy: UInt64(1000))
        let roundedUp = remainder == 0 ? quotient : saturatingAdd(quotient, 1)
        return max(roundedUp, saturatingAdd(value, 1))
    }

    static func saturatingMultiply(_ value: U256, _ factor: UInt64) -> U256 {
        let (product, overflow) = value.multipliedReportingOverflow(by: U256(factor))
        return overflow ? .max : product
    }

    static func saturatingAdd(_ lhs: U256, _ rhs: U256) -> U256 {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        return overflow ? .max : sum
    }
}
