/// Branch-free Montgomery arithmetic on four 64-bit limbs: the one implementation behind every
/// prime field of the module.
///
/// Multiplication is the "no-carry" CIOS variant (valid for moduli below 2^254): partial products
/// are accumulated in `UInt128`, carries flow as data, and the final reduction is a masked select,
/// so the time of `add`, `sub` and `mul` does not depend on the operands.
@usableFromInline
enum MontgomeryArithmetic<P: PrimeFieldParameters> {
    /// `a·b + c + carry` as (high, low) words; cannot overflow 128 bits.
    @inlinable @inline(__always)
    static func mac(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ carry: UInt64) -> (UInt64, UInt64) {
        let result = UInt128(a) &* UInt128(b) &+ UInt128(c) &+ UInt128(carry)
        return (UInt64(truncatingIfNeeded: result >> 64), UInt64(truncatingIfNeeded: result))
    }

    /// Subtracts p when `value ≥ p`; `value` must be below 2p.
    @inlinable @inline(__always)
    static func reduceOnce(_ value: UInt256) -> UInt256 {
        let (difference, borrow) = value.subtractingWithBorrow(P.modulus)
        return UInt256.select(0 &- borrow, value, difference)
    }

    /// (a + b) mod p for a, b < p.
    @inlinable @inline(__always)
    static func add(_ a: UInt256, _ b: UInt256) -> UInt256 {
        reduceOnce(a.addingWithCarry(b).sum)
    }

    /// (a − b) mod p for a, b < p.
    @inlinable @inline(__always)
    static func sub(_ a: UInt256, _ b: UInt256) -> UInt256 {
        let (difference, borrow) = a.subtractingWithBorrow(b)
        let mask = 0 &- borrow
        let p = P.modulus
        return difference.addingWithCarry(UInt256(p.w0 & mask, p.w1 & mask, p.w2 & mask, p.w3 & mask)).sum
    }

    /// One CIOS round: t ← (t + a·bi + m·p) / 2^64 with m chosen to clear the low word.
    @inlinable @inline(__always)
    static func round(_ a: UInt256, _ bi: UInt64, _ t: inout UInt256) {
        let p = P.modulus
        var carryA: UInt64
        var carryC: UInt64
        var low: UInt64
        (carryA, low) = mac(a.w0, bi, t.w0, 0)
        let m = low &* P.montgomeryInverse
        (carryC, _) = mac(m, p.w0, low, 0)
        (carryA, low) = mac(a.w1, bi, t.w1, carryA)
        (carryC, t.w0) = mac(m, p.w1, low, carryC)
        (carryA, low) = mac(a.w2, bi, t.w2, carryA)
        (carryC, t.w1) = mac(m, p.w2, low, carryC)
        (carryA, low) = mac(a.w3, bi, t.w3, carryA)
        (carryC, t.w2) = mac(m, p.w3, low, carryC)
        t.w3 = carryC &+ carryA
    }

    /// a·b·R⁻¹ mod p for a, b < p.
    @inlinable @inline(__always)
    static func mul(_ a: UInt256, _ b: UInt256) -> UInt256 {
        var t = UInt256.zero
        round(a, b.w0, &t)
        round(a, b.w1, &t)
        round(a, b.w2, &t)
        round(a, b.w3, &t)
        return reduceOnce(t)
    }
}
