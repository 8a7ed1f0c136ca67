/// An unreduced 512-bit product, eight little-endian 64-bit limbs: the operand of a separate
/// Montgomery reduction (lazy reduction, where several products are combined before reducing once).
@frozen
@usableFromInline
struct WideProduct {
    @usableFromInline var w0, w1, w2, w3, w4, w5, w6, w7: UInt64

    @inlinable @inline(__always)
    init(
        _ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64, _ w4: UInt64, _ w5: UInt64, _ w6: UInt64,
        _ w7: UInt64
    ) {
        (self.w0, self.w1, self.w2, self.w3) = (w0, w1, w2, w3)
        (self.w4, self.w5, self.w6, self.w7) = (w4, w5, w6, w7)
    }

    /// `self − other` and the borrow out (0 or 1), modulo 2^512.
    @inlinable @inline(__always)
    func subtractingWithBorrow(_ other: WideProduct) -> (difference: WideProduct, borrow: UInt64) {
        let d0 = UInt128(w0) &- UInt128(other.w0)
        let d1 = UInt128(w1) &- UInt128(other.w1) &- (d0 >> 127)
        let d2 = UInt128(w2) &- UInt128(other.w2) &- (d1 >> 127)
        let d3 = UInt128(w3) &- UInt128(other.w3) &- (d2 >> 127)
        let d4 = UInt128(w4) &- UInt128(other.w4) &- (d3 >> 127)
        let d5 = UInt128(w5) &- UInt128(other.w5) &- (d4 >> 127)
        let d6 = UInt128(w6) &- UInt128(other.w6) &- (d5 >> 127)
        let d7 = UInt128(w7) &- UInt128(other.w7) &- (d6 >> 127)
        return (
            WideProduct(
                UInt64(truncatingIfNeeded: d0), UInt64(truncatingIfNeeded: d1), UInt64(truncatingIfNeeded: d2),
                UInt64(truncatingIfNeeded: d3), UInt64(truncatingIfNeeded: d4), UInt64(truncatingIfNeeded: d5),
                UInt64(truncatingIfNeeded: d6), UInt64(truncatingIfNeeded: d7)),
            UInt64(truncatingIfNeeded: d7 >> 127)
        )
    }

    /// `self + other` modulo 2^512.
    @inlinable @inline(__always)
    func adding(_ other: WideProduct) -> WideProduct {
        let s0 = UInt128(w0) &+ UInt128(other.w0)
        let s1 = UInt128(w1) &+ UInt128(other.w1) &+ (s0 >> 64)
        let s2 = UInt128(w2) &+ UInt128(other.w2) &+ (s1 >> 64)
        let s3 = UInt128(w3) &+ UInt128(other.w3) &+ (s2 >> 64)
        let s4 = UInt128(w4) &+ UInt128(other.w4) &+ (s3 >> 64)
        let s5 = UInt128(w5) &+ UInt128(other.w5) &+ (s4 >> 64)
        let s6 = UInt128(w6) &+ UInt128(other.w6) &+ (s5 >> 64)
        let s7 = UInt128(w7) &+ UInt128(other.w7) &+ (s6 >> 64)
        return WideProduct(
            UInt64(truncatingIfNeeded: s0), UInt64(truncatingIfNeeded: s1), UInt64(truncatingIfNeeded: s2),
            UInt64(truncatingIfNeeded: s3), UInt64(truncatingIfNeeded: s4), UInt64(truncatingIfNeeded: s5),
            UInt64(truncatingIfNeeded: s6), UInt64(truncatingIfNeeded: s7))
    }

    /// `self + value·2^256` modulo 2^512 (adds to the high half only).
    @inlinable @inline(__always)
    func addingToHighHalf(_ value: UInt256) -> WideProduct {
        let s4 = UInt128(w4) &+ UInt128(value.w0)
        let s5 = UInt128(w5) &+ UInt128(value.w1) &+ (s4 >> 64)
        let s6 = UInt128(w6) &+ UInt128(value.w2) &+ (s5 >> 64)
        let s7 = UInt128(w7) &+ UInt128(value.w3) &+ (s6 >> 64)
        return WideProduct(
            w0, w1, w2, w3, UInt64(truncatingIfNeeded: s4), UInt64(truncatingIfNeeded: s5),
            UInt64(truncatingIfNeeded: s6), UInt64(truncatingIfNeeded: s7))
    }
}

