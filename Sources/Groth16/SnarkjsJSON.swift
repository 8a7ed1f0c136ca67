import BN254
import Foundation

/// snarkjs-compatible JSON for the verifying key (`verification_key.json`), the proof (`proof.json`)
/// and the public inputs (`public.json`): decimal strings, projective coordinates with z = 1, curve
/// `bn128`. Any circom-ecosystem Groth16 verifier (snarkjs, its Solidity export, py_ecc scripts) reads them.
public enum SnarkjsJSON {
    /// `verification_key.json`.
    public struct VerificationKey: Codable, Sendable, Equatable {
        /// Always "groth16".
        public var protocolName: String
        /// Always "bn128".
        public var curve: String
        /// The number of public inputs.
        public var nPublic: Int
        /// [α]₁ as [x, y, "1"].
        public var vkAlpha1: [String]
        /// [β]₂ as [[x.c0, x.c1], [y.c0, y.c1], ["1", "0"]].
        public var vkBeta2: [[String]]
        /// [γ]₂.
        public var vkGamma2: [[String]]
        /// [δ]₂.
        public var vkDelta2: [[String]]
        /// e(α, β) as snarkjs writes it: [[[c0.c0.c0, c0.c0.c1], …], …] over the same Fq12 tower.
        public var vkAlphabeta12: [[[String]]]
        /// The IC points, one per input column.
        public var ic: [[String]]

        enum CodingKeys: String, CodingKey {
            case protocolName = "protocol"
            case curve
            case nPublic
            case vkAlpha1 = "vk_alpha_1"
            case vkBeta2 = "vk_beta_2"
            case vkGamma2 = "vk_gamma_2"
            case vkDelta2 = "vk_delta_2"
            case vkAlphabeta12 = "vk_alphabeta_12"
            case ic = "IC"
        }
    }

    /// `proof.json`.
    public struct ProofJSON: Codable, Sendable, Equatable {
        /// A as [x, y, "1"].
        public var piA: [String]
        /// B as [[x.c0, x.c1], [y.c0, y.c1], ["1", "0"]].
        public var piB: [[String]]
        /// C as [x, y, "1"].
        public var piC: [String]
        /// Always "groth16".
        public var protocolName: String
        /// Always "bn128".
        public var curve: String

        enum CodingKeys: String, CodingKey {
            case piA = "pi_a"
            case piB = "pi_b"
            case piC = "pi_c"
            case protocolName = "protocol"
            case curve
        }
    }

    /// The snarkjs form of a verifying key.
    public static func verificationKey(_ key: VerifyingKey) -> VerificationKey {
        let alphaBeta = Pairing.pairing(key.alpha, key.beta)
        func fq2(_ value: Fq2) -> [String] { [value.c0.description, value.c1.description] }
        func fq6(_ value: Fq6) -> [[String]] { [fq2(value.c0), fq2(value.c1), fq2(value.c2)] }
        return VerificationKey(
            protocolName: "groth16", curve: "bn128", nPublic: key.publicInputCount,
            vkAlpha1: key.alpha.decimalStrings, vkBeta2: key.beta.decimalStrings, vkGamma2: key.gamma.decimalStrings,
            vkDelta2: key.delta.decimalStrings, vkAlphabeta12: [fq6(alphaBeta.c0), fq6(alphaBeta.c1)],
            ic: key.inputCommitments.map(\.decimalStrings))
    }

    /// Reads a snarkjs verifying key (points validated; G2 points checked for subgroup membership).
    /// - Throws: ``Groth16Error`` `.malformedJSON` naming the field.
    public static func verifyingKey(
        from json: VerificationKey, circuitDigest: [UInt8] = []
    ) throws(Groth16Error)
        -> VerifyingKey
    {
        guard json.protocolName == "groth16", json.curve == "bn128" else {
            throw Groth16Error(
                .malformedJSON, "expected protocol groth16 on curve bn128, got \(json.protocolName)/\(json.curve)")
        }
        guard json.ic.count == json.nPublic + 1 else {
            throw Groth16Error(
                .malformedJSON, "IC has \(json.ic.count) points; nPublic \(json.nPublic) needs \(json.nPublic + 1)")
        }
        var inputs: [G1Affine] = []
        for (index, point) in json.ic.enumerated() { inputs.append(try g1(point, "IC[\(index)]")) }
        return VerifyingKey(
            alpha: try g1(json.vkAlpha1, "vk_alpha_1"), beta: try g2(json.vkBeta2, "vk_beta_2"),
            gamma: try g2(json.vkGamma2, "vk_gamma_2"), delta: try g2(json.vkDelta2, "vk_delta_2"),
            inputCommitments: inputs, circuitDigest: circuitDigest)
    }

    /// The snarkjs form of a proof.
    public static func proof(_ proof: Proof) -> ProofJSON {
        ProofJSON(
            piA: proof.a.decimalStrings, piB: proof.b.decimalStrings, piC: proof.c.decimalStrings,
            protocolName: "groth16", curve: "bn128")
    }

    /// Reads a snarkjs proof (points validated).
    /// - Throws: ``Groth16Error`` `.malformedJSON` naming the field.
    public static func proof(from json: ProofJSON) throws(Groth16Error) -> Proof {
        Proof(a: try g1(json.piA, "pi_a"), b: try g2(json.piB, "pi_b"), c: try g1(json.piC, "pi_c"))
    }

    /// `public.json`: the public inputs as decimal strings.
    public static func publicInputs(_ inputs: [Fr]) -> [String] { inputs.map(\.description) }

    /// Reads `public.json`.
    /// - Throws: ``Groth16Error`` `.malformedPublicInput` for a value that is not a canonical Fr element.
    public static func publicInputs(from strings: [String]) throws(Groth16Error) -> [Fr] {
        var values: [Fr] = []
        for (index, text) in strings.enumerated() {
            do {
                values.append(try Fr(decimal: text))
            } catch {
                throw Groth16Error(
                    .malformedPublicInput, "public input \(index) is not a field element below r: \(error.message)")
            }
        }
        return values
    }

    private static func g1(_ strings: [String], _ field: String) throws(Groth16Error) -> G1Affine {
        do {
            return try G1Affine(decimalStrings: strings)
        } catch {
            throw Groth16Error(.malformedJSON, "\(field) is not a valid G1 point: \(error.message)")
        }
    }

    private static func g2(_ strings: [[String]], _ field: String) throws(Groth16Error) -> G2Affine {
        do {
            return try G2Affine(decimalStrings: strings)
        } catch {
            throw Groth16Error(.malformedJSON, "\(field) is not a valid G2 point: \(error.message)")
        }
    }
}
