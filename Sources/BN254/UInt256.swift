/// A 256-bit unsigned integer as four little-endian 64-bit limbs.
///
/// This is the raw storage of field elements (in Montgomery form inside ``PrimeField``) and the
/// type of canonical integers at the boundaries: encodings, scalars and exponents.
@frozen
public struct UInt256: Hashable, Sendable {
    /// Bits 0–63.
    public var w0: UInt64
    /// Bits 64–127.
    public var w1: UInt64
    /// Bits 128–191.
    public var w2: UInt64
    /// Bits 192–255.
    public var w3: UInt64

    /// Creates a value from its four little-endian limbs.
    @inlinable @inline(__always)
    public init(_ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    /// Creates a value that fits in one limb.
    @inlinable @inline(__always)
    public init(_ value: UInt64) {
        self.init(value, 0, 0, 0)
    }

    /// Zero.
    public static let zero = UInt256(0, 0, 0, 0)

    /// The limb at `index` (0 = least significant).
    @inlinable
    public subscript(limb index: Int) -> UInt64 {
        switch index {
        case 0: return w0
        case 1: return w1
        case 2: return w2
        default: return w3
        }
    }

    /// Whether every bit is zero.
    @inlinable
    public var isZero: Bool { (w0 | w1 | w2 | w3) == 0 }

    /// The bit at `index` (0 = least significant), for `index` in 0..<256.
    @inlinable @inline(__always)
    public func bit(_ index: Int) -> Bool {
        (self[limb: index >> 6] >> UInt64(index & 63)) & 1 == 1
    }

    /// The number of significant bits (0 for zero).
    @inlinable
    public var bitWidth: Int {
        if w3 != 0 { return 256 - w3.leadingZeroBitCount }
        if w2 != 0 { return 192 - w2.leadingZeroBitCount }
        if w1 != 0 { return 128 - w1.leadingZeroBitCount }
        return 64 - w0.leadingZeroBitCount
    }

    /// Returns `(self + other) mod 2^256` and the carry out (0 or 1).
    @inlinable @inline(__always)
    public func addingWithCarry(_ other: UInt256) -> (sum: UInt256, carry: UInt64) {
        let s0 = UInt128(w0) &+ UInt128(other.w0)
        let s1 = UInt128(w1) &+ UInt128(other.w1) &+ (s0 >> 64)
        let s2 = UInt128(w2) &+ UInt128(other.w2) &+ (s1 >> 64)
        let s3 = UInt128(w3) &+ UInt128(other.w3) &+ (s2 >> 64)
        return (
            UInt256(
                UInt64(truncatingIfNeeded: s0), UInt64(truncatingIfNeeded: s1),
                UInt64(truncatingIfNeeded: s2), UInt64(truncatingIfNeeded: s3)),
            UInt64(truncatingIfNeeded: s3 >> 64)
        )
    }

    /// Returns `(self - other) mod 2^256` and the borrow out (0 or 1).
    @inlinable @inline(__always)
    public func subtractingWithBorrow(_ other: UInt256) -> (difference: UInt256, borrow: UInt64) {
        let d0 = UInt128(w0) &- UInt128(other.w0)
        let d1 = UInt128(w1) &- UInt128(other.w1) &- (d0 >> 127)
        let d2 = UInt128(w2) &- UInt128(other.w2) &- (d1 >> 127)
        let d3 = UInt128(w3) &- UInt128(other.w3) &- (d2 >> 127)
        return (
            UInt256(
                UInt64(truncatingIfNeeded: d0), UInt64(truncatingIfNeeded: d1),
                UInt64(truncatingIfNeeded: d2), UInt64(truncatingIfNeeded: d3)),
            UInt64(truncatingIfNeeded: d3 >> 127)
        )
    }

    /// Branch-free selection: `a` when `mask` is all ones, `b` when it is zero.
    @inlinable @inline(__always)
    public static func select(_ mask: UInt64, _ a: UInt256, _ b: UInt256) -> UInt256 {
        UInt256(
            (a.w0 & mask) | (b.w0 & ~mask), (a.w1 & mask) | (b.w1 & ~mask),
            (a.w2 & mask) | (b.w2 & ~mask), (a.w3 & mask) | (b.w3 & ~mask))
    }

    /// Whether `self < other` as unsigned integers.
    @inlinable
    public func isLess(than other: UInt256) -> Bool {
        subtractingWithBorrow(other).borrow == 1
    }

    /// Logical right shift by `count` bits, 0 ≤ count < 64.
    @inlinable
    public func shiftedRight(by count: Int) -> UInt256 {
        if count == 0 { return self }
        let c = UInt64(count)
        let back = UInt64(64 - count)
        return UInt256(
            (w0 >> c) | (w1 << back), (w1 >> c) | (w2 << back), (w2 >> c) | (w3 << back), w3 >> c)
    }
}

extension UInt256: Comparable {
    /// Unsigned comparison.
    @inlinable
    public static func < (lhs: UInt256, rhs: UInt256) -> Bool { lhs.isLess(than: rhs) }
}
