import ArgumentParser
import Ethereum
import Foundation

/// A command-line failure: printed as `Error: <message>` by ArgumentParser, exit code 1.
struct EthCLIError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }

    /// Wraps module errors so the message (not the type's debug form) reaches the user.
    static func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as EthereumError {
            throw EthCLIError("\(error.message) [\(error.code)]")
        }
    }
}

/// Shared helpers of the `eth` subcommands and their hidden `--batch` (JSON lines) modes.
enum EthCLI {
    /// Loads the signer from `--private-key-file`, or from HOST_PRIVATE_KEY when no file is given.
    static func signer(keyFile: String?) throws -> EthereumSigner {
        if let keyFile { return try EthereumSigner(contentsOfFile: keyFile) }
        guard ProcessInfo.processInfo.environment[EthereumSigner.environmentVariable] != nil else {
            throw EthCLIError("give --private-key-file FILE (mode 0600) or set HOST_PRIVATE_KEY")
        }
        return try EthereumSigner()
    }

    /// `abi-encode`: selector + arguments for `name(types)`, plain arguments for `(types)`.
    static func abiEncode(signature: String, argumentsJSON: String) throws -> String {
        let function = try ABIFunctionSignature(parsing: signature)
        let values = try ABIValue.values(json: try JSONValue(parsing: argumentsJSON), types: function.inputs)
        return Hex.encode(try function.encodeCall(values))
    }

    /// `abi-decode`: the values of `(types)` in `data` as a JSON array; with `name(types)` the data
    /// must start with that function's selector, which is skipped.
    static func abiDecode(types: String, data: String) throws -> String {
        let function = try ABIFunctionSignature(parsing: types)
        var bytes = try Hex.decode(data, requirePrefix: true)
        if !function.name.isEmpty {
            guard bytes.starts(with: function.selector) else {
                throw EthCLIError(
                    "the data does not start with the selector \(Hex.encode(function.selector)) of \(function)")
            }
            bytes.removeFirst(4)
        }
        return JSONValue.array(try ABICodec.decode(function.inputs, from: bytes).map(\.json)).serialized
    }

    /// Parses a decimal or 0x-hex 64-bit option.
    static func uint64(_ text: String, _ option: String) throws -> UInt64 {
        guard let value = try U256(parsing: text).uint64 else {
            throw EthCLIError("\(option) \(text) does not fit in 64 bits")
        }
        return value
    }
}
