/// Square roots, batch inversion and random sampling for ``PrimeField``.
extension PrimeField {
    /// A square root of the element (Tonelli–Shanks; a single exponentiation when p ≡ 3 mod 4),
    /// or nil when the element is not a square. Which of the two roots is returned is unspecified.
    public func squareRoot() -> Self? {
        if isZero { return self }
        let pMinusOne = P.modulus.subtractingWithBorrow(UInt256(1)).difference
        var twoAdicity = 0
        var oddPart = pMinusOne
        while !oddPart.bit(0) {
            oddPart = oddPart.shiftedRight(by: 1)
            twoAdicity += 1
        }
        if twoAdicity == 1 {
            // p ≡ 3 (mod 4): the root is a^((p+1)/4).
            let exponent = P.modulus.addingWithCarry(UInt256(1)).sum.shiftedRight(by: 2)
            let root = pow(exponent)
            return root.squared() == self ? root : nil
        }
        guard legendre() == 1 else { return nil }
        var nonResidue = Self(2)
        while nonResidue.legendre() != -1 { nonResidue += .one }
        var m = twoAdicity
        var c = nonResidue.pow(oddPart)
        var t = pow(oddPart)
        var root = pow(oddPart.addingWithCarry(UInt256(1)).sum.shiftedRight(by: 1))
        while !t.isOne {
            var i = 0
            var probe = t
            while !probe.isOne {
                probe = probe.squared()
                i += 1
            }
            var b = c
            for _ in 0..<(m - i - 1) { b = b.squared() }
            m = i
            c = b.squared()
            t *= c
            root *= b
        }
        return root
    }

    /// Inverts every element in place with one field inversion (Montgomery's trick). Zeros stay zero.
    public static func batchInvert(_ values: inout [Self]) {
        var prefix = [Self](repeating: .one, count: values.count)
        var accumulator = Self.one
        for index in values.indices where !values[index].isZero {
            prefix[index] = accumulator
            accumulator *= values[index]
        }
        guard var inverse = accumulator.inverse() else { return }
        for index in values.indices.reversed() where !values[index].isZero {
            let original = values[index]
            values[index] = inverse * prefix[index]
            inverse *= original
        }
    }

    /// A uniformly random element drawn from `generator` by rejection sampling.
    /// Pass ``SecureRandom`` (the operating system's CSPRNG) for anything secret.
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> Self {
        let topBits = P.modulus.bitWidth - 192
        let topMask: UInt64 = topBits >= 64 ? ~0 : (UInt64(1) << UInt64(topBits)) - 1
        while true {
            let candidate = UInt256(
                generator.next(), generator.next(), generator.next(), generator.next() & topMask)
            if candidate < P.modulus {
                return Self(montgomery: MontgomeryArithmetic<P>.mul(candidate, P.montgomeryRSquared))
            }
        }
    }

    /// A uniformly random element from the operating system's CSPRNG.
    public static func random() -> Self {
        var generator = SecureRandom()
        return random(using: &generator)
    }
}

extension PrimeField {
    /// Decodes a canonical 32-byte big-endian encoding.
    /// - Throws: ``BN254Error`` `.wrongLength` or `.nonCanonical` (value ≥ p).
    public init<Bytes: Collection<UInt8>>(bigEndianBytes bytes: Bytes) throws(BN254Error) {
        try self.init(canonical: UInt256(bigEndianBytes: bytes))
    }

    /// The canonical 32-byte big-endian encoding.
    public var bigEndianBytes: [UInt8] { canonical.bigEndianBytes }

    /// Parses a canonical decimal string (the snarkjs JSON convention).
    /// - Throws: ``BN254Error`` `.invalidNumber` or `.nonCanonical`.
    public init(decimal text: String) throws(BN254Error) {
        try self.init(canonical: UInt256(decimal: text))
    }
}
