/// The BN parameter of the curve and the loop counters derived from it.
///
/// BN254 is the Barreto–Naehrig curve with x = 4965661367192848881: q = 36x⁴ + 36x³ + 24x² + 6x + 1,
/// r = 36x⁴ + 36x³ + 18x² + 6x + 1, and the optimal-ate Miller loop runs over 6x + 2.
public enum BN254Parameters {
    /// The BN parameter x.
    public static let x: UInt64 = 4_965_661_367_192_848_881

    /// The optimal-ate loop length 6x + 2 (a 65-bit number).
    public static var ateLoopCount: UInt128 { 6 * UInt128(x) + 2 }

    /// The non-adjacent form of x, least significant digit first (digits −1, 0, 1).
    @usableFromInline static let xSignedDigits: [Int8] = nonAdjacentForm(UInt128(x))

    /// The non-adjacent form of 6x + 2, least significant digit first (digits −1, 0, 1): the
    /// Miller loop's schedule of doublings and additions.
    public static let ateLoopSignedDigits: [Int8] = nonAdjacentForm(ateLoopCount)

    /// The non-adjacent form of `value`: digits in {−1, 0, 1}, no two adjacent non-zero digits,
    /// least significant first, with value = Σ dᵢ·2ⁱ.
    /// `value` must be below 2¹²⁷.
    public static func nonAdjacentForm(_ value: UInt128) -> [Int8] {
        precondition(value < UInt128(1) << 127, "the signed-digit form needs one spare bit")
        var digits: [Int8] = []
        var remaining = value
        while remaining > 0 {
            if remaining & 1 == 1 {
                // Digit 2 − (remaining mod 4): 1 when remaining ≡ 1 (mod 4), −1 when ≡ 3.
                if remaining & 3 == 3 {
                    digits.append(-1)
                    remaining += 1
                } else {
                    digits.append(1)
                    remaining -= 1
                }
            } else {
                digits.append(0)
            }
            remaining >>= 1
        }
        return digits
    }
}
