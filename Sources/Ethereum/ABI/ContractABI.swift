import Foundation

/// A contract's interface loaded from standard Solidity ABI JSON (the `abi` array `solc` and Foundry
/// emit, as kept in `contracts-abi/*.json`): its functions, events and custom errors.
public struct ContractABI: Sendable, Hashable {
    /// The functions, in file order (overloads appear once per signature).
    public let functions: [ABIFunction]
    /// The events.
    public let events: [ABIEvent]
    /// The custom errors.
    public let errors: [ABIErrorDefinition]

    /// Creates an ABI from parts.
    public init(functions: [ABIFunction], events: [ABIEvent], errors: [ABIErrorDefinition]) {
        self.functions = functions
        self.events = events
        self.errors = errors
    }

    /// Parses ABI JSON: a JSON array of entries, or an object with an `abi` array (Foundry artifacts).
    /// - Throws: ``EthereumError/Code/invalidJSON`` or ``EthereumError/Code/invalidType`` naming the entry.
    public init(json data: Data) throws {
        let entries: [Entry]
        do {
            let firstSymbol = data.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
            if firstSymbol == UInt8(ascii: "[") {
                entries = try JSONDecoder().decode([Entry].self, from: data)
            } else {
                entries = try JSONDecoder().decode(Artifact.self, from: data).abi
            }
        } catch {
            throw EthereumError(.invalidJSON, "not a Solidity ABI JSON array (or artifact with an abi key): \(error)")
        }
        var functions: [ABIFunction] = []
        var events: [ABIEvent] = []
        var errors: [ABIErrorDefinition] = []
        for entry in entries {
            let name = entry.name ?? ""
            do {
                switch entry.type ?? "function" {
                case "function":
                    functions.append(
                        ABIFunction(
                            name: name, inputs: try Self.parameters(entry.inputs),
                            outputs: try Self.parameters(entry.outputs),
                            stateMutability: entry.stateMutability ?? "nonpayable"))
                case "event":
                    events.append(
                        ABIEvent(
                            name: name, inputs: try Self.parameters(entry.inputs), anonymous: entry.anonymous ?? false))
                case "error":
                    errors.append(ABIErrorDefinition(name: name, inputs: try Self.parameters(entry.inputs)))
                default:
                    continue  // constructor, fallback, receive: nothing to call by name
                }
            } catch let error as EthereumError {
                throw EthereumError(error.code, "in ABI entry '\(name)': \(error.message)")
            }
        }
        self.init(functions: functions, events: events, errors: errors)
    }

    /// Loads an ABI JSON file.
    /// - Throws: ``EthereumError/Code/notFound`` when unreadable, or a parsing error.
    public init(contentsOfFile path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EthereumError(.notFound, "cannot read the ABI file \(path)")
        }
        do {
            try self.init(json: data)
        } catch let error as EthereumError {
            throw EthereumError(error.code, "\(path): \(error.message)")
        }
    }

    /// The function with this name, or with this full signature (to pick one overload).
    /// - Throws: ``EthereumError/Code/notFound``, or `valueMismatch` when a bare name is overloaded.
    public func function(_ nameOrSignature: String) throws -> ABIFunction {
        let matches = functions.filter { $0.signature == nameOrSignature || $0.name == nameOrSignature }
        guard let first = matches.first else {
            throw EthereumError(.notFound, "the ABI has no function \(nameOrSignature)")
        }
        guard matches.count == 1 || first.signature == nameOrSignature else {
            throw EthereumError(
                .valueMismatch,
                "\(nameOrSignature) is overloaded (\(matches.map(\.signature).joined(separator: ", "))); give the signature"
            )
        }
        return first
    }

    /// The event with this name or signature.
    /// - Throws: ``EthereumError/Code/notFound``.
    public func event(_ nameOrSignature: String) throws -> ABIEvent {
        guard let event = events.first(where: { $0.signature == nameOrSignature || $0.name == nameOrSignature }) else {
            throw EthereumError(.notFound, "the ABI has no event \(nameOrSignature)")
        }
        return event
    }

    /// Decodes a log with whichever event of this ABI has its topic 0.
    /// - Throws: ``EthereumError/Code/notFound`` when no event matches, or a decoding error.
    public func decodeLog(topics: [[UInt8]], data: [UInt8]) throws -> DecodedEvent {
        guard let first = topics.first, let event = events.first(where: { !$0.anonymous && $0.topic == first }) else {
            throw EthereumError(.notFound, "no event of this ABI has the log's topic 0")
        }
        return try event.decodeLog(topics: topics, data: data)
    }

    /// Decodes revert data with this ABI's custom errors (and `Error`/`Panic`).
    public func decodeRevert(_ data: [UInt8]) -> RevertReason {
        RevertReason.decode(data, errors: errors)
    }

    // MARK: JSON shapes

    struct Parameter: Decodable {
        let name: String?
        let type: String
        let components: [Parameter]?
        let indexed: Bool?
    }

    struct Entry: Decodable {
        let type: String?
        let name: String?
        let inputs: [Parameter]?
        let outputs: [Parameter]?
        let stateMutability: String?
        let anonymous: Bool?
    }

    struct Artifact: Decodable {
        let abi: [Entry]
    }

    static func parameters(_ list: [Parameter]?) throws -> [ABIParameter] {
        try (list ?? []).map { ABIParameter(name: $0.name ?? "", type: try type(of: $0), indexed: $0.indexed ?? false) }
    }

    /// The type of a JSON parameter: `tuple…` types take their components, keeping array suffixes.
    static func type(of parameter: Parameter) throws -> ABIType {
        guard parameter.type.hasPrefix("tuple") else { return try ABIType(parsing: parameter.type) }
        let suffix = parameter.type.dropFirst("tuple".count)
        let components = try (parameter.components ?? []).map { try type(of: $0).description }
        return try ABIType(parsing: "(" + components.joined(separator: ",") + ")" + suffix)
    }
}
