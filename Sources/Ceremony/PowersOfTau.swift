import BN254

/// A phase-1 ("powers of tau") transcript for BN254: the accumulated powers of size N = 2^power and the
/// contributions that produced them — the content of a snarkjs `.ptau` file.
///
/// State: [τ^i]₁ for i < 2N − 1, [τ^i]₂, [ατ^i]₁, [βτ^i]₁ for i < N, and [β]₂. A fresh transcript has
/// every element equal to the generator.
public struct PowersOfTau: Sendable {
    /// log₂ N.
    public let power: Int
    /// The power of the ceremony this transcript was cut from (snarkjs's header; equal to ``power`` here).
    public let ceremonyPower: Int
    /// [τ^i]₁, i = 0 … 2N − 2.
    public var tauG1: [G1Affine]
    /// [τ^i]₂, i = 0 … N − 1.
    public var tauG2: [G2Affine]
    /// [ατ^i]₁, i = 0 … N − 1.
    public var alphaTauG1: [G1Affine]
    /// [βτ^i]₁, i = 0 … N − 1.
    public var betaTauG1: [G1Affine]
    /// [β]₂.
    public var betaG2: G2Affine
    /// The contributions in ceremony order.
    public var contributions: [Phase1Contribution]

    /// The largest supported power (the checkpoint circuit needs 11; public ceremonies go to 28).
    public static let maximumPower = 28

    /// N = 2^power.
    public var size: Int { 1 << power }

    /// A fresh transcript: every element the generator, no contributions.
    /// - Throws: ``CeremonyError`` `.unsupported` for a power outside 1…28.
    public init(power: Int) throws(CeremonyError) {
        guard (1...Self.maximumPower).contains(power) else {
            throw CeremonyError(.unsupported, "power \(power) is outside 1…\(Self.maximumPower)")
        }
        self.power = power
        ceremonyPower = power
        let n = 1 << power
        tauG1 = [G1Affine](repeating: .generator, count: 2 * n - 1)
        tauG2 = [G2Affine](repeating: .generator, count: n)
        alphaTauG1 = [G1Affine](repeating: .generator, count: n)
        betaTauG1 = [G1Affine](repeating: .generator, count: n)
        betaG2 = .generator
        contributions = []
    }

    init(
        power: Int, ceremonyPower: Int, tauG1: [G1Affine], tauG2: [G2Affine], alphaTauG1: [G1Affine],
        betaTauG1: [G1Affine], betaG2: G2Affine, contributions: [Phase1Contribution]
    ) {
        self.power = power
        self.ceremonyPower = ceremonyPower
        self.tauG1 = tauG1
        self.tauG2 = tauG2
        self.alphaTauG1 = alphaTauG1
        self.betaTauG1 = betaTauG1
        self.betaG2 = betaG2
        self.contributions = contributions
    }

    /// BLAKE2b(previous ‖ uncompressed state): the challenge hash of this state given the hash that
    /// precedes it (the previous response hash, or BLAKE2b("") for a fresh ceremony).
    public func stateHash(after previous: [UInt8]) -> [UInt8] {
        var hasher = BLAKE2b()
        hasher.update(previous)
        hashUncompressed(into: &hasher)
        return hasher.finalize()
    }

    /// Absorbs the state in snarkjs's uncompressed order.
    func hashUncompressed(into hasher: inout BLAKE2b) {
        for point in tauG1 { hasher.update(SnarkjsPointCodec.uncompressed(point)) }
        for point in tauG2 { hasher.update(SnarkjsPointCodec.uncompressed(point)) }
        for point in alphaTauG1 { hasher.update(SnarkjsPointCodec.uncompressed(point)) }
        for point in betaTauG1 { hasher.update(SnarkjsPointCodec.uncompressed(point)) }
        hasher.update(SnarkjsPointCodec.uncompressed(betaG2))
    }

    /// Absorbs the state in the compressed order of a bellman response file.
    func hashCompressed(into hasher: inout BLAKE2b) {
        for point in tauG1 { hasher.update(SnarkjsPointCodec.compressed(point)) }
        for point in tauG2 { hasher.update(SnarkjsPointCodec.compressed(point)) }
        for point in alphaTauG1 { hasher.update(SnarkjsPointCodec.compressed(point)) }
        for point in betaTauG1 { hasher.update(SnarkjsPointCodec.compressed(point)) }
        hasher.update(SnarkjsPointCodec.compressed(betaG2))
    }

    /// The challenge hash of a fresh ceremony of `power` (snarkjs's `calculateFirstChallengeHash`).
    public static func firstChallengeHash(power: Int) throws(CeremonyError) -> [UInt8] {
        try PowersOfTau(power: power).stateHash(after: BLAKE2b.hash([UInt8]()))
    }

    /// The hash the next contribution must start from: the last contribution's claimed next challenge, or
    /// the first challenge hash.
    public func currentChallenge() throws(CeremonyError) -> [UInt8] {
        if let last = contributions.last { return last.nextChallenge }
        return try Self.firstChallengeHash(power: power)
    }
}
