/// Square roots in Fq2, needed to decompress G2 points.
extension Fq2 {
    /// (q − 3) / 4.
    @usableFromInline
    static var exponentQMinus3Over4: UInt256 {
        FqParameters.modulus.subtractingWithBorrow(UInt256(3)).difference.shiftedRight(by: 2)
    }

    /// (q − 1) / 2.
    @usableFromInline
    static var exponentQMinus1Over2: UInt256 {
        FqParameters.modulus.subtractingWithBorrow(UInt256(1)).difference.shiftedRight(by: 1)
    }

    /// A square root of the element, or nil when it is not a square in Fq2.
    ///
    /// Algorithm 9 of Adj and Rodríguez-Henríquez, "Square root computation over even extension
    /// fields" (q ≡ 3 mod 4): with a₁ = a^((q−3)/4) and α = a₁²·a, the element is a square iff
    /// α^q·α ≠ −1; the root is u·a₁·a when α = −1 and (1 + α)^((q−1)/2)·a₁·a otherwise. The result is
    /// verified by squaring before it is returned. Which of the two roots comes back is unspecified;
    /// callers choose by ``isLexicographicallyLargest``.
    public func squareRoot() -> Fq2? {
        if isZero { return self }
        let a1 = pow(Fq2.exponentQMinus3Over4)
        let alpha = a1.squared() * self
        let norm = alpha.conjugate() * alpha
        let minusOne = -Fq2.one
        if norm == minusOne { return nil }
        let x0 = a1 * self
        let root: Fq2
        if alpha == minusOne {
            root = Fq2(-x0.c1, x0.c0)
        } else {
            root = (Fq2.one + alpha).pow(Fq2.exponentQMinus1Over2) * x0
        }
        return root.squared() == self ? root : nil
    }

    /// Whether the element is the larger of {y, −y} in gnark-crypto's order: compares c1 with
    /// (q − 1)/2, or c0 when c1 is zero. Used to pick the root of a compressed G2 point.
    public var isLexicographicallyLargest: Bool {
        c1.isZero ? c0.isLexicographicallyLargest : c1.isLexicographicallyLargest
    }
}

extension PrimeField {
    /// Whether the canonical value exceeds (p − 1)/2, i.e. the element is the larger of {y, −y}.
    public var isLexicographicallyLargest: Bool {
        let half = P.modulus.subtractingWithBorrow(UInt256(1)).difference.shiftedRight(by: 1)
        return half < canonical
    }
}
