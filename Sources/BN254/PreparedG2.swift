/// A G2 point with its Miller-loop line coefficients precomputed.
///
/// The optimal-ate Miller loop's lines depend only on the G2 point; the G1 point enters each line
/// through two Fq multiplications. A verifier that pairs against fixed G2 points (Groth16's
/// [β]₂, [γ]₂, [δ]₂) prepares them once and saves the G2 arithmetic of every later pairing.
///
/// The point is not validated: pass points that are on the twist and in the order-r subgroup
/// (as the decoders guarantee); other points give meaningless (but not crashing) results.
public struct PreparedG2: Sendable {
    /// The line coefficients in Miller-loop order (empty for the point at infinity).
    @usableFromInline let lines: [MillerLine]
    /// Whether the prepared point is the point at infinity (its pairings are all 1).
    public let isInfinity: Bool

    /// Precomputes the Miller-loop lines of `point`.
    public init(_ point: G2Affine) {
        isInfinity = point.isInfinity
        guard !point.isInfinity else {
            lines = []
            return
        }
        let digits = BN254Parameters.ateLoopSignedDigits
        var lines: [MillerLine] = []
        lines.reserveCapacity(digits.count + digits.count / 2)
        var current = MillerPoint(point)
        let negated = -point
        var index = digits.count - 2
        while index >= 0 {
            lines.append(current.doubleStep())
            if digits[index] == 1 {
                lines.append(current.addStep(point))
            } else if digits[index] == -1 {
                lines.append(current.addStep(negated))
            }
            index -= 1
        }
        // The two extra lines of the optimal-ate pairing: through π(Q), then through −π²(Q).
        let table = FrobeniusCoefficients.table
        let q1 = G2Affine(x: point.x.conjugate() * table.gamma[1][2], y: point.y.conjugate() * table.gamma[1][3])
        let minusQ2 = G2Affine(x: point.x * table.gamma[2][2], y: -(point.y * table.gamma[2][3]))
        lines.append(current.addStep(q1))
        lines.append(current.addStep(minusQ2))
        self.lines = lines
    }
}

/// One Miller-loop line ℓ(P) = c0·y_P + c3·x_P·w + c4·v·w (up to a factor in a proper subfield
/// that the final exponentiation removes), for the D-type twist ψ(x, y) = (x·w², y·w³).
@usableFromInline
struct MillerLine: Sendable {
    /// Multiplied by y_P at evaluation.
    @usableFromInline let c0: Fq2
    /// Multiplied by x_P at evaluation.
    @usableFromInline let c3: Fq2
    /// Independent of P.
    @usableFromInline let c4: Fq2

    init(_ c0: Fq2, _ c3: Fq2, _ c4: Fq2) {
        self.c0 = c0
        self.c3 = c3
        self.c4 = c4
    }
}

/// The running point T of the Miller loop, in homogeneous projective coordinates (X : Y : Z) on the
/// twist, with the doubling and addition steps of Costello–Lange–Naehrig that also return the line.
struct MillerPoint {
    var x: Fq2
    var y: Fq2
    var z: Fq2

    init(_ point: G2Affine) {
        x = point.x
        y = point.y
        z = .one
    }

    static let twoInverse: Fq = {
        guard let inverse = Fq(2).inverse() else { fatalError("2 is invertible in Fq") }
        return inverse
    }()

    /// T ← 2T; returns the tangent line at T.
    mutating func doubleStep() -> MillerLine {
        let half = MillerPoint.twoInverse
        let a = (x * y) * half
        let b = y.squared()
        let c = z.squared()
        let e = G2Affine.twistB * (c.doubled() + c)
        let f = e.doubled() + e
        let g = (b + f) * half
        let h = (y + z).squared() - (b + c)
        let i = e - b
        let j = x.squared()
        let eSquared = e.squared()
        x = a * (b - f)
        y = g.squared() - (eSquared.doubled() + eSquared)
        z = b * h
        return MillerLine(-h, j.doubled() + j, i)
    }

    /// T ← T + Q for an affine Q; returns the line through T and Q.
    mutating func addStep(_ q: G2Affine) -> MillerLine {
        let theta = y - q.y * z
        let lambda = x - q.x * z
        let c = theta.squared()
        let d = lambda.squared()
        let e = lambda * d
        let f = z * c
        let g = x * d
        let h = e + f - g.doubled()
        x = lambda * h
        y = theta * (g - h) - e * y
        z *= e
        let j = theta * q.x - lambda * q.y
        return MillerLine(lambda, -theta, j)
    }
}
