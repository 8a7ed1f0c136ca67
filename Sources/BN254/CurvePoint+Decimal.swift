/// snarkjs JSON forms of points: decimal strings of projective coordinates.
///
/// snarkjs writes G1 as `[x, y, "1"]` and G2 as `[[x.c0, x.c1], [y.c0, y.c1], ["1", "0"]]` (real part
/// first, unlike the EVM layout); the point at infinity is `["0", "1", "0"]` and
/// `[["0", "0"], ["1", "0"], ["0", "0"]]`. Decoders accept only z = 1 or z = 0 (infinity) and validate
/// like the binary decoders.
extension G1Affine {
    /// The snarkjs form `[x, y, "1"]`, or `["0", "1", "0"]` for infinity.
    public var decimalStrings: [String] {
        isInfinity ? ["0", "1", "0"] : [x.description, y.description, "1"]
    }

    /// Parses and validates the snarkjs form.
    /// - Throws: ``BN254Error`` `.wrongLength` (not three strings), `.invalidNumber`, `.nonCanonical`,
    ///   `.notOnCurve`.
    public init(decimalStrings strings: [String]) throws(BN254Error) {
        guard strings.count == 3 else {
            throw BN254Error(.wrongLength, "a snarkjs G1 point is 3 decimal strings [x, y, z], got \(strings.count)")
        }
        let z = try Fq(decimal: strings[2])
        if z.isZero {
            self = .infinity
            return
        }
        guard z.isOne else {
            throw BN254Error(.invalidNumber, "a snarkjs G1 point must be affine (z = \"1\") or infinity (z = \"0\")")
        }
        let point = G1Affine(x: try Fq(decimal: strings[0]), y: try Fq(decimal: strings[1]))
        guard point.isOnCurve else {
            throw BN254Error(.notOnCurve, "G1 point (\(strings[0]), \(strings[1])) does not satisfy y² = x³ + 3")
        }
        self = point
    }
}

extension G2Affine {
    /// The snarkjs form `[[x.c0, x.c1], [y.c0, y.c1], ["1", "0"]]`, or
    /// `[["0", "0"], ["1", "0"], ["0", "0"]]` for infinity.
    public var decimalStrings: [[String]] {
        if isInfinity { return [["0", "0"], ["1", "0"], ["0", "0"]] }
        return [[x.c0.description, x.c1.description], [y.c0.description, y.c1.description], ["1", "0"]]
    }

    /// Parses and validates the snarkjs form, including subgroup membership.
    /// - Throws: ``BN254Error`` `.wrongLength`, `.invalidNumber`, `.nonCanonical`, `.notOnCurve`,
    ///   `.notInSubgroup`.
    public init(decimalStrings strings: [[String]]) throws(BN254Error) {
        guard strings.count == 3, strings.allSatisfy({ $0.count == 2 }) else {
            throw BN254Error(.wrongLength, "a snarkjs G2 point is 3 pairs of decimal strings [[x0,x1],[y0,y1],[z0,z1]]")
        }
        let z = Fq2(try Fq(decimal: strings[2][0]), try Fq(decimal: strings[2][1]))
        if z.isZero {
            self = .infinity
            return
        }
        guard z == .one else {
            throw BN254Error(.invalidNumber, "a snarkjs G2 point must be affine (z = [\"1\",\"0\"]) or infinity")
        }
        let x = Fq2(try Fq(decimal: strings[0][0]), try Fq(decimal: strings[0][1]))
        let y = Fq2(try Fq(decimal: strings[1][0]), try Fq(decimal: strings[1][1]))
        self = try G2Affine.validated(x: x, y: y)
    }
}
