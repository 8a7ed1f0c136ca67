/// Arithmetic in the cyclotomic subgroup of Fq12 (the elements whose order divides q⁴ − q² + 1,
/// where the easy part of the final exponentiation lands): cheaper squaring, inversion by conjugation.
extension Fq12 {
    /// The square of an element of the cyclotomic subgroup (Granger–Scott: six Fq2
    /// multiplications instead of twelve). For other elements the result is meaningless.
    @inlinable
    public func cyclotomicSquared() -> Fq12 {
        // View Fq12 as Fq4³ with Fq4 = Fq2[s]/(s² − ξ): (z0 + z1·s), (z2 + z3·s), (z4 + z5·s).
        let z0 = c0.c0
        let z4 = c0.c1
        let z3 = c0.c2
        let z2 = c1.c0
        let z1 = c1.c1
        let z5 = c1.c2

        let p01 = z0 * z1
        let t0 = (z0 + z1) * (z1.multipliedByNonResidue() + z0) - p01 - p01.multipliedByNonResidue()
        let t1 = p01.doubled()
        let p23 = z2 * z3
        let t2 = (z2 + z3) * (z3.multipliedByNonResidue() + z2) - p23 - p23.multipliedByNonResidue()
        let t3 = p23.doubled()
        let p45 = z4 * z5
        let t4 = (z4 + z5) * (z5.multipliedByNonResidue() + z4) - p45 - p45.multipliedByNonResidue()
        let t5 = p45.doubled()

        let r0 = (t0 - z0).doubled() + t0
        let r1 = (t1 + z1).doubled() + t1
        let xiT5 = t5.multipliedByNonResidue()
        let r2 = (z2 + xiT5).doubled() + xiT5
        let r3 = (t4 - z3).doubled() + t4
        let r4 = (t2 - z4).doubled() + t2
        let r5 = (z5 + t3).doubled() + t3
        return Fq12(Fq6(r0, r4, r3), Fq6(r2, r1, r5))
    }

    /// The element raised to the BN parameter x = 4965661367192848881, for elements of the
    /// cyclotomic subgroup: a width-4 signed-digit chain (62 cyclotomic squarings, 16 products)
    /// over the precomputed odd powers m, m³, m⁵, m⁷, where negative digits use the conjugate
    /// (the inverse in that subgroup).
    @inlinable
    public func cyclotomicPowerByX() -> Fq12 {
        let digits = BN254Parameters.xWindowedDigits
        let square = cyclotomicSquared()
        var oddPowers = [self]
        for _ in 1..<4 { oddPowers.append(oddPowers[oddPowers.count - 1] * square) }
        var index = digits.count - 1
        var result = oddPowers[Int(digits[index] - 1) / 2]
        index -= 1
        while index >= 0 {
            result = result.cyclotomicSquared()
            let digit = Int(digits[index])
            if digit > 0 {
                result *= oddPowers[(digit - 1) / 2]
            } else if digit < 0 {
                result *= oddPowers[(-digit - 1) / 2].conjugate()
            }
            index -= 1
        }
        return result
    }
}