/// Lazy reduction: the full 512-bit product and a separate Montgomery reduction, so that a tower
/// field can add and subtract products before paying for their reduction (``Fq2`` multiplies with
/// three products and two reductions instead of three Montgomery multiplications).
extension MontgomeryArithmetic {
    /// The plain product a·b (schoolbook, 16 limb multiplications) for any a, b < 2^256.
    @inlinable @inline(__always)
    static func wideMul(_ a: UInt256, _ b: UInt256) -> WideProduct {
        var carry: UInt64
        var t1: UInt64
        var t2: UInt64
        var t3: UInt64
        var t4: UInt64
        var t5: UInt64
        var t6: UInt64
        let r0: UInt64
        let r1: UInt64
        let r2: UInt64
        let r3: UInt64
        let r4: UInt64
        let r5: UInt64
        let r6: UInt64
        let r7: UInt64
        (carry, r0) = mac(a.w0, b.w0, 0, 0)
        (carry, t1) = mac(a.w1, b.w0, 0, carry)
        (carry, t2) = mac(a.w2, b.w0, 0, carry)
        (t4, t3) = mac(a.w3, b.w0, 0, carry)

        (carry, r1) = mac(a.w0, b.w1, t1, 0)
        (carry, t2) = mac(a.w1, b.w1, t2, carry)
        (carry, t3) = mac(a.w2, b.w1, t3, carry)
        (t5, t4) = mac(a.w3, b.w1, t4, carry)

        (carry, r2) = mac(a.w0, b.w2, t2, 0)
        (carry, t3) = mac(a.w1, b.w2, t3, carry)
        (carry, t4) = mac(a.w2, b.w2, t4, carry)
        (t6, t5) = mac(a.w3, b.w2, t5, carry)

        (carry, r3) = mac(a.w0, b.w3, t3, 0)
        (carry, r4) = mac(a.w1, b.w3, t4, carry)
        (carry, r5) = mac(a.w2, b.w3, t5, carry)
        (r7, r6) = mac(a.w3, b.w3, t6, carry)
        return WideProduct(r0, r1, r2, r3, r4, r5, r6, r7)
    }

    /// One reduction round: clears limb i of the value (t_i … t_{i+3} updated in place) and returns
    /// the carry into limb i + 4.
    @inlinable @inline(__always)
    static func reductionRound(
        _ low: UInt64, _ t1: inout UInt64, _ t2: inout UInt64, _ t3: inout UInt64
    ) -> UInt64 {
        let p = P.modulus
        let m = low &* P.montgomeryInverse
        var carry: UInt64
        (carry, _) = mac(m, p.w0, low, 0)
        (carry, t1) = mac(m, p.w1, t1, carry)
        (carry, t2) = mac(m, p.w2, t2, carry)
        (carry, t3) = mac(m, p.w3, t3, carry)
        return carry
    }

    /// T·R⁻¹ mod p (fully reduced) for T < p·2^256: four reduction rounds give a value below
    /// T/2^256 + p < 2p, then one conditional subtraction.
    @inlinable @inline(__always)
    static func reduce(_ t: WideProduct) -> UInt256 {
        var (t1, t2, t3, t4, t5, t6, t7) = (t.w1, t.w2, t.w3, t.w4, t.w5, t.w6, t.w7)
        var sum: UInt128
        // Each round's carry goes into the limb just above the round's window, with that limb's own
        // carry-out passed on to the next round (the total stays below 2^256, so nothing is lost).
        sum = UInt128(t4) &+ UInt128(reductionRound(t.w0, &t1, &t2, &t3))
        t4 = UInt64(truncatingIfNeeded: sum)
        var extra = UInt64(truncatingIfNeeded: sum >> 64)
        sum = UInt128(t5) &+ UInt128(reductionRound(t1, &t2, &t3, &t4)) &+ UInt128(extra)
        t5 = UInt64(truncatingIfNeeded: sum)
        extra = UInt64(truncatingIfNeeded: sum >> 64)
        sum = UInt128(t6) &+ UInt128(reductionRound(t2, &t3, &t4, &t5)) &+ UInt128(extra)
        t6 = UInt64(truncatingIfNeeded: sum)
        extra = UInt64(truncatingIfNeeded: sum >> 64)
        sum = UInt128(t7) &+ UInt128(reductionRound(t3, &t4, &t5, &t6)) &+ UInt128(extra)
        t7 = UInt64(truncatingIfNeeded: sum)
        return reduceOnce(UInt256(t4, t5, t6, t7))
    }

