import BN254

/// Generates an on-chain Groth16 verifier for a ``VerifyingKey``: a Vyper contract with the key embedded,
/// rendered from the template `Resources/Groth16Verifier.vy` (compiled into this module, so nothing is
/// read from disk at run time).
///
/// The contract has two entry points: snarkjs' `verifyProof(uint256[2] a, uint256[2][2] b, uint256[2] c,
/// uint256[N] input)` (b with the imaginary part first, as snarkjs' `exportSolidityCallData` writes it)
/// and `verifyCheckpoint(bytes proof, uint256[N] input)` taking the 256-byte ``Proof/encoded`` layout.
/// Both return `false` for a well-formed proof that does not verify and revert with a reason for public
/// inputs ≥ r, proof coordinates ≥ q, points off their curve, and a proof that is not 256 bytes. The
/// key's fingerprint and circuit digest are in the header comment and readable on-chain
/// (`KEY_FINGERPRINT()`, `CIRCUIT_DIGEST()`).
///
/// The output is deterministic: the same key (and title and input names) gives the same bytes.
///
/// ```swift
/// let source = try VerifierContractExporter(key: key, inputNames: ["jobId", "host"]).vyperSource()
/// ```
///
/// No Solidity export exists: no Solidity compiler can be installed where this is tested, and an
/// untested verifier is not offered.
public struct VerifierContractExporter: Sendable {
    /// The contract languages the exporter writes.
    public enum Format: String, Sendable, CaseIterable {
        /// Vyper 0.4.3 (`# pragma version 0.4.3`, EVM version cancun).
        case vyper
    }

    /// The most public inputs an exported contract supports: each input adds ~100 bytes of code and
    /// ~6,400 gas, and the EVM limits deployed code to 24,576 bytes (EIP-170).
    public static let maximumPublicInputs = 64

    /// The key embedded in the contract.
    public let key: VerifyingKey
    /// A line describing what the contract verifies (header comment only).
    public let title: String
    /// Names of the public inputs in order (header comment only); empty, or one per input.
    public let inputNames: [String]

    /// An exporter for `key`.
    /// - Parameters:
    ///   - key: the verifying key to embed.
    ///   - title: a one-line description for the header comment.
    ///   - inputNames: the public inputs' names, in order (empty for none, otherwise one per input).
    public init(key: VerifyingKey, title: String = "Groth16 proofs over BN254", inputNames: [String] = []) {
        self.key = key
        self.title = title
        self.inputNames = inputNames
    }

    /// The template the contract is rendered from (the file `Sources/Groth16/Resources/Groth16Verifier.vy`).
    public static var vyperTemplate: String { String(decoding: PackageResources.Groth16Verifier_vy, as: UTF8.self) }

    /// The contract source in `format`.
    /// - Throws: ``Groth16Error`` `.unsupportedExport` for a key without public inputs or with more than
    ///   ``maximumPublicInputs``, for input names that do not match the key, or for header text that
    ///   would break out of the header comment.
    public func source(format: Format = .vyper) throws(Groth16Error) -> String {
        switch format {
        case .vyper: try vyperSource()
        }
    }

    /// The Vyper contract source.
    /// - Throws: ``Groth16Error`` `.unsupportedExport` (see ``source(format:)``).
    public func vyperSource() throws(Groth16Error) -> String {
        let count = key.publicInputCount
        guard count >= 1, count <= Self.maximumPublicInputs else {
            throw Groth16Error(
                .unsupportedExport,
                "a verifier contract needs 1 to \(Self.maximumPublicInputs) public inputs; this key has \(count)")
        }
        guard inputNames.isEmpty || inputNames.count == count else {
            throw Groth16Error(
                .unsupportedExport, "\(inputNames.count) input names were given for a key with \(count) public inputs")
        }
        for text in [title] + inputNames where !Self.isSafeCommentText(text) {
            throw Groth16Error(
                .unsupportedExport,
                "header text must be printable ASCII without quotes or backslashes: \(text.debugDescription)")
        }
        guard key.circuitDigest.count == 32 else {
            throw Groth16Error(
                .unsupportedExport, "the key's circuit digest has \(key.circuitDigest.count) bytes, not 32")
        }
        return try render(Self.vyperTemplate, values: values(count: count))
    }

