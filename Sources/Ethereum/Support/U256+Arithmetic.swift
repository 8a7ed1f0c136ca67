/// Arithmetic on ``U256``: the operations fee policies and unit conversions need.
extension U256 {
    private var words: [UInt64] { [limbs.0, limbs.1, limbs.2, limbs.3] }
    private init(words: [UInt64]) { self.init(limbs: (words[0], words[1], words[2], words[3])) }

    /// The sum and whether it wrapped past 2^256.
    public func addingReportingOverflow(_ other: U256) -> (partialValue: U256, overflow: Bool) {
        var out = [UInt64](repeating: 0, count: 4)
        var carry: UInt64 = 0
        let a = words
        let b = other.words
        for index in 0..<4 {
            let (s1, c1) = a[index].addingReportingOverflow(b[index])
            let (s2, c2) = s1.addingReportingOverflow(carry)
            out[index] = s2
            carry = (c1 ? 1 : 0) + (c2 ? 1 : 0)
        }
        return (U256(words: out), carry != 0)
    }

    /// The difference and whether it wrapped below zero.
    public func subtractingReportingOverflow(_ other: U256) -> (partialValue: U256, overflow: Bool) {
        var out = [UInt64](repeating: 0, count: 4)
        var borrow: UInt64 = 0
        let a = words
        let b = other.words
        for index in 0..<4 {
            let (d1, b1) = a[index].subtractingReportingOverflow(b[index])
            let (d2, b2) = d1.subtractingReportingOverflow(borrow)
            out[index] = d2
            borrow = (b1 ? 1 : 0) + (b2 ? 1 : 0)
        }
        return (U256(words: out), borrow != 0)
    }

    /// The product (low 256 bits) and whether the full product needed more bits.
    public func multipliedReportingOverflow(by other: U256) -> (partialValue: U256, overflow: Bool) {
        var out = [UInt64](repeating: 0, count: 8)
        let a = words
        let b = other.words
        for i in 0..<4 {
            var carry: UInt64 = 0
            for j in 0..<4 {
                let (high, low) = a[i].multipliedFullWidth(by: b[j])
                let (s1, c1) = out[i + j].addingReportingOverflow(low)
                let (s2, c2) = s1.addingReportingOverflow(carry)
                out[i + j] = s2
                carry = high &+ (c1 ? 1 : 0) &+ (c2 ? 1 : 0)
            }
            out[i + 4] = carry
        }
        let overflow = out[4] | out[5] | out[6] | out[7] != 0
        return (U256(words: Array(out[0..<4])), overflow)
    }

    /// Quotient and remainder of division by a non-zero 64-bit divisor.
    public func quotientAndRemainder(dividingBy divisor: UInt64) -> (quotient: U256, remainder: UInt64) {
        precondition(divisor != 0, "division by zero")
        var out = [UInt64](repeating: 0, count: 4)
        var remainder: UInt64 = 0
        let a = words
        for index in stride(from: 3, through: 0, by: -1) {
            let (q, r) = divisor.dividingFullWidth((remainder, a[index]))
            out[index] = q
            remainder = r
        }
        return (U256(words: out), remainder)
    }

    /// Quotient and remainder of division by a non-zero divisor (bitwise long division).
    public func quotientAndRemainder(dividingBy divisor: U256) -> (quotient: U256, remainder: U256) {
        precondition(!divisor.isZero, "division by zero")
        if let small = divisor.uint64 {
            let (q, r) = quotientAndRemainder(dividingBy: small)
            return (q, U256(r))
        }
        var quotient = U256.zero
        var remainder = U256.zero
        for bit in stride(from: bitWidth - 1, through: 0, by: -1) {
            remainder = remainder.shiftedLeft(1)
            if bitIsSet(bit) { remainder.limbs.0 |= 1 }
            if remainder >= divisor {
                remainder = remainder.subtractingReportingOverflow(divisor).partialValue
                quotient.setBit(bit)
            }
        }
        return (quotient, remainder)
    }

    /// The value shifted left by `count` bits (0 ≤ count < 256); bits shifted out are lost.
    public func shiftedLeft(_ count: Int) -> U256 {
        precondition(count >= 0 && count < 256)
        let a = words
        var out = [UInt64](repeating: 0, count: 4)
        let wordShift = count / 64
        let bitShift = UInt64(count % 64)
        for index in stride(from: 3, through: wordShift, by: -1) {
            var word = a[index - wordShift] << bitShift
            if bitShift != 0, index - wordShift - 1 >= 0 {
                word |= a[index - wordShift - 1] >> (64 - bitShift)
            }
            out[index] = word
        }
        return U256(words: out)
    }

    /// Whether bit `index` (0 = least significant) is set.
    public func bitIsSet(_ index: Int) -> Bool {
        (words[index / 64] >> UInt64(index % 64)) & 1 == 1
    }

    private mutating func setBit(_ index: Int) {
        var w = words
        w[index / 64] |= 1 << UInt64(index % 64)
        self = U256(words: w)
    }

    /// Sum; traps on overflow.
    public static func + (lhs: U256, rhs: U256) -> U256 {
        let (value, overflow) = lhs.addingReportingOverflow(rhs)
        precondition(!overflow, "U256 addition overflow")
        return value
    }

    /// Difference; traps below zero.
    public static func - (lhs: U256, rhs: U256) -> U256 {
        let (value, overflow) = lhs.subtractingReportingOverflow(rhs)
        precondition(!overflow, "U256 subtraction underflow")
        return value
    }

    /// Product; traps on overflow.
    public static func * (lhs: U256, rhs: U256) -> U256 {
        let (value, overflow) = lhs.multipliedReportingOverflow(by: rhs)
        precondition(!overflow, "U256 multiplication overflow")
        return value
    }

    /// Quotient; traps on division by zero.
    public static func / (lhs: U256, rhs: U256) -> U256 {
        lhs.quotientAndRemainder(dividingBy: rhs).quotient
    }

    /// Remainder; traps on division by zero.
    public static func % (lhs: U256, rhs: U256) -> U256 {
        lhs.quotientAndRemainder(dividingBy: rhs).remainder
    }

    /// Bitwise complement.
    public static prefix func ~ (value: U256) -> U256 {
        U256(limbs: (~value.limbs.0, ~value.limbs.1, ~value.limbs.2, ~value.limbs.3))
    }
}

extension U256: ExpressibleByIntegerLiteral {
    /// Creates a value from a non-negative integer literal.
    public init(integerLiteral value: UInt64) { self.init(value) }
}
