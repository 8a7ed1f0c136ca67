/// Scalar multiplication of ``JacobianPoint`` by fixed 4-bit windows.
extension JacobianPoint {
    /// The point multiplied by a 256-bit integer (any value, not reduced modulo r).
    ///
    /// Fixed 4-bit windows from the most significant end: a table of 0·P…15·P, then four doublings
    /// and at most one addition per window. The time depends on the scalar's bit length and on its
    /// zero windows.
    @inlinable
    public func multiplied(by scalar: UInt256) -> Self {
        if isInfinity || scalar.isZero { return .infinity }
        var table = [Self](repeating: .infinity, count: 16)
        table[1] = self
        for index in 2..<16 {
            table[index] = index % 2 == 0 ? table[index / 2].doubled() : table[index - 1] + self
        }
        let windows = (scalar.bitWidth + 3) / 4
        var result = Self.infinity
        var window = windows - 1
        while window >= 0 {
            if !result.isInfinity {
                result = result.doubled().doubled().doubled().doubled()
            }
            let limb = scalar[limb: window >> 4]
            let digit = Int((limb >> UInt64((window & 15) * 4)) & 15)
            if digit != 0 { result = result + table[digit] }
            window -= 1
        }
        return result
    }

    /// The point multiplied by a scalar-field element.
    @inlinable
    public func multiplied(by scalar: Fr) -> Self { multiplied(by: scalar.canonical) }

    /// `point · scalar`.
    @inlinable
    public static func * (point: Self, scalar: Fr) -> Self { point.multiplied(by: scalar) }
}

extension AffineCurvePoint {
    /// The point multiplied by a scalar-field element, in Jacobian form.
    @inlinable
    public func multiplied(by scalar: Fr) -> JacobianPoint<Self> {
        JacobianPoint(self).multiplied(by: scalar)
    }
}
