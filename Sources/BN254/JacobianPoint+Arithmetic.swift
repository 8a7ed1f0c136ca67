/// Group law for ``JacobianPoint`` on y² = x³ + b (a = 0), with the formulas of the Explicit-Formulas
/// Database: dbl-2009-l (2M + 5S), add-2007-bl (11M + 5S) and madd-2007-bl (7M + 4S).
extension JacobianPoint {
    /// Twice the point.
    @inlinable
    public func doubled() -> Self {
        if isInfinity { return self }
        let a = x.squared()
        let b = y.squared()
        let c = b.squared()
        let d = ((x + b).squared() - a - c).doubled()
        let e = a.doubled() + a
        let f = e.squared()
        let x3 = f - d.doubled()
        let eightC = c.doubled().doubled().doubled()
        let y3 = e * (d - x3) - eightC
        let z3 = (y * z).doubled()
        return Self(x: x3, y: y3, z: z3)
    }

    /// The sum of two points.
    @inlinable
    public static func + (lhs: Self, rhs: Self) -> Self {
        if lhs.isInfinity { return rhs }
        if rhs.isInfinity { return lhs }
        let z1z1 = lhs.z.squared()
        let z2z2 = rhs.z.squared()
        let u1 = lhs.x * z2z2
        let u2 = rhs.x * z1z1
        let s1 = lhs.y * rhs.z * z2z2
        let s2 = rhs.y * lhs.z * z1z1
        let h = u2 - u1
        let sDifference = s2 - s1
        if h.isZero {
            return sDifference.isZero ? lhs.doubled() : .infinity
        }
        let i = h.doubled().squared()
        let j = h * i
        let r = sDifference.doubled()
        let v = u1 * i
        let x3 = r.squared() - j - v.doubled()
        let y3 = r * (v - x3) - (s1 * j).doubled()
        let z3 = ((lhs.z + rhs.z).squared() - z1z1 - z2z2) * h
        return Self(x: x3, y: y3, z: z3)
    }

    /// The sum of this point and an affine point (mixed addition).
    @inlinable
    public func adding(_ other: Affine) -> Self {
        if other.isInfinity { return self }
        if isInfinity { return Self(other) }
        let z1z1 = z.squared()
        let u2 = other.x * z1z1
        let s2 = other.y * z * z1z1
        let h = u2 - x
        let sDifference = s2 - y
        if h.isZero {
            return sDifference.isZero ? doubled() : .infinity
        }
        let hh = h.squared()
        let i = hh.doubled().doubled()
        let j = h * i
        let r = sDifference.doubled()
        let v = x * i
        let x3 = r.squared() - j - v.doubled()
        let y3 = r * (v - x3) - (y * j).doubled()
        let z3 = (z + h).squared() - z1z1 - hh
        return Self(x: x3, y: y3, z: z3)
    }

    /// The difference of two points.
    @inlinable
    public static func - (lhs: Self, rhs: Self) -> Self { lhs + (-rhs) }

    /// In-place sum.
    @inlinable
    public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }

    /// In-place sum with an affine point.
    @inlinable
    public static func += (lhs: inout Self, rhs: Affine) { lhs = lhs.adding(rhs) }
}