    /// a + b without reduction (below 2p < 2^255 for a, b < p), an operand of ``wideMul(_:_:)``.
    @inlinable @inline(__always)
    static func addUnreduced(_ a: UInt256, _ b: UInt256) -> UInt256 {
        a.addingWithCarry(b).sum
    }
}

/// Wide squaring: the six cross products a_i·a_j (i < j) are computed once and doubled, so the 512-bit
/// square takes 10 limb multiplications instead of 16. ``Fq2`` sums two such squares for its norm
/// before one reduction; as a squaring of its own (square, then reduce) it measured no faster than
/// the interleaved CIOS product, so ``PrimeField/squared()`` still multiplies.
extension MontgomeryArithmetic {
    /// The plain square a² for any a < 2^256.
    @inlinable @inline(__always)
    static func wideSquare(_ a: UInt256) -> WideProduct {
        var carry: UInt64
        var t1: UInt64
        var t2: UInt64
        var t3: UInt64
        var t4: UInt64
        var t5: UInt64
        var t6: UInt64
        // Cross products Σ_{i<j} a_i·a_j·2^(64(i+j)).
        (carry, t1) = mac(a.w0, a.w1, 0, 0)
        (carry, t2) = mac(a.w0, a.w2, 0, carry)
        (t4, t3) = mac(a.w0, a.w3, 0, carry)
        (carry, t3) = mac(a.w1, a.w2, t3, 0)
        (t5, t4) = mac(a.w1, a.w3, t4, carry)
        (t6, t5) = mac(a.w2, a.w3, t5, 0)
        // Doubled.
        let t7 = t6 >> 63
        t6 = (t6 << 1) | (t5 >> 63)
        t5 = (t5 << 1) | (t4 >> 63)
        t4 = (t4 << 1) | (t3 >> 63)
        t3 = (t3 << 1) | (t2 >> 63)
        t2 = (t2 << 1) | (t1 >> 63)
        t1 = t1 << 1
        // Plus the squares a_i²·2^(128i).
        let s0 = UInt128(a.w0) &* UInt128(a.w0)
        let s1 = UInt128(a.w1) &* UInt128(a.w1)
        let s2 = UInt128(a.w2) &* UInt128(a.w2)
        let s3 = UInt128(a.w3) &* UInt128(a.w3)
        var sum = UInt128(t1) &+ (s0 >> 64)
        let r1 = UInt64(truncatingIfNeeded: sum)
        sum = UInt128(t2) &+ UInt128(UInt64(truncatingIfNeeded: s1)) &+ (sum >> 64)
        let r2 = UInt64(truncatingIfNeeded: sum)
        sum = UInt128(t3) &+ (s1 >> 64) &+ (sum >> 64)
        let r3 = UInt64(truncatingIfNeeded: sum)
        sum = UInt128(t4) &+ UInt128(UInt64(truncatingIfNeeded: s2)) &+ (sum >> 64)
        let r4 = UInt64(truncatingIfNeeded: sum)
        sum = UInt128(t5) &+ (s2 >> 64) &+ (sum >> 64)
        let r5 = UInt64(truncatingIfNeeded: sum)
        sum = UInt128(t6) &+ UInt128(UInt64(truncatingIfNeeded: s3)) &+ (sum >> 64)
        let r6 = UInt64(truncatingIfNeeded: sum)
        sum = UInt128(t7) &+ (s3 >> 64) &+ (sum >> 64)
        let r7 = UInt64(truncatingIfNeeded: sum)
        return WideProduct(UInt64(truncatingIfNeeded: s0), r1, r2, r3, r4, r5, r6, r7)
    }
}
