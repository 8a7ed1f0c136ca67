import Foundation

/// A function (or event, or error) signature parsed from text such as
/// `submitProofOfWork(uint256,uint256,bytes32,string,string)`.
///
/// The canonical ``signature`` (types normalised, no spaces) is what Solidity hashes: the first four
/// bytes of its Keccak-256 are the function ``selector``; all 32 bytes are an event's topic 0.
public struct ABIFunctionSignature: Sendable, Hashable, CustomStringConvertible {
    /// The name (empty for a bare type list `(T1,…)`).
    public let name: String
    /// The parameter types.
    public let inputs: [ABIType]
    /// The canonical signature, e.g. `f(uint256,string)`.
    public let signature: String
    /// The 4-byte function selector (computed once).
    public let selector: [UInt8]

    /// Creates a signature from parts.
    public init(name: String, inputs: [ABIType]) {
        self.name = name
        self.inputs = inputs
        self.signature = name + "(" + inputs.map(\.description).joined(separator: ",") + ")"
        self.selector = Array(Keccak256.hash(signature).prefix(4))
    }

    /// Parses `name(T1,…)` or `(T1,…)`.
    /// - Throws: ``EthereumError/Code/invalidType``.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let open = trimmed.firstIndex(of: "(") else {
            throw EthereumError(.invalidType, "a signature looks like name(type1,type2), got \(Hex.preview(text))")
        }
        let name = String(trimmed[..<open])
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "$") }),
            name.first.map({ !$0.isNumber }) ?? true
        else {
            throw EthereumError(.invalidType, "'\(name)' is not a valid function name in \(Hex.preview(text))")
        }
        self.init(name: name, inputs: try ABIType.parseList(String(trimmed[open...])))
    }

    /// The canonical signature.
    public var description: String { signature }

    /// Keccak-256 of the canonical signature (an event's topic 0).
    public var hash: [UInt8] { Keccak256.hash(signature) }

    /// The call data: the selector followed by the encoded arguments (just the arguments when the
    /// signature has no name).
    /// - Throws: ``EthereumError/Code/valueMismatch`` when the values do not fit the types.
    public func encodeCall(_ values: [ABIValue]) throws -> [UInt8] {
        let arguments = try ABICodec.encode(values, as: inputs)
        return name.isEmpty ? arguments : selector + arguments
    }
}
