import BN254

/// Makes phase-1 contributions: secret ones from the operating system's CSPRNG, and the beacon, whose
/// secrets are derived from a public value exactly as snarkjs derives them.
///
/// The secrets τ, α, β and the powers derived from them live only in memory and are overwritten before
/// returning (best effort: Swift gives no guaranteed wipe of copies the optimiser makes).
public enum Phase1Contributor {
    /// The secrets and public key of one contribution.
    struct KeyMaterial {
        var tau: Fr
        var alpha: Fr
        var beta: Fr
        var publicKey: Phase1PublicKey

        mutating func erase() {
            tau = .zero
            alpha = .zero
            beta = .zero
        }
    }

    /// snarkjs's `createPTauKey`: τ, α, β then, for each, s from the generator, x·s, r from the transcript.
    static func deriveKey(challenge: [UInt8], generator: inout ChaChaGenerator) -> KeyMaterial {
        let secrets = (0..<3).map { _ in SnarkjsDerivation.field(Fr.self, from: &generator) }
        var components = [Phase1PublicKey.Component]()
        for (personalisation, secret) in secrets.enumerated() {
            let s = SnarkjsDerivation.g1Point(from: &generator)
            components.append(component(secret, s: s, personalisation: UInt8(personalisation), challenge: challenge))
        }
        return KeyMaterial(
            tau: secrets[0], alpha: secrets[1], beta: secrets[2],
            publicKey: Phase1PublicKey(tau: components[0], alpha: components[1], beta: components[2]))
    }

    static func component(
        _ secret: Fr, s: G1Affine, personalisation: UInt8, challenge: [UInt8]
    )
        -> Phase1PublicKey.Component
    {
        let sx = (G1Projective(s) * secret).affine
        let r = Phase1PublicKey.transcriptPoint(personalisation: personalisation, challenge: challenge, s: s, sx: sx)
        return .init(s: s, sx: sx, rx: (G2Projective(r) * secret).affine)
    }

    /// Adds a secret contribution drawn from the system CSPRNG.
    /// - Parameters:
    ///   - name: the contributor's name recorded in the transcript (at most 64 bytes kept).
    ///   - progress: called with a short line per step.
    /// - Returns: the response hash the participant writes down.
    /// - Throws: ``CeremonyError`` `.brokenHashChain` when the input's last contribution does not hash to
    ///   its state (verify the file first).
    @discardableResult
    public static func contribute(
        to transcript: inout PowersOfTau, name: String?, progress: (String) -> Void = { _ in }
    ) throws(CeremonyError) -> [UInt8] {
        let challenge = try transcript.currentChallenge()
        var random = SecureRandom()
        func nonZero() -> Fr {
            while true {
                let value = Fr.random(using: &random)
                if !value.isZero { return value }
            }
        }
        let secrets = [nonZero(), nonZero(), nonZero()]
        var components = [Phase1PublicKey.Component]()
        for (personalisation, secret) in secrets.enumerated() {
            let s = (G1Projective.generator * nonZero()).affine
            components.append(component(secret, s: s, personalisation: UInt8(personalisation), challenge: challenge))
        }
        var material = KeyMaterial(
            tau: secrets[0], alpha: secrets[1], beta: secrets[2],
            publicKey: Phase1PublicKey(tau: components[0], alpha: components[1], beta: components[2]))
        defer { material.erase() }
        return apply(&material, to: &transcript, challenge: challenge, name: name, beacon: nil, progress: progress)
    }

    /// Adds the beacon contribution: secrets derived from `beaconHash` by SHA-256 iterated
    /// 2^`iterationsExponent` times (snarkjs's `powersoftau beacon`), so anyone can re-derive them.
    /// - Throws: ``CeremonyError`` `.unsupported` for an exponent outside 0…63 or a hash over 255 bytes.
    @discardableResult
    public static func beacon(
        to transcript: inout PowersOfTau, beaconHash: [UInt8], iterationsExponent: Int, name: String?,
        progress: (String) -> Void = { _ in }
    ) throws(CeremonyError) -> [UInt8] {
        guard !beaconHash.isEmpty, beaconHash.count <= 255 else {
            throw CeremonyError(.unsupported, "the beacon value must be 1…255 bytes")
        }
        let challenge = try transcript.currentChallenge()
        progress("deriving the beacon secrets (2^\(iterationsExponent) SHA-256 iterations)")
        var generator = try SnarkjsDerivation.beaconGenerator(
            beaconHash: beaconHash, iterationsExponent: iterationsExponent)
        var material = deriveKey(challenge: challenge, generator: &generator)
        defer { material.erase() }
        return apply(
            &material, to: &transcript, challenge: challenge, name: name,
            beacon: .init(hash: beaconHash, iterationsExponent: iterationsExponent), progress: progress)
    }

    /// Multiplies the state by the secrets' powers and appends the contribution record.
    static func apply(
        _ material: inout KeyMaterial, to transcript: inout PowersOfTau, challenge: [UInt8], name: String?,
        beacon: Phase1Contribution.Beacon?, progress: (String) -> Void
    ) -> [UInt8] {
        let count = transcript.tauG1.count
        var powers = [Fr](repeating: .one, count: count)
        for index in 1..<count { powers[index] = powers[index - 1] * material.tau }
        defer { for index in powers.indices { powers[index] = .zero } }
        let n = transcript.size
        let tauPowers = powers
        let alpha = material.alpha
        let beta = material.beta
        progress("multiplying \(count) [τ^i]₁ points")
        let oldTauG1 = transcript.tauG1
        transcript.tauG1 = G1Projective.batchNormalise(
            Parallel.map(count) { G1Projective(oldTauG1[$0]) * tauPowers[$0] })
        progress("multiplying \(n) [τ^i]₂ points")
        let oldTauG2 = transcript.tauG2
        transcript.tauG2 = G2Projective.batchNormalise(
            Parallel.map(n) { G2Projective(oldTauG2[$0]) * tauPowers[$0] })
        progress("multiplying \(n) [ατ^i]₁ and \(n) [βτ^i]₁ points")
        let oldAlpha = transcript.alphaTauG1
        transcript.alphaTauG1 = G1Projective.batchNormalise(
            Parallel.map(n) { G1Projective(oldAlpha[$0]) * (tauPowers[$0] * alpha) })
        let oldBeta = transcript.betaTauG1
        transcript.betaTauG1 = G1Projective.batchNormalise(
            Parallel.map(n) { G1Projective(oldBeta[$0]) * (tauPowers[$0] * beta) })
        transcript.betaG2 = (G2Projective(transcript.betaG2) * beta).affine
        progress("hashing the response and the next challenge")
        var response = BLAKE2b()
        response.update(challenge)
        transcript.hashCompressed(into: &response)
        let partial = response.partialState
        response.update(material.publicKey.uncompressed)
        let responseHash = response.finalize()
        let next = transcript.stateHash(after: responseHash)
        transcript.contributions.append(
            Phase1Contribution(
                tauG1: transcript.tauG1[1], tauG2: transcript.tauG2[1], alphaG1: transcript.alphaTauG1[0],
                betaG1: transcript.betaTauG1[0], betaG2: transcript.betaG2, key: material.publicKey,
                partialHash: partial, nextChallenge: next, name: name, beacon: beacon))
        return responseHash
    }
}
