import BN254

/// The Lagrange form of phase-1 powers ("prepare phase 2"): for a domain of size m = 2^k with generator
/// ω = 5^((r−1)/m), [L_j(τ)] = (1/m)·Σ_i ω^(−ij)·[τ^i] — an inverse FFT in the exponent.
public enum LagrangeBasis {
    /// [L_j(τ)] for j < m from the first m powers [τ^i].
    /// - Throws: ``CeremonyError`` `.unsupported` when fewer than m powers are given.
    public static func fromPowers<Point: AffineCurvePoint>(
        _ powers: ArraySlice<Point>, logSize: Int
    ) throws(CeremonyError) -> [Point] {
        let m = 1 << logSize
        guard powers.count >= m else {
            throw CeremonyError(
                .unsupported, "a domain of 2^\(logSize) needs \(m) powers, the transcript has \(powers.count)")
        }
        let domain = try Self.domain(logSize: logSize)
        return transform(Array(powers.prefix(m)), root: domain.generatorInverse, scale: domain.sizeInverse)
    }

    /// The FFT domain of 2^`logSize`.
    static func domain(logSize: Int) throws(CeremonyError) -> EvaluationDomain {
        do {
            return try EvaluationDomain(size: 1 << logSize)
        } catch {
            throw CeremonyError(.unsupported, "no FFT domain of 2^\(logSize): \(error.message)")
        }
    }

    /// y_j = scale·Σ_i root^(ij)·x_i for j < m = `points.count` (a power of two, `root` of order m): a
    /// discrete Fourier transform in the exponent (radix-2 Cooley–Tukey, butterflies in parallel).
    public static func transform<Point: AffineCurvePoint>(_ points: [Point], root: Fr, scale: Fr) -> [Point] {
        let m = points.count
        guard m > 1 else { return points.map { (JacobianPoint<Point>($0) * scale).affine } }
        var values = points.map { JacobianPoint<Point>($0) }
        // Bit-reversal permutation, then iterative butterflies.
        var j = 0
        for i in 1..<m {
            var bit = m >> 1
            while j & bit != 0 {
                j ^= bit
                bit >>= 1
            }
            j |= bit
            if i < j { values.swapAt(i, j) }
        }
        var length = 2
        while length <= m {
            let half = length / 2
            let step = root.pow(UInt256(UInt64(m / length)))
            var twiddles = [Fr](repeating: .one, count: half)
            for index in 1..<max(half, 1) { twiddles[index] = twiddles[index - 1] * step }
            let current = values
            let blockLength = length
            let factors = twiddles
            let rotated = Parallel.map(m / 2) { (butterfly: Int) -> JacobianPoint<Point> in
                let block = butterfly / half
                let offset = butterfly % half
                let point = current[block * blockLength + offset + half]
                return offset == 0 ? point : point * factors[offset]
            }
            for butterfly in 0..<(m / 2) {
                let block = butterfly / half
                let offset = butterfly % half
                let top = block * length + offset
                let u = values[top]
                let v = rotated[butterfly]
                values[top] = u + v
                values[top + half] = u - v
            }
            length *= 2
        }
        let scaled = values
        if scale.isOne { return JacobianPoint<Point>.batchNormalise(scaled) }
        return JacobianPoint<Point>.batchNormalise(Parallel.map(m) { scaled[$0] * scale })
    }
}

/// The Lagrange form of a verified phase-1 transcript for one domain: what phase 2 is built from.
public struct PreparedPhase1: Sendable {
    /// log₂ of the domain size.
    public let logSize: Int
    /// [L_j(τ)]₁.
    public let tauG1: [G1Affine]
    /// [L_j(τ)]₂.
    public let tauG2: [G2Affine]
    /// [α·L_j(τ)]₁.
    public let alphaTauG1: [G1Affine]
    /// [β·L_j(τ)]₁.
    public let betaTauG1: [G1Affine]
    /// The monomial powers [τ^i]₁, i < 2m (i < 2m − 1 when the transcript's power is the domain's), for H.
    public let monomialTauG1: [G1Affine]
    /// [α]₁, [β]₁, [β]₂.
    public let alphaG1: G1Affine
    /// [β]₁.
    public let betaG1: G1Affine
    /// [β]₂.
    public let betaG2: G2Affine
    /// The final challenge hash of the phase-1 transcript it came from.
    public let phase1Hash: [UInt8]

