/// A signed 256-bit integer in two's complement: ABI `int256` (and narrower `intN`) values.
public struct I256: Sendable, Hashable, CustomStringConvertible {
    /// The two's-complement bit pattern.
    public var bitPattern: U256

    /// Creates a value from its two's-complement bit pattern.
    public init(bitPattern: U256) { self.bitPattern = bitPattern }

    /// Creates a value from a 64-bit signed integer.
    public init(_ value: Int64) {
        let magnitude = U256(value.magnitude)
        bitPattern = value < 0 ? Self.negate(magnitude) : magnitude
    }

    /// Parses an optional `-` followed by decimal digits (or `0x` hex of the magnitude).
    /// - Throws: ``EthereumError/Code/invalidNumber`` for other text or values outside [−2^255, 2^255).
    public init(parsing text: String) throws {
        let negative = text.hasPrefix("-")
        let magnitude = try U256(parsing: negative ? String(text.dropFirst()) : text)
        let limit = U256(limbs: (0, 0, 0, 1 << 63))
        if negative {
            guard magnitude <= limit else {
                throw EthereumError(.invalidNumber, "number below -2^255: \(Hex.preview(text))")
            }
            bitPattern = Self.negate(magnitude)
        } else {
            guard magnitude < limit else {
                throw EthereumError(.invalidNumber, "number of 2^255 or more does not fit int256: \(Hex.preview(text))")
            }
            bitPattern = magnitude
        }
    }

    /// Whether the value is below zero.
    public var isNegative: Bool { bitPattern.limbs.3 >> 63 == 1 }

    /// The absolute value (2^255 for the minimum).
    public var magnitude: U256 { isNegative ? Self.negate(bitPattern) : bitPattern }

    /// The number of bits needed in two's complement, sign bit included (1 for 0 and −1).
    public var signedBitWidth: Int {
        let pattern = isNegative ? ~bitPattern : bitPattern
        return pattern.bitWidth + 1
    }

    /// Decimal digits with a leading `-` when negative.
    public var description: String { (isNegative ? "-" : "") + magnitude.description }

    static func negate(_ value: U256) -> U256 {
        (~value).addingReportingOverflow(U256(1)).partialValue
    }
}
