/// The final exponentiation f ↦ f^((q¹² − 1)/r) that turns a Miller-loop value into a pairing value.
extension Pairing {
    /// f^((q¹² − 1)/r), split as (q⁶ − 1)(q² + 1) · (q⁴ − q² + 1)/r.
    ///
    /// The easy part (q⁶ − 1)(q² + 1) costs one inversion and Frobenius maps and lands in the
    /// cyclotomic subgroup. The hard part (q⁴ − q² + 1)/r = λ₃q³ + λ₂q² + λ₁q + λ₀ with
    /// λ₃ = 1, λ₂ = 6x² + 1, λ₁ = −36x³ − 18x² − 12x + 1, λ₀ = −36x³ − 30x² − 18x − 2 is evaluated
    /// with three exponentiations by x and a short vectorial addition chain (Scott, Benger,
    /// Charlemagne, Dominguez Perez, Kachisa, "On the final exponentiation for calculating pairings
    /// on ordinary elliptic curves", 2009). Zero (only reachable from invalid points) maps to zero.
    public static func finalExponentiation(_ f: Fq12) -> Fq12 {
        guard let inverse = f.inverse() else { return .zero }
        // Easy part: f^(q⁶ − 1) = conj(f)/f, then ·^(q² + 1).
        var t = f.conjugate() * inverse
        t = t.frobenius(2) * t
        return hardPart(t)
    }

    /// m^((q⁴ − q² + 1)/r) for m in the cyclotomic subgroup.
    static func hardPart(_ m: Fq12) -> Fq12 {
        let mx = m.cyclotomicPowerByX()
        let mx2 = mx.cyclotomicPowerByX()
        let mx3 = mx2.cyclotomicPowerByX()

        let y0 = m.frobenius(1) * m.frobenius(2) * m.frobenius(3)
        let y1 = m.conjugate()
        let y2 = mx2.frobenius(2)
        let y3 = mx.frobenius(1).conjugate()
        let y4 = (mx * mx2.frobenius(1)).conjugate()
        let y5 = mx2.conjugate()
        let y6 = (mx3 * mx3.frobenius(1)).conjugate()

        var t0 = y6.cyclotomicSquared() * y4 * y5
        var t1 = y3 * y5 * t0
        t0 *= y2
        t1 = (t1.cyclotomicSquared() * t0).cyclotomicSquared()
        t0 = t1 * y1
        t1 *= y0
        return t0.cyclotomicSquared() * t1
    }
}