    /// Computes the Lagrange form of `transcript` (which the caller has verified) for a domain of 2^logSize.
    /// - Throws: ``CeremonyError`` `.unsupported` when the transcript is smaller than the domain.
    public init(_ transcript: PowersOfTau, logSize: Int, progress: (String) -> Void = { _ in }) throws(CeremonyError) {
        guard logSize <= transcript.power else {
            throw CeremonyError(
                .unsupported,
                "the circuit needs a domain of 2^\(logSize) but the phase-1 transcript has power \(transcript.power)")
        }
        self.logSize = logSize
        progress("Lagrange form of [τ^i]₁ over 2^\(logSize)")
        tauG1 = try LagrangeBasis.fromPowers(transcript.tauG1[...], logSize: logSize)
        progress("Lagrange form of [τ^i]₂")
        tauG2 = try LagrangeBasis.fromPowers(transcript.tauG2[...], logSize: logSize)
        progress("Lagrange form of [ατ^i]₁ and [βτ^i]₁")
        alphaTauG1 = try LagrangeBasis.fromPowers(transcript.alphaTauG1[...], logSize: logSize)
        betaTauG1 = try LagrangeBasis.fromPowers(transcript.betaTauG1[...], logSize: logSize)
        monomialTauG1 = Array(transcript.tauG1.prefix(2 * (1 << logSize)))
        alphaG1 = transcript.alphaTauG1[0]
        betaG1 = transcript.betaTauG1[0]
        betaG2 = transcript.betaG2
        phase1Hash = try transcript.currentChallenge()
    }

    /// snarkjs's prepared sections 12–15 (`powersoftau prepare phase2`): the Lagrange form of [τ^i]₂,
    /// [ατ^i]₁, [βτ^i]₁ for every domain 2^0 … 2^power, and of [τ^i]₁ for 2^0 … 2^(power+1), the last
    /// block taking [τ^(2N−1)]₁ (which the transcript lacks) as the identity, exactly as snarkjs does.
    public static func snarkjsSections(
        _ transcript: PowersOfTau, progress: (String) -> Void = { _ in }
    ) throws(CeremonyError) -> [(UInt32, [UInt8])] {
        var s12 = [UInt8]()
        var s13 = [UInt8]()
        var s14 = [UInt8]()
        var s15 = [UInt8]()
        for p in 0...transcript.power {
            progress("Lagrange form over 2^\(p)")
            for point in try LagrangeBasis.fromPowers(transcript.tauG1[...], logSize: p) {
                SnarkjsPointCodec.append(point, to: &s12)
            }
            for point in try LagrangeBasis.fromPowers(transcript.tauG2[...], logSize: p) {
                SnarkjsPointCodec.append(point, to: &s13)
            }
            for point in try LagrangeBasis.fromPowers(transcript.alphaTauG1[...], logSize: p) {
                SnarkjsPointCodec.append(point, to: &s14)
            }
            for point in try LagrangeBasis.fromPowers(transcript.betaTauG1[...], logSize: p) {
                SnarkjsPointCodec.append(point, to: &s15)
            }
        }
        let doubled = transcript.power + 1
        progress("Lagrange form of [τ^i]₁ over 2^\(doubled)")
        let padded = transcript.tauG1 + [G1Affine.infinity]
        for point in try LagrangeBasis.fromPowers(padded[...], logSize: doubled) {
            SnarkjsPointCodec.append(point, to: &s12)
        }
        return [(12, s12), (13, s13), (14, s14), (15, s15)]
    }
}
