import Commitment
import Ethereum
import Foundation
import Logging

/// Resolves configuration keys from a JSON file, the environment and defaults, collecting every problem
/// instead of stopping at the first.
struct ConfigurationLoader {
    let environment: [String: String]
    /// Values from the file, as environment-style text, by key path.
    private(set) var fileValues: [String: String] = [:]
    /// Problems found so far.
    private(set) var problems: [String] = []

    init(environment: [String: String]) { self.environment = environment }

    /// Reads and flattens the JSON file; unknown keys and wrongly typed values become problems.
    mutating func readFile(_ path: String) throws(ServiceError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServiceError(
                .configurationUnreadable,
                "cannot read the configuration file \(path); check the path (see config/proofnode.example.json)")
        }
        let root: JSONTree
        do {
            root = try JSONDecoder().decode(JSONTree.self, from: data)
        } catch {
            throw ServiceError(
                .configurationUnreadable, "the configuration file \(path) is not valid JSON: \(Self.describe(error))")
        }
        guard case .object(let object) = root else {
            throw ServiceError(.configurationUnreadable, "the configuration file \(path) must hold a JSON object")
        }
        flatten(object, prefix: "")
    }

    private mutating func flatten(_ object: [String: JSONTree], prefix: String) {
        for (name, value) in object.sorted(by: { $0.key < $1.key }) {
            let path = prefix.isEmpty ? name : "\(prefix).\(name)"
            if name.hasPrefix("_") { continue }  // `_comment` and the like
            if let key = ConfigurationKey.named(path) {
                if let text = text(of: value, for: key) { fileValues[path] = text }
            } else if case .object(let inner) = value,
                ConfigurationKey.all.contains(where: { $0.path.hasPrefix(path + ".") })
            {
                flatten(inner, prefix: path)
            } else {
                problems.append("unknown key \(path) in the configuration file (known keys: docs/CONFIGURATION.md)")
            }
        }
    }

    private mutating func text(of value: JSONTree, for key: ConfigurationKey) -> String? {
        switch (key.path, value) {
        case (_, .null):
            return nil
        case ("proofs.verifying_keys", .array(let items)):
            let paths = items.compactMap(\.scalarText)
            guard paths.count == items.count, !paths.isEmpty else {
                problems.append("proofs.verifying_keys must be a non-empty array of file paths")
                return nil
            }
            return paths.joined(separator: ":")
        case ("auth.tokens", .array(let items)):
            var entries: [String] = []
            for (index, item) in items.enumerated() {
                guard case .object(let fields) = item, let role = fields["role"]?.scalarText,
                    let hash = fields["sha256"]?.scalarText
                else {
                    problems.append("auth.tokens[\(index)] must be an object with role and sha256 (and a name)")
                    continue
                }
                let name = fields["name"]?.scalarText ?? "token\(index)"
                entries.append("\(name):\(role):\(hash)")
            }
            return entries.joined(separator: ",")
        default:
            guard let text = value.scalarText else {
                problems.append("\(key.path) must be a single value, not \(value.typeName)")
                return nil
            }
            return text
        }
    }

    /// The value of `key` and where it came from: the first non-empty environment variable, else the
    /// file, else the default.
    func value(_ key: ConfigurationKey) -> (text: String, source: String)? {
        for name in key.environment {
            if let text = environment[name], !text.isEmpty { return (text, name) }
        }
        if let text = fileValues[key.path] { return (text, "file") }
        return key.defaultValue.map { ($0, "default") }
    }

    /// Resolves every key into a typed configuration.
    func resolve() throws(ServiceError) -> ServiceConfiguration {
        var resolver = TypedResolver(loader: self)
        resolver.problems = problems
        let configuration = resolver.build()
        guard resolver.problems.isEmpty, let configuration else {
            throw ServiceError(
                .invalidConfiguration,
                "the configuration has \(resolver.problems.count) problem(s); fix them and start again "
                    + "(docs/CONFIGURATION.md lists every key)",
                problems: resolver.problems)
        }
        return configuration
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription
        }
        return "malformed JSON"
    }
}
