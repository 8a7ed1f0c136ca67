/// The BN parameter of the curve and the loop counters derived from it.
///
/// BN254 is the Barreto–Naehrig curve with x = 4965661367192848881: q = 36x⁴ + 36x³ + 24x² + 6x + 1,
/// r = 36x⁴ + 36x³ + 18x² + 6x + 1, and the optimal-ate Miller loop runs over 6x + 2.
public enum BN254Parameters {
    /// The BN parameter x.
    public static let x: UInt64 = 4_965_661_367_192_848_881

    /// The optimal-ate loop length 6x + 2 (a 65-bit number).
    public static var ateLoopCount: UInt128 { 6 * UInt128(x) + 2 }

    /// The width-4 signed-digit form of x, least significant digit first (digits 0, ±1, ±3, ±5,
    /// ±7; 14 non-zero digits instead of the 24 of the plain non-adjacent form).
    @usableFromInline static let xWindowedDigits: [Int8] = windowedNonAdjacentForm(UInt128(x), width: 4)

    /// The non-adjacent form of 6x + 2, least significant digit first (digits −1, 0, 1): the
    /// Miller loop's schedule of doublings and additions.
    public static let ateLoopSignedDigits: [Int8] = nonAdjacentForm(ateLoopCount)

    /// The non-adjacent form of `value`: digits in {−1, 0, 1}, no two adjacent non-zero digits,
    /// least significant first, with value = Σ dᵢ·2ⁱ. `value` must be below 2¹²⁷.
    public static func nonAdjacentForm(_ value: UInt128) -> [Int8] {
        windowedNonAdjacentForm(value, width: 2)
    }

    /// The width-`width` non-adjacent form of `value` (2 ≤ width ≤ 7): odd digits in
    /// (−2^(width−1), 2^(width−1)) or 0, any width consecutive digits holding at most one non-zero
    /// digit, least significant first, with value = Σ dᵢ·2ⁱ. `value` must be below 2¹²⁷.
    public static func windowedNonAdjacentForm(_ value: UInt128, width: Int) -> [Int8] {
        precondition(value < UInt128(1) << 127, "the signed-digit form needs one spare bit")
        precondition((2...7).contains(width), "window widths 2 to 7 are supported")
        let modulus = Int(1) << width
        var digits: [Int8] = []
        var remaining = value
        while remaining > 0 {
            if remaining & 1 == 1 {
                var digit = Int(truncatingIfNeeded: remaining) & (modulus - 1)
                if digit >= modulus / 2 { digit -= modulus }
                digits.append(Int8(digit))
                if digit > 0 {
                    remaining -= UInt128(digit)
                } else {
                    remaining += UInt128(-digit)
                }
            } else {
                digits.append(0)
            }
            remaining >>= 1
        }
        return digits
    }
}
