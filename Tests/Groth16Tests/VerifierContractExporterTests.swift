import BN254
import Groth16
import Testing

@Suite("Verifier contract export")
struct VerifierContractExporterTests {
    let key = Fixture.shared.key.verifyingKey

    /// The line `NAME: … = value` of a constant in the generated source, or nil.
    func constant(_ name: String, in source: String) -> String? {
        source.split(separator: "\n").first { $0.hasPrefix("\(name): ") }.flatMap { line in
            line.split(separator: "=").last.map { String($0).trimmingCharacters(in: .whitespaces) }
        }
    }

    @Test("the same key always gives the same contract; another key another one")
    func deterministic() throws {
        let first = try VerifierContractExporter(key: key).vyperSource()
        let second = try VerifierContractExporter(key: key).vyperSource()
        #expect(first == second)
        let other = try Fixture(constraints: 40, publicInputs: 3, seed: 8).key.verifyingKey
        #expect(try VerifierContractExporter(key: other).vyperSource() != first)
    }

    @Test("the fingerprint and circuit digest are in the header and in on-chain constants")
    func fingerprintInHeader() throws {
        let source = try VerifierContractExporter(key: key, title: "test proofs").vyperSource()
        let digest = key.circuitDigest.map { String($0, radix: 16).leftPadded(2) }.joined()
        let header = source.components(separatedBy: "\"\"\"")[1]
        #expect(header.contains("fingerprint (SHA-256 of the key file): \(key.fingerprint)"))
        #expect(header.contains(digest))
        #expect(header.contains("test proofs"))
        #expect(constant("KEY_FINGERPRINT", in: source) == "0x" + key.fingerprint)
        #expect(constant("CIRCUIT_DIGEST", in: source) == "0x" + digest)
        #expect(constant("PUBLIC_INPUT_COUNT", in: source) == "3")
    }

    @Test(
        "every key point is embedded, G2 with the imaginary part first and beta, gamma, delta negated (checked against snarkjs' decimal form)"
    )
    func keyEmbedded() throws {
        let source = try VerifierContractExporter(key: key).vyperSource()
        #expect(!source.contains("{{"))
        #expect(constant("ALPHA_X", in: source) == key.alpha.decimalStrings[0])
        #expect(constant("ALPHA_Y", in: source) == key.alpha.decimalStrings[1])
        for (name, point) in [("BETA", key.beta), ("GAMMA", key.gamma), ("DELTA", key.delta)] {
            let snarkjs = point.decimalStrings  // [[x.c0, x.c1], [y.c0, y.c1], ["1", "0"]]
            #expect(constant("\(name)_X0", in: source) == snarkjs[0][0])
            #expect(constant("\(name)_X1", in: source) == snarkjs[0][1])
            // Stored negated: y + y' = 0 in F_q, componentwise, with y from snarkjs' form.
            for (component, suffix) in [(0, "Y0"), (1, "Y1")] {
                let stored = try #require(constant("\(name)_NEG_\(suffix)", in: source))
                #expect(try Fq(decimal: stored) + Fq(decimal: snarkjs[1][component]) == Fq.zero)
                #expect(stored != snarkjs[1][component])
            }
            #expect(constant("\(name)_Y0", in: source) == nil)
        }
        for (index, point) in key.inputCommitments.enumerated() {
            #expect(constant("IC\(index)_X", in: source) == point.decimalStrings[0])
            #expect(constant("IC\(index)_Y", in: source) == point.decimalStrings[1])
        }
    }

    @Test("generic over the input count: the interface and the input terms follow the key", arguments: [1, 5])
    func inputCount(inputs: Int) throws {
        let key = try Fixture(constraints: 8, publicInputs: inputs, seed: 3).key.verifyingKey
        let source = try VerifierContractExporter(key: key).vyperSource()
        #expect(source.contains("def verifyCheckpoint(proof: Bytes[256], input: uint256[\(inputs)]) -> bool:"))
        #expect(source.contains("c: uint256[2], input: uint256[\(inputs)]"))
        #expect(source.components(separatedBy: "ecmul([IC").count - 1 == inputs)
        #expect(source.contains("input[\(inputs - 1)] < R"))
        #expect(!source.contains("input[\(inputs)]"))
        #expect(constant("IC\(inputs)_X", in: source) != nil)
        #expect(constant("IC\(inputs + 1)_X", in: source) == nil)
    }

    @Test("input names go into the header")
    func inputNames() throws {
        let source = try VerifierContractExporter(key: key, inputNames: ["a", "b", "c"]).vyperSource()
        #expect(source.contains("Public inputs: 3 (a, b, c)"))
    }

    @Test("keys without inputs or with too many, wrong names and unsafe header text are refused")
    func refusals() throws {
        var none = key
        none.inputCommitments = [key.inputCommitments[0]]
        var many = key
        many.inputCommitments = Array(
            repeating: key.inputCommitments[0], count: VerifierContractExporter.maximumPublicInputs + 2)
        for candidate in [none, many] {
            #expect(throws: Groth16Error.self) { try VerifierContractExporter(key: candidate).vyperSource() }
        }
        #expect(throws: Groth16Error.self) { try VerifierContractExporter(key: key, inputNames: ["a"]).vyperSource() }
        for title in ["ends the docstring \"\"\"", "back\\slash", "new\nline"] {
            #expect(throws: Groth16Error.self) { try VerifierContractExporter(key: key, title: title).vyperSource() }
        }
        do {
            _ = try VerifierContractExporter(key: none).vyperSource()
        } catch {
            #expect(error.code == .unsupportedExport)
        }
    }

    @Test("the template is the committed file, with its placeholders")
    func template() {
        let template = VerifierContractExporter.vyperTemplate
        #expect(template.hasPrefix("# pragma version 0.4.3"))
        for name in ["KEY_FINGERPRINT_HEX", "INPUT_ACCUMULATION", "IC_CONSTANTS", "INPUT_RANGE_CONDITION"] {
            #expect(template.contains("{{\(name)}}"))
        }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