    private func values(count: Int) throws(Groth16Error) -> [String: String] {
        let fingerprint = key.fingerprint
        let digest = Self.hex(key.circuitDigest)
        var values: [String: String] = [
            "TITLE": title,
            "KEY_FINGERPRINT": fingerprint,
            "CIRCUIT_DIGEST": digest,
            "KEY_FINGERPRINT_HEX": "0x" + fingerprint,
            "CIRCUIT_DIGEST_HEX": "0x" + digest,
            "INPUT_COUNT": String(count),
            "INPUT_NAMES": inputNames.isEmpty ? "" : " (" + inputNames.joined(separator: ", ") + ")",
        ]
        let alpha = try Self.words(key.alpha.uncompressedBytes)
        values["ALPHA_X"] = alpha[0]
        values["ALPHA_Y"] = alpha[1]
        for (name, point) in [("BETA", key.beta), ("GAMMA", key.gamma), ("DELTA", key.delta)] {
            // EVM layout: x.c1, x.c0, y.c1, y.c0. Negated here so that the contract passes the
            // proof's A to the pairing as it is: e(A, B) e(alpha, -beta) e(vk_x, -gamma) e(C, -delta).
            let words = try Self.words((-point).uncompressedBytes)
            values[name + "_X1"] = words[0]
            values[name + "_X0"] = words[1]
            values[name + "_NEG_Y1"] = words[2]
            values[name + "_NEG_Y0"] = words[3]
        }
        var constants: [String] = []
        for (index, point) in key.inputCommitments.enumerated() {
            let words = try Self.words(point.uncompressedBytes)
            constants.append("IC\(index)_X: constant(uint256) = \(words[0])")
            constants.append("IC\(index)_Y: constant(uint256) = \(words[1])")
        }
        values["IC_CONSTANTS"] = constants.joined(separator: "\n")
        // Bitwise: one jump for all inputs instead of one per input (`and` short-circuits).
        values["INPUT_RANGE_CONDITION"] =
            (0..<count).map { "convert(input[\($0)] < R, uint256)" }.joined(separator: " & ") + " == 1"
        values["INPUT_ACCUMULATION"] = Self.accumulation(count: count)
        return values
    }

    /// The statements computing `vk_x = IC0 + Σ input[i] · IC(i+1)`: nested `ecadd(…, ecmul(…))` in groups
    /// of ``accumulationGroup`` terms, one statement per group.
    ///
    /// Nesting saves the copy of the running sum in and out of a variable at every term; splitting into
    /// statements lets Vyper reuse the precompile buffers of one statement in the next (it frees
    /// temporaries per statement), which keeps memory expansion down. Measured on the checkpoint key
    /// (5 inputs): groups of 3 cost 36 gas less than one statement of 5 and 144 less than one per term.
    static func accumulation(count: Int) -> String {
        var lines: [String] = []
        var sum = "[IC0_X, IC0_Y]"
        for start in stride(from: 0, to: count, by: accumulationGroup) {
            var expression = sum
            for index in start..<min(start + accumulationGroup, count) {
                expression = "ecadd(\(expression), ecmul([IC\(index + 1)_X, IC\(index + 1)_Y], input[\(index)]))"
            }
            lines.append(start == 0 ? "    vk_x: uint256[2] = \(expression)" : "    vk_x = \(expression)")
            sum = "vk_x"
        }
        return lines.joined(separator: "\n")
    }

    /// Terms per accumulation statement (see ``accumulation(count:)``).
    static let accumulationGroup = 3

    /// Replaces every `{{NAME}}` in `template`; a name without a value is an error, never left in the output.
    private func render(_ template: String, values: [String: String]) throws(Groth16Error) -> String {
        var output = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw Groth16Error(.unsupportedExport, "internal: the verifier template has an unclosed {{")
            }
            let name = String(rest[open.upperBound..<close.lowerBound])
            guard let value = values[name] else {
                throw Groth16Error(.unsupportedExport, "internal: the verifier template names unknown value \(name)")
            }
            output += value
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    /// The 32-byte big-endian words of an EVM-layout encoding, in decimal.
    private static func words(_ bytes: [UInt8]) throws(Groth16Error) -> [String] {
        var words: [String] = []
        for start in stride(from: 0, to: bytes.count, by: 32) {
            do {
                words.append(try UInt256(bigEndianBytes: bytes[start..<min(start + 32, bytes.count)]).decimalString)
            } catch {
                throw Groth16Error(
                    .unsupportedExport, "internal: a key coordinate is not a 32-byte word: \(error.message)")
            }
        }
        return words
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }

    /// Printable ASCII without `"` and `\`: cannot end the docstring the header lives in.
    private static func isSafeCommentText(_ text: String) -> Bool {
        text.utf8.allSatisfy { (0x20...0x7E).contains($0) && $0 != 0x22 && $0 != 0x5C }
    }
}
