import Ethereum
import Foundation

/// The hidden `--batch` mode of the `eth` subcommands, used by the Python oracle tests: one JSON
/// object per stdin line in, one output line per request out (the result, or `error: message`).
enum EthBatch {
    /// One request line.
    struct Request {
        let fields: [String: JSONValue]

        func string(_ key: String) throws -> String {
            guard case .string(let text) = fields[key] else { throw EthCLIError("batch request lacks string \(key)") }
            return text
        }

        func optionalString(_ key: String) -> String? {
            if case .string(let text) = fields[key] { return text }
            return nil
        }

        func json(_ key: String) throws -> String {
            guard let value = fields[key] else { throw EthCLIError("batch request lacks \(key)") }
            return value.serialized
        }
    }

    static func run(_ handle: (Request) throws -> String) {
        while let line = readLine(strippingNewline: true) {
            guard !line.isEmpty else { continue }
            do {
                guard case .object(let fields) = try JSONValue(parsing: line) else {
                    throw EthCLIError("a batch line must be a JSON object")
                }
                print(try handle(Request(fields: fields)))
            } catch let error as EthereumError {
                print("error: \(error.code): \(error.message)")
            } catch {
                print("error: \(error)")
            }
        }
    }
}
