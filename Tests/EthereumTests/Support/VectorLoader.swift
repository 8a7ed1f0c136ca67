import Ethereum
import Foundation
import TestSupport

/// Loads a JSON vector file from the test bundle's `Vectors` folder.
enum VectorLoader {
    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Vectors") else {
            throw EthereumError(.notFound, "vector file \(name).json is missing from the test bundle")
        }
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }
}

func hex(_ text: String) -> [UInt8] {
    (try? Hex.decode(text)) ?? []
}
